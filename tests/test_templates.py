"""Vendor templates in invoice2data's YAML format, written here against PDFs drawn here.

Each test writes a templates folder, points the settings at it and extracts a generated
document: what a matching template reads wins (source "template"), the rest comes from
the generic extractor, and a broken template is logged and skipped."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import pytest

from intake.extractors.base import Registry
from intake.extractors.extraction.templates.loader import load_templates
from intake.ingest.stages import Context, extract_path, record_for, run_stages
from intake.settings import Settings
from tests.factory import (
    cii_xml,
    embed,
    make_contract,
    make_lines_pdf,
    make_pdf,
    sample_invoice,
)

# invoice2data's newer form: each field a mapping with its parser.
PARSER_FORM = r"""
issuer: Acme Tools
keywords:
  - Acme Tools GmbH
  - INV-
fields:
  invoice_number:
    parser: regex
    regex: Invoice No\.:\s+(\S+)
  date:
    parser: regex
    regex: Date:\s+(\d\d/\d\d/\d{4})
    type: date
  amount:
    parser: regex
    regex: Subtotal\s+€([\d.,]+)
    type: float
options:
  currency: GBP
  date_formats:
    - '%m/%d/%Y'
"""

# The classic form: plain regexes, typed by their names (date*, amount*).
CLASSIC_FORM = r"""
issuer: Acme Classic
keywords: Acme Tools GmbH
fields:
  invoice_number: Invoice No\.:\s+INV-(\S+)
  date: Due Date:\s+(\S+)
  amount: Total Due\s+€([\d.,]+)
  amount_tax: VAT 20%\s+€([\d.,]+)
  static_vat: DE123456789
options:
  date_formats: '%m/%d/%Y'
"""

LINE = (
    r"(?P<code>[A-Z]{2}-\d+)\s+(?P<description>.+?)\s{2,}(?P<qty>\d+)\s+"
    r"(?P<price_unit>[\d.,]+)\s+(?P<price_subtotal>[\d.,]+)"
)
LINES = f"""
  lines:
    parser: lines
    start: Item\\s+Description
    end: Subtotal
    line: '{LINE}'
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def extract(settings: Settings, folder: Path, pdf: Path) -> dict[str, Any]:
    with_templates = settings.model_copy(update={"templates_dir": folder})
    return extract_path(Context(with_templates, Registry.default()), str(pdf))


@pytest.fixture
def invoice(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "acme.pdf", sample_invoice())


def test_the_parser_form_wins_for_its_fields_and_the_rest_is_generic(
    settings: Settings, tmp_path: Path, invoice: Path
) -> None:
    folder = tmp_path / "templates"
    write(folder, "acme.yml", PARSER_FORM)
    result = extract(settings, folder, invoice)
    fields, sources = result["fields"], result["sources"]
    # this template reads the subtotal as its amount: what it reads wins
    assert fields["total"] == "392.50" and sources["total"] == "template"
    assert fields["invoice_number"] == "INV-2024/118" and sources["invoice_number"] == "template"
    assert fields["issue_date"] == "2024-03-14"
    assert fields["vendor"] == "Acme Tools" and sources["vendor"] == "template"
    assert fields["currency"] == "GBP"  # options.currency
    # fields the template does not define come from the layout
    assert fields["due_date"] == "2024-04-13" and sources["due_date"] == "layout"
    assert fields["tax"] == "78.50" and sources["tax"] != "template"


def test_the_template_name_is_kept_with_each_value(
    settings: Settings, tmp_path: Path, invoice: Path
) -> None:
    folder = tmp_path / "templates"
    write(folder / "de", "acme.yml", PARSER_FORM)
    s = settings.model_copy(update={"templates_dir": folder})
    record = run_stages(record_for(invoice), Context(s, Registry.default()))
    assert record.fields["total"].raw == f"de{os.sep}acme.yml: 392.50"
    assert record.fields["total"].source == "template"


def test_the_classic_form(settings: Settings, tmp_path: Path, invoice: Path) -> None:
    folder = tmp_path / "templates"
    write(folder, "classic.yaml", CLASSIC_FORM)
    fields = extract(settings, folder, invoice)["fields"]
    assert fields["invoice_number"] == "2024/118"
    assert fields["issue_date"] == "2024-04-13"  # this template takes the due date
    assert (fields["total"], fields["tax"]) == ("471.00", "78.50")
    assert fields["vendor"] == "Acme Classic"
    assert "vat" not in fields  # invoice2data's vat is a VAT number, not ours


