"""``intake products``, ``intake documents`` through click's CliRunner on real files: catalog
import and re-import, the dossier as JSON, documents as JSON with the promised names."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from intake.cli import cli
from intake.db.models import LineItem, Product
from intake.documents.corrections.lines import correct_line
from intake.filing.wiring import Wiring
from intake.ingest.stages import Context
from tests.factory import make_pdf, sample_invoice
from tests.webtools import file_pdf

#: The matching memories Intake ships with (the composition\'s).
MEMORIES = Wiring.default().memories


def run(ctx: Context, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), obj=ctx.settings, catch_exceptions=False)
    return result.exit_code, result.output


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return str(path)


def test_import_creates_updates_by_sku_and_never_drops_links(ctx: Context, tmp_path: Path) -> None:
    first = write(
        tmp_path,
        "catalog.csv",
        "sku,name,unit,category,aliases\n"
        "AT-100,Cordless drill 18V,pc,Tools,BX-7781;Akku-Bohrschrauber 18 V\n"
        "AT-220,Drill bit set 25 pcs,set,Tools,\n"
        ",nameless row,,,\n"
        "AT-999,,,,\n",
        encoding="utf-8-sig",
    )
    code, out = run(ctx, "products", "import", first)
    assert code == 1  # two rows refused, the others imported
    assert "2 products added, 0 updated, 0 unchanged, 2 aliases added" in out
    assert "line 4: no SKU" in out and "line 5: AT-999 is new and has no name" in out
    doc = file_pdf(ctx, make_pdf(tmp_path / "inv.pdf", sample_invoice()))
    with ctx.db.session() as s:
        line = s.scalars(
            select(LineItem).where(LineItem.document_id == doc).order_by(LineItem.position)
        ).first()
        assert line is not None and line.match_method == "sku"
        correct_line(
            s, doc, line.id, {"product": "AT-220"}, user="ed", memories=MEMORIES
        )  # a person's link
    # Semicolons (a spreadsheet in a comma-decimal locale), other order, fewer columns.
    again = write(
        tmp_path,
        "catalog2.csv",
        "name;sku;category;aliases\n"
        "Akku-Bohrschrauber 18V;at-100;;BX-7781|BX 7782\n"
        "Safety goggles;AT-310;Safety;\n",
    )
    code, out = run(ctx, "products", "import", again)
    assert code == 0 and "1 products added, 1 updated, 0 unchanged, 1 aliases added" in out
    assert "matched the lines of 1 documents again" in out
    with ctx.db.session() as s:
        products = {p.sku: p for p in s.scalars(select(Product))}
        assert set(products) == {"AT-100", "AT-220", "AT-310"}
        drill = products["AT-100"]
        assert (drill.name, drill.unit, drill.category) == ("Akku-Bohrschrauber 18V", "pc", "Tools")
        assert sorted(a.alias for a in drill.aliases) == [
            "Akku-Bohrschrauber 18 V",
            "BX 7782",
            "BX-7781",
        ]
        lines = s.scalars(
            select(LineItem).where(LineItem.document_id == doc).order_by(LineItem.position)
        ).all()
        # The person's link stays; the line that had no product now has one.
        assert [(ln.product.sku if ln.product else None, ln.match_method) for ln in lines] == [
            ("AT-220", "user"),
            ("AT-220", "sku"),
            ("AT-310", "sku"),
        ]
    code, out = run(ctx, "products", "list", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["sku"], r["lines"]) for r in rows] == [("AT-100", 0), ("AT-220", 2), ("AT-310", 1)]


def test_import_refuses_what_is_not_a_catalog(ctx: Context, tmp_path: Path) -> None:
    bad = tmp_path / "catalog.csv"
    bad.write_bytes(b"\xff\xfe not utf-8 \x00")
    assert run(ctx, "products", "import", str(bad)) == (
        1,
        "refused: the file is not UTF-8 text\n0 products added, 0 updated, 0 unchanged, "
        "0 aliases added\n",
    )
    code, out = run(ctx, "products", "import", write(tmp_path, "x.csv", "code,title\nA,B\n"))
    assert code == 1 and "the header lacks the column(s) sku, name" in out


def test_show_gives_the_dossier(ctx: Context, tmp_path: Path) -> None:
    run(ctx, "products", "import", write(tmp_path, "c.csv", "sku,name\nAT-100,Cordless drill\n"))
    file_pdf(ctx, make_pdf(tmp_path / "po.pdf", sample_invoice(doc_type="purchase_order",
                                                               number="PO-1")))  # fmt: skip
    file_pdf(ctx, make_pdf(tmp_path / "i.pdf", sample_invoice(po_number="PO-1")), folder="invoices")
    code, out = run(ctx, "products", "show", "at-100", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "sku", "name", "unit", "category", "aliases", "documents", "price_history",
        "open_orders", "contracts",
    }  # fmt: skip
    assert [(d["doc_type"], d["number"], d["quantity"], d["unit_price"], d["currency"])
            for d in data["documents"]] == [
        ("purchase_order", "PO-1", "2", "129.00", "EUR"),
        ("invoice", "INV-2024/118", "2", "129.00", "EUR"),
    ]  # fmt: skip
    assert data["documents"][1]["match_status"] == "matched"
    assert data["price_history"][0]["vendor"] == "Acme Tools GmbH"
    assert data["open_orders"] == []  # invoiced in full
    code, out = run(ctx, "products", "show", "AT-100")
    assert code == 0 and "Price history" in out and "2024-03-14 129.00" in out
    assert run(ctx, "products", "show", "NOPE")[0] == 1


def test_documents_as_json_with_the_promised_names(ctx: Context, tmp_path: Path) -> None:
    run(ctx, "products", "import", write(tmp_path, "c.csv", "sku,name\nAT-100,Cordless drill\n"))
    first = file_pdf(ctx, make_pdf(tmp_path / "a.pdf", sample_invoice(po_number="PO-404")))
    again = file_pdf(
        ctx, make_pdf(tmp_path / "b.pdf", sample_invoice(po_number="PO-404"), layout="stacked")
    )
    code, out = run(ctx, "documents", "show", str(first), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc == {
        "id": first,
        "file": "a.pdf",
        "doc_type": "invoice",
        "number": "INV-2024/118",
        "vendor": "Acme Tools GmbH",
        "issue_date": "2024-03-14",
        "due_date": "2024-04-13",
        "delivery_date": None,
        "valid_until": None,
        "currency": "EUR",
        "subtotal": "392.50",
        "tax": "78.50",
        "total": "471.00",
        "references": {"quote_number": None, "po_number": "PO-404"},
        "match_status": "no_po",
        "duplicate_of": None,
        "lines": [
            {"description": "Cordless drill 18V", "code": "AT-100", "quantity": "2",
             "unit_price": "129.00", "amount": "258.00", "delivery_date": None,
             "product_sku": "AT-100",
             "match_method": "sku", "match_score": 1.0},
            {"description": "Drill bit set, 25 pieces", "code": "AT-220", "quantity": "5",
             "unit_price": "18.50", "amount": "92.50", "delivery_date": None,
             "product_sku": None,
             "match_method": None, "match_score": None},
            {"description": "Safety goggles", "code": "AT-310", "quantity": "10",
             "unit_price": "4.20", "amount": "42.00", "delivery_date": None,
             "product_sku": None,
             "match_method": None, "match_score": None},
        ],
    }  # fmt: skip
    code, out = run(ctx, "documents", "list", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["id"], r["duplicate_of"]) for r in rows] == [(first, None), (again, first)]
    assert all(set(r) == set(doc) for r in rows)
    code, out = run(ctx, "documents", "list", "--json", "--duplicates")
    assert [json.loads(line)["id"] for line in out.splitlines()] == [again]
    code, out = run(ctx, "documents", "list", "--match-status", "no_po")
    assert out.count("no_po") == 2
    assert run(ctx, "documents", "show", "999")[0] == 1
    code, out = run(ctx, "documents", "show", str(again))
    assert f"duplicate of {first}" in out and "AT-100 (sku 1.0)" in out
