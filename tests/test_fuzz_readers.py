"""A fuzz harness over the readers: Hypothesis mutates real files (a text-layer invoice PDF, a
scanned-looking PNG and TIFF, a plain-text invoice, a CII XML invoice) and pure noise, under
any extension, and each input is read, classified and extracted in a limited worker
process, as the service does. Every input must end within the time limit either read or
refused with a clear reason (an input error: quarantined with it) - never a hang, a dead
worker or an unexpected exception.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from concurrent.futures import TimeoutError
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pebble import ProcessExpired, ProcessPool
from PIL import Image, ImageDraw

from intake.errors import InputError
from intake.extractors.base import Registry
from intake.ingest.stages import Context, extract_path
from intake.ingest.workers import limited_pool
from intake.settings import Settings
from tests.factory import cii_xml, make_pdf, sample_invoice
from tests.faults import text_invoice

pytestmark = pytest.mark.slow

TIME_LIMIT = 60.0
MAX_INPUT = 256 << 10
EXTENSIONS = ("pdf", "png", "jpg", "tif", "txt", "xml", "bin", "")


def image_bytes(fmt: str) -> bytes:
    image = Image.new("L", (360, 120), 255)
    ImageDraw.Draw(image).text((10, 40), "INVOICE 2024-77 Total 120.00 EUR", fill=0)
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("seeds")
    doc = sample_invoice(number="FUZZ-1")
    return {
        "pdf": make_pdf(folder / "seed.pdf", doc).read_bytes(),
        "png": image_bytes("PNG"),
        "tif": image_bytes("TIFF"),
        "txt": text_invoice("FUZZ-2", "Fuzz Supplies Ltd").encode(),
        "xml": cii_xml(doc),
    }


@pytest.fixture(scope="module")
def reader_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("fuzz")
    return Settings(
        data_dir=root / "data",
        watch_dir=root / "watch",
        file_timeout=TIME_LIMIT,
        memory_limit_mb=1024,
        workers=1,
        ocr_processes=1,
    )


@pytest.fixture(scope="module")
def pool(reader_settings: Settings) -> Iterator[ProcessPool]:
    workers = limited_pool(reader_settings)
    yield workers
    workers.stop()
    workers.join(timeout=10)


@st.composite
def mutated(draw: st.DrawFn, seeds: dict[str, bytes]) -> tuple[str, bytes]:
    """A seed file mutated a few times (bytes flipped, cut, inserted, a slice repeated), or
    noise; then given any extension."""
    kind = draw(st.sampled_from([*sorted(seeds), "noise"]))
    data = bytearray(draw(st.binary(max_size=4096)) if kind == "noise" else seeds[kind])
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "zero"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[at : at + draw(st.integers(1, 4096))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 512))] * draw(st.integers(2, 50))
        else:
            data[at : at + 64] = bytes(len(data[at : at + 64]))
    ext = draw(st.sampled_from([kind if kind != "noise" else "bin", *EXTENSIONS]))
    return ext, bytes(data[:MAX_INPUT])


def verdict(future: Any) -> str:
    """``read``, ``refused: <reason>``, or the failure (which the test reports)."""
    try:
        future.result()
    except InputError as exc:
        return f"refused: {exc}"
    except (MemoryError, RecursionError) as exc:  # quarantined by the pipeline with a reason
        return f"refused: {type(exc).__name__}"
    except TimeoutError:
        return f"FAILED: still running after the {TIME_LIMIT:.0f} s limit"
    except ProcessExpired as exc:
        return f"FAILED: the worker died ({exc})"
    except Exception as exc:  # noqa: BLE001 - reported as the finding
        return f"FAILED: unexpected {type(exc).__name__}: {exc}"
    return "read"


# Hypothesis warns when it prints a large example (a mutated TIFF): not a finding.
@pytest.mark.filterwarnings("ignore:Generating overly large repr")
def test_every_mutated_input_is_read_or_refused_within_its_limit(
    seeds: dict[str, bytes],
    reader_settings: Settings,
    pool: ProcessPool,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> None:
    folder = tmp_path_factory.mktemp("inputs")
    reader_ctx = Context(reader_settings, Registry.default())
    tally: dict[str, int] = {}

    @settings(
        max_examples=80,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutated(seeds))
    def check(example: tuple[str, bytes]) -> None:
        ext, data = example
        path = folder / f"input-{sum(tally.values())}{'.' + ext if ext else ''}"
        path.write_bytes(data)
        future = pool.schedule(extract_path, args=(reader_ctx, str(path)), timeout=TIME_LIMIT)
        got = verdict(future)
        path.unlink()
        key = got.split(":")[0]
        tally[key] = tally.get(key, 0) + 1
        assert not got.startswith("FAILED"), (ext, len(data), data[:200], got)

    check()
    assert tally.get("read", 0) > 0 and tally.get("refused", 0) > 0, tally
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"\nreader fuzzing: {sum(tally.values())} inputs; {tally}")


def test_a_page_without_a_media_box_is_read_not_failed(
    seeds: dict[str, bytes], reader_settings: Settings, tmp_path: Path
) -> None:
    """Found by the fuzzer: pdfplumber raised a bare TypeError on a page without a
    MediaBox (pdfium assumes US Letter); the text layer is then OCRed instead."""
    box = b"/MediaBox [ 0 0 595.2756 841.8898 ]"
    assert box in seeds["pdf"]
    path = tmp_path / "no-box.pdf"
    path.write_bytes(seeds["pdf"].replace(box, b" " * len(box)))  # offsets stay valid
    ctx = Context(reader_settings, Registry.default())
    assert extract_path(ctx, str(path))["doc_type"] == "invoice"