def test_keywords_must_all_be_there_and_exclude_keywords_not(
    settings: Settings, tmp_path: Path, invoice: Path
) -> None:
    folder = tmp_path / "templates"
    write(folder, "other.yml", PARSER_FORM.replace("  - INV-", "  - Globex"))
    write(folder, "excluded.yml", CLASSIC_FORM + "exclude_keywords: [Northwind]\n")
    result = extract(settings, folder, invoice)
    assert set(result["sources"].values()) - {"layout", "text", "computed"} == set()
    assert result["fields"]["total"] == "471.00"
    # spacing differs from pdftotext's: runs of spaces in a keyword count as one
    write(folder, "spaced.yml", PARSER_FORM.replace("  - INV-", "  - 'Invoice    No.:'"))
    assert extract(settings, folder, invoice)["sources"]["total"] == "template"


@pytest.mark.parametrize(
    ("formats", "expected"), [("%m/%d/%Y", "2024-03-04"), ("%d/%m/%Y", "2024-04-03")]
)
def test_date_formats_decide_ambiguous_dates(
    settings: Settings, tmp_path: Path, formats: str, expected: str
) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", sample_invoice(issue_date="2024-03-04"))
    folder = tmp_path / "templates"
    write(folder, "acme.yml", PARSER_FORM.replace("'%m/%d/%Y'", repr(formats)))
    assert extract(settings, folder, pdf)["fields"]["issue_date"] == expected


def test_date_languages_beyond_our_month_table(settings: Settings, tmp_path: Path) -> None:
    pdf = make_pdf(
        tmp_path / "it.pdf", sample_invoice(footer="Data fattura: 14 giugno 2024. Grazie.")
    )
    template = PARSER_FORM.replace(r"Date:\s+(\d\d/\d\d/\d{4})", r"Data fattura:\s+(.+?)\.")
    folder = tmp_path / "templates"
    write(folder, "it.yml", template.replace("options:", "options:\n  languages: [it]"))
    assert extract(settings, folder, pdf)["fields"]["issue_date"] == "2024-06-14"


@pytest.mark.parametrize(("separator", "tax"), [(",", "1250.00"), (".", "1.25")])
def test_decimal_separator(settings: Settings, tmp_path: Path, separator: str, tax: str) -> None:
    pdf = make_pdf(tmp_path / "d.pdf", sample_invoice(footer="Freight 1.250 EUR, thank you."))
    template = CLASSIC_FORM.replace(r"VAT 20%\s+€([\d.,]+)", r"Freight\s+([\d.,]+)")
    template += f"  decimal_separator: '{separator}'\n"
    folder = tmp_path / "templates"
    write(folder, "acme.yml", template)
    assert extract(settings, folder, pdf)["fields"]["tax"] == tax


def test_lines_in_the_parser_form(settings: Settings, tmp_path: Path, invoice: Path) -> None:
    folder = tmp_path / "templates"
    write(folder, "acme.yml", PARSER_FORM.replace("\noptions:", LINES.rstrip("\n") + "\noptions:"))
    result = extract(settings, folder, invoice)
    assert result["sources"]["line_items"] == "template"
    items = result["fields"]["line_items"]
    assert [(i["code"], i["quantity"], i["unit_price"], i["amount"]) for i in items] == [
        ("AT-100", "2", "129.00", "258.00"),
        ("AT-220", "5", "18.50", "92.50"),
        ("AT-310", "10", "4.20", "42.00"),
    ]
    assert items[1]["description"] == "Drill bit set, 25 pieces"


