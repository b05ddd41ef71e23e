"""A vendor template, compiled from one YAML mapping in invoice2data's format.

Everything is checked here, when the folder is read: a template that does not compile
(no keywords, a regex that does not compile, a top-level ``lines`` that is not a mapping,
an unknown parser, options of the wrong type) raises :class:`~intake.errors.ConfigError`
and is skipped by the loader, so running a template never meets a malformed one. A field
invoice2data itself would never fill (a regex with several capturing groups, an ``area``
without its seven numbers) is dropped with a warning and the template kept, as
invoice2data keeps it; a construct Intake does not run (``camelot``, an ``input_module``
other than pdftotext) is logged once, naming the template.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from intake.errors import ConfigError

__all__ = ["LineRule", "Options", "Rule", "TableRule", "Template", "compile_template"]

logger = logging.getLogger(__name__)

Pattern = re.Pattern[str]
GROUPINGS = ("sum", "min", "max", "first", "last", "join")
DEFAULT_REQUIRED = ("date", "amount", "invoice_number", "issuer")
#: the keys of an ``area``: pages ``f`` to ``l``, a rectangle in pixels at ``r`` dpi
AREA_KEYS = ("f", "l", "r", "x", "y", "W", "H")
#: what ``input_module`` may name: our template text is pdftotext's layout
INPUT_MODULES = ("pdftotext",)


class _Dropped(Exception):
    """A field invoice2data would never fill: dropped, the template kept."""


@dataclass(frozen=True)
class Options:
    """The template's ``options``, read the way invoice2data reads them."""

    remove_whitespace: bool = False
    remove_accents: bool = False
    lowercase: bool = False
    currency: str | None = None  # only when the template sets it
    date_formats: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    decimal_comma: bool | None = None  # None: the document's own separator decides
    replace: tuple[tuple[Pattern, str], ...] = ()

    @property
    def date_order(self) -> str | None:
        """ "dmy" or "mdy" as the first format with both a day and a month writes them."""
        for fmt in self.date_formats:
            day, month = fmt.find("%d"), max(fmt.find("%m"), fmt.find("%b"), fmt.find("%B"))
            if day >= 0 and month >= 0:
                return "dmy" if day < month else "mdy"
        return None


@dataclass(frozen=True)
class LineRule:
    """One block of line items: from ``start`` to ``end``, rows matched line by line."""

    start: Pattern
    end: Pattern
    line: tuple[Pattern, ...]
    first_line: tuple[Pattern, ...] = ()
    last_line: tuple[Pattern, ...] = ()
    skip_line: tuple[Pattern, ...] = ()
    separator: Pattern = re.compile(r"\n")
    end_last: bool = False  # end_match: last (a block that runs over several pages)


@dataclass(frozen=True)
class Rule:
    """How one output field is found: regexes (or a static value, or line blocks)."""

    name: str  # invoice2data's output name (``static_``/``sum_`` prefixes dropped)
    regexes: tuple[Pattern, ...] = ()
    static: str | None = None
    kind: str | None = None  # "float", "int", "date" or None (text)
    group: str | None = None  # one of GROUPINGS
    replace: tuple[tuple[Pattern, str], ...] = ()
    extract_number: bool = False
    lines: tuple[LineRule, ...] = ()
    area: tuple[tuple[str, float], ...] | None = None  # AREA_KEYS and their numbers


@dataclass(frozen=True)
class TableRule:
    """invoice2data's ``tables`` plugin: from ``start`` to ``end``, each line matched by
    ``body``, whose named groups become fields."""

    start: Pattern
    end: Pattern
    body: Pattern
    separator: Pattern = re.compile(r"\n")
    types: tuple[tuple[str, str], ...] = ()  # group name -> "int", "float" or "date"
    groups: tuple[tuple[str, str], ...] = ()  # group name -> one of GROUPINGS


@dataclass(frozen=True)
class Template:
    name: str  # the file's path relative to the templates folder
    issuer: str
    keywords: tuple[str, ...]
    exclude_keywords: tuple[str, ...] = ()
    priority: float = 5.0
    rules: tuple[Rule, ...] = ()
    tables: tuple[TableRule, ...] = ()
    options: Options = field(default_factory=Options)
    required: tuple[str, ...] = DEFAULT_REQUIRED


def _strings(value: Any, what: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in items):
        raise ConfigError(f"{what} must be a string or a list of strings")
    return tuple(str(v) for v in items)


