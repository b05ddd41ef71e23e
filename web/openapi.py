"""The OpenAPI 3.1 description of the JSON API (served at /api/openapi.json).

Written by hand next to the routes it describes; a test checks that every /api/ route is
described here and that every path described exists.
"""

from __future__ import annotations

import re
from typing import Any

from intake import __version__
from web.openapi_schemas import ID, ORDERS, PAGE, SCHEMAS, SORTS

__all__ = ["openapi_document", "query_parameters"]


def _param(name: str, description: str, schema: dict[str, Any], where: str = "query") -> Any:
    return {
        "name": name,
        "in": where,
        "description": description,
        "schema": schema,
        "required": where == "path",
    }


def _ok(schema_ref: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}},
    }


ERRORS = {
    "400": {
        "description": "A parameter the operation does not take, or a value out of range",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    },
    "401": {
        "description": "No or wrong token",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    },
    "404": {
        "description": "No such object",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    },
}

PATHS: dict[str, Any] = {
    "/api/search": {
        "get": {
            "summary": "Search filed documents (the web UI's syntax), with facet counts",
            "parameters": [
                _param(
                    "q",
                    "words, vendor:, type:, number:, date:, due:, amount:, AND/OR/NOT",
                    {"type": "string"},
                ),
                _param("type", "facet: document type", {"type": "string"}),
                _param("vendor", "facet: vendor id", ID),
                _param("product", "facet: product id (documents with a line linked to it)", ID),
                _param(
                    "year",
                    "facet: year of issue",
                    {"type": "integer", "minimum": 1, "maximum": 9999},
                ),
                _param("sort", "order of hits", {"enum": list(SORTS)}),
                _param("order", "direction for date and amount", {"enum": list(ORDERS)}),
                _param("page", "1-based page", PAGE),
                _param(
                    "per_page", "hits per page", {"type": "integer", "minimum": 1, "maximum": 200}
                ),
            ],
            "responses": {
                **ERRORS,
                "200": _ok("SearchResults", "One page of hits"),
                "400": _ok(
                    "SearchResults",
                    "The query could not be understood, or a parameter is out of range (see error)",
                ),
            },
        }
    },
    "/api/documents/{doc_id}": {
        "get": {
            "summary": "A document: fields with confidence, source and box; lines; chain",
            "parameters": [_param("doc_id", "document id", ID, "path")],
            "responses": {"200": _ok("Document", "The document"), **ERRORS},
        },
        "patch": {
            "summary": "Correct fields as the web form does, and learn from it (editors)",
            "description": "Each value is checked and normalised like a typed one (ISO "
            "dates, decimal amounts, ISO 4217 codes; an empty string or null clears the "
            "field), saved with an audit entry, and the document is filed again (product "
            "links, duplicates, order checks) and re-indexed. What was corrected teaches "
            "where the vendor's documents hold these fields. Nothing changes when any name "
            "or value is refused (400). `version` (the document's `updated_at`) refuses a "
            "stale correction (409). A token-signed request needs no CSRF token.",
            "parameters": [_param("doc_id", "document id", {"type": "integer"}, "path")],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/DocumentCorrection"}
                    }
                },
            },
            "responses": {
                "200": _ok("CorrectionResult", "The names changed and the document"),
                "400": _ok("Error", "A field name or value was refused (see errors)"),
                "409": _ok("Error", "The document changed since `version`"),
                **ERRORS,
            },
        },
    },
    "/api/products": {
        "get": {
            "summary": "The product catalog",
            "parameters": [
                _param("q", "SKU, name or alias contains", {"type": "string"}),
                _param("page", "1-based page", PAGE),
                _param(
                    "per_page",
                    "products per page",
                    {"type": "integer", "minimum": 1, "maximum": 200},
                ),
            ],
            "responses": {"200": _ok("ProductList", "One page of products"), **ERRORS},
        }
    },
    "/api/products/{product_id}": {
        "get": {
            "summary": "A product, its aliases and its dossier",
            "parameters": [_param("product_id", "product id", ID, "path")],
            "responses": {"200": _ok("Product", "The product"), **ERRORS},
        }
    },
    "/api/exports": {
        "post": {
            "summary": "Export what is due to accounting (editors); each document once",
            "description": "Takes filed documents of the type that are not flagged "
            "(duplicate, unresolved mismatch) and not yet exported, makes the file and records "
            "the batch. `again` repeats an earlier batch exactly. A token-signed request needs "
            "no CSRF token. 201 with the batch; 200 with batch_id null when nothing is due.",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ExportRequest"}}
                },
            },
            "responses": {
                "201": _ok("ExportBatch", "The batch made"),
                "200": _ok("ExportBatch", "Nothing was due (batch_id is null)"),
                **ERRORS,
                "400": _ok("Error", "The request could not be understood"),
                "404": _ok("Error", "No batch `again`"),
            },
        },
        "get": {
            "summary": "The latest export batches, newest first (editors)",
            "responses": {
                "200": {
                    "description": "Batches",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                **ERRORS,
            },
        },
    },
    "/api/exports/{batch_id}/file": {
        "get": {
            "summary": "A batch's file, exactly as it was handed out (editors)",
            "parameters": [_param("batch_id", "export batch id", ID, "path")],
            "responses": {"200": {"description": "The exported file"}, **ERRORS},
        }
    },
    "/api/openapi.json": {
        "get": {
            "summary": "This description",
            "responses": {"200": {"description": "An OpenAPI 3.1 document"}, **ERRORS},
        }
    },
}


def _query(rule: str, method: str) -> list[dict[str, Any]] | None:
    path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)
    operation = PATHS.get(path, {}).get(method.lower())
    if operation is None:
        return None
    return [p for p in operation.get("parameters", ()) if p["in"] == "query"]


def query_parameters(rule: str, method: str) -> frozenset[str] | None:
    """The query parameters the document gives the route ``rule`` (Flask's form, such as
    ``/api/documents/<int:doc_id>``) for ``method``; None for a route it does not describe."""
    params = _query(rule, method)
    return None if params is None else frozenset(p["name"] for p in params)


def integer_parameters(rule: str, method: str) -> frozenset[str]:
    """The query parameters of ``rule`` and ``method`` whose values are whole numbers."""
    params = _query(rule, method) or []
    return frozenset(p["name"] for p in params if p["schema"].get("type") == "integer")


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Intake API",
            "version": __version__,
            "description": "Read filed documents, search them, read the product catalog "
            "make exports and correct documents. "
            "Every request needs `Authorization: Bearer <token>` (`intake users token NAME`).",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": SCHEMAS,
        },
        "paths": PATHS,
    }
