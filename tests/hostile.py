"""Hostile inputs, generated at test time: each a function that puts one kind of bad file
(or a link, or a name) into a drop folder and says what must become of it.

``KINDS`` lists them all. An expectation is ``Quarantined(reason words)``, ``Filed()``
(content Intake can read, whatever its name or type claim), or ``Ignored()`` (a documented
ignore rule: left where it is). Every kind also requires that the service keeps running,
keeps filing good files beside it, and that ``intake verify`` finds nothing wrong.
"""

from __future__ import annotations

import gzip
import io
import os
import pickle
import struct
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from tests.factory import embed, make_pdf, sample_invoice
from tests.scans import many_pages_pdf, pixel_flood_png


@dataclass(frozen=True)
class Quarantined:
    words: tuple[str, ...]  # each appears in the reason (case-insensitive)


@dataclass(frozen=True)
class Filed:
    pass


@dataclass(frozen=True)
class Ignored:
    pass


Expectation = Quarantined | Filed | Ignored


@dataclass(frozen=True)
class Place:
    """Where a kind puts its file: the drop folder, a scratch folder outside the watched
    tree, and the canary path that must never be created."""

    folder: Path
    outside: Path
    canary: Path


Maker = Callable[[Place], str]  # returns the name it dropped (relative to the folder)


def pdf_of(objects: list[bytes], *, root: int = 1, header: bytes = b"%PDF-1.7\n") -> bytes:
    """A PDF with the given objects (numbered from 1) and a correct cross-reference."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def page_with(content: bytes, resources: bytes = b"<< >>") -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources " + resources + b" >>",
        stream(content),
    ]


def invoice_bytes(place: Place, number: str) -> bytes:
    src = place.outside / f"src-{number}.pdf"
    return make_pdf(src, sample_invoice(number=number)).read_bytes()


def write(place: Place, name: str, data: bytes) -> str:
    (place.folder / name).write_bytes(data)
    return name


# --- the kinds --------------------------------------------------------------------------------


def zero_bytes(p: Place) -> str:
    return write(p, "empty.pdf", b"")


def truncated_pdf(p: Place) -> str:
    data = invoice_bytes(p, "TRUNC-1")
    return write(p, "truncated.pdf", data[: len(data) // 2])  # no %%EOF: waits, then taken


def no_root(p: Place) -> str:
    return write(p, "no-root.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")


def header_then_garbage(p: Place) -> str:
    return write(p, "garbage.pdf", b"%PDF-1.7\n" + os.urandom(4096) + b"\n%%EOF\n")


def random_bytes(p: Place) -> str:
    return write(p, "random.pdf", b"\x93" + os.urandom(100_000))


def png_named_pdf(p: Place) -> str:
    img = Image.new("L", (600, 200), 255)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return write(p, "really-a-png.pdf", buf.getvalue())


def html_named_pdf(p: Place) -> str:
    return write(p, "page.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></html>")


def windows_exe_named_pdf(p: Place) -> str:
    return write(p, "setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 500 + b"This program cannot be run")


def elf_named_pdf(p: Place) -> str:
    return write(p, "tool.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 500)


def zip_named_pdf(p: Place) -> str:
    return write(p, "archive.pdf", b"PK\x03\x04" + b"\x00" * 200)


def gzip_file(p: Place) -> str:
    return write(p, "bundle.pdf.gz", gzip.compress(b"%PDF-1.7 hidden"))


def gif_image(p: Place) -> str:
    buf = io.BytesIO()
    Image.new("L", (10, 10)).save(buf, "GIF")
    return write(p, "scan.gif", buf.getvalue())


def svg_with_script(p: Place) -> str:
    svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(document.cookie)</script></svg>"
    return write(p, "logo.svg", svg)


def html_document(p: Place) -> str:
    return write(p, "invoice.html", b"<html><body onload='alert(1)'>Invoice 12</body></html>")


def encrypted_user_password(p: Place) -> str:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(invoice_bytes(p, "ENC-1"))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return write(p, "locked.pdf", buf.getvalue())


def encrypted_owner_only(p: Place) -> str:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(invoice_bytes(p, "OWNER-1"))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return write(p, "owner-locked.pdf", buf.getvalue())


class _Canary:
    """Unpickling this creates the canary file: proof that a pickle was loaded."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (self.path, "w"))  # creating the file is the proof


