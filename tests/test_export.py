"""Export to accounting: every format parsed strictly, batches, coding rules, safety."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from decimal import Decimal

import pytest

from intake.db.engine import Database
from intake.errors import NotFound
from intake.export.base import ExportError, safe_text
from intake.export.batches import ExportRequest, ExportResult, batch_file, list_batches, run_export
from intake.export.iif import SPL_HEADER, TRNS_HEADER
from intake.export.qbo import HEADER as QBO_HEADER
from intake.export.rules import set_rule
from intake.export.ubl import CAC, CBC, CUSTOMIZATION_ID, INVOICE, PROFILE_ID
from intake.export.xero import HEADER as XERO_HEADER
from intake.settings import Settings
from tests.export_fixtures import add_invoice, correct_total, peppol_settings, race_exports

EVIL = '=HYPERLINK("x")'


def code(db: Database, vendor: str = "Acme Tools GmbH", **values: str) -> None:
    values = {"account": "5000", "tax_code": "20% (VAT on Expenses)"} | values
    set_rule(db, vendor=vendor, user="test", **values)


def export(db: Database, settings: Settings, fmt: str, **kw: object) -> ExportResult:
    return run_export(db, settings, ExportRequest(fmt, **kw), user="test")  # type: ignore[arg-type]


def read_csv(data: bytes, header: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
    """Parse strictly: UTF-8, the exact header, every row as long as the header."""
    text = data.decode("utf-8").removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert tuple(rows[0]) == tuple(header)
    assert all(len(r) == len(header) for r in rows[1:])
    return [dict(zip(header, r, strict=True)) for r in rows[1:]]


def d(text: str) -> Decimal:
    return Decimal(text)


# --- cells ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", EVIL])
def test_formula_triggers_get_a_quote(value: str) -> None:
    assert safe_text(value) == "'" + value


@pytest.mark.parametrize("value", ["Acme", "1-2", "a=b", "", "Ümlaut GmbH"])
def test_plain_text_is_left_alone(value: str) -> None:
    assert safe_text(value) == value


# --- formats -------------------------------------------------------------------------------


def test_csv_one_row_per_document_adds_up(db: Database, settings: Settings) -> None:
    first = add_invoice(db)
    add_invoice(db, number="INV-2", subtotal="100.00", tax="19.00", total="119.00", lines=[])
    code(db)
    result = export(db, settings, "csv")
    rows = read_csv(result.content, list(_generic_header(lines=False)))
    assert result.content.startswith("\ufeff".encode())  # Excel reads UTF-8 with a BOM
    assert [r["number"] for r in rows] == ["INV-2024/118", "INV-2"]
    assert rows[0]["document_id"] == str(first)
    assert rows[0]["issue_date"] == "2024-03-14" and rows[0]["due_date"] == "2024-04-13"
    assert (rows[0]["subtotal"], rows[0]["tax"], rows[0]["total"]) == ("392.50", "78.50", "471.00")
    assert rows[0]["account"] == "5000" and rows[0]["tax_code"] == "20% (VAT on Expenses)"
    for r in rows:
        assert d(r["subtotal"]) + d(r["tax"]) == d(r["total"])


def _generic_header(*, lines: bool) -> tuple[str, ...]:
    from intake.export.generic import DOCUMENT_HEADER, LINE_HEADER

    return LINE_HEADER if lines else DOCUMENT_HEADER


def test_csv_lines_one_row_per_line_with_tax_spread(db: Database, settings: Settings) -> None:
    add_invoice(db)
    code(db)
    rows = read_csv(export(db, settings, "csv", lines=True).content, _generic_header(lines=True))
    assert [r["code"] for r in rows] == ["AT-100", "AT-220", "AT-310"]
    assert [r["quantity"] for r in rows] == ["2", "5", "10"]
    assert [r["unit_price"] for r in rows] == ["129", "18.5", "4.2"]
    assert sum(d(r["amount"]) for r in rows) == d("392.50")
    assert sum(d(r["tax"]) for r in rows) == d("78.50")
    for r in rows:
        assert d(r["quantity"]) * d(r["unit_price"]) == d(r["amount"])


def test_json_amounts_are_exact_numbers(db: Database, settings: Settings) -> None:
    add_invoice(db, vendor="Müller & Söhne AG")
    code(db, vendor="Müller & Söhne AG")
    result = export(db, settings, "json")
    payload = json.loads(result.content.decode("utf-8"), parse_float=Decimal)
    assert payload["batch"] == result.batch_id
    (doc,) = payload["documents"]
    assert doc["vendor"] == "Müller & Söhne AG"  # UTF-8, not escaped
    assert doc["total"] == d("471.00") and doc["tax"] == d("78.50")
    assert sum(line["amount"] for line in doc["lines"]) + doc["tax"] == doc["total"]
    assert doc["issue_date"] == "2024-03-14"


def test_xero_bills_csv(db: Database, settings: Settings) -> None:
    add_invoice(db)
    code(db)
    rows = read_csv(export(db, settings, "xero").content, XERO_HEADER)
    assert len(rows) == 3  # one row per bill line
    for r in rows:
        assert r["*ContactName"] == "Acme Tools GmbH"
        assert r["*InvoiceNumber"] == "INV-2024/118"
        assert r["*InvoiceDate"] == "14/03/2024" and r["*DueDate"] == "13/04/2024"
        assert r["*AccountCode"] == "5000" and r["*TaxType"] == "20% (VAT on Expenses)"
        assert r["Total"] == "471.00" and r["Currency"] == "EUR"
        assert d(r["*Quantity"]) * d(r["*UnitAmount"]) > 0
    net = sum(d(r["*Quantity"]) * d(r["*UnitAmount"]) for r in rows)
    tax = sum(d(r["TaxAmount"]) for r in rows)
    assert net + tax == d("471.00")
    assert rows[0]["Description"] == "AT-100 Cordless drill 18V"


def test_xero_dates_follow_the_date_order_setting(db: Database, settings: Settings) -> None:
    add_invoice(db)
    code(db)
    us = settings.model_copy(update={"export_date_order": "mdy"})
    rows = read_csv(export(db, us, "xero").content, XERO_HEADER)
    assert rows[0]["*InvoiceDate"] == "03/14/2024"


def test_quickbooks_online_bills_csv(db: Database, settings: Settings) -> None:
    add_invoice(db, po_number="PO-77")
    code(db)
    rows = read_csv(export(db, settings, "qbo").content, QBO_HEADER)
    assert len(rows) == 3
    assert {r["Bill no."] for r in rows} == {"INV-2024/118"}
    assert rows[0]["Bill Date"] == "03/14/2024" and rows[0]["Due Date"] == "04/13/2024"
    assert "PO-77" in rows[0]["Memo"]
    total = sum(d(r["Line Amount"]) + d(r["Line Tax Amount"]) for r in rows)
    assert total == d("471.00")


def parse_iif(data: bytes) -> list[dict[str, list[dict[str, str]]]]:
    """Parse an IIF file strictly: the header block, then TRNS, SPL..., ENDTRNS groups."""
    lines = data.decode("utf-8").split("\r\n")
    assert lines[-1] == ""
    rows = [line.split("\t") for line in lines[:-1]]
    assert tuple(rows[0]) == TRNS_HEADER and tuple(rows[1]) == SPL_HEADER
    assert rows[2] == ["!ENDTRNS"]
    bills: list[dict[str, list[dict[str, str]]]] = []
    current: dict[str, list[dict[str, str]]] | None = None
    for row in rows[3:]:
        if row[0] == "TRNS":
            assert current is None, "TRNS inside a transaction"
            assert len(row) == len(TRNS_HEADER)
            current = {"trns": [dict(zip(TRNS_HEADER[1:], row[1:], strict=True))], "spl": []}
        elif row[0] == "SPL":
            assert current is not None and len(row) == len(SPL_HEADER)
            current["spl"].append(dict(zip(SPL_HEADER[1:], row[1:], strict=True)))
        else:
            assert row == ["ENDTRNS"] and current is not None and current["spl"]
            bills.append(current)
            current = None
    assert current is None, "transaction without ENDTRNS"
    return bills


def test_iif_bills_are_balanced(db: Database, settings: Settings) -> None:
    add_invoice(db)
    add_invoice(db, number="CN-1", subtotal="-50.00", tax="-10.00", total="-60.00", lines=[])
    code(db)
    bills = parse_iif(export(db, settings, "iif").content)
    assert len(bills) == 2
    for bill in bills:
        (trns,) = bill["trns"]
        assert trns["TRNSTYPE"] == "BILL" and trns["ACCNT"] == "Accounts Payable"
        assert all(s["TRNSTYPE"] == "BILL" for s in bill["spl"])
        # Balanced: the A/P amount is minus the sum of the distribution lines.
        assert d(trns["AMOUNT"]) == -sum(d(s["AMOUNT"]) for s in bill["spl"])
    first, credit = bills
    assert first["trns"][0]["AMOUNT"] == "-471.00" and first["trns"][0]["DATE"] == "03/14/2024"
    assert [s["ACCNT"] for s in first["spl"]] == ["5000"] * 4  # three lines and the tax
    assert credit["trns"][0]["AMOUNT"] == "60.00"  # a credit stays a number
    assert credit["spl"][0]["AMOUNT"] == "-50.00"


def ubl_invoices(data: bytes) -> dict[str, ET.Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        return {name: ET.fromstring(zf.read(name)) for name in zf.namelist()}


C = f"{{{CBC}}}"
A = f"{{{CAC}}}"
# The order of the UBL 2.1 Invoice schema's top-level elements that we write.
UBL_ORDER = [
    f"{C}CustomizationID", f"{C}ProfileID", f"{C}ID", f"{C}IssueDate", f"{C}DueDate",
    f"{C}InvoiceTypeCode", f"{C}Note", f"{C}DocumentCurrencyCode", f"{C}AccountingCost",
    f"{C}BuyerReference", f"{A}OrderReference", f"{A}AccountingSupplierParty",
    f"{A}AccountingCustomerParty", f"{A}TaxTotal", f"{A}LegalMonetaryTotal",
    f"{A}InvoiceLine",
]  # fmt: skip


def text(el: ET.Element, path: str) -> str:
    found = el.find(path, {"cbc": CBC, "cac": CAC})
    assert found is not None and found.text, f"missing {path}"
    return found.text


def test_ubl_invoices_carry_the_peppol_mandatory_elements(db: Database, settings: Settings) -> None:
    add_invoice(db, po_number="PO-77")
    code(db, country="DE", vat_id="DE123456789", endpoint="9930:DE123456789")
    result = export(db, peppol_settings(settings), "ubl")
    assert result.filename.endswith(".zip")
    (inv,) = ubl_invoices(result.content).values()
    assert inv.tag == f"{{{INVOICE}}}Invoice"
    tags = [child.tag for child in inv]
    assert sorted(set(tags), key=UBL_ORDER.index) == list(dict.fromkeys(tags))  # schema order
    assert text(inv, "cbc:CustomizationID") == CUSTOMIZATION_ID
    assert text(inv, "cbc:ProfileID") == PROFILE_ID
    assert text(inv, "cbc:ID") == "INV-2024/118"
    assert text(inv, "cbc:IssueDate") == "2024-03-14" and text(inv, "cbc:DueDate") == "2024-04-13"
    assert text(inv, "cbc:InvoiceTypeCode") == "380"
    assert text(inv, "cbc:DocumentCurrencyCode") == "EUR"
    assert text(inv, "cbc:BuyerReference") == "PO-77"
    seller = "cac:AccountingSupplierParty/cac:Party/"
    assert text(inv, seller + "cbc:EndpointID") == "DE123456789"
    assert inv.find(seller + "cbc:EndpointID", {"cac": CAC, "cbc": CBC}).get("schemeID") == "9930"  # type: ignore[union-attr]
    assert text(inv, seller + "cac:PostalAddress/cac:Country/cbc:IdentificationCode") == "DE"
    assert text(inv, seller + "cac:PartyTaxScheme/cbc:CompanyID") == "DE123456789"
    assert text(inv, seller + "cac:PartyLegalEntity/cbc:RegistrationName") == "Acme Tools GmbH"
    buyer = "cac:AccountingCustomerParty/cac:Party/"
    assert text(inv, buyer + "cbc:EndpointID") == "5790000435975"
    assert text(inv, buyer + "cac:PostalAddress/cac:Country/cbc:IdentificationCode") == "GB"
    assert text(inv, buyer + "cac:PartyLegalEntity/cbc:RegistrationName") == "Northwind Traders Ltd"

    # The business rules on the amounts (EN 16931 BR-CO-10, -13, -15, -17; BR-S-08; BR-27).
    ns = {"cbc": CBC, "cac": CAC}
    lines = inv.findall("cac:InvoiceLine", ns)
    assert len(lines) == 3
    line_sum = sum(d(text(li, "cbc:LineExtensionAmount")) for li in lines)
    totals = "cac:LegalMonetaryTotal/cbc:"
    assert d(text(inv, totals + "LineExtensionAmount")) == line_sum == d("392.50")
    assert d(text(inv, totals + "TaxExclusiveAmount")) == line_sum
    tax = d(text(inv, "cac:TaxTotal/cbc:TaxAmount"))
    assert d(text(inv, totals + "TaxInclusiveAmount")) == line_sum + tax == d("471.00")
    assert d(text(inv, totals + "PayableAmount")) == d("471.00")
    sub = "cac:TaxTotal/cac:TaxSubtotal/"
    assert d(text(inv, sub + "cbc:TaxableAmount")) == line_sum
    assert text(inv, sub + "cac:TaxCategory/cbc:ID") == "S"
    percent = d(text(inv, sub + "cac:TaxCategory/cbc:Percent"))
    assert percent == d("20.00")
    assert abs(line_sum * percent / 100 - tax) < 1
    assert text(inv, sub + "cac:TaxCategory/cac:TaxScheme/cbc:ID") == "VAT"
    for li in lines:
        qty = li.find("cbc:InvoicedQuantity", ns)
        assert qty is not None and qty.get("unitCode")
        price = d(text(li, "cac:Price/cbc:PriceAmount"))
        assert price >= 0
        assert d(qty.text or "") * price == d(text(li, "cbc:LineExtensionAmount"))
        assert text(li, "cac:Item/cbc:Name")
        assert text(li, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID") == "S"
        assert text(li, "cbc:AccountingCost") == "5000"
    for el in inv.iter():
        if el.tag.endswith("Amount") and el.tag != f"{C}BaseAmount":
            assert el.get("currencyID") == "EUR", el.tag


def test_ubl_needs_our_party_and_the_vendors_details(db: Database, settings: Settings) -> None:
    add_invoice(db)
    code(db)
    with pytest.raises(ExportError, match="INTAKE_COMPANY_ENDPOINT"):
        export(db, settings, "ubl")
    result = export(db, peppol_settings(settings), "ubl")
    assert result.empty
    (blocked,) = result.blocked
    assert any("Peppol endpoint" in r for r in blocked.reasons)
    assert any("VAT number" in r for r in blocked.reasons)


# --- batches -------------------------------------------------------------------------------


def test_a_second_export_without_again_is_empty(db: Database, settings: Settings) -> None:
    add_invoice(db)
    code(db)
    first = export(db, settings, "xero")
    assert first.batch_id is not None and len(first.document_ids) == 1
    second = export(db, settings, "xero")
    assert second.empty and second.document_ids == () and second.content == b""
    assert [b.id for b in list_batches(db)] == [first.batch_id]  # no empty batch recorded
    # Another format is another target: the document goes there once too.
    assert len(export(db, settings, "qbo").document_ids) == 1
    assert export(db, settings, "qbo").empty


def test_again_repeats_a_batch_exactly(db: Database, settings: Settings) -> None:
    a = add_invoice(db)
    b = add_invoice(db, number="INV-2")
    code(db)
    first = export(db, settings, "csv", lines=True)
    add_invoice(db, number="INV-3")  # filed after the batch: not part of it
    again = export(db, settings, "", again=first.batch_id)
    assert again.format == "csv" and again.document_ids == (a, b)
    assert again.batch_id != first.batch_id
    assert again.content == first.content  # byte for byte
    assert list_batches(db)[0].again_of_id == first.batch_id
    assert batch_file(db, first.batch_id or 0)[2] == first.content
    with pytest.raises(NotFound):
        export(db, settings, "", again=999)
    with pytest.raises(ExportError, match="was a csv export"):
        export(db, settings, "xero", again=first.batch_id)


def test_a_corrected_document_comes_back_flagged(db: Database, settings: Settings) -> None:
    doc_id = add_invoice(db)
    code(db)
    first = export(db, settings, "xero")
    correct_total(db, doc_id, total="480.00", tax="80.00", subtotal="400.00")
    later = export(db, settings, "xero")
    assert later.empty  # not sent again by accident ...
    assert [(c.document_id, c.batch_id) for c in later.changed] == [(doc_id, first.batch_id)]
    redo = export(db, settings, "xero", again=first.batch_id)  # ... but on purpose
    rows = read_csv(redo.content, XERO_HEADER)
    assert {r["Total"] for r in rows} == {"480.00"}
    assert export(db, settings, "xero").changed == ()  # the flag is cleared by the re-export


def test_a_duplicate_is_held_back(db: Database, settings: Settings) -> None:
    original = add_invoice(db)
    dup = add_invoice(db, duplicate_of_id=original)
    code(db)
    result = export(db, settings, "csv")
    assert result.document_ids == (original,)
    assert [(h.document_id, h.reasons) for h in result.held] == [
        (dup, (f"duplicate of document {original}",))
    ]


def test_only_the_type_and_dates_asked_for(db: Database, settings: Settings) -> None:
    import datetime as dt

    old = add_invoice(db, number="OLD", issue_date=dt.date(2023, 12, 1))
    new = add_invoice(db, number="NEW")
    po = add_invoice(db, number="PO-1", doc_type="purchase_order")
    code(db)
    assert export(db, settings, "csv", since=dt.date(2024, 1, 1)).document_ids == (new,)
    assert export(db, settings, "csv").document_ids == (old,)
    assert export(db, settings, "csv", doc_type="purchase_order").document_ids == (po,)


# --- coding and safety ---------------------------------------------------------------------


def test_a_document_without_an_account_code_is_listed_not_exported(
    db: Database, settings: Settings
) -> None:
    coded = add_invoice(db)
    uncoded = add_invoice(db, vendor="Globex Corporation", number="G-1")
    code(db)
    set_rule(db, vendor="Globex Corporation", tax_code="20% (VAT on Expenses)", user="test")
    result = export(db, settings, "xero")
    assert result.document_ids == (coded,)
    (blocked,) = result.blocked
    assert blocked.document_id == uncoded
    assert any("no account code" in r for r in blocked.reasons)
    rows = read_csv(result.content, XERO_HEADER)
    assert all(r["*AccountCode"] for r in rows)  # no blank slipped through
    # Once coded, it goes out with the next export.
    set_rule(db, vendor="Globex Corporation", account="6000", user="test")
    assert export(db, settings, "xero").document_ids == (uncoded,)


def test_a_category_rule_codes_its_lines(db: Database, settings: Settings) -> None:
    add_invoice(db, category="Tools")
    code(db)
    set_rule(db, category="Tools", account="1400", user="test")
    rows = read_csv(export(db, settings, "qbo").content, QBO_HEADER)
    assert {r["Account"] for r in rows} == {"1400"}  # the category wins for its lines
    assert {r["Line Tax Code"] for r in rows} == {"20% (VAT on Expenses)"}  # from the vendor


def test_lines_that_do_not_add_up_become_one_line(db: Database, settings: Settings) -> None:
    lines = [{"description": "Something", "quantity": "1", "unit_price": "10", "amount": "10"}]
    add_invoice(db, lines=lines)  # lines sum to 10, the subtotal is 392.50
    code(db)
    rows = read_csv(export(db, settings, "xero").content, XERO_HEADER)
    assert len(rows) == 1
    assert (rows[0]["*Quantity"], rows[0]["*UnitAmount"], rows[0]["TaxAmount"]) == (
        "1",
        "392.5",
        "78.50",
    )


def test_amounts_that_disagree_are_listed(db: Database, settings: Settings) -> None:
    add_invoice(db, total="500.00")  # 392.50 + 78.50 is not 500.00
    add_invoice(db, number="X", due_date=None)
    code(db)
    result = export(db, settings, "xero")
    assert result.empty
    reasons = {b.label.split()[0]: b.reasons for b in result.blocked}
    assert any("is not the total" in r for r in reasons["INV-2024/118"])
    assert reasons["X"] == ("no due date",)
    assert len(export(db, settings, "csv").document_ids) == 1  # CSV needs no due date


def test_a_vendor_named_like_a_formula_comes_out_inert(db: Database, settings: Settings) -> None:
    lines = [{"description": "-cmd|' /C calc'!A0", "quantity": "1", "unit_price": "-10.00",
              "amount": "-10.00"}]  # fmt: skip
    add_invoice(db, vendor=EVIL, number="@N1", lines=lines, subtotal="-10.00", tax="0.00",
                total="-10.00")  # fmt: skip
    code(db, vendor=EVIL, account="+5000", tax_code="No VAT")
    for fmt, header, name_col in [
        ("csv", _generic_header(lines=True), "vendor"),
        ("xero", XERO_HEADER, "*ContactName"),
        ("qbo", QBO_HEADER, "Supplier"),
    ]:
        result = export(db, settings, fmt, lines=True)
        rows = read_csv(result.content, header)
        for row in rows:
            for cell in row.values():
                # Every cell is inert text, or a plain number (a negative amount stays one).
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (fmt, cell)
                if cell.startswith("-"):
                    assert Decimal(cell) < 0, (fmt, cell)
        assert rows[0][name_col] == "'" + EVIL
    csv_rows = read_csv(batch_file(db, 1)[2], _generic_header(lines=True))
    assert csv_rows[0]["description"] == "'-cmd|' /C calc'!A0"
    assert csv_rows[0]["amount"] == "-10.00" and csv_rows[0]["account"] == "'+5000"
    bills = parse_iif(export(db, settings, "iif").content)
    assert bills[0]["trns"][0]["NAME"] == "'" + EVIL.replace('"', "'")
    assert bills[0]["trns"][0]["AMOUNT"] == "10.00"


def test_every_format_is_recorded_with_its_documents(db: Database, settings: Settings) -> None:
    add_invoice(db)
    code(db, country="DE", vat_id="DE123456789", endpoint="9930:DE123456789")
    formats = ["csv", "json", "xero", "qbo", "iif", "ubl"]
    for fmt in formats:
        assert len(export(db, peppol_settings(settings), fmt).document_ids) == 1, fmt
    by_format: dict[str, int] = defaultdict(int)
    for batch in list_batches(db):
        by_format[batch.format] += batch.document_count
        assert batch.user == "test" and batch.filename.startswith(f"intake-export-{batch.id}-")
    assert by_format == dict.fromkeys(formats, 1)


def test_the_database_refuses_a_second_first_export(db: Database, settings: Settings) -> None:
    from sqlalchemy.exc import IntegrityError

    from intake.db.export import ExportBatch, ExportItem
    from intake.db.models import utcnow

    doc_id = add_invoice(db)
    code(db)
    export(db, settings, "xero")
    with pytest.raises(IntegrityError), db.session() as s:
        batch = ExportBatch(format="xero", user="sneaky")
        s.add(batch)
        s.flush()
        s.add(ExportItem(batch_id=batch.id, document_id=doc_id, format="xero",
                         document_updated_at=utcnow()))  # fmt: skip


def test_racing_exports_send_each_document_once(db: Database, settings: Settings) -> None:
    for i in range(20):
        add_invoice(db, number=f"R-{i}")
    code(db)
    results = race_exports(settings)
    exported = [i for r in results if isinstance(r, ExportResult) for i in r.document_ids]
    assert len(exported) == len(set(exported)) == 20
    assert len(results) == 4
