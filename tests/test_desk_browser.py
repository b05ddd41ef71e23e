"""The coordinator's morning in a real browser (Debian's chromium driven by Playwright)
against a real ``intake run`` on the generated desk world (tests/desk_world.py): the
home page with what needs attention, printed as a meeting's agenda; the open orders; the
deadlines; a product's cost against plan. Screenshots go to
benchmarks/out/screenshots/desk-*.png.
"""

from __future__ import annotations

import datetime as dt
import queue
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake.db.engine import open_database
from intake.filing.catalog_import import import_catalog
from intake.filing.wiring import Wiring
from intake.settings import Settings
from tests.desk_world import US, US_ALIASES, US_VAT, catalog_csv, file_desk_world, make_desk_world
from tests.live import Running, read_lines, start_intake, stop_intake, wait_for
from tests.test_browser import ARGS, CHROMIUM, SHOTS, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed"),
]


@pytest.fixture
def desk_service(tmp_path: Path) -> Iterator[tuple[Running, dict[str, int]]]:
    company = {
        "INTAKE_COMPANY_NAME": US,
        "INTAKE_COMPANY_ALIASES": ",".join(US_ALIASES),
        "INTAKE_COMPANY_VAT_IDS": US_VAT,
    }
    settings = Settings(
        data_dir=tmp_path / "data",
        watch_dir=tmp_path / "watch_folders",
        memory_limit_mb=0,
        company_name=US,
        company_aliases=list(US_ALIASES),
        company_vat_ids=[US_VAT],
    )
    settings.ensure_dirs()
    db = open_database(settings.db_url)
    with db.session() as s:
        import_catalog(s, catalog_csv(), user="test")
    ids = file_desk_world(
        Wiring.default().context(settings, db),
        make_desk_world(dt.date.today()),
        tmp_path / "pdfs",
    )
    db.dispose()
    env = {
        "INTAKE_DATA_DIR": str(settings.data_dir),
        "INTAKE_WATCH_DIR": str(settings.watch_dir),
        "INTAKE_PORT": "0",
        "INTAKE_SETTLE_SECONDS": "0.5",
        **company,
    }
    proc = start_intake(env, tmp_path)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=read_lines, args=(proc, lines), daemon=True).start()
    try:
        # its output is no terminal: the first password is in a file, never in the output
        said = wait_for(lines, r"user: admin\s+password: in (\S+) ")
        password = Path(said.group(1)).read_text().strip()
        url = wait_for(lines, r"Intake is running: (http://\S+/)").group(1)
        yield Running(proc, url, password, settings.watch_dir, settings.data_dir, lines), ids
    finally:
        stop_intake(proc, timeout=30)


def test_the_coordinators_morning(desk_service: tuple[Running, dict[str, int]]) -> None:
    from playwright.sync_api import expect, sync_playwright

    service, ids = desk_service
    base = service.url.rstrip("/")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(20_000)
        problems: list[str] = []
        page.on(
            "console",
            lambda m: problems.append(f"{m.text} {m.location}") if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: problems.append(str(e)))

        # Log in: the home page is what needs attention.
        page.goto(f"{base}/")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", service.password)
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_contain_text("What needs attention")
        expect(page.locator("[data-count=overdue]")).to_have_text("3")
        expect(page.locator("[data-count=quotes]")).to_have_text("2")
        expect(page.locator("[data-count=notices]")).to_have_text("1")
        expect(page.locator("[data-count=held]")).to_have_text("2")
        overdue = page.locator("#overdue table tbody tr")
        expect(overdue).to_have_count(3)
        expect(page.locator("#overdue")).to_contain_text("PO-7702")
        expect(page.locator("#quotes")).to_contain_text("QT-502")
        expect(page.locator("#held")).to_contain_text("RE-24-1001")
        shot(page, "desk-home")

        # Printed, the agenda has no menus and no forms.
        page.emulate_media(media="print")
        assert not page.locator("header.top").is_visible()
        assert page.locator("#overdue").is_visible()
        shot(page, "desk-home-print")
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
        page.emulate_media(media="screen")

        # From the home page to the open orders: PO-7707 is late on its first line.
        page.click("text=All open orders")
        expect(page.locator("h1")).to_contain_text("6 open purchase orders")
        late = page.locator(f"tr.overdue[data-order='{ids['PO-7707']}']")
        expect(late.first).to_contain_text("Cordless drill 18V")
        expect(page.locator(f"tr[data-order='{ids['PO-7704']}']")).not_to_have_class(
            re.compile("overdue")
        )
        shot(page, "desk-orders")

        # The deadlines of the next 30 days, then of 70.
        page.goto(f"{base}/deadlines")
        rows = page.locator("table.deadlines tbody tr")
        expect(rows).to_have_count(7)
        expect(page.locator("tr[data-kind=contract_notice]")).to_have_count(1)
        page.fill("input[name=days]", "70")
        page.click("button:has-text('Show')")
        expect(rows).to_have_count(10)
        shot(page, "desk-deadlines")

        # The product page's cost against plan.
        page.goto(f"{base}/products")
        page.click("a:has-text('TL-1030')")
        costs = page.locator("table.costs")
        expect(costs.locator("tbody tr")).to_have_count(2)
        expect(costs).to_contain_text("+6.25 %")
        expect(costs.locator("td.over")).to_have_count(1)
        page.locator("#costs").scroll_into_view_if_needed()
        shot(page, "desk-product-costs")
        assert not problems, problems
        context.close()
        browser.close()
    assert (SHOTS / "desk-home.png").exists()
