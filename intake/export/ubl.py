"""UBL 2.1 invoices as Peppol BIS Billing 3.0 asks for them, one XML file per document,
handed out together in a ZIP file.

Each filed bill becomes the invoice its vendor would have sent: the vendor is the seller
(``AccountingSupplierParty``), we are the buyer (``AccountingCustomerParty``). Elements
follow the UBL 2.1 Invoice schema's order. The mandatory ones of Peppol BIS Billing 3.0
are all written: ``CustomizationID`` (BT-24) and ``ProfileID`` (BT-23) with Peppol's
values, ``ID`` (BT-1), ``IssueDate`` (BT-2), ``InvoiceTypeCode`` 380 (BT-3),
``DocumentCurrencyCode`` (BT-5), ``BuyerReference`` (BT-10, PEPPOL-EN16931-R003), both
parties with ``EndpointID`` and its ``schemeID`` (BT-34/BT-49, R020/R010), country
(BT-40/BT-55) and legal name (BT-27/BT-44); the seller's VAT number (BT-31, BR-S-02);
``TaxTotal`` with one ``TaxSubtotal`` per category (BG-23); ``LegalMonetaryTotal``
(BT-106, BT-109, BT-112, BT-115); and per line ``ID``, ``InvoicedQuantity`` with a UN/ECE
Rec. 20 unit, ``LineExtensionAmount``, ``Item/Name``, ``ClassifiedTaxCategory`` and a
non-negative ``Price/PriceAmount`` (BR-27). ``DueDate`` (BT-9) is always given, as
BR-CO-25 asks of an invoice with an amount due. Our account code goes in
``AccountingCost`` (BT-19 and BT-133).

The VAT rate is not read from the document: it is the document's tax over its subtotal,
rounded to two decimals, category ``S`` (standard) or ``Z`` when there is no tax. So an
invoice at two rates comes out as one blended rate with the right amounts.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from decimal import Decimal

from intake.export.base import (
    CENT,
    ExportDoc,
    ExportError,
    ExportOptions,
    FormatBase,
    format_amount,
    format_date,
    format_number,
)

__all__ = ["CAC", "CBC", "CUSTOMIZATION_ID", "INVOICE", "PROFILE_ID", "UblFormat"]

INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"

ET.register_namespace("", INVOICE)
ET.register_namespace("cac", CAC)
ET.register_namespace("cbc", CBC)

#: Units as written on invoices, to UN/ECE Recommendation 20 codes; anything else is C62
#: ("one", a unit count).
UNITS = {
    "pc": "H87",
    "pcs": "H87",
    "piece": "H87",
    "pieces": "H87",
    "stk": "H87",
    "ea": "EA",
    "each": "EA",
    "h": "HUR",
    "hr": "HUR",
    "hrs": "HUR",
    "hour": "HUR",
    "hours": "HUR",
    "std": "HUR",
    "day": "DAY",
    "days": "DAY",
    "kg": "KGM",
    "g": "GRM",
    "t": "TNE",
    "m": "MTR",
    "m2": "MTK",
    "m²": "MTK",
    "km": "KMT",
    "l": "LTR",
}
ENDPOINT = re.compile(r"^(\d{4}):(\S+)$")


def parse_endpoint(value: str) -> tuple[str, str]:
    """``"0088:5790000435975"`` as (scheme, identifier); raises ExportError when malformed."""
    m = ENDPOINT.match(value.strip())
    if not m:
        raise ExportError(f"a Peppol endpoint is scheme:id, e.g. 0088:5790000435975, not {value!r}")
    return m.group(1), m.group(2)


def _el(parent: ET.Element, ns: str, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _amount(parent: ET.Element, tag: str, value: Decimal, currency: str) -> None:
    _el(parent, CBC, tag, format_amount(value), currencyID=currency)


def _tax_scheme(parent: ET.Element) -> None:
    _el(_el(parent, CAC, "TaxScheme"), CBC, "ID", "VAT")


def _party(
    parent: ET.Element, *, endpoint: str, name: str, country: str, vat_id: str | None
) -> None:
    party = _el(parent, CAC, "Party")
    scheme, ident = parse_endpoint(endpoint)
    _el(party, CBC, "EndpointID", ident, schemeID=scheme)
    _el(_el(party, CAC, "PartyName"), CBC, "Name", name)
    _el(_el(_el(party, CAC, "PostalAddress"), CAC, "Country"), CBC, "IdentificationCode", country)
    if vat_id:
        tax_scheme = _el(party, CAC, "PartyTaxScheme")
        _el(tax_scheme, CBC, "CompanyID", vat_id)
        _tax_scheme(tax_scheme)
    _el(_el(party, CAC, "PartyLegalEntity"), CBC, "RegistrationName", name)


def _category(parent: ET.Element, tag: str, code: str, percent: Decimal) -> None:
    cat = _el(parent, CAC, tag)
    _el(cat, CBC, "ID", code)
    _el(cat, CBC, "Percent", format_amount(percent))
    _tax_scheme(cat)


def tax_category(doc: ExportDoc) -> tuple[str, Decimal]:
    """The VAT category code (UNCL 5305) and rate of a document, from its amounts."""
    if doc.tax == 0:
        return "Z", Decimal(0)
    if doc.subtotal == 0:
        raise ExportError(f"document {doc.id} has tax on a zero subtotal")
    return "S", (doc.tax * 100 / doc.subtotal).quantize(CENT)


def render_invoice(doc: ExportDoc, options: ExportOptions) -> bytes:
    """One document as a UBL 2.1 / Peppol BIS 3.0 Invoice (UTF-8 XML)."""
    assert doc.currency and doc.due_date and doc.vendor_endpoint and doc.vendor_country
    currency = doc.currency
    root = ET.Element(f"{{{INVOICE}}}Invoice")
    _el(root, CBC, "CustomizationID", CUSTOMIZATION_ID)
    _el(root, CBC, "ProfileID", PROFILE_ID)
    _el(root, CBC, "ID", doc.number)
    _el(root, CBC, "IssueDate", format_date(doc.issue_date, "iso"))
    _el(root, CBC, "DueDate", format_date(doc.due_date, "iso"))
    _el(root, CBC, "InvoiceTypeCode", "380")
    _el(root, CBC, "Note", f"Intake document {doc.id}")
    _el(root, CBC, "DocumentCurrencyCode", currency)
    if doc.account != "(split)":
        _el(root, CBC, "AccountingCost", doc.account)
    _el(root, CBC, "BuyerReference", doc.po_number or doc.number)
    if doc.po_number:
        _el(_el(root, CAC, "OrderReference"), CBC, "ID", doc.po_number)
    _party(
        _el(root, CAC, "AccountingSupplierParty"),
        endpoint=doc.vendor_endpoint,
        name=doc.vendor,
        country=doc.vendor_country,
        vat_id=doc.vendor_vat_id,
    )
    _party(
        _el(root, CAC, "AccountingCustomerParty"),
        endpoint=options.company_endpoint,
        name=options.company_name,
        country=options.company_country,
        vat_id=None,
    )
    code, percent = tax_category(doc)
    tax_total = _el(root, CAC, "TaxTotal")
    _amount(tax_total, "TaxAmount", doc.tax, currency)
    subtotal = _el(tax_total, CAC, "TaxSubtotal")
    _amount(subtotal, "TaxableAmount", doc.subtotal, currency)
    _amount(subtotal, "TaxAmount", doc.tax, currency)
    _category(subtotal, "TaxCategory", code, percent)
    totals = _el(root, CAC, "LegalMonetaryTotal")
    _amount(totals, "LineExtensionAmount", doc.subtotal, currency)
    _amount(totals, "TaxExclusiveAmount", doc.subtotal, currency)
    _amount(totals, "TaxInclusiveAmount", doc.total, currency)
    _amount(totals, "PayableAmount", doc.total, currency)
    for line in doc.lines:
        quantity, price = line.quantity, line.unit_price
        if price < 0:  # BR-27: the price is never negative; a credit line has a negative qty
            quantity, price = -quantity, -price
        el = _el(root, CAC, "InvoiceLine")
        _el(el, CBC, "ID", str(line.position))
        unit = UNITS.get((line.unit or "").strip().casefold().rstrip("."), "C62")
        _el(el, CBC, "InvoicedQuantity", format_number(quantity), unitCode=unit)
        _amount(el, "LineExtensionAmount", line.amount, currency)
        _el(el, CBC, "AccountingCost", line.account)
        item = _el(el, CAC, "Item")
        _el(item, CBC, "Name", (line.description or line.label)[:200] or "(line)")
        if line.code:
            _el(_el(item, CAC, "SellersItemIdentification"), CBC, "ID", line.code)
        _category(item, "ClassifiedTaxCategory", code, percent)
        _el(_el(el, CAC, "Price"), CBC, "PriceAmount", format_number(price), currencyID=currency)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


def _member_name(doc: ExportDoc) -> str:
    return f"{doc.id}-{re.sub(r'[^A-Za-z0-9._-]+', '_', doc.number)[:80]}.xml"


class UblFormat(FormatBase):
    name = "ubl"
    title = "UBL 2.1 e-invoices, Peppol BIS 3.0 (ZIP of XML)"
    extension = "zip"
    media_type = "application/zip"
    requires = frozenset({"due_date", "currency", "peppol"})

    def check(self, options: ExportOptions) -> None:
        """Our own party must be known before any invoice can name us as its buyer."""
        missing = [
            name
            for name, value in (
                ("INTAKE_COMPANY_NAME", options.company_name),
                ("INTAKE_COMPANY_COUNTRY", options.company_country),
                ("INTAKE_COMPANY_ENDPOINT", options.company_endpoint),
            )
            if not value
        ]
        if missing:
            raise ExportError(f"UBL export needs {' and '.join(missing)} (see the README)")
        parse_endpoint(options.company_endpoint)

    def render(self, docs: Sequence[ExportDoc], options: ExportOptions) -> bytes:
        self.check(options)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for doc in docs:
                # A fixed time stamp: the same documents give the same bytes.
                info = zipfile.ZipInfo(_member_name(doc), date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, render_invoice(doc, options))
        return buf.getvalue()