def test_lines_in_the_older_top_level_form_with_first_and_last_line(
    settings: Settings, tmp_path: Path
) -> None:
    pdf = make_lines_pdf(
        tmp_path / "rows.pdf",
        [
            "Globex Supplies                         INVOICE",
            "Invoice number: GX-5521        Date: 2024-05-02",
            "Pos  Article",
            "1    GX-100  Pallet jack",
            "     serial 4711",
            "     2 pc x 129.00            258.00",
            "2    GX-220  Shrink wrap",
            "     5 roll x 18.50            92.50",
            "Net total                     350.50",
            "Total                         350.50",
        ],
    )
    template = r"""
keywords: [Globex Supplies, Pos  Article]
fields:
  invoice_number: Invoice number:\s+(\S+)
  date: Date:\s+(\S+)
  amount: Total\s+([\d.]+)
lines:
  start: Pos\s+Article
  end: Net total
  first_line: ^(?P<pos>\d+)\s+(?P<code>[A-Z]{2}-\d+)\s+(?P<description>.+)$
  line: ^\s+(?P<description>serial.+)$
  last_line: ^\s+(?P<qty>\d+)\s+(?P<uom>\w+)\s+x\s+(?P<price_unit>[\d.]+)\s+(?P<amount>\S+)
"""
    folder = tmp_path / "templates"
    write(folder, "globex.yml", template)
    result = extract(settings, folder, pdf)
    items = result["fields"]["line_items"]
    assert [
        (i["code"], i["description"], i["quantity"], i["unit"], i["unit_price"], i["amount"])
        for i in items
    ] == [
        ("GX-100", "Pallet jack\nserial 4711", "2", "pc", "129.00", "258.00"),
        ("GX-220", "Shrink wrap", "5", "roll", "18.50", "92.50"),
    ]
    assert [i["raw"] for i in items] == [{"pos": "1"}, {"pos": "2"}]  # no counterpart of ours
    assert result["fields"]["invoice_number"] == "GX-5521"
    assert result["fields"]["issue_date"] == "2024-05-02"


def test_remove_whitespace_and_lowercase(settings: Settings, tmp_path: Path, invoice: Path) -> None:
    template = r"""
keywords: [Acme Tools GmbH]
fields:
  invoice_number: invoiceno\.:(\S+)
  amount: totaldue€([\d.,]+)
  date: date:(\S+)
options:
  remove_whitespace: true
  lowercase: true
"""
    folder = tmp_path / "templates"
    write(folder, "acme.yml", template)
    fields = extract(settings, folder, invoice)["fields"]
    assert (fields["invoice_number"], fields["total"]) == ("inv-2024/118", "471.00")
    assert fields["vendor"] == "Acme Tools GmbH"  # issuer defaults to the first keyword


def test_priority_and_required_fields_pick_between_matching_templates(
    settings: Settings, tmp_path: Path, invoice: Path
) -> None:
    folder = tmp_path / "templates"
    # the first by priority matches but cannot find its required amount: the next one wins
    write(folder, "a.yml", "priority: 9\n" + PARSER_FORM.replace("Subtotal", "Grand Total"))
    write(folder, "b.yml", CLASSIC_FORM)
    assert extract(settings, folder, invoice)["fields"]["vendor"] == "Acme Classic"
    # with nothing complete, the first matching template's fields are still taken
    (folder / "b.yml").unlink()
    fields = extract(settings, folder, invoice)["fields"]
    assert fields["vendor"] == "Acme Tools" and fields["total"] == "471.00"


