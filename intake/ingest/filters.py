"""Which files in a drop folder Intake leaves alone, and why. The README lists these rules.

Ignored: operating-system and sync-tool litter (``.DS_Store``, ``._*``, ``Thumbs.db``,
``desktop.ini``, ``@eaDir/``, ``__MACOSX/``, ``.stfolder/``...), hidden files and folders
(names starting with a dot), Office lock files (``~$*``, ``.~lock*``) and partial
downloads (``*.part``, ``*.partial``, ``*.tmp``, ``*.crdownload``, ``*.download``).
Everything else is taken, and either filed, recorded as a duplicate, or quarantined.
"""

from __future__ import annotations

from pathlib import PurePath

__all__ = ["ignore_reason"]

JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db", "icon\r"})
JUNK_DIRS = frozenset({"@eadir", "__macosx", "#recycle", "$recycle.bin", "lost+found"})
PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", ".filepart")


def ignore_reason(rel: PurePath) -> str | None:
    """Why the file at ``rel`` (relative to the watch root) is ignored, or None to take it."""
    for part in rel.parts[:-1]:
        if part.lower() in JUNK_DIRS:
            return f"inside a system folder ({part})"
        if part.startswith("."):
            return f"inside a hidden folder ({part})"
    name = rel.name
    lowered = name.lower()
    if lowered in JUNK_NAMES:
        return "operating-system file"
    if name.startswith("~$") or lowered.startswith(".~lock"):
        return "office lock file"
    if name.startswith("."):
        return "hidden file"
    if lowered.endswith(PARTIAL_SUFFIXES):
        return "partial download"
    return None
