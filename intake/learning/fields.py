"""The fields a correction by name may set (``intake documents correct``, the API): every
field with a value kind except lists (parties have their own form), and the type."""

from __future__ import annotations

from intake.values import FIELD_KINDS, LIST

__all__ = ["CORRECTABLE"]

CORRECTABLE = sorted({*(k for k, kind in FIELD_KINDS.items() if kind != LIST), "doc_type"})
