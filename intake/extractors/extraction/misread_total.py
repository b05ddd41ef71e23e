"""A scanned total one digit off the net it should equal.

Where a document adds nothing to its net (no tax row, no charge), the amount due is the
net. OCR misreads a large or bold total more often than any other row ("Amount Due
$5,518.82" read as "Amount D@6,518.82"), and a total that differs from the net in exactly
one digit, where the items' own amounts add up to the net, is that net misread, not a
different sum. A tax the page lost would differ from the net by the tax: an amount one
digit apart is a tax only where it is a whole rate of the net (10.00 on 100.00), and then
nothing is changed.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["digit_misread", "one_digit_off"]

#: the rates (per mille) a lost tax row could charge: 0.5 % to 30 % in half points
_RATES = range(5, 301, 5)


def one_digit_off(total: Decimal, net: Decimal) -> bool:
    """Whether ``total`` is ``net`` with one digit misread and could be no tax added to it."""
    if not digit_misread(total, net):
        return False
    gap = abs(total - net)
    return not any(abs(net * rate / 1000 - gap) < Decimal("0.01") for rate in _RATES)


def digit_misread(read: Decimal, meant: Decimal) -> bool:
    """Whether ``read`` is ``meant`` with one of its digits misread: written alike to the
    cent, the two differ in exactly one place."""
    a, b = f"{read:.2f}", f"{meant:.2f}"
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1
