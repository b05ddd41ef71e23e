"""What a file really is, from its first bytes rather than its name."""

from __future__ import annotations

from pathlib import Path

from intake.errors import EmptyFile, UnsupportedFile
from intake.extractors.reading.text import looks_like_text

__all__ = ["EXTENSIONS", "detect_kind"]

#: The kinds Intake reads, and the extension each is archived under.
EXTENSIONS = {"pdf": "pdf", "png": "png", "jpeg": "jpg", "tiff": "tif", "text": "txt"}

TEXT_SUFFIXES = (".txt", ".text")

_OTHER = (
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"MZ", "a Windows executable"),
    (b"\x7fELF", "an ELF executable"),
    (b"GIF8", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)


def detect_kind(path: Path) -> str:
    """Return "pdf", "png", "jpeg", "tiff" or "text"; raise :class:`UnsupportedFile` for anything
    else, naming what it looks like."""
    with path.open("rb") as f:
        head = f.read(1024)
    if not head:
        raise EmptyFile("the file is empty (0 bytes)")
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    for magic, what in _OTHER:
        if head.startswith(magic):
            raise UnsupportedFile(f"unsupported file type: {what}")
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<svg", b"<?xml")) and b"<svg" in lowered:
        raise UnsupportedFile("unsupported file type: an SVG image")
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:200]:
        raise UnsupportedFile("unsupported file type: an HTML page")
    if lowered.startswith(b"<?xml"):
        raise UnsupportedFile("unsupported file type: an XML file")
    if looks_like_text(head):
        if path.suffix.lower() in TEXT_SUFFIXES:
            return "text"
        raise UnsupportedFile(
            f"named {path.suffix or 'without an extension'} but holds plain text"
            " (plain-text documents are read when named .txt)"
        )
    raise UnsupportedFile("unsupported file type: not a PDF, PNG, JPEG, TIFF or text file")
