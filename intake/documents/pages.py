"""Pictures of a document's pages for the web UI, rendered once and cached.

``page_image`` finds the original by document id (never by a path from a request),
renders the page (pypdfium2 for PDFs, Pillow for scans) at one of a few fixed widths, and
keeps the PNG under ``<data_dir>/cache/pages/<document id>/``. PDFium is not thread-safe,
so rendering is serialised by a lock. A page that was read turned (a sideways scan, or a
table printed sideways: :attr:`intake.record.Page.turn`) is drawn turned the same way,
so that the boxes of its words fall on them.
"""

from __future__ import annotations

import io
import json
import logging
import threading
import warnings
import zlib
from pathlib import Path

from PIL import Image, ImageOps
from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.models import Document, DocumentPage
from intake.errors import NotFound, ResourceLimit
from intake.ingest.storage import archive_path, write_atomic
from intake.settings import Settings

__all__ = ["WIDTHS", "page_image"]

logger = logging.getLogger(__name__)

#: The widths (pixels) pages are rendered at: a thumbnail and the page view.
WIDTHS = (240, 1000)
MAX_ASPECT = 5.0  # a page at most this many times taller than wide is drawn whole

_render_lock = threading.Lock()


def _cache_path(settings: Settings, doc_id: int, sha256: str, page: int, width: int) -> Path:
    return settings.cache_dir / "pages" / str(doc_id) / f"{sha256[:16]}-p{page}-w{width}.png"


_TRANSPOSE = {
    90: Image.Transpose.ROTATE_90,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_270,
}


def _turned(image: Image.Image, turn: int) -> Image.Image:
    """``image`` turned ``turn`` degrees counter-clockwise (0, 90, 180 or 270)."""
    return image.transpose(_TRANSPOSE[turn]) if turn in _TRANSPOSE else image


def _render_pdf(path: Path, page: int, width: int, max_pixels: int, turn: int) -> Image.Image:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        pg = pdf[page - 1]
        try:
            w, h = pg.get_size()
            if turn in (90, 270):  # drawn upright, then turned: its height becomes the width
                w, h = h, w
            scale = width / max(w, 1.0)
            if (h * scale) > width * MAX_ASPECT or width * h * scale > max_pixels:
                raise ResourceLimit("the page is too large to draw")
            bitmap = pg.render(scale=scale)
            image: Image.Image = bitmap.to_pil()
            image.load()
            bitmap.close()
            return _turned(image, turn)
        finally:
            pg.close()
    finally:
        pdf.close()


def _render_image(path: Path, page: int, width: int, max_pixels: int, turn: int) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = max_pixels
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(path, formats=["PNG", "JPEG", "TIFF"]) as img:
            img.seek(page - 1)
            frame = _turned(ImageOps.exif_transpose(img).convert("RGB"), turn)
    height = max(1, round(frame.height * width / max(frame.width, 1)))
    if height > width * MAX_ASPECT:
        raise ResourceLimit("the page is too large to draw")
    return frame.resize((width, height), Image.Resampling.LANCZOS)


def _turn_of(session: Session, doc_id: int, page: int) -> int:
    """How the page was turned when it was read (0 for a page not stored)."""
    words = session.scalar(
        select(DocumentPage.words).where(
            DocumentPage.document_id == doc_id, DocumentPage.number == page
        )
    )
    if words is None:
        return 0
    turn = json.loads(zlib.decompress(words)).get("turn", 0)
    return turn if turn in _TRANSPOSE else 0


def page_image(settings: Settings, session: Session, doc_id: int, page: int, width: int) -> Path:
    """The cached PNG of page ``page`` (1-based) of document ``doc_id`` at ``width``
    pixels; NotFound for a document, page or width that does not exist."""
    if width not in WIDTHS:
        raise NotFound(f"pages are drawn {' or '.join(map(str, WIDTHS))} pixels wide")
    row = session.execute(
        select(Document.sha256, Document.ext, Document.kind, Document.page_count).where(
            Document.id == doc_id
        )
    ).first()
    if row is None:
        raise NotFound(f"no document {doc_id}")
    sha256, ext, kind, page_count = row
    if not 1 <= page <= max(page_count, 1):
        raise NotFound(f"document {doc_id} has no page {page}")
    cached = _cache_path(settings, doc_id, sha256, page, width)
    if cached.is_file():
        return cached
    original = archive_path(settings.archive_dir, sha256, ext)
    if not original.is_file():
        raise NotFound(f"the original of document {doc_id} is missing")
    turn = _turn_of(session, doc_id, page)
    with _render_lock:
        if cached.is_file():
            return cached
        try:
            if kind == "pdf":
                image = _render_pdf(original, page, width, settings.max_pixels, turn)
            else:
                image = _render_image(original, page, width, settings.max_pixels, turn)
        except (ResourceLimit, NotFound):
            raise
        except Exception as exc:  # a file that was read once may still fail to draw
            logger.warning("document %d page %d cannot be drawn: %s", doc_id, page, exc)
            raise NotFound(f"page {page} of document {doc_id} cannot be drawn") from exc
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=False, compress_level=6)
        write_atomic(cached, buffer.getvalue())
    return cached
