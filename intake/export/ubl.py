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

VAT: each line's rate is the one its tax code names ("19%"; see
:func:`intake.export.prepare.spread_tax`), and there is one ``TaxSubtotal`` per category
and rate (BR-CO-17, BR-S-09), never a blended percentage: a document whose rates are not
known, or whose tax disagrees with them, is not exported. A zero-rated line is ``Z``,
or ``AE`` (reverse charge, VATEX-EU-AE) or ``K`` (intra-EU supply, VATEX-EU-IC, with the
delivery date and country BR-IC-11/12 ask for) where the document says so.

The seller's address, telephone, e-mail and IBAN (``PaymentMeans`` 58, SEPA credit
transfer) come from the document's text (:mod:`intake.export.sender`), ours from the
``INTAKE_COMPANY_*`` settings. The national rules of Peppol BIS 3.0 that need them are
checked before the file is made (:func:`peppol_reasons`): for a German seller and buyer
DE-R-001 (payment instructions), DE-R-002/005/006/007 (seller contact), DE-R-003/004
and DE-R-008/009 (cities and post codes); for a Dutch supplier NL-R-002 (address) and
NL-R-007 (payment means). Every text goes through :func:`one_line`, so no control
character can make the XML malformed.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from intake.export.base import (
    ExportDoc,
    ExportError,
    ExportOptions,
    FormatBase,
    Screening,
    format_amount,
    format_date,
    format_number,
    one_line,
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
        # No control character (XML 1.0 forbids most), no line break inside a value.
        el.text = one_line(text)
    return el


def _amount(parent: ET.Element, tag: str, value: Decimal, currency: str) -> None:
    _el(parent, CBC, tag, format_amount(value), currencyID=currency)


def _tax_scheme(parent: ET.Element) -> None:
    _el(_el(parent, CAC, "TaxScheme"), CBC, "ID", "VAT")


@dataclass(frozen=True)
class _Party:
    endpoint: str
    name: str
    country: str
    vat_id: str | None = None
    street: str = ""
    city: str = ""
    postcode: str = ""
    telephone: str = ""
    email: str = ""


def _address(parent: ET.Element, tag: str, party: _Party) -> None:
    address = _el(parent, CAC, tag)
    for name, value in (
        ("StreetName", party.street),
        ("CityName", party.city),
        ("PostalZone", party.postcode),
    ):
        if value:
            _el(address, CBC, name, value)
    _el(_el(address, CAC, "Country"), CBC, "IdentificationCode", party.country)


def _party(parent: ET.Element, party: _Party) -> None:
    el = _el(parent, CAC, "Party")
    scheme, ident = parse_endpoint(party.endpoint)
    _el(el, CBC, "EndpointID", ident, schemeID=scheme)
    _el(_el(el, CAC, "PartyName"), CBC, "Name", party.name)
    _address(el, "PostalAddress", party)
    if party.vat_id:
        tax_scheme = _el(el, CAC, "PartyTaxScheme")
        _el(tax_scheme, CBC, "CompanyID", party.vat_id)
        _tax_scheme(tax_scheme)
    _el(_el(el, CAC, "PartyLegalEntity"), CBC, "RegistrationName", party.name)
    if party.telephone or party.email:  # BG-6, BT-41..43
        contact = _el(el, CAC, "Contact")
        _el(contact, CBC, "Name", party.name)
        if party.telephone:
            _el(contact, CBC, "Telephone", party.telephone)
        if party.email:
            _el(contact, CBC, "ElectronicMail", party.email)


#: VAT category (UNCL 5305) of a zero-rated line, by what the document says, with the
#: exemption reason code (CEF VATEX) and text that EN 16931 asks of that category.
ZERO_RATED = {
    "": ("Z", None, None),
    "reverse_charge": ("AE", "VATEX-EU-AE", "Reverse charge"),
    "intra_eu": ("K", "VATEX-EU-IC", "Intra-community supply"),
}


def tax_category(doc: ExportDoc, rate: Decimal) -> str:
    """The VAT category code (UNCL 5305) of a line at ``rate`` on ``doc``."""
    return "S" if rate > 0 else ZERO_RATED[doc.sender.vat_note][0]


def _category(parent: ET.Element, tag: str, code: str, percent: Decimal, reason: bool) -> None:
    cat = _el(parent, CAC, tag)
    _el(cat, CBC, "ID", code)
    _el(cat, CBC, "Percent", format_number(percent))
    if reason:
        for zero_code, vatex, text in ZERO_RATED.values():
            if zero_code == code and vatex and text:
                _el(cat, CBC, "TaxExemptionReasonCode", vatex)
                _el(cat, CBC, "TaxExemptionReason", text)
    _tax_scheme(cat)


def _breakdown(doc: ExportDoc) -> dict[tuple[str, Decimal], tuple[Decimal, Decimal]]:
    """One VAT breakdown (BG-23) per category and rate: (taxable amount, tax amount)."""
    groups: dict[tuple[str, Decimal], tuple[Decimal, Decimal]] = {}
    for line in doc.lines:
        assert line.rate is not None
        key = (tax_category(doc, line.rate), line.rate)
        taxable, tax = groups.get(key, (Decimal(0), Decimal(0)))
        groups[key] = (taxable + line.amount, tax + line.tax)
    return groups


#: Countries of the Single Euro Payments Area, whose IBANs take SEPA credit transfer (58).
SEPA = frozenset(
    "AD AT BE BG CH CY CZ DE DK EE ES FI FR GB GI GR HR HU IE IS IT LI LT LU LV MC MT NL NO PL"
    " PT RO SE SI SK SM VA".split()
)


def render_invoice(doc: ExportDoc, options: ExportOptions) -> bytes:
    """One document as a UBL 2.1 / Peppol BIS 3.0 Invoice (UTF-8 XML)."""
    assert doc.currency and doc.due_date and doc.vendor_endpoint and doc.vendor_country
    currency = doc.currency
    sender = doc.sender
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
        _Party(
            doc.vendor_endpoint,
            doc.vendor,
            doc.vendor_country,
            doc.vendor_vat_id,
            sender.street,
            sender.city,
            sender.postcode,
            sender.telephone,
            sender.email,
        ),
    )
    buyer = _Party(
        options.company_endpoint,
        options.company_name,
        options.company_country,
        options.company_vat_id or None,
        options.company_street,
        options.company_city,
        options.company_postcode,
    )
    _party(_el(root, CAC, "AccountingCustomerParty"), buyer)
    groups = _breakdown(doc)
    if any(code == "K" for code, _ in groups):
        # BR-IC-11/12: an intra-EU supply names its delivery date and country; the bill's
        # date stands for the delivery date, our address for where it went.
        delivery = _el(root, CAC, "Delivery")
        _el(delivery, CBC, "ActualDeliveryDate", format_date(doc.issue_date, "iso"))
        _address(_el(delivery, CAC, "DeliveryLocation"), "Address", buyer)
    if sender.iban:
        means = _el(root, CAC, "PaymentMeans")
        _el(means, CBC, "PaymentMeansCode", "58" if sender.iban[:2] in SEPA else "30")
        _el(means, CBC, "PaymentID", doc.number)
        _el(_el(means, CAC, "PayeeFinancialAccount"), CBC, "ID", sender.iban)
    tax_total = _el(root, CAC, "TaxTotal")
    _amount(tax_total, "TaxAmount", doc.tax, currency)
    for (code, rate), (taxable, tax) in groups.items():
        subtotal = _el(tax_total, CAC, "TaxSubtotal")
        _amount(subtotal, "TaxableAmount", taxable, currency)
        _amount(subtotal, "TaxAmount", tax, currency)
        _category(subtotal, "TaxCategory", code, rate, reason=True)
    totals = _el(root, CAC, "LegalMonetaryTotal")
    _amount(totals, "LineExtensionAmount", doc.subtotal, currency)
    _amount(totals, "TaxExclusiveAmount", doc.subtotal, currency)
    _amount(totals, "TaxInclusiveAmount", doc.total, currency)
    _amount(totals, "PayableAmount", doc.total, currency)
    for line in doc.lines:
        assert line.rate is not None
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
        _el(item, CBC, "Name", one_line(line.description or line.label)[:200] or "(line)")
        if line.code:
            _el(_el(item, CAC, "SellersItemIdentification"), CBC, "ID", line.code)
        _category(item, "ClassifiedTaxCategory", tax_category(doc, line.rate), line.rate, False)
        _el(_el(el, CAC, "Price"), CBC, "PriceAmount", format_number(price), currencyID=currency)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


