"""Files on disk: hashing, durable writes, the content-addressed archive, and the places
of files set aside (quarantine, duplicates) with a JSON note beside each.

Every write that must survive a crash goes temp file -> fsync -> ``os.replace`` -> fsync of
the directory, so a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import unicodedata
import uuid
from pathlib import Path
from typing import Any

__all__ = [
    "TEMP_PREFIX",
    "archive_path",
    "copy_atomic",
    "fsync_dir",
    "place_aside",
    "safe_name",
    "sha256_file",
    "store_original",
    "stored_location",
    "stored_name",
    "text_of_name",
    "write_atomic",
    "write_note",
    "write_once",
]

CHUNK = 1 << 20
#: Names of the temporary files of writes in progress (or interrupted by a crash).
TEMP_PREFIX = ".tmp-"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_beside(dest: Path) -> Path:
    return dest.with_name(f"{TEMP_PREFIX}{uuid.uuid4().hex}-{dest.name[-40:]}")


def _write_temp(dest: Path, data: bytes, mode: int = 0o666) -> Path:
    """``data`` durably in a new file beside ``dest`` (``mode`` less the umask), not yet
    under its name."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(dest)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return tmp


def write_atomic(dest: Path, data: bytes) -> None:
    tmp = _write_temp(dest, data)
    try:
        tmp.replace(dest)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(dest.parent)


def write_once(dest: Path, data: bytes) -> bytes:
    """Create ``dest`` (mode 0600) holding ``data`` unless it exists; return what it holds.

    Processes racing to create the same file (two services starting on one data
    directory) all get the first one's content: the file appears whole under its name by a
    hard link, which fails when the name is taken, so no one reads it half written.
    """
    tmp = _write_temp(dest, data, 0o600)
    try:
        os.link(tmp, dest)
    except FileExistsError:
        return dest.read_bytes()
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(dest.parent)
    return data


def copy_atomic(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(dest)
    try:
        with src.open("rb") as fin, tmp.open("wb") as fout:
            shutil.copyfileobj(fin, fout, CHUNK)
            fout.flush()
            os.fsync(fout.fileno())
        tmp.replace(dest)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(dest.parent)


def archive_path(archive_dir: Path, sha256: str, ext: str) -> Path:
    """``archive/ab/cd/<sha256>.<ext>``: the place of an original, derived from its bytes."""
    if not re.fullmatch(r"[0-9a-f]{64}", sha256) or not re.fullmatch(r"[a-z0-9]{1,8}", ext):
        raise ValueError("not a sha256 digest and a plain extension")
    return archive_dir / sha256[:2] / sha256[2:4] / f"{sha256}.{ext}"


def store_original(archive_dir: Path, src: Path, sha256: str, ext: str) -> Path:
    """Copy ``src`` durably into the archive; a complete copy already there is kept."""
    dest = archive_path(archive_dir, sha256, ext)
    if dest.exists() and dest.stat().st_size == src.stat().st_size:
        return dest
    copy_atomic(src, dest)
    with contextlib.suppress(OSError):
        dest.chmod(0o444)  # originals are never modified
    return dest


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def text_of_name(name: str) -> str:
    """A file name as text: bytes that were not UTF-8 (kept by Python as lone surrogates,
    which no database or JSON encoder accepts) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def safe_name(name: str, max_bytes: int = 150) -> str:
    """A file name safe to create anywhere: no separators, control or bidi characters,
    no leading dots, at most ``max_bytes`` bytes of UTF-8 with the extension kept."""
    name = unicodedata.normalize("NFC", text_of_name(name))
    name = _UNSAFE.sub("_", name).strip().lstrip(".") or "file"
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    budget = max_bytes - len(suffix.encode())
    stem_bytes = stem.encode()[:budget]
    return stem_bytes.decode("utf-8", "ignore") + suffix


def place_aside(dest_dir: Path, name: str) -> Path:
    """A new, unique place in ``dest_dir`` (quarantine, duplicates) for a file first named
    ``name``: a time stamp, a random part and the name made safe."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    return dest_dir / f"{stamp}-{uuid.uuid4().hex[:6]}-{safe_name(name)}"


def stored_name(data_dir: Path, path: Path) -> str:
    """How the ledger records where a file set aside is: its path relative to the data
    folder (``quarantine/x.pdf``), so that the data folder can be moved or restored
    elsewhere as a whole."""
    try:
        return path.relative_to(data_dir).as_posix()
    except ValueError:
        return str(path)


def stored_location(data_dir: Path, stored: str) -> Path:
    """The file a ledger row's ``stored_path`` names (relative to the data folder)."""
    path = Path(stored)
    return path if path.is_absolute() else data_dir / path


def write_note(dest: Path, note: dict[str, Any], suffix: str = ".error.json") -> Path:
    """Write the JSON note ``<dest name><suffix>`` beside ``dest`` durably; returns it."""
    path = dest.with_name(dest.name + suffix)
    note = {**note, "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    write_atomic(path, json.dumps(note, indent=2).encode())
    return path