def test_broken_templates_are_logged_and_skipped(
    settings: Settings, tmp_path: Path, invoice: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "templates"
    write(folder, "a_bad_yaml.yml", "keywords: [Acme\nfields: {x: [\n")
    write(folder, "b_bad_regex.yml", "keywords: [Acme]\nfields:\n  amount: 'Total (('\n")
    write(folder, "c_no_keywords.yml", "fields:\n  amount: Total (\\d+)\n")
    write(folder, "d_list.yaml", "- just\n- a list\n")
    write(
        folder,
        "e_bad_group.yml",
        "priority: 8\n"
        + CLASSIC_FORM.replace(
            "  static_vat: DE123456789\n",
            "  po_number:\n    parser: regex\n    regex: (INV)\n    replace: ['INV', '\\g<7>']\n",
        ),
    )
    write(folder, "notes.txt", "not a template")
    write(folder, "z_good.yml", PARSER_FORM)
    with caplog.at_level(logging.INFO, logger="intake.extractors.extraction.templates"):
        result = extract(settings, folder, invoice)
    assert result["fields"]["vendor"] == "Acme Tools"  # the good one still works
    errors = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    for name in ("a_bad_yaml", "b_bad_regex", "c_no_keywords", "d_list", "e_bad_group"):
        assert name in errors
    assert "notes.txt" not in caplog.text and "z_good" not in errors
    assert "loaded 2 vendor templates" in caplog.text  # e_bad_group fails only when run


def test_a_missing_folder_gives_the_generic_fields(
    settings: Settings, tmp_path: Path, invoice: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        result = extract(settings, tmp_path / "nowhere", invoice)
    assert result["fields"]["total"] == "471.00"
    assert "does not exist" in caplog.text


def test_templates_are_read_once_until_a_file_changes(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    path = write(folder, "acme.yml", PARSER_FORM)
    first = load_templates(folder)
    assert load_templates(folder) is first
    path.write_text(PARSER_FORM.replace("issuer: Acme Tools", "issuer: Acme Tools Ltd"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert [t.issuer for t in load_templates(folder)] == ["Acme Tools Ltd"]
    write(folder, "more.yml", CLASSIC_FORM)
    assert len(load_templates(folder)) == 2


def test_a_template_wins_over_embedded_xml_for_its_fields_and_contracts_are_left_alone(
    settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "templates"
    write(folder, "acme.yml", PARSER_FORM)
    doc = sample_invoice()
    pdf = embed(make_pdf(tmp_path / "fx.pdf", doc), "factur-x.xml", cii_xml(doc))
    result = extract(settings, folder, pdf)
    # the template reads its "amount" from the subtotal line: what it defines wins ...
    assert result["fields"]["total"] == "392.50" and result["sources"]["total"] == "template"
    # ... and the XML still gives what the template does not read
    assert result["fields"]["subtotal"] == "392.50" and result["sources"]["subtotal"] == "xml"
    contract = make_contract(
        tmp_path / "c.pdf",
        {
            "parties": ["Acme Tools GmbH", "Northwind Traders Ltd"],
            "agreement_date": "2024-01-02",
            "effective_date": "2024-01-02",
            "term": "2 years",
            "governing_law": "Delaware",
        },
    )
    write(folder, "any.yml", "keywords: [Agreement]\nfields:\n  amount: (\\d+)\n")
    result = extract(settings, folder, contract)
    assert result["doc_type"] == "contract"
    assert "template" not in result["sources"].values()


def test_the_setting(tmp_path: Path) -> None:
    assert Settings().templates_dir is None
    assert Settings(templates_dir="").templates_dir is None
    assert Settings(templates_dir=str(tmp_path)).templates_dir == tmp_path
    assert Settings(templates_dir="rel").templates_dir == Path("rel").absolute()


def test_the_readme_example_compiles_and_reads_its_document(
    settings: Settings, tmp_path: Path
) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    section = readme[readme.index("## Vendor templates") :]
    example = section[section.index("```yaml") + 7 : section.index("```\n")]
    folder = tmp_path / "templates"
    write(folder, "globex.yml", example)
    pdf = make_lines_pdf(
        tmp_path / "g.pdf",
        [
            "Globex Supplies                 Invoice number: GX-5521",
            "Date: 02.05.2024",
            "Pos  Article",
            "GX-100  Pallet jack                  2    1.129,00    2.258,00",
            "Net total                                             2.258,00",
            "VAT 19 %                                                429,02",
            "Total EUR                                             2.687,02",
        ],
    )
    fields = extract(settings, folder, pdf)["fields"]
    assert (fields["vendor"], fields["invoice_number"]) == ("Globex Supplies", "GX-5521")
    assert (fields["issue_date"], fields["currency"]) == ("2024-05-02", "EUR")
    assert (fields["total"], fields["tax"]) == ("2687.02", "429.02")
    assert [(i["quantity"], i["unit_price"], i["amount"]) for i in fields["line_items"]] == [
        ("2", "1129.00", "2258.00")
    ]


def test_an_unsupported_construct_is_one_warning_naming_template_and_construct(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "templates"
    write(
        folder,
        "scanned.yml",
        CLASSIC_FORM + "input_module: tesseract\ncamelot:\n  - pages: '1'\n",
    )
    write(folder, "plain.yml", CLASSIC_FORM + "input_module: pdftotext\n")
    caplog.set_level(logging.WARNING, logger="intake.extractors.extraction.templates")
    assert {t.name for t in load_templates(folder)} == {"scanned.yml", "plain.yml"}
    warned = sorted(r.getMessage() for r in caplog.records)
    assert len(warned) == 2, warned
    assert warned[0].startswith("template scanned.yml: camelot tables are not supported")
    assert warned[1].startswith("template scanned.yml: input_module 'tesseract' is not supported")


def test_layout_text_of_ocr_pages_keeps_indents_gaps_lines_and_pages() -> None:
    """OCR words get the same layout as a text layer: a big heading set beside two small
    lines is not interleaved with them (it goes with the line nearest its baseline, as in
    pdftotext), an indented row keeps its indent, a gap of three font sizes is two blank
    lines, and every page ends with a form feed."""
    from intake.extractors.extraction.templates.layout_text import layout_text
    from intake.record import Page, Record, Word

    def word(text: str, x0: float, top: float, size: float = 10.0) -> Word:
        return Word(text, x0, top, x0 + 5.0 * len(text), top + size, conf=0.9)

    first = Page(
        1,
        612,
        792,
        (
            word("Sammy", 50, 20),
            word("Maystone", 85, 20.4),
            word("INVOICE", 300, 21, size=24),
            word("smaystone@fake.com", 50, 32),
            word("Item", 50, 80),
            word("Amount", 300, 80),
            word("Service", 70, 92),
            word("12.00", 300, 92),
            word("Total", 50, 122),
            word("12.00", 300, 122),
        ),
        source="ocr",
    )
    second = Page(2, 612, 792, (word("Thank", 50, 20), word("you", 85, 20)), source="ocr")
    record = Record(path=Path("scan.png"), original_name="scan.png", kind="png")
    text = layout_text(record.evolve(pages=(first, second)))
    pages = text.split("\f")
    assert len(pages) == 3 and pages[2] == ""
    lines = pages[0].split("\n")
    assert lines[0] == "Sammy Maystone"  # the small line above the heading's baseline
    assert lines[1].startswith("smaystone@fake.com ") and lines[1].endswith(" INVOICE")
    item = lines.index(next(line for line in lines if line.startswith("Item")))
    service = lines[item + 1]
    # "Service" starts where "Item" above it ends: one column after it, as poppler does
    assert service.startswith("     Service ") and service.rstrip().endswith("12.00")
    assert service.index("12.00") == lines[item].index("Amount")
    assert lines[item + 2 : item + 4] == ["", ""] and lines[item + 4].startswith("Total")
    assert pages[1] == "Thank you\n"


def test_the_tables_plugin_gives_our_fields_with_its_types_and_groups(
    settings: Settings, tmp_path: Path
) -> None:
    doc = tmp_path / "stays.txt"
    doc.write_text(
        "Harbour Hotels  Invoice H-77\n"
        "\n"
        "Stay            Night of      Charge\n"
        "Room 12         03/04/2024    120.50\n"
        "Room 14         04/04/2024     99.50\n"
        "Minibar         04/04/2024     12.00\n"
        "Thank you for staying with us\n",
        encoding="utf-8",
    )
    template = r"""
issuer: Harbour Hotels
keywords: [Harbour Hotels]
fields:
  invoice_number: Invoice\s+(H-\d+)
tables:
  - start: Stay\s+Night of\s+Charge
    end: Thank you
    body: '(?P<description>\w+(?: \d+)?)\s+(?P<date>\d\d/\d\d/\d{4})\s+(?P<amount>[\d.]+)'
    fields:
      date: {group: first}
      amount: {group: sum}
options:
  date_formats: ['%d/%m/%Y']
"""
    folder = tmp_path / "templates"
    write(folder, "harbour.yml", template)
    result = extract(settings, folder, doc)
    fields, sources = result["fields"], result["sources"]
    assert (fields["invoice_number"], fields["issue_date"]) == ("H-77", "2024-04-03")
    assert fields["total"] == "232.00"  # 120.50 + 99.50 + 12.00, grouped by sum
    assert sources["invoice_number"] == sources["issue_date"] == sources["total"] == "template"


def test_area_reads_the_words_inside_it_in_invoice2data_units() -> None:
    """``area`` is invoice2data's: pages f..l, a rectangle x, y, W, H in pixels at r dpi
    (so at r=144 a pixel is half a point); a word counts when its box overlaps it."""
    from intake.extractors.extraction.templates.layout_text import area_text
    from intake.record import Page, Word

    def word(text: str, x0: float, top: float) -> Word:
        return Word(text, x0, top, x0 + 6.0 * len(text), top + 10.0)

    one = Page(
        1,
        612,
        792,
        (
            word("Date:", 400, 100),
            word("02/03/2024", 440, 101),
            word("Due:", 400, 120),
            word("09/03/2024", 440, 120),
            word("Ordered", 40, 100),
            word("01/01/2024", 100, 100),
        ),
    )
    two = Page(2, 612, 792, (word("Date:", 400, 100), word("05/05/2025", 440, 100)))
    area = {"f": 1, "l": 1, "r": 144, "x": 790, "y": 190, "W": 400, "H": 30}
    assert area_text([one, two], area) == "Date: 02/03/2024"
    assert area_text([one, two], area | {"H": 70}) == "Date: 02/03/2024\nDue: 09/03/2024"
    assert area_text([one, two], area | {"l": 2}) == "Date: 02/03/2024\nDate: 05/05/2025"