def peppol_reasons(doc: ExportDoc, options: ExportOptions) -> list[str]:
    """What the Peppol rules for this seller and buyer need that ``doc`` lacks."""
    reasons = []
    if any(line.rate is None for line in doc.lines) and not doc.tax_mismatch:
        reasons.append(
            "its VAT rates are not known: name the rate in each tax code (e.g. '19%'),"
            " per vendor or product category"
        )
    sender, seller, buyer = doc.sender, doc.vendor_country, options.company_country
    need: list[tuple[bool, str]] = []
    zero_rated = any(line.rate == 0 for line in doc.lines)
    if sender.vat_note and zero_rated and not options.company_vat_id:
        need.append((True, "our VAT number (INTAKE_COMPANY_VAT_IDS), which a reverse-charge"
                           " or intra-EU invoice names (BR-AE-02, BR-IC-02)"))  # fmt: skip
    if seller == "DE" and buyer == "DE":
        need += [
            (not sender.iban, "an IBAN on the document (DE-R-001, payment instructions)"),
            (not sender.telephone, "the seller's telephone on the document (DE-R-002, DE-R-006)"),
            (not sender.email, "the seller's e-mail address on the document (DE-R-002, DE-R-007)"),
            (not (sender.city and sender.postcode),
             "the seller's post code and city on the document (DE-R-003, DE-R-004)"),
            (not (options.company_city and options.company_postcode),
             "our city and post code (INTAKE_COMPANY_CITY, INTAKE_COMPANY_POSTCODE;"
             " DE-R-008, DE-R-009)"),
        ]  # fmt: skip
    if seller == "NL":
        need += [
            (not (sender.street and sender.city and sender.postcode),
             "the supplier's street, post code and city on the document (NL-R-002)"),
            (not sender.iban and doc.total > 0,
             "an IBAN on the document (NL-R-007, payment means)"),
        ]  # fmt: skip
    reasons += [f"Peppol needs {what}" for missing, what in need if missing]
    return reasons


def _member_name(doc: ExportDoc) -> str:
    return f"{doc.id}-{re.sub(r'[^A-Za-z0-9._-]+', '_', doc.number)[:80]}.xml"


class UblFormat(FormatBase):
    name = "ubl"
    title = "UBL 2.1 e-invoices, Peppol BIS 3.0 (ZIP of XML)"
    extension = "zip"
    media_type = "application/zip"
    requires = frozenset({"due_date", "currency", "peppol", "rates"})

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

    def screen(self, docs: Sequence[ExportDoc], options: ExportOptions) -> Screening:
        blocked = {d.id: tuple(r) for d in docs if (r := peppol_reasons(d, options))}
        return Screening(blocked=blocked)

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
