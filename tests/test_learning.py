"""Learning from corrections: four vendors with idiosyncratic layouts (tests/learning_world),
the first invoice of each corrected with ``intake documents correct``, the next five read
right; every learned value traced to its correction; rules that later corrections
disagree with weakened and dropped; vendors recognised by their signs, merged, and their
rules exported as an invoice2data template that invoice2data itself loads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import select

from intake.cli import cli
from intake.db.engine import Database
from intake.db.learning import LearnedRule
from intake.db.models import AuditEntry, Document, Vendor
from intake.ingest.stages import Context
from intake.learning.feedback import confirm_and_learn, correct_document
from intake.learning.rules import describe, find
from intake.learning.signs import document_signs, iban_ok, recognise_vendor, remember_signs
from intake.learning.vendors import find_vendor
from intake.record import Page, Word
from intake.users import issue_token
from tests.factory import make_pdf, sample_invoice
from tests.learning_world import NAMES, VENDORS, draw, vendor_invoice
from tests.webtools import csrf, file_pdf, login

KEYS = ("vendor", "invoice_number", "issue_date", "due_date", "subtotal", "tax", "total")
KEYS += ("currency",)


def invoke(ctx: Context, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, list(args), obj=ctx.settings, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def fields_of(ctx: Context, doc_id: int) -> dict[str, Any]:
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None
        return dict(doc.fields)


def wrong_fields(fields: dict[str, Any], truth: dict[str, str]) -> dict[str, str]:
    def value(name: str) -> str:
        f = fields.get(name)
        return str(f["value"]) if isinstance(f, dict) and f.get("value") is not None else ""

    return {k: truth[k] for k in KEYS if value(k).casefold() != truth[k].casefold()}


def file_invoice(ctx: Context, tmp_path: Path, vendor: str, i: int, folder: str = "inbox") -> int:
    return file_pdf(
        ctx, draw(tmp_path / f"{vendor}-{i}.pdf", vendor, vendor_invoice(vendor, i)), folder=folder
    )


def generic_value(ctx: Context, doc_id: int, name: str, fields: dict[str, Any]) -> str:
    """What the field read before learning changed it (the ``learn`` entry's old value)."""
    with ctx.db.session() as s:
        entry = s.scalar(
            select(AuditEntry).where(
                AuditEntry.entity_id == doc_id,
                AuditEntry.action == "learn",
                AuditEntry.field == name,
            )
        )
        if entry is not None:
            return entry.old or ""
    f = fields.get(name)
    return str(f["value"]) if isinstance(f, dict) and f.get("value") is not None else ""


def test_correcting_each_vendors_first_invoice_reads_the_next_five_right(
    ctx: Context, tmp_path: Path
) -> None:
    corrected: dict[str, dict[str, str]] = {}
    learned = generic = total = 0
    for vendor in VENDORS:
        first = file_invoice(ctx, tmp_path, vendor, 0)
        wrong = wrong_fields(fields_of(ctx, first), vendor_invoice(vendor, 0))
        assert wrong, f"{vendor}: the generic reading got everything right; a weak test world"
        corrected[vendor] = wrong
        code, out, err = invoke(
            ctx,
            "documents",
            "correct",
            str(first),
            *[f"{k}={v}" for k, v in wrong.items()],
            "--user",
            "ed",
        )
        assert code == 0, err
        assert out.strip() == f"document {first}: corrected {', '.join(wrong)}"
        for i in range(1, 6):
            doc_id = file_invoice(ctx, tmp_path, vendor, i)
            truth = vendor_invoice(vendor, i)
            fields = fields_of(ctx, doc_id)
            still = wrong_fields(fields, truth)
            learned += len(KEYS) - len(still)
            generic += sum(
                generic_value(ctx, doc_id, k, fields).casefold() == truth[k].casefold()
                for k in KEYS
            )
            total += len(KEYS)
    with_learning, without = learned / total, generic / total
    assert with_learning >= 0.95, (with_learning, corrected)
    assert with_learning - without >= 0.15, (with_learning, without)


def test_every_learned_field_is_traced_to_its_correction(ctx: Context, tmp_path: Path) -> None:
    first = file_invoice(ctx, tmp_path, "kestrel", 0)
    truth = vendor_invoice("kestrel", 0)
    wrong = wrong_fields(fields_of(ctx, first), truth)
    with ctx.db.session() as s:
        correct_document(s, first, wrong, user="ed", settings=ctx.settings, steps=ctx.steps)
    second = file_invoice(ctx, tmp_path, "kestrel", 1)
    fields = fields_of(ctx, second)
    learned = {k: f for k, f in fields.items() if f.get("source") == "learned"}
    assert {"invoice_number", "total"} <= set(wrong) == set(learned)
    with ctx.db.session() as s:
        for name, f in learned.items():
            m = re.match(
                r"learned rule (\d+), taught by correction (\d+) on document (\d+)", f["raw"]
            )
            assert m, f["raw"]
            rule = s.get(LearnedRule, int(m[1]))
            correction = s.get(AuditEntry, int(m[2]))
            assert rule is not None and correction is not None
            assert (correction.entity_id, correction.field, correction.user) == (first, name, "ed")
            assert correction.new == truth[name] and int(m[3]) == first
            # ... and the new document's own history says so
            entry = s.scalar(
                select(AuditEntry).where(AuditEntry.entity_id == second, AuditEntry.field == name)
            )
            assert entry is not None and entry.action == "learn" and entry.user == "intake"
            assert f"rule {rule.id}, taught by correction {correction.id}" in (entry.new or "")


def test_a_rule_that_later_corrections_disagree_with_is_weakened_then_dropped(
    ctx: Context, tmp_path: Path
) -> None:
    first = file_invoice(ctx, tmp_path, "brume", 0)
    with ctx.db.session() as s:
        correct_document(
            s,
            first,
            {"invoice_number": "AB2400"},
            user="ed",
            settings=ctx.settings,
            steps=ctx.steps,
        )
        rule_id = s.scalars(
            select(LearnedRule.id).where(LearnedRule.field == "invoice_number")
        ).one()
    # A person says twice that the number in the box is not the invoice number.
    for i, number in ((1, "X-1"), (2, "X-2")):
        doc_id = file_invoice(ctx, tmp_path, "brume", i)
        read = fields_of(ctx, doc_id).get("invoice_number") or {}
        # applied while it agrees more than it disagrees; weakened, it is not
        assert (read.get("source") == "learned") == (i == 1), read
        with ctx.db.session() as s:
            correct_document(
                s,
                doc_id,
                {"invoice_number": number},
                user="ed",
                settings=ctx.settings,
                steps=ctx.steps,
            )
            rule = s.get(LearnedRule, rule_id)
            if i == 1:
                assert rule is not None and (rule.hits, rule.misses) == (1, 1)  # weakened
            else:
                assert rule is None  # dropped
    doc_id = file_invoice(ctx, tmp_path, "brume", 3)
    assert fields_of(ctx, doc_id).get("invoice_number", {}).get("value") != "AB2421"


def test_bad_corrections_exit_2_and_change_nothing(ctx: Context, tmp_path: Path) -> None:
    doc_id = file_invoice(ctx, tmp_path, "olmo", 0)
    before = fields_of(ctx, doc_id)
    code, _, err = invoke(ctx, "documents", "correct", str(doc_id), "colour=red")
    assert code == 2 and "'colour' is not a field" in err
    code, _, err = invoke(
        ctx, "documents", "correct", str(doc_id), "invoice_number=F1", "total=lots"
    )
    assert code == 2 and "total" in err
    code, _, err = invoke(ctx, "documents", "correct", str(doc_id), "issue_date=31.02.2024")
    assert code == 2
    assert fields_of(ctx, doc_id) == before
    with ctx.db.session() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "correct")).all() == []
        assert s.scalars(select(LearnedRule)).all() == []
    code, out, _ = invoke(ctx, "documents", "correct", str(doc_id), "total=12.50", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["changed"] == ["total"] and result["document"]["total"] == "12.50"
    assert invoke(ctx, "documents", "correct", "999", "total=1")[0] == 1


def test_the_api_corrects_for_an_editors_token(app: Flask, ctx: Context, tmp_path: Path) -> None:
    doc_id = file_invoice(ctx, tmp_path, "nordlicht", 0)
    client = app.test_client()
    viewer = {"Authorization": f"Bearer {issue_token(ctx.db, 'vera')}"}
    editor = {"Authorization": f"Bearer {issue_token(ctx.db, 'ed')}"}
    body = {"fields": {"vendor": NAMES["nordlicht"], "due_date": "2024-02-07"}}
    assert client.patch(f"/api/documents/{doc_id}", json=body, headers=viewer).status_code == 403
    r = client.patch(f"/api/documents/{doc_id}", json={"fields": {"total": "x"}}, headers=editor)
    assert r.status_code == 400 and "total" in r.get_json()["errors"]
    r = client.patch(f"/api/documents/{doc_id}", json={"fields": {"nope": "1"}}, headers=editor)
    assert r.status_code == 400 and "nope" in r.get_json()["errors"]
    r = client.patch(f"/api/documents/{doc_id}", json=body, headers=editor)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["document"]["vendor"] == NAMES["nordlicht"]
    with ctx.db.session() as s:
        users = {
            e.user for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "correct"))
        }
        assert users == {"ed"}
    # The letterhead, VAT id and IBAN now recognise the vendor whose name is misread.
    second = file_invoice(ctx, tmp_path, "nordlicht", 1)
    vendor = fields_of(ctx, second)["vendor"]
    assert vendor["value"] == NAMES["nordlicht"] and vendor["source"] == "learned"
    assert "recognised by its" in vendor["raw"]


