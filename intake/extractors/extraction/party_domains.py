"""The web domains a document prints (its e-mail addresses and web site), which usually
name its issuer: evidence for a vendor name that matches one."""

from __future__ import annotations

import re

from intake.extractors.extraction.analysis import Reading

__all__ = ["domain_bonus", "web_domains"]

_DOMAIN = re.compile(r"(?:@|www\.|https?://)([a-z0-9\-]+(?:\.[a-z0-9\-]+)*)", re.IGNORECASE)
_GENERIC_DOMAINS = {
    "gmail",
    "yahoo",
    "hotmail",
    "outlook",
    "gmx",
    "web",
    "example",
    "mail",
    "aol",
    "icloud",
    "live",
    "com",
    "net",
    "org",
    "www",
}


def web_domains(reading: Reading) -> set[str]:
    out = set()
    for m in _DOMAIN.finditer(reading.text):
        for part in m.group(1).lower().split("."):
            if len(part) >= 3 and part not in _GENERIC_DOMAINS:
                out.add(part.replace("-", ""))
    return out


def domain_bonus(name: str, domains: set[str]) -> float:
    compact = re.sub(r"[^a-z0-9]", "", name.lower())
    words = [re.sub(r"[^a-z0-9]", "", w.lower()) for w in name.split()]
    for d in domains:
        if len(compact) >= 3 and (d in compact or compact in d):
            return 0.45
        if any(len(w) >= 4 and (w in d or d in w) for w in words):
            return 0.3
    return 0.0
