"""Products a contract names in its text: a SKU or code-like alias written as a word
(``AT-100``, ``AT 100``), or a product's full name or alias of two words or more."""

from __future__ import annotations

import logging

from sqlalchemy import delete
from sqlalchemy.orm import Session

from intake.db.models import Document
from intake.db.products import ContractProduct
from intake.filing.matching.catalog_index import CatalogIndex
from intake.keys import text_key

__all__ = ["find_mentions", "link_contract_products"]

logger = logging.getLogger(__name__)

#: A name must be at least this long (and two words) to be recognised in running text.
MIN_NAME = 8


def find_mentions(index: CatalogIndex, text: str) -> dict[int, tuple[str, str]]:
    """Product id -> (how, the words found) for every product ``text`` names."""
    found: dict[int, tuple[str, str]] = {}
    words = text_key(text).split()
    for n in range(min(index.max_code_words, 4), 0, -1):
        for i in range(len(words) - n + 1):
            key = "".join(words[i : i + n])
            for pid, how in index.by_code.get(key, ()) if len(key) >= 4 else ():
                if any(c.isdigit() for c in key) and pid not in found:
                    found[pid] = (how, " ".join(words[i : i + n]))
    padded = f" {' '.join(words)} "
    for name, owners in index.by_name.items():
        if len(name) < MIN_NAME or " " not in name or f" {name} " not in padded:
            continue
        for pid, how in owners:
            found.setdefault(pid, ("name" if how == "name" else "alias", name))
    return found


def link_contract_products(session: Session, doc: Document, index: CatalogIndex) -> int:
    """Record the products contract ``doc`` names (replacing earlier links); how many."""
    session.execute(delete(ContractProduct).where(ContractProduct.document_id == doc.id))
    if doc.doc_type != "contract" or not len(index):
        return 0
    mentions = find_mentions(index, doc.content or "")
    for pid, (how, words) in sorted(mentions.items()):
        session.add(
            ContractProduct(document_id=doc.id, product_id=pid, method=how, evidence=words[:500])
        )
    if mentions:
        logger.info("contract %d names %d products", doc.id, len(mentions))
    return len(mentions)
