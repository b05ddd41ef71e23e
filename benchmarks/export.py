"""Export throughput: N filed invoices (3 lines each) in every format, on a real SQLite file.

Run: ``python -m benchmarks.export [N]``. Prints, per format, the seconds for the whole
export (selection, preparation, rendering, recording the batch) and the file size.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from intake.db.engine import open_database
from intake.export.batches import ExportRequest, run_export
from intake.export.rules import set_rule
from intake.settings import Settings
from tests.export_fixtures import add_invoice, peppol_settings


def main(argv: list[str] | None = None) -> None:
    count = int(argv[0]) if argv else 2000
    with tempfile.TemporaryDirectory() as tmp:
        settings = peppol_settings(
            Settings(data_dir=Path(tmp) / "data", watch_dir=Path(tmp) / "watch")
        )
        settings.ensure_dirs()
        db = open_database(settings.db_url)
        start = time.perf_counter()
        for i in range(count):
            add_invoice(db, vendor=f"Vendor {i % 50}", number=f"INV-{i}")
        print(f"filed {count} invoice rows in {time.perf_counter() - start:.1f} s")
        for v in range(min(count, 50)):
            set_rule(db, vendor=f"Vendor {v}", account="5000", tax_code="20%", country="DE",
                     vat_id=f"DE{v:09d}", endpoint=f"9930:DE{v:09d}", user="bench")  # fmt: skip
        for fmt in ("csv", "json", "xero", "qbo", "iif", "ubl"):
            start = time.perf_counter()
            result = run_export(db, settings, ExportRequest(fmt), user="bench")
            took = time.perf_counter() - start
            assert len(result.document_ids) == count and not result.blocked
            print(
                f"{fmt:<5} {count} documents in {took:6.2f} s "
                f"({count / took:7.0f} docs/s), {len(result.content) / 1024:8.0f} KiB"
            )
        start = time.perf_counter()
        empty = run_export(db, settings, ExportRequest("xero"), user="bench")
        assert empty.empty
        print(f"xero again (nothing new, {count} exported): {time.perf_counter() - start:.2f} s")
        db.dispose()


if __name__ == "__main__":
    main(sys.argv[1:])
