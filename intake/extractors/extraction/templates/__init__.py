"""Vendor templates in invoice2data's YAML format, read from ``INTAKE_TEMPLATES_DIR``.

A template names its vendor (``issuer``), the ``keywords`` that all appear in that vendor's
documents (and ``exclude_keywords`` that never do), and regexes for its ``fields`` (the
classic ``name: regex`` form and the parser form ``name: {parser: regex, regex: ...,
type: date}``, ``parser: static``, ``parser: lines``, and the older top-level ``lines``),
with ``options`` (``date_formats``, ``languages``, ``decimal_separator``, ``currency``,
``remove_whitespace``, ``remove_accents``, ``lowercase``, ``replace``). The first matching
template (highest ``priority`` first) whose ``required_fields`` are all found wins for the
fields it reads; the generic extractor's fields fill the rest.

Templates run over :func:`template_text`: the text ``pdftotext -layout`` gives
invoice2data, laid out from the record's words (text layer or OCR) by
:mod:`intake.extractors.extraction.templates.layout_text`; a field's ``area`` reads the words inside
it, and the ``tables`` plugin is run as invoice2data runs it.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from intake.extractors.extraction.templates.apply import matches, run_template, template_text
from intake.extractors.extraction.templates.loader import load_templates
from intake.record import Field, Record

__all__ = ["APPLIES_TO", "template_fields"]

logger = logging.getLogger(__name__)

#: Templates read business documents; contracts are left to their own extractor.
APPLIES_TO = frozenset({"invoice", "purchase_order", "estimate"})

#: What a template can still raise at run time (a bad group reference in a replacement,
#: an amount too large to add up): the template is skipped, extraction goes on.
_RUN_ERRORS = (re.error, ValueError, TypeError, IndexError, KeyError, ArithmeticError)


def template_fields(record: Record, folder: Path) -> dict[str, Field]:
    """The fields the best matching template of ``folder`` reads from ``record``, or none."""
    if record.doc_type not in APPLIES_TO:
        return {}
    templates = load_templates(folder)
    if not templates:
        return {}
    text = template_text(record)
    pages = None if record.kind == "text" else record.pages  # plain text has no areas
    partial: dict[str, Field] | None = None
    for template in templates:
        if not matches(template, text):
            continue
        try:
            fields, missing = run_template(template, text, pages)
        except _RUN_ERRORS:
            logger.exception("[%s] template %s failed; skipped", record.short_id, template.name)
            continue
        if not missing:
            logger.info("[%s] template %s: %s", record.short_id, template.name, sorted(fields))
            return fields
        logger.info(
            "[%s] template %s matched but found no %s",
            record.short_id,
            template.name,
            ", ".join(sorted(missing)),
        )
        if partial is None:
            partial = fields
    return partial or {}
