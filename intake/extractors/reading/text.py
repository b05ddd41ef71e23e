"""Read a plain-text document (an invoice exported or mailed as text).

Each line becomes a line of words on a fixed grid (6 pt per character, 12 pt per line,
60 lines per page), so column layouts written with spaces keep their geometry and the
same extractors read them as they read a PDF.
"""

from __future__ import annotations

from pathlib import Path

from intake.errors import EmptyFile, ResourceLimit, UnsupportedFile
from intake.record import Page, Word

__all__ = ["looks_like_text", "read_text"]

CHAR_W = 6.0
LINE_H = 12.0
LINES_PER_PAGE = 60
ENCODINGS = ("utf-8", "cp1252")


def _decode(data: bytes) -> str | None:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def looks_like_text(head: bytes) -> bool:
    """Printable text: no NUL bytes, decodable, mostly printable characters."""
    if b"\x00" in head:
        return False
    text = _decode(head[:-4] if len(head) >= 1024 else head)  # a cut multibyte char at the end
    if text is None:
        return False
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
    return printable >= 0.97 * max(len(text), 1)


def read_text(path: Path, *, max_pages: int) -> tuple[Page, ...]:
    text = _decode(path.read_bytes())
    if text is None:
        raise UnsupportedFile("the text file is in an unknown encoding")
    lines = text.expandtabs(8).splitlines()
    if not any(line.strip() for line in lines):
        raise EmptyFile("the text file holds no text")
    count = (len(lines) + LINES_PER_PAGE - 1) // LINES_PER_PAGE
    if count > max_pages:
        raise ResourceLimit(f"the text runs to {count} pages; the limit is {max_pages}")
    width = CHAR_W * max(80, max(len(line) for line in lines))
    pages = []
    for p in range(count):
        words: list[Word] = []
        for i, line in enumerate(lines[p * LINES_PER_PAGE : (p + 1) * LINES_PER_PAGE]):
            top = (i + 1) * LINE_H
            col = 0
            for token in line.split(" "):
                if token:
                    words.append(
                        Word(
                            token,
                            col * CHAR_W,
                            top,
                            (col + len(token)) * CHAR_W,
                            top + LINE_H * 0.8,
                            line=i,
                        )
                    )
                col += len(token) + 1
        pages.append(Page(p + 1, width, LINE_H * (LINES_PER_PAGE + 2), tuple(words)))
    return tuple(pages)
