"""Database: tables, engine, and the queries the rest of Intake uses."""

from intake.db import indexes as _indexes  # noqa: F401  (registers the search indexes)
from intake.db.engine import Database, open_database
from intake.db.export import ExportBatch, ExportItem, ExportRule
from intake.db.learning import LearnedRule, VendorSign
from intake.db.models import (
    AuditEntry,
    Base,
    Document,
    DocumentPage,
    IntakeFile,
    LedgerState,
    LineItem,
    Product,
    ProductAlias,
    User,
    Vendor,
    utcnow,
)
from intake.db.products import (
    ContractProduct,
    DuplicateDecision,
    MatchMemoryEntry,
    OrderLineMatch,
    OrderMatch,
)

__all__ = [
    "AuditEntry",
    "Base",
    "ContractProduct",
    "Database",
    "Document",
    "DocumentPage",
    "DuplicateDecision",
    "ExportBatch",
    "ExportItem",
    "ExportRule",
    "IntakeFile",
    "LearnedRule",
    "LedgerState",
    "LineItem",
    "MatchMemoryEntry",
    "OrderLineMatch",
    "OrderMatch",
    "Product",
    "ProductAlias",
    "User",
    "Vendor",
    "VendorSign",
    "open_database",
    "utcnow",
]
