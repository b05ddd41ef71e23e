"""A person's day in a real browser: Debian's chromium driven by Playwright against a real
``intake run``. Log in, watch a dropped invoice arrive, find it, see where its total was
read, correct its due date, find the corrected value in search. Screenshots of the main
pages are saved under benchmarks/out/screenshots/.

CI installs chromium with apt-get (``make test``); no browser is ever downloaded.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factory import make_pdf, sample_invoice
from tests.live import Running, drop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed"),
]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(__file__).resolve().parent.parent / "benchmarks" / "out" / "screenshots"


@pytest.fixture
def page(service: Running) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        tab.set_default_timeout(20_000)
        problems: list[str] = []
        tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: problems.append(str(e)))
        # Anything not from the service itself (a CDN, a font) is refused and recorded.
        origin = service.url.rstrip("/")

        def only_local(route: object) -> None:
            url = route.request.url  # type: ignore[attr-defined]
            if url.startswith(origin) or url.startswith("data:"):
                route.continue_()  # type: ignore[attr-defined]
            else:
                problems.append(f"outside request: {url}")
                route.abort()  # type: ignore[attr-defined]

        tab.route("**/*", only_local)
        yield tab
        assert not problems, problems
        context.close()
        browser.close()


def shot(tab: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    assert path.stat().st_size > 5_000


def test_log_in_find_correct_and_find_again(service: Running, page: object, tmp_path: Path) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    base = service.url.rstrip("/")
    page.goto(f"{base}/")
    expect(page).to_have_url(re.compile(r"/login"))
    shot(page, "login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", service.password)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("What needs attention")  # the desk
    page.goto(f"{base}/search")
    expect(page.locator("h1")).to_contain_text("0 documents")

    # Watch a drop arrive on the intake page (its script polls the status).
    page.goto(f"{base}/intake")
    invoice = make_pdf(tmp_path / "inv.pdf", sample_invoice(number="INV-2024/118"))
    drop(invoice, service.watch / "invoices" / "ACME" / "march.pdf")
    expect(page.locator("#files tbody")).to_contain_text("march.pdf", timeout=30_000)
    expect(page.locator("#files tbody")).to_contain_text("document 1", timeout=30_000)
    shot(page, "intake")

    # Find it by its number without separators.
    page.fill("header input[name=q]", "2024118")
    page.press("header input[name=q]", "Enter")
    expect(page.locator("h1")).to_contain_text("1 document")
    expect(page.locator("table.docs")).to_contain_text("Acme Tools GmbH")
    shot(page, "search")

    # The document: the page drawn, a box where the total was read.
    page.click("table.docs a")
    expect(page.locator("h1")).to_contain_text("INV-2024/118")
    box = page.locator("rect#box-total")
    expect(box).to_have_count(1)
    image = page.locator(".sheet img").first
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") == 1000
    page.click("a[href='#box-total']")
    assert box.bounding_box() is not None and box.bounding_box()["width"] > 10  # type: ignore[index]
    shot(page, "document")

    # Correct the due date.
    page.click("a.button:has-text('Correct')")
    expect(page.locator("input[name=due_date]")).to_have_value("2024-04-13")
    page.fill("input[name=due_date]", "2024-05-31")
    shot(page, "correct")
    page.click("button:has-text('Save fields')")
    expect(page.locator(".flash")).to_contain_text("Saved: due date.")
    expect(page.locator("td.value[data-field=due_date]")).to_have_text("2024-05-31")

    # The corrected value is what search finds now.
    page.fill("header input[name=q]", "due:2024-05-31")
    page.press("header input[name=q]", "Enter")
    expect(page.locator("h1")).to_contain_text("1 document")
    expect(page.locator("table.docs")).to_contain_text("2024-05-31")
    page.goto(f"{base}/search?q=due:2024-04-13")
    expect(page.locator("h1")).to_contain_text("0 documents")
    page.goto(f"{base}/search?q=acme")
    expect(page.locator("table.docs")).to_contain_text("2024-05-31")

    for name, path in [("review", "/review"), ("products", "/products"), ("facets", "/search")]:
        page.goto(base + path)
        shot(page, name)


def log_in(page: object, base: str, password: str) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(f"{base}/search")
    # Sent to log in: a notice, not a success.
    notice = page.locator("p.flash")
    expect(notice).to_have_text("Please log in to access this page.")
    expect(notice).to_have_class(re.compile(r"\binfo\b"))
    shot(page, "login-notice")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("documents")


def dropped(page: object, selector: str, files: list[tuple[str, bytes]]) -> None:
    """Drag files from the desktop onto ``selector``: a drop event carrying them."""
    import base64

    data = [{"name": n, "b64": base64.b64encode(b).decode()} for n, b in files]
    transfer = page.evaluate_handle(  # type: ignore[attr-defined]
        """(files) => {
            const dt = new DataTransfer();
            for (const f of files) {
                const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
                dt.items.add(new File([bytes], f.name, { type: "application/pdf" }));
            }
            return dt;
        }""",
        data,
    )
    page.dispatch_event(selector, "dragenter", {"dataTransfer": transfer})  # type: ignore[attr-defined]
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})  # type: ignore[attr-defined]


def test_upload_by_picker_and_by_drop_then_review_in_bulk(
    service: Running, page: object, tmp_path: Path
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    base = service.url.rstrip("/")
    log_in(page, base, service.password)
    first = make_pdf(tmp_path / "first.pdf", sample_invoice(number="UP-1"))
    second = make_pdf(tmp_path / "second.pdf", sample_invoice(number="UP-2"))

    page.click("nav.main a:has-text('Upload')")
    expect(page.locator("h1")).to_have_text("Upload")
    expect(page.locator("button.send")).to_be_hidden()  # the script uploads on choosing
    page.select_option("select[name=folder]", "invoices")
    page.set_input_files("input[type=file]", [str(first), str(second)])
    rows = page.locator("#uploads tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("filed", timeout=30_000)
    expect(rows.nth(1)).to_contain_text("filed", timeout=30_000)
    expect(rows.nth(0).locator("a")).to_have_text(re.compile(r"document \d+"))

    # Dragged from the desktop: the first again (a duplicate) and four files that are no PDF.
    junk = [(f"scan-{n}.pdf", b"not a pdf " + bytes([48 + n])) for n in range(4)]
    dropped(page, "#dropzone", [("again.pdf", first.read_bytes()), *junk])
    expect(rows).to_have_count(7)
    expect(rows.nth(2)).to_contain_text("duplicate", timeout=30_000)
    for n in range(3, 7):
        expect(rows.nth(n)).to_contain_text("quarantined", timeout=30_000)
    expect(rows.nth(3).locator(".reason")).not_to_be_empty()
    shot(page, "upload")

    # Uploaded files are on the intake page too, as uploads by their user.
    page.click("a:has-text('intake page')")
    expect(page.locator("#files tbody")).to_contain_text("upload/admin/again.pdf")

    # Review: the quarantined files, filtered, then all shown selected and discarded at once.
    page.click("nav.main a:has-text('Review')")
    section = page.locator("section#quarantined")
    expect(section.locator("li.item")).to_have_count(4)
    section.locator("input[type=search]").fill("scan-1")
    section.locator("button:has-text('Filter')").click()
    expect(page.locator("section.queue")).to_have_count(1)
    expect(section.locator("li.item")).to_have_count(1)
    expect(section).to_contain_text("1 of 4 match")
    section.locator("a:has-text('show all')").click()
    expect(section.locator("li.item")).to_have_count(4)
    shot(page, "review-section")
    section.locator("input.pick-all").check()
    expect(section.locator("input.pick:checked")).to_have_count(4)
    section.locator("input.pick").nth(0).uncheck()
    expect(section.locator("input.pick-all")).not_to_be_checked()
    section.locator("button:has-text('Discard selected')").click()
    expect(page.locator("p.flash")).to_have_text(
        "Discarded 3 files; the files stay in the quarantine folder."
    )
    expect(section.locator("li.item")).to_have_count(1)
    expect(section.locator("h2 .count")).to_have_text("1")


def test_the_small_things_a_daily_user_meets(
    service: Running, page: object, tmp_path: Path
) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    base = service.url.rstrip("/")
    icon = page.request.get(f"{base}/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"] in (
        "image/vnd.microsoft.icon",
        "image/x-icon",
    )
    assert icon.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    log_in(page, base, service.password)
    expect(page.locator("link[rel=icon]")).to_have_attribute("href", "/favicon.ico")
    page.click("nav.main a:has-text('Export')")
    expect(page.locator("nav.main a[aria-current=page]")).to_have_text("Export")

    invoice = make_pdf(tmp_path / "inv.pdf", sample_invoice(number="INV-2024/118"))
    drop(invoice, service.watch / "invoices" / "ACME" / "march.pdf")
    page.goto(f"{base}/intake")
    expect(page.locator("#files tbody")).to_contain_text("document 1", timeout=30_000)
    for _ in range(60):  # until the indexer has it
        page.goto(f"{base}/search?q=acme")
        if page.locator("table.docs").count():
            break
        page.wait_for_timeout(500)
    expect(page.locator("table.docs")).to_contain_text("Acme Tools GmbH")

    # Narrow window: dates and amounts stay on one line each.
    page.set_viewport_size({"width": 520, "height": 900})
    page.reload()
    lines = """(td) => {
        const r = document.createRange();
        r.selectNodeContents(td);
        return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size;
    }"""
    for cell in ("td.date", "td.num"):
        assert page.locator(f"table.docs {cell}").first.evaluate(lines) == 1, cell
    wrapping = page.locator("table.docs td").nth(2)  # the vendor's name may wrap
    assert wrapping.evaluate("(td) => getComputedStyle(td).whiteSpace") == "normal"
    shot(page, "search-narrow")
    page.set_viewport_size({"width": 1400, "height": 1000})

    # The correction form, with the page beside it; each line's fields named by its line.
    page.click("table.docs a")
    page.click("a.button:has-text('Correct')")
    image = page.locator(".doc.editing .sheet img").first
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0
    form = page.locator("form.fields-form")
    picture, fields = image.bounding_box(), form.bounding_box()
    assert picture is not None and fields is not None
    assert picture["x"] + picture["width"] <= fields["x"]  # beside, on its left
    assert picture["y"] < fields["y"] + fields["height"] and fields["y"] < picture["y"] + 200
    expect(page.get_by_label("line 2 description", exact=True)).to_have_value(
        "Drill bit set, 25 pieces"
    )
    expect(page.get_by_label("line 3 product SKU", exact=True)).to_have_count(1)
    expect(page.get_by_label("line 1 unit price", exact=True)).to_have_value("129.00")
    shot(page, "correct-beside")
    page.click("button:has-text('Save fields')")
    notice = page.locator("p.flash")
    expect(notice).to_have_text("Nothing changed.")
    expect(notice).to_have_class(re.compile(r"\binfo\b"))


def test_correct_once_and_the_next_invoice_is_read_right(
    service: Running, page: object, tmp_path: Path
) -> None:
    """Correct a vendor's first invoice in the form; its second comes out right; the
    vendor's page shows what was learned, and forgetting a rule takes it away."""
    from playwright.sync_api import Page, expect

    from tests.learning_world import draw, vendor_invoice

    assert isinstance(page, Page)
    base = service.url.rstrip("/")
    page.goto(f"{base}/login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", service.password)
    page.click("button[type=submit]")
    page.goto(f"{base}/intake")
    first, second = vendor_invoice("kestrel", 0), vendor_invoice("kestrel", 1)
    drop(draw(tmp_path / "k0.pdf", "kestrel", first), service.watch / "invoices" / "k0.pdf")
    expect(page.locator("#files tbody")).to_contain_text("document 1", timeout=30_000)

    page.goto(f"{base}/documents/1/edit")
    page.fill("input[name=invoice_number]", first["invoice_number"])
    page.fill("input[name=total]", first["total"])
    page.click("button:has-text('Save fields')")
    expect(page.locator(".flash")).to_contain_text("Saved:")

    page.goto(f"{base}/intake")
    drop(draw(tmp_path / "k1.pdf", "kestrel", second), service.watch / "invoices" / "k1.pdf")
    expect(page.locator("#files tbody")).to_contain_text("document 2", timeout=30_000)
    page.goto(f"{base}/documents/2")
    number = page.locator("td.value[data-field=invoice_number]")
    expect(number).to_have_text(second["invoice_number"])
    expect(page.locator("td.value[data-field=total]")).to_contain_text(second["total"])
    shot(page, "learned-document")

    page.click("h1 .vendor a")
    # the row of the rule for invoice_number (other rules name the same correction)
    field_cell = page.locator("td:first-child", has_text=re.compile(r"^invoice_number$"))
    rule = page.locator("table.learned tr").filter(has=field_cell)
    expect(rule).to_contain_text("Ref#")
    shot(page, "vendor")
    rule.locator("button:has-text('forget')").click()
    expect(page.locator(".flash")).to_contain_text("Forgot rule")
    expect(page.locator("table.learned tr").filter(has=field_cell)).to_have_count(0)
