"""Order confirmations: the seller's answer to a buyer's purchase order ("Order
confirmation", "Auftragsbestätigung", "Confirmation de commande", "Conferma d'ordine").

Unlike a purchase order it is issued by the seller: the letterhead is the vendor and the
addressee the buyer, as on an invoice, whoever our company is. Its own number is the
seller's (``order_number``: sales order, confirmation or Auftrags-Nr.); the buyer's order
it confirms is its ``po_number`` ("Your order", "Ihre Bestellung", "Votre commande"),
through which it is filed against that purchase order in the buying chain.
"""

from __future__ import annotations

from collections.abc import Mapping

from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.business import BusinessDocumentExtractor
from intake.extractors.extraction.candidates import best, labelled, parse_id
from intake.record import Field, Record

__all__ = ["OrderConfirmationExtractor"]


class OrderConfirmationExtractor(BusinessDocumentExtractor):
    doc_type = "order_confirmation"
    ids = ("order_number", "po_number", "quote_number")
    dates = ("issue_date", "delivery_date")

    def extract(self, record: Record) -> Mapping[str, Field]:
        """As any business document; the order confirmed is never the confirmation's own
        number: where the best order label beside a number names the confirmation itself
        ("Conferma d'ordine N." reads as "ordine N."), the next order reference is it."""
        fields = dict(super().extract(record))
        own = fields.get("order_number")
        if own is not None and "po_number" not in fields:
            others = (
                c
                for c in labelled(reading_for(record), "po_number", parse_id)
                if c.value != own.value
            )
            if (po := best(others)) is not None:
                fields["po_number"] = po
        return fields
