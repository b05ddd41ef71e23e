"""Reading the templates folder: every ``.yml``, ``.yaml`` and ``.json`` file below it,
once per process, again only when a file in it was added, removed or changed."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import yaml

from intake.errors import ConfigError
from intake.extractors.extraction.templates.model import Template, compile_template

__all__ = ["load_templates", "read_template"]

logger = logging.getLogger(__name__)

SUFFIXES = (".yml", ".yaml", ".json")

Signature = tuple[tuple[str, int, int], ...]
_cache: dict[Path, tuple[Signature, tuple[Template, ...]]] = {}


def _files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _signature(folder: Path, files: list[Path]) -> Signature:
    out = []
    for p in files:
        try:
            st = p.stat()
        except OSError:
            continue
        out.append((str(p.relative_to(folder)), st.st_mtime_ns, st.st_size))
    return tuple(out)


def read_template(path: Path, name: str) -> Template:
    """One template file; :class:`ConfigError` says what is wrong with it."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read it: {exc}") from exc
    return compile_template(name, data)


def load_templates(folder: Path) -> tuple[Template, ...]:
    """The templates of ``folder``, highest priority first (then by file name).

    A file that cannot be read or compiled is logged and skipped; a missing folder gives
    no templates. The result is kept until a template file changes."""
    if not folder.is_dir():
        if folder not in _cache:
            logger.error("templates folder %s does not exist; no vendor templates", folder)
            _cache[folder] = ((), ())
        return ()
    files = _files(folder)
    signature = _signature(folder, files)
    cached = _cache.get(folder)
    if cached is not None and cached[0] == signature:
        return cached[1]
    templates = []
    for path in files:
        name = str(path.relative_to(folder))
        try:
            templates.append(read_template(path, name))
        except ConfigError as exc:
            logger.error("template %s skipped: %s", name, exc)
    ordered = tuple(sorted(templates, key=lambda t: (-t.priority, t.name)))
    logger.info("loaded %d vendor templates from %s", len(ordered), folder)
    _cache[folder] = (signature, ordered)
    return ordered