def test_the_type_is_learned_per_vendor_and_drop_folder(ctx: Context, tmp_path: Path) -> None:
    (ctx.settings.watch_dir / "ads").mkdir(parents=True, exist_ok=True)
    first = file_invoice(ctx, tmp_path, "kestrel", 0, folder="ads")
    with ctx.db.session() as s:
        correct_document(
            s,
            first,
            {"doc_type": "estimate"},
            user="ed",
            settings=ctx.settings,
            steps=ctx.steps,
        )
        scopes = {
            (r.vendor_id is not None, r.folder)
            for r in s.scalars(select(LearnedRule).where(LearnedRule.field == "doc_type"))
        }
    assert scopes == {(True, None), (False, "ads")}
    second = file_invoice(ctx, tmp_path, "kestrel", 1)  # another folder: the vendor's rule
    third = file_invoice(ctx, tmp_path, "olmo", 0, folder="ads")  # another vendor: the folder's
    with ctx.db.session() as s:
        for doc_id in (second, third):
            doc = s.get(Document, doc_id)
            assert doc is not None and doc.doc_type == "estimate"


def test_vendors_learned_forget_and_merge_on_the_vendor_page(
    app: Flask, ctx: Context, tmp_path: Path
) -> None:
    first = file_invoice(ctx, tmp_path, "olmo", 0)
    wrong = wrong_fields(fields_of(ctx, first), vendor_invoice("olmo", 0))
    with ctx.db.session() as s:
        correct_document(s, first, wrong, user="ed", settings=ctx.settings, steps=ctx.steps)
        vendor = find_vendor(s, NAMES["olmo"])
        vendor_id = vendor.id
        other = Vendor(name="Olmo Hardware", key="olmo hardware")
        s.add(other)
        s.flush()
        other_id = other.id
    code, out, _ = invoke(ctx, "vendors", "learned", NAMES["olmo"], "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and {r["field"] for r in rows} >= {"invoice_number", "due_date"}
    assert all(r["correction"]["user"] == "ed" and r["document_id"] == first for r in rows)
    client = app.test_client()
    login(client, "vera")
    page = client.get(f"/vendors/{vendor_id}").get_data(as_text=True)
    assert "right of “Nº Fra.:”" in page and "ed, " in page
    assert "forget</button>" not in page  # viewers see, editors change
    login(client, "ed")
    page = client.get(f"/vendors/{vendor_id}").get_data(as_text=True)
    assert "forget</button>" in page
    rule = rows[0]["id"]
    token = csrf(client, f"/vendors/{vendor_id}")
    r = client.post(f"/vendors/{vendor_id}/rules/{rule}/forget", data={"csrf_token": token})
    assert r.status_code == 302
    r = client.post(
        f"/vendors/{other_id}/merge", data={"csrf_token": token, "into": str(vendor_id)}
    )
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/vendors/{vendor_id}")
    with ctx.db.session() as s:
        assert s.get(LearnedRule, rule) is None and s.get(Vendor, other_id) is None
        assert find_vendor(s, "Olmo Hardware").id == vendor_id  # the old name is an alias
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity == "vendor")).all()
        assert {e.action for e in entries} == {"forget", "merge"}


