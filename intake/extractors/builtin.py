"""The extractors that ship with Intake, listed explicitly."""

from __future__ import annotations

from intake.extractors.base import Extractor
from intake.extractors.extraction.contract import ContractExtractor
from intake.extractors.extraction.estimate import EstimateExtractor
from intake.extractors.extraction.invoice import InvoiceExtractor
from intake.extractors.extraction.order_confirmation import OrderConfirmationExtractor
from intake.extractors.extraction.purchase_order import PurchaseOrderExtractor

__all__ = ["BUILTIN"]


def BUILTIN() -> list[Extractor]:  # noqa: N802 - a constant list, built fresh per registry
    return [
        InvoiceExtractor(),
        PurchaseOrderExtractor(),
        OrderConfirmationExtractor(),
        EstimateExtractor(),
        ContractExtractor(),
    ]