def cmap_by_path(p: Place) -> str:
    """A Type0 font whose CMap name is a path out of pdfminer's CMap folder, to a pickle
    that creates the canary when loaded (CVE-2025-64512). The canary must never appear."""
    evil = p.outside / "evil"
    payload = pickle.dumps(_Canary(str(p.canary)))
    for ext in (".pickle.gz", ".json.gz"):
        evil.with_name(evil.name + ext).write_bytes(gzip.compress(payload))
    hops = "/.." * 12
    name = ("#2F".join((hops + str(evil)).split("/"))).encode()
    objects = page_with(
        b"BT /F1 12 Tf 72 720 Td <0041> Tj ET",
        b"<< /Font << /F1 5 0 R >> >>",
    ) + [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Evil /Encoding /"
        + name
        + b" /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Evil"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
    ]
    return write(p, "cmap-traversal.pdf", pdf_of(objects))


def flate_bomb(p: Place) -> str:
    """A page whose content stream inflates from about 1 MB to 1 GB of spaces."""
    chunk = zlib.compressobj(9)
    parts = [chunk.compress(b" " * (1 << 20)) for _ in range(1024)]
    data = b"".join(parts) + chunk.flush()
    return write(
        p, "flate-bomb.pdf", pdf_of(page_with(b"")[:3] + [stream(data, b"/Filter /FlateDecode")])
    )


def pixel_flood(p: Place) -> str:
    pixel_flood_png(p.folder / "flood.png", 40_000, 40_000)
    return "flood.png"


def jpeg_flood(p: Place) -> str:
    """A JPEG header claiming 65,000 x 65,000 pixels."""
    buf = io.BytesIO()
    Image.new("L", (8, 8)).save(buf, "JPEG")
    data = bytearray(buf.getvalue())
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, 65000, 65000)
    return write(p, "flood.jpg", bytes(data))


def five_thousand_pages(p: Place) -> str:
    many_pages_pdf(p.folder / "5000-pages.pdf.part", 5000)
    (p.folder / "5000-pages.pdf.part").rename(p.folder / "5000-pages.pdf")
    return "5000-pages.pdf"


def ten_thousand_frames(p: Place) -> str:
    frames = [Image.new("1", (1, 1)) for _ in range(10_000)]
    tmp = p.outside / "frames.tif"
    frames[0].save(tmp, save_all=True, append_images=frames[1:], compression="raw")
    return write(p, "10k-frames.tif", tmp.read_bytes())


def circular_page_tree(p: Place) -> str:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",  # contains itself
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ]
    return write(p, "circular-pages.pdf", pdf_of(objects))


def circular_xobjects(p: Place) -> str:
    """Two form XObjects that draw each other (pdfminer #1113)."""
    objects = page_with(b"q /X1 Do Q", b"<< /XObject << /X1 5 0 R >> >>") + [
        stream(
            b"/X2 Do",
            b"/Type /XObject /Subtype /Form /BBox [0 0 10 10]"
            b" /Resources << /XObject << /X2 6 0 R >> >>",
        ),
        stream(
            b"/X1 Do",
            b"/Type /XObject /Subtype /Form /BBox [0 0 10 10]"
            b" /Resources << /XObject << /X1 5 0 R >> >>",
        ),
    ]
    return write(p, "circular-xobjects.pdf", pdf_of(objects))


def deeply_nested(p: Place) -> str:
    depth = 100_000
    objects = page_with(b"BT ET")[:3] + [stream(b"[" * depth + b"]" * depth)]
    return write(p, "nested.pdf", pdf_of(objects))


def no_pages(p: Place) -> str:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    return write(p, "no-pages.pdf", pdf_of(objects))


def symlink_outside(p: Place) -> str:
    secret = p.outside / "secret.txt"
    secret.write_text("top secret")
    (p.folder / "link-to-secret.pdf").symlink_to(secret)
    return "link-to-secret.pdf"


def dangling_symlink(p: Place) -> str:
    (p.folder / "dangling.pdf").symlink_to(p.outside / "nothing-here.pdf")
    return "dangling.pdf"


def looping_symlink(p: Place) -> str:
    (p.folder / "loop-a.pdf").symlink_to(p.folder / "loop-b.pdf")
    (p.folder / "loop-b.pdf").symlink_to(p.folder / "loop-a.pdf")
    return "loop-a.pdf"  # and loop-b.pdf, checked the same way


