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
    rule = page.locator("table.learned tr", has_text="invoice_number")
    expect(rule).to_contain_text("Ref#")
    shot(page, "vendor")
    rule.locator("button:has-text('forget')").click()
    expect(page.locator(".flash")).to_contain_text("Forgot rule")
    expect(page.locator("table.learned")).not_to_contain_text("invoice_number")
