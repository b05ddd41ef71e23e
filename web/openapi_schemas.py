"""The component schemas of the OpenAPI document (:mod:`web.openapi`), and the bounds its
parameters share."""

from __future__ import annotations

from typing import Any

from intake.learning.fields import CORRECTABLE
from intake.values import MAX_ID
from web.params import MAX_PAGE

__all__ = ["ID", "ORDERS", "PAGE", "SCHEMAS", "SORTS", "STRING_OR_NULL"]

STRING_OR_NULL = {"type": ["string", "null"]}
ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
PAGE = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
#: The values the API takes for ``sort`` and ``order`` (anything else is a 400).
SORTS = ("relevance", "date", "amount", "filed")
ORDERS = ("desc", "asc")

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "properties": {
            "error": {"type": "string"},
            "status": {"type": "integer"},
            "errors": {
                "type": "object",
                "description": "per field name, why its value was refused",
                "additionalProperties": {"type": "string"},
            },
        },
    },
    "DocumentCorrection": {
        "type": "object",
        "required": ["fields"],
        "properties": {
            "fields": {
                "type": "object",
                "description": "field name -> value as a person would type it: "
                + ", ".join(CORRECTABLE),
                "minProperties": 1,
                "propertyNames": {"enum": CORRECTABLE},
                "additionalProperties": {"type": ["string", "number", "null"]},
            },
            "version": {"type": "string", "description": "the document's updated_at"},
        },
    },
    "CorrectionResult": {
        "type": "object",
        "properties": {
            "changed": {"type": "array", "items": {"type": "string"}},
            "document": {"$ref": "#/components/schemas/Document"},
        },
    },
    "SearchResults": {
        "type": "object",
        "properties": {
            "query": {"type": "string"},
            "text": {"type": "string", "description": "the full-text part of the query"},
            "conditions": {"type": "array", "items": {"type": "string"}},
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "pages": {"type": "integer"},
            "error": {**STRING_OR_NULL, "description": "why the query could not be run"},
            "facets": {
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "key": {"type": "string"},
                            "label": {"type": "string"},
                            "count": {"type": "integer"},
                        },
                    },
                },
            },
            "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
        },
    },
    "Hit": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "doc_type": STRING_OR_NULL,
            "number": STRING_OR_NULL,
            "vendor": STRING_OR_NULL,
            "issue_date": {**STRING_OR_NULL, "format": "date"},
            "due_date": {**STRING_OR_NULL, "format": "date"},
            "total": {**STRING_OR_NULL, "description": "a decimal amount as a string"},
            "currency": STRING_OR_NULL,
            "file": {"type": "string"},
            "score": {"type": ["number", "null"]},
            "snippet": {"type": "string"},
        },
    },
    "Field": {
        "type": "object",
        "properties": {
            "value": {},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "source": {"type": "string"},
            "box": {
                "type": ["object", "null"],
                "description": "where the value was read, in PDF points from the page's top-left",
                "properties": {
                    "page": {"type": "integer"},
                    "x": {"type": "number"},
                    "y": {"type": "number"},
                    "width": {"type": "number"},
                    "height": {"type": "number"},
                },
            },
        },
    },
    "Document": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "doc_type": STRING_OR_NULL,
            "doc_type_confidence": {"type": "number"},
            "number": STRING_OR_NULL,
            "vendor": STRING_OR_NULL,
            "file": {"type": "string"},
            "kind": {"type": "string"},
            "pages": {"type": "integer"},
            "filed_at": {"type": "string", "format": "date-time"},
            "version": {"type": "string"},
            "fields": {
                "type": "object",
                "additionalProperties": {"$ref": "#/components/schemas/Field"},
            },
            "lines": {"type": "array", "items": {"type": "object"}},
            "chain": {"type": "array", "items": {"type": "object"}},
            "duplicates": {"type": "array", "items": {"type": "object"}},
        },
    },
    "Product": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "sku": {"type": "string"},
            "name": {"type": "string"},
            "unit": STRING_OR_NULL,
            "category": STRING_OR_NULL,
            "lines": {"type": "integer", "description": "lines linked to it (in lists)"},
            "aliases": {"type": "array", "items": {"type": "string"}},
            "dossier": {
                "type": "object",
                "description": "one product only: what `intake products show SKU --json` gives",
                "properties": {
                    "documents": {
                        "type": "array",
                        "description": "every document touching the product, in date order",
                        "items": {"type": "object"},
                    },
                    "price_history": {
                        "type": "array",
                        "description": "per vendor and currency: dated unit prices",
                        "items": {"type": "object"},
                    },
                    "open_orders": {"type": "array", "items": {"type": "object"}},
                    "contracts": {
                        "type": "array",
                        "description": "contracts in force with their end and notice dates",
                        "items": {"type": "object"},
                    },
                },
            },
        },
    },
    "ExportRequest": {
        "type": "object",
        "required": ["format"],
        "properties": {
            "format": {"enum": ["csv", "json", "xero", "qbo", "iif", "ubl"]},
            "since": {**STRING_OR_NULL, "format": "date", "description": "issued on or after"},
            "doc_type": {"enum": ["invoice", "purchase_order", "estimate"]},
            "lines": {"type": "boolean", "description": "csv: one row per line item"},
            "again": {
                "type": ["integer", "null"],
                "minimum": 1,
                "maximum": MAX_ID,
                "description": "repeat this batch (in the format it was made in)",
            },
        },
    },
    "ExportBatch": {
        "type": "object",
        "properties": {
            "batch_id": {"type": ["integer", "null"]},
            "format": {"type": "string"},
            "filename": STRING_OR_NULL,
            "download": {**STRING_OR_NULL, "description": "where to fetch the file"},
            "document_ids": {"type": "array", "items": {"type": "integer"}},
            "blocked": {
                "type": "array",
                "description": "left out: lacking an account or tax code, ...",
                "items": {"type": "object"},
            },
            "held": {
                "type": "array",
                "description": "left out: flagged (duplicate, mismatch)",
                "items": {"type": "object"},
            },
            "warned": {
                "type": "array",
                "description": "exported, changed to fit the target (a number shortened, ...)",
                "items": {"type": "object"},
            },
            "changed": {
                "type": "array",
                "description": "exported before and corrected since: export again",
                "items": {"type": "object"},
            },
        },
    },
    "ProductList": {
        "type": "object",
        "properties": {
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "products": {"type": "array", "items": {"$ref": "#/components/schemas/Product"}},
        },
    },
}