def symlinked_folder(p: Place) -> str:
    target = p.outside / "elsewhere"
    target.mkdir()
    (target / "inside.pdf").write_bytes(invoice_bytes(p, "INSIDE-1"))
    (p.folder / "linked-folder").symlink_to(target, target_is_directory=True)
    return "linked-folder"


def fifo_named_pdf(p: Place) -> str:
    os.mkfifo(p.folder / "pipe.pdf")
    return "pipe.pdf"


def dots_in_name(p: Place) -> str:
    return write(p, "x..\\..\\..\\etc\\passwd..pdf", invoice_bytes(p, "DOTS-1"))


def newline_in_name(p: Place) -> str:
    return write(p, "invoice\nINFO forged log line.pdf", invoice_bytes(p, "NL-1"))


def rtl_mark_in_name(p: Place) -> str:
    return write(p, "invoice\u202efdp.exe.pdf", invoice_bytes(p, "RTL-1"))


def name_of_255_bytes(p: Place) -> str:
    name = "ä" * 125 + "x.pdf"  # 250 + 5 bytes of UTF-8
    assert len(name.encode()) == 255
    return write(p, name, invoice_bytes(p, "LONG-1"))


def undecodable_name(p: Place) -> str:
    raw = os.fsdecode(b"inv-\xff\xfe-latin1-\xe9.pdf")
    return write(p, raw, invoice_bytes(p, "BYTES-1"))


def html_in_name(p: Place) -> str:
    return write(p, "<img src=x onerror=alert(1)>.pdf", invoice_bytes(p, "XSS-NAME-1"))


def formula_in_name(p: Place) -> str:
    return write(p, '=HYPERLINK("x")+CON.pdf', invoice_bytes(p, "FORMULA-1"))


