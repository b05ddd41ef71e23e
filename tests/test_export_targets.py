"""Each target's own rules: bill numbers that repeat, tax per rate, one-line cells, field
lengths (Xero and QuickBooks Online bill imports, QuickBooks Desktop IIF), and the CLI's
file handling (issue 18, items 8 to 11)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from intake.db.engine import Database
from intake.export.generic import LINE_HEADER
from intake.export.qbo import HEADER as QBO_HEADER
from intake.export.rules import set_rule
from intake.export.xero import HEADER as XERO_HEADER
from intake.settings import Settings
from tests.export_fixtures import add_invoice
from tests.test_cli import invoke
from tests.test_export import code, export, parse_iif, read_csv

D = Decimal

# --- 8: two bills of one vendor with one number ---------------------------------------------


def test_two_bills_with_one_number_never_become_one_bill(db: Database, settings: Settings) -> None:
    first = add_invoice(db)
    # The same vendor and number, other amounts: a person marked it "not a duplicate".
    second = add_invoice(db, subtotal="100.00", tax="20.00", total="120.00", lines=[])
    code(db)
    for fmt, header, number_col in (("xero", XERO_HEADER, "*InvoiceNumber"),
                                    ("qbo", QBO_HEADER, "Bill no.")):  # fmt: skip
        result = export(db, settings, fmt)
        assert result.document_ids == (first,), fmt
        (blocked,) = result.blocked
        assert blocked.document_id == second
        assert f"document {first}" in blocked.reasons[0] and "next export" in blocked.reasons[0]
        rows = read_csv(result.content, header)
        assert len(rows) == 3 and {r[number_col] for r in rows} == {"INV-2024/118"}
        # The next export carries the other bill alone: one bill in its file.
        later = export(db, settings, fmt)
        assert later.document_ids == (second,) and later.blocked == ()
        assert len(read_csv(later.content, header)) == 1


# --- 9: tax per rate, no remainder on an empty line, one-line cells ---------------------------

MIXED = [
    {"description": "Cordless drill", "quantity": "1", "unit_price": "100.00",
     "amount": "100.00", "category": "Tools"},
    {"description": "Coffee beans", "quantity": "2", "unit_price": "25.00",
     "amount": "50.00", "category": "Food"},
]  # fmt: skip


def code_rates(db: Database, food: str = "7% Vorsteuer", tools: str = "19% Vorsteuer") -> None:
    code(db, tax_code=tools)
    set_rule(db, category="Tools", tax_code=tools, user="test")
    set_rule(db, category="Food", tax_code=food, user="test")


def test_each_line_is_taxed_at_the_rate_its_tax_code_names(
    db: Database, settings: Settings
) -> None:
    add_invoice(db, lines=MIXED, subtotal="150.00", tax="22.50", total="172.50")
    code_rates(db)
    rows = read_csv(export(db, settings, "xero").content, XERO_HEADER)
    assert [(r["*TaxType"], r["TaxAmount"]) for r in rows] == [
        ("19% Vorsteuer", "19.00"),  # 100.00 at 19 %
        ("7% Vorsteuer", "3.50"),  # 50.00 at 7 %, not a blended 15 % share
    ]
    qbo = read_csv(export(db, settings, "qbo").content, QBO_HEADER)
    assert [r["Line Tax Amount"] for r in qbo] == ["19.00", "3.50"]


def test_a_tax_that_disagrees_with_the_named_rates_is_not_exported(
    db: Database, settings: Settings
) -> None:
    add_invoice(db, lines=MIXED, subtotal="150.00", tax="30.00", total="180.00")
    code_rates(db)
    for fmt in ("xero", "qbo"):
        result = export(db, settings, fmt)
        assert result.empty
        (blocked,) = result.blocked
        assert "tax 30.00 is not 22.50 at the rates of its tax codes (19 %, 7 %)" in "".join(
            blocked.reasons
        )
    assert len(export(db, settings, "iif").document_ids) == 1  # IIF books the tax as a line


def test_unnamed_rates_leave_the_tax_for_the_target_to_compute(
    db: Database, settings: Settings
) -> None:
    lines = [dict(MIXED[0]), dict(MIXED[1], quantity="1", unit_price="30.00", amount="30.00")]
    add_invoice(db, lines=lines, subtotal="130.00", tax="21.10", total="151.10")  # 19 % + 7 %
    code_rates(db, food="Input VAT", tools="Input VAT")  # names no rate
    rows = read_csv(export(db, settings, "xero").content, XERO_HEADER)
    assert [r["TaxAmount"] for r in rows] == ["", ""]  # Xero computes it from TaxType


def test_no_rounding_remainder_lands_on_an_empty_line(db: Database, settings: Settings) -> None:
    lines = [
        {"description": "Sample A", "quantity": "1", "unit_price": "2.50", "amount": "2.50"},
        {"description": "Sample B", "quantity": "1", "unit_price": "2.50", "amount": "2.50"},
        {"description": "Free gift", "quantity": "1", "unit_price": "0.00", "amount": "0.00"},
    ]
    add_invoice(db, lines=lines, subtotal="5.00", tax="0.95", total="5.95")
    code(db, tax_code="19% (VAT on Expenses)")
    rows = read_csv(export(db, settings, "csv", lines=True).content, LINE_HEADER)
    taxes = [D(r["tax"]) for r in rows]
    assert taxes[2] == 0 and all(t >= 0 for t in taxes) and sum(taxes) == D("0.95")
    for r in rows[:2]:
        assert abs(D(r["tax"]) - D(r["amount"]) * D("0.19")) <= D("0.01")
    xero = read_csv(export(db, settings, "xero").content, XERO_HEADER)
    assert [r["TaxAmount"] for r in xero][2] == "0.00"


def test_line_breaks_stay_out_of_cells(db: Database, settings: Settings) -> None:
    lines = [{"description": "Cordless drill\n18V,\r\nwith case", "quantity": "1",
              "unit_price": "392.50", "amount": "392.50"}]  # fmt: skip
    vendor = "Acme Tools GmbH\nPurchasing\tdept."
    add_invoice(db, vendor=vendor, lines=lines)
    code(db, vendor=vendor)
    for fmt, header in (("xero", XERO_HEADER), ("qbo", QBO_HEADER), ("csv", LINE_HEADER)):
        data = export(db, settings, fmt, lines=True).content
        rows = read_csv(data, header)  # strict: one physical line per row
        assert len(rows) == 1 and data.count(b"\n") == 2, fmt
        cells = " ".join(rows[0].values())
        assert "Cordless drill 18V, with case" in cells and "\t" not in cells, fmt
        assert "Acme Tools GmbH Purchasing dept." in cells, fmt
    (bill,) = parse_iif(export(db, settings, "iif").content)
    assert bill["trns"][0]["NAME"] == "Acme Tools GmbH Purchasing dept."


# --- 10: field lengths -----------------------------------------------------------------------


def test_qbo_bill_numbers_are_cut_to_21_characters_with_a_warning(
    db: Database, settings: Settings
) -> None:
    number = "INV-2024/000118-CORRECTED-B"  # 27 characters
    doc_id = add_invoice(db, number=number)
    code(db)
    result = export(db, settings, "qbo")
    assert result.document_ids == (doc_id,)
    rows = read_csv(result.content, QBO_HEADER)
    assert {r["Bill no."] for r in rows} == {number[-21:]}
    assert all(len(r["Bill no."]) <= 21 and number in r["Memo"] for r in rows)
    (warned,) = result.warned
    assert warned.document_id == doc_id and "21 characters" in warned.reasons[0]


def test_iif_names_are_cut_to_41_characters_and_kept_apart(
    db: Database, settings: Settings
) -> None:
    long = "Acme Precision Tools and Industrial Supplies GmbH & Co. KG"
    twin = "Acme Precision Tools and Industrial Supplies Ltd (UK branch)"
    first = add_invoice(db, vendor=long)
    second = add_invoice(db, vendor=twin, number="T-1")
    code(db, vendor=long)
    code(db, vendor=twin)
    result = export(db, settings, "iif")
    assert result.document_ids == (first,)
    (bill,) = parse_iif(result.content)
    names = {bill["trns"][0]["NAME"], *(s["NAME"] for s in bill["spl"])}
    assert names == {long[:41].rstrip()} and len(long[:41]) == 41
    assert [w.document_id for w in result.warned] == [first]
    (blocked,) = result.blocked
    assert blocked.document_id == second and "same name" in blocked.reasons[0]


# --- 11: the CLI writes the file before it records the batch ----------------------------------


def test_export_into_a_missing_folder_records_nothing(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    add_invoice(db)
    code(db)
    code_, out = invoke(settings, "export", "--format", "qbo", "-o",
                        str(tmp_path / "no-such-folder" / "bills.csv"))  # fmt: skip
    assert code_ == 1 and "cannot write" in out and "nothing was exported" in out
    assert "Traceback" not in out
    code_, out = invoke(settings, "export", "batches")
    assert out.strip() == ""  # no batch recorded
    target = tmp_path / "bills.csv"
    code_, out = invoke(settings, "export", "--format", "qbo", "-o", str(target))
    assert code_ == 0 and "export batch 1: 1 documents" in out and target.exists()
    assert not list(tmp_path.glob(".intake-export-*"))  # no temporary file left behind


def test_again_resends_one_document_and_honours_lines(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    add_invoice(db)
    second = add_invoice(db, number="INV-2")
    code(db)
    code_, _ = invoke(settings, "export", "--format", "csv", "-o", str(tmp_path / "all.csv"))
    assert code_ == 0
    one = tmp_path / "one.csv"
    code_, out = invoke(settings, "export", "--again", "1", "--document", str(second),
                        "--lines", "-o", str(one))  # fmt: skip
    assert code_ == 0 and "export batch 2: 1 documents" in out
    rows = read_csv(one.read_bytes(), LINE_HEADER)  # one row per line: --lines honoured
    assert {r["number"] for r in rows} == {"INV-2"} and len(rows) == 3
    code_, out = invoke(settings, "export", "--again", "1", "--document", "999")
    assert code_ == 1 and "batch 1 has no document 999" in out
    code_, out = invoke(settings, "export", "--format", "csv", "--document", str(second))
    assert code_ == 2 and "--again" in out