@pytest.mark.parametrize("vendor", ["kestrel", "brume"])
def test_the_template_loads_and_reads_in_invoice2data(
    ctx: Context, tmp_path: Path, vendor: str
) -> None:
    from invoice2data.extract import loader, schema

    first = file_invoice(ctx, tmp_path, vendor, 0)
    truth = vendor_invoice(vendor, 0)
    with ctx.db.session() as s:
        correct_document(
            s,
            first,
            wrong_fields(fields_of(ctx, first), truth),
            user="ed",
            settings=ctx.settings,
            steps=ctx.steps,
        )
    code, out, _ = invoke(ctx, "vendors", "template", NAMES[vendor])
    assert code == 0
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / f"{vendor}.yml").write_text(out, encoding="utf-8")
    templates = loader.read_templates(str(folder))
    assert len(templates) == 1
    from intake.extractors.extraction.templates.apply import template_text
    from intake.record import Record

    second = file_invoice(ctx, tmp_path, vendor, 1)
    with ctx.db.session() as s:
        doc = s.get(Document, second)
        assert doc is not None
        from intake.db.persist import load_pages

        text = template_text(Record(path=tmp_path, original_name="x", pages=tuple(load_pages(doc))))
    template = templates[0]
    assert template.matches_input(text)
    result = template.extract(template.prepare_input(text), f"{vendor}-1.pdf", None)
    want = vendor_invoice(vendor, 1)
    assert result["invoice_number"] == want["invoice_number"]
    assert f"{result['amount']:.2f}" == want["total"]
    assert result["date_due"].date().isoformat() == want["due_date"]
    # every name it gives is in invoice2data's field vocabulary
    assert schema.validate_output(result, template.options.get("extra_fields", ())) == []


