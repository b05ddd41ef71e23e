"""Files on disk: hashing, durable writes, the content-addressed archive, and moving a file
aside (quarantine, duplicates) with a JSON note beside it.

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
    "archive_path",
    "fsync_dir",
    "move_aside",
    "safe_name",
    "sha256_file",
    "store_original",
    "write_atomic",
]

CHUNK = 1 << 20


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
    return dest.with_name(f".tmp-{uuid.uuid4().hex}-{dest.name[-40:]}")


def write_atomic(dest: Path, data: bytes) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(dest)
    try:
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(dest)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(dest.parent)


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


def safe_name(name: str, max_bytes: int = 150) -> str:
    """A file name safe to create anywhere: no separators, control or bidi characters,
    no leading dots, at most ``max_bytes`` bytes of UTF-8 with the extension kept."""
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name).strip().lstrip(".") or "file"
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    budget = max_bytes - len(suffix.encode())
    stem_bytes = stem.encode()[:budget]
    return stem_bytes.decode("utf-8", "ignore") + suffix


def move_aside(
    src: Path, dest_dir: Path, name: str, note: dict[str, Any], suffix: str = ".error.json"
) -> Path:
    """Move ``src`` into ``dest_dir`` under a unique safe name and write a JSON note
    ``<new name><suffix>`` beside it. Returns the new path of the file."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    dest = dest_dir / f"{stamp}-{uuid.uuid4().hex[:6]}-{safe_name(name)}"
    note = {**note, "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    write_atomic(dest.with_name(dest.name + suffix), json.dumps(note, indent=2).encode())
    if src.is_symlink() or src.exists():
        src.replace(dest)
        fsync_dir(dest_dir)
    return dest