def _regex(pattern: Any, what: str, *, max_groups: int | None = 1) -> Pattern:
    if not isinstance(pattern, str):
        raise ConfigError(f"{what}: the regex must be a string, not {pattern!r}")
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"{what}: bad regex {pattern!r}: {exc}") from exc
    if max_groups is not None and compiled.groups > max_groups:
        raise _Dropped(f"{what}: the regex {pattern!r} captures more than one group")
    return compiled


def _regexes(value: Any, what: str, *, max_groups: int | None = 1) -> tuple[Pattern, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(_regex(v, what, max_groups=max_groups) for v in items)


def _replacements(value: Any, what: str) -> tuple[tuple[Pattern, str], ...]:
    """``[pattern, repl]`` or a list of such pairs."""
    if not value:
        return ()
    pairs = [value] if len(value) == 2 and all(isinstance(v, str) for v in value) else value
    if not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise ConfigError(f"{what}: replace takes [pattern, replacement] pairs")
    return tuple((_regex(p, what, max_groups=None), str(r)) for p, r in pairs)


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ConfigError(f"{what} must be a mapping")
    return value


def _line_rules(spec: Mapping[str, Any], what: str) -> tuple[LineRule, ...]:
    rules = spec.get("rules", [spec])
    if not isinstance(rules, list) or not rules:
        raise ConfigError(f"{what}: rules must be a non-empty list")
    out = []
    for rule in rules:
        rule = _mapping(rule, what)
        for key in ("start", "end", "line"):
            if key not in rule:
                raise ConfigError(f"{what}: lines need a {key!r} regex")
        many = {"max_groups": None}
        out.append(
            LineRule(
                start=_regex(rule["start"], what, **many),
                end=_regex(rule["end"], what, **many),
                line=_regexes(rule["line"], what, **many),
                first_line=_regexes(rule["first_line"], what, **many)
                if "first_line" in rule
                else (),
                last_line=_regexes(rule["last_line"], what, **many) if "last_line" in rule else (),
                skip_line=_regexes(rule["skip_line"], what, **many) if "skip_line" in rule else (),
                separator=_regex(rule.get("line_separator", r"\n"), what, **many),
                end_last=rule.get("end_match", "first") == "last",
            )
        )
    return tuple(out)


def _kind_from_name(name: str) -> str | None:
    if name.startswith("date") or name.endswith("date"):
        return "date"
    if name.startswith("amount"):
        return "float"
    return None


def _area(value: Any, what: str) -> tuple[tuple[str, float], ...]:
    area = _mapping(value, what)
    out = []
    for key in AREA_KEYS:
        number = area.get(key)
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise _Dropped(f"{what}: area needs a number for {key!r} (f, l, r, x, y, W, H)")
        out.append((key, float(number)))
    if dict(out)["r"] <= 0:
        raise _Dropped(f"{what}: area resolution r must be positive")
    return tuple(out)


def _rule(name: str, spec: Any) -> Rule:
    what = f"field {name!r}"
    if isinstance(spec, Mapping):
        parser = spec.get("parser", "regex")
        if parser == "static":
            if "value" not in spec:
                raise ConfigError(f"{what}: a static field needs a value")
            return Rule(name, static=str(spec["value"]))
        if parser == "lines":
            return Rule(name, lines=_line_rules(spec, what))
        if parser != "regex":
            raise ConfigError(f"{what}: unknown parser {parser!r}")
        if "regex" not in spec:
            raise ConfigError(f"{what}: no regex")
        kind = spec.get("type")
        if kind not in (None, "int", "float", "date", "datetime"):
            raise ConfigError(f"{what}: unknown type {kind!r}")
        group = spec.get("group")
        if group is not None and group not in GROUPINGS:
            raise ConfigError(f"{what}: unknown group {group!r}")
        return Rule(
            name,
            regexes=_regexes(spec["regex"], what),
            kind="date" if kind == "datetime" else kind,
            group=group,
            replace=_replacements(spec.get("replace"), what),
            extract_number=bool(spec.get("extract_number", False)),
            area=_area(spec["area"], what) if "area" in spec else None,
        )
    if name.startswith("static_"):
        return Rule(name.removeprefix("static_"), static=str(spec))
    if name.startswith("sum_amount") and isinstance(spec, list):
        return Rule(
            name.removeprefix("sum_"), regexes=_regexes(spec, what), kind="float", group="sum"
        )
    return Rule(name, regexes=_regexes(spec, what), kind=_kind_from_name(name))


def _options(data: Mapping[str, Any]) -> Options:
    separator = data.get("decimal_separator")
    if separator not in (None, ".", ","):
        raise ConfigError(f"options: decimal_separator must be '.' or ',', not {separator!r}")
    languages = _strings(data.get("languages") or [], "options: languages")
    if any(len(lang) != 2 for lang in languages):
        raise ConfigError("options: languages are two-letter codes")
    currency = data.get("currency")
    return Options(
        remove_whitespace=bool(data.get("remove_whitespace", False)),
        remove_accents=bool(data.get("remove_accents", False)),
        lowercase=bool(data.get("lowercase", False)),
        currency=str(currency).strip() if currency else None,
        date_formats=_strings(data.get("date_formats") or [], "options: date_formats"),
        languages=languages,
        decimal_comma=None if separator is None else separator == ",",
        replace=_replacements(data.get("replace"), "options"),
    )


_TYPES = {"int": "int", "float": "float", "date": "date", "datetime": "date"}


def _table(spec: Any, i: int) -> TableRule:
    what = f"tables[{i}]"
    spec = _mapping(spec, what)
    for key in ("start", "end", "body"):
        if key not in spec:
            raise ConfigError(f"{what}: a table needs a {key!r} regex")
    types = _mapping(spec.get("types"), f"{what}: types")
    nested = _mapping(spec.get("fields"), f"{what}: fields")
    kinds = {str(k): str(v) for k, v in types.items()}
    groups = {}
    for key, settings in nested.items():
        settings = _mapping(settings, f"{what}: fields")
        if "type" in settings and str(key) not in kinds:
            kinds[str(key)] = str(settings["type"])
        if "group" in settings:
            if settings["group"] not in GROUPINGS:
                raise ConfigError(f"{what}: unknown group {settings['group']!r}")
            groups[str(key)] = str(settings["group"])
    if any(kind not in _TYPES for kind in kinds.values()):
        raise ConfigError(f"{what}: types are int, float or date")
    many = {"max_groups": None}
    return TableRule(
        start=_regex(spec["start"], what, **many),
        end=_regex(spec["end"], what, **many),
        body=_regex(spec["body"], what, **many),
        separator=_regex(spec.get("line_separator", r"\n"), what, **many),
        types=tuple((k, _TYPES[v]) for k, v in kinds.items()),
        groups=tuple(groups.items()),
    )


def _unsupported(name: str, data: Mapping[str, Any]) -> None:
    """One warning per construct Intake reads but does not run."""
    if "camelot" in data:
        logger.warning("template %s: camelot tables are not supported; ignored", name)
    module = data.get("input_module")
    if module is not None and module not in INPUT_MODULES:
        logger.warning(
            "template %s: input_module %r is not supported; the template runs over "
            "Intake's layout text (pdftotext's, from the text layer or OCR)",
            name,
            module,
        )


def _rules(name: str, fields: Mapping[str, Any]) -> list[Rule]:
    rules = []
    for key, spec in fields.items():
        try:
            rules.append(_rule(str(key), spec))
        except _Dropped as exc:
            logger.warning("template %s: %s; that field is dropped, the template kept", name, exc)
    return rules


def compile_template(name: str, data: Any) -> Template:
    """The template ``name`` from its parsed YAML (or JSON) mapping."""
    data = _mapping(data, "a template")
    if not data.get("keywords"):
        raise ConfigError("a template needs keywords")
    keywords = _strings(data["keywords"], "keywords")
    rules = _rules(name, _mapping(data.get("fields"), "fields"))
    tables = data.get("tables") or []
    if not isinstance(tables, list):
        raise ConfigError("tables must be a list")
    _unsupported(name, data)
    if "lines" in data:  # the older top-level lines plugin
        rules.append(Rule("lines", lines=_line_rules(_mapping(data["lines"], "lines"), "lines")))
    priority = data.get("priority", 5)
    if not isinstance(priority, int | float) or isinstance(priority, bool):
        raise ConfigError("priority must be a number")
    required = data.get("required_fields")
    return Template(
        name=name,
        issuer=str(data.get("issuer") or keywords[0]),
        keywords=keywords,
        exclude_keywords=_strings(data.get("exclude_keywords") or [], "exclude_keywords"),
        priority=float(priority),
        rules=tuple(rules),
        tables=tuple(_table(t, i) for i, t in enumerate(tables)),
        options=_options(_mapping(data.get("options"), "options")),
        required=DEFAULT_REQUIRED if required is None else _strings(required, "required_fields"),
    )