def test_a_confirmed_value_teaches_where_it_stands(ctx: Context, tmp_path: Path) -> None:
    first = file_invoice(ctx, tmp_path, "nordlicht", 0)
    assert (
        fields_of(ctx, first)["issue_date"]["value"] == vendor_invoice("nordlicht", 0)["issue_date"]
    )
    with ctx.db.session() as s:
        assert confirm_and_learn(s, first, ["issue_date"], user="ed") == ["issue_date"]
        rule = s.scalars(select(LearnedRule).where(LearnedRule.field == "issue_date")).one()
        confirmation = s.get(AuditEntry, rule.audit_id)
        assert confirmation is not None and confirmation.action == "confirm"
        # the date stands alone at the top right: found by its place on the page
        assert rule.kind == "page" and rule.data["order"] == "dmy"


def test_a_misread_vendor_becomes_an_alias_of_the_right_one(ctx: Context, tmp_path: Path) -> None:
    first = file_invoice(ctx, tmp_path, "nordlicht", 0)
    misread = fields_of(ctx, first)["vendor"]["value"]
    assert misread != NAMES["nordlicht"]
    code, _, _ = invoke(ctx, "documents", "correct", str(first), f"vendor={NAMES['nordlicht']}")
    assert code == 0
    with ctx.db.session() as s:
        names = s.scalars(select(Vendor.name)).all()
        assert names == [NAMES["nordlicht"]]  # no vendor left behind by the misreading
        assert find_vendor(s, misread).name == NAMES["nordlicht"]