def still_being_written(p: Place) -> str:
    """Written in pieces over about three seconds: taken only once complete."""
    data = invoice_bytes(p, "SLOW-1")
    path = p.folder / "slow.pdf"

    def writer() -> None:
        with path.open("wb") as f:
            for i in range(0, len(data), max(1, len(data) // 12)):
                f.write(data[i : i + max(1, len(data) // 12)])
                f.flush()
                time.sleep(0.25)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    thread.join()
    return "slow.pdf"


def os_junk(p: Place) -> str:
    for name in (
        ".DS_Store",
        "._invoice.pdf",
        "Thumbs.db",
        "desktop.ini",
        "~$draft.docx",
        ".~lock.sheet.ods#",
        "download.pdf.part",
        "big.pdf.crdownload",
    ):
        (p.folder / name).write_bytes(b"junk")
    for folder in ("@eaDir", "__MACOSX", ".git"):
        (p.folder / folder).mkdir()
        (p.folder / folder / "thumb.pdf").write_bytes(b"junk")
    return ".DS_Store"  # and the rest, all left where they are


def fifty_mb_of_text(p: Place) -> str:
    line = b"Lorem ipsum dolor sit amet, invoice 12345 total 99.00 EUR\n"
    with (p.folder / "huge.txt.part").open("wb") as f:
        for _ in range((50 << 20) // len(line)):
            f.write(line)
    (p.folder / "huge.txt.part").rename(p.folder / "huge.txt")
    return "huge.txt"


def one_long_line(p: Place) -> str:
    return write(p, "one-line.txt", b"word " * (2 << 20))  # 10 MB without a line break


def text_named_pdf(p: Place) -> str:
    return write(p, "notes.pdf", b"Invoice 7 from a text editor\n" * 20)


CII = b'xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"'
XXE_SECRET = "XXE-SECRET-7731"


def with_xml(p: Place, number: str, xml: bytes) -> bytes:
    src = p.outside / f"src-{number}.pdf"
    make_pdf(src, sample_invoice(number=number))
    return embed(src, "factur-x.xml", xml).read_bytes()


def xml_bomb_attached(p: Place) -> str:
    """A Factur-X attachment that expands to a billion "lol"s if its entities are expanded."""
    entities = b'<!ENTITY l0 "lol">' + b"".join(
        b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10)
    )
    xml = b"<?xml version='1.0'?><!DOCTYPE r [%s]><rsm:CrossIndustryInvoice %s>&l9;" % (
        entities,
        CII,
    )
    return write(
        p, "billion-laughs.pdf", with_xml(p, "BOMB-1", xml + b"</rsm:CrossIndustryInvoice>")
    )


def xxe_attached(p: Place) -> str:
    """A Factur-X attachment whose entity names a local file: never read."""
    secret = p.outside / "xxe-secret.txt"
    secret.write_text(XXE_SECRET)
    xml = b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY e SYSTEM 'file://%s'>]>" % bytes(secret)
    xml += b"<rsm:CrossIndustryInvoice %s>&e;</rsm:CrossIndustryInvoice>" % CII
    return write(p, "xxe.pdf", with_xml(p, "XXE-1", xml))


def hidden_file(p: Place) -> str:
    return write(p, ".hidden-invoice.pdf", invoice_bytes(p, "HIDDEN-1"))


KINDS: dict[str, tuple[Maker, Expectation]] = {
    "zero bytes": (zero_bytes, Quarantined(("empty",))),
    "truncated PDF": (truncated_pdf, Quarantined(("truncated",))),
    "PDF without /Root": (no_root, Quarantined(("cannot be parsed",))),
    "PDF header, then garbage": (header_then_garbage, Quarantined(("cannot be parsed",))),
    "random bytes": (random_bytes, Quarantined(("unsupported",))),
    "PNG named .pdf": (png_named_pdf, Filed()),
    "HTML named .pdf": (html_named_pdf, Quarantined(("html",))),
    "Windows executable named .pdf": (windows_exe_named_pdf, Quarantined(("executable",))),
    "ELF executable named .pdf": (elf_named_pdf, Quarantined(("executable",))),
    "ZIP named .pdf": (zip_named_pdf, Quarantined(("zip",))),
    "gzip archive": (gzip_file, Quarantined(("gzip",))),
    "GIF image": (gif_image, Quarantined(("gif",))),
    "SVG with a script": (svg_with_script, Quarantined(("svg",))),
    "HTML document": (html_document, Quarantined(("html",))),
    "plain text named .pdf": (text_named_pdf, Quarantined(("plain text",))),
    "PDF with a user password": (encrypted_user_password, Quarantined(("password",))),
    "PDF with an owner password only": (encrypted_owner_only, Filed()),
    "font CMap named by path (CVE-2025-64512)": (cmap_by_path, Filed()),
    "flate bomb (1 MB to 1 GB)": (flate_bomb, Quarantined(())),
    "pixel flood PNG (40k x 40k)": (pixel_flood, Quarantined(("too large",))),
    "pixel flood JPEG (65k x 65k)": (jpeg_flood, Quarantined(("too large",))),
    "5,000-page PDF": (five_thousand_pages, Quarantined(("5000 pages", "limit"))),
    "10,000-frame TIFF": (ten_thousand_frames, Quarantined(("10000 frames", "limit"))),
    "circular page tree": (circular_page_tree, Quarantined(("page",))),
    "circular XObjects": (circular_xobjects, Filed()),
    "arrays nested 100,000 deep": (deeply_nested, Filed()),
    "PDF without pages": (no_pages, Quarantined(("pdf",))),
    "symlink to a file outside": (symlink_outside, Quarantined(("symbolic link",))),
    "dangling symlink": (dangling_symlink, Quarantined(("symbolic link",))),
    "looping symlinks": (looping_symlink, Quarantined(("symbolic link",))),
    "symlink to a folder outside": (symlinked_folder, Quarantined(("symbolic link",))),
    "named pipe called .pdf": (fifo_named_pdf, Quarantined(("not a regular file",))),
    "name with .. and backslashes": (dots_in_name, Filed()),
    "name with a newline": (newline_in_name, Filed()),
    "name with a right-to-left override": (rtl_mark_in_name, Filed()),
    "name of 255 bytes": (name_of_255_bytes, Filed()),
    "name that is not UTF-8": (undecodable_name, Filed()),
    "HTML in the name": (html_in_name, Filed()),
    "spreadsheet formula in the name": (formula_in_name, Filed()),
    "file still being written": (still_being_written, Filed()),
    "operating-system junk": (os_junk, Ignored()),
    "hidden file": (hidden_file, Ignored()),
    "Factur-X XML bomb attached (billion laughs)": (xml_bomb_attached, Filed()),
    "Factur-X XML with an external entity (XXE)": (xxe_attached, Filed()),
    "50 MB of text": (fifty_mb_of_text, Quarantined(("pages", "limit"))),
    "10 MB of text on one line": (one_long_line, Quarantined(())),
}