def test_signs_are_checked_numbers_and_a_shared_one_recognises_neither(db: Database) -> None:
    assert iban_ok("DE89 3704 0044 0532 0130 00")
    assert not iban_ok("DE89 3704 0044 0532 0130 01")  # one digit off: the check fails
    text = "USt-IdNr. DE 123456789 · IBAN DE89 3704 0044 0532 0130 00\nSERIKEMBANGAN SELANGOR"
    signs = document_signs([], text, "Nordlicht Werkzeuge GmbH")
    assert signs == [
        ("vat", "DE123456789"),
        ("iban", "DE89370400440532013000"),
        ("name", "nordlicht werkzeuge"),
    ]
    with db.session() as s:
        a, b = Vendor(name="A", key="a"), Vendor(name="B", key="b")
        correction = AuditEntry(user="ed", action="correct", entity="document", entity_id=1)
        s.add_all([a, b, correction])
        s.flush()
        remember_signs(s, a, [("vat", "GB123456789"), ("iban", "X")], correction.id)
        recognised = recognise_vendor(s, [("vat", "GB123456789")])
        assert recognised is not None and recognised.vendor.id == a.id and recognised.vouched
        # a document of B filed as read does not take A's sign ...
        remember_signs(s, b, [("vat", "GB123456789")], None)
        assert recognise_vendor(s, [("vat", "GB123456789")]) is not None
        # ... but a person saying B's document carries it makes it nobody's (our own VAT id)
        remember_signs(s, b, [("vat", "GB123456789")], correction.id)
        assert recognise_vendor(s, [("vat", "GB123456789")]) is None
        assert recognise_vendor(s, [("iban", "X")]).vendor.id == a.id  # type: ignore[union-attr]


def _page(*lines: list[tuple[str, float]]) -> Page:
    words = [
        Word(text, x, 100 + 20 * n, x + 6 * len(text), 110 + 20 * n, line=n)
        for n, line in enumerate(lines)
        for text, x in line
    ]
    return Page(1, 595, 842, tuple(words))


def test_a_label_is_found_again_hyphenated_or_slightly_misread() -> None:
    taught = _page([("Beleg-Nr.", 50), ("NL/24/0042", 150)], [("Datum", 50), ("03.04.2024", 150)])
    spec = describe("invoice_number", "NL/24/0042", [taught])
    assert spec is not None and (spec.kind, spec.label, spec.data["side"]) == (
        "label",
        "beleg nr",
        "right",
    )
    for label in ("Beleg-Nr.", "Belea-Nr.", "Beleg- Nr."):
        later = _page(
            [(w, 50 + 40 * i) for i, w in enumerate(label.split())] + [("NL/24/0043", 150)]
        )
        found = find("invoice_number", spec, [later])
        assert found is not None and found.value == "NL/24/0043", label
    # a number of another shape under the same label is not taken for it
    other = _page([("Beleg-Nr.", 50), ("2024-04-03", 150)])
    assert find("invoice_number", spec, [other]) is None


def test_a_number_every_supplier_prints_does_not_rename_a_new_vendor(
    ctx: Context, tmp_path: Path
) -> None:
    """Both suppliers print the same IBAN (as every supplier prints the buyer's VAT id):
    a person vouched for it on the first one's invoice, yet the second one's name, read
    right, stands."""
    first = file_pdf(ctx, make_pdf(tmp_path / "a.pdf", sample_invoice()))
    with ctx.db.session() as s:
        correct_document(
            s,
            first,
            {"due_date": "2024-05-31"},
            user="ed",
            settings=ctx.settings,
            steps=ctx.steps,
        )
        assert recognise_vendor(s, [("iban", "DE89370400440532013000")]) is not None
    second = file_pdf(
        ctx, make_pdf(tmp_path / "b.pdf", sample_invoice(number="Q-77", vendor="Bolt & Nut Ltd"))
    )
    vendor = fields_of(ctx, second)["vendor"]
    assert (vendor["value"], vendor["source"]) == ("Bolt & Nut Ltd", "layout")
