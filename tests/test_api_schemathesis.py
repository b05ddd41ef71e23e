"""The JSON API against its own OpenAPI document, with schemathesis: requests generated
from the document (valid ones, and invalid ones that must be refused) sent to the app in
process (WSGI), every response checked against the document: no server error, status
codes, content types, headers and bodies as documented, invalid input refused.

Bounded (``EXAMPLES`` per operation and mode) and seeded (derandomized): a run is the
same every time. Driven through Hypothesis directly rather than the pytest plugin, whose
lazy fixtures do not work with this pytest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given
from hypothesis import settings as run_settings
from schemathesis import GenerationMode

from intake.export.rules import set_rule
from intake.filing.catalog import create_product
from intake.ingest.stages import Context
from intake.settings import Settings
from intake.users import issue_token
from tests.factory import make_pdf, sample_invoice
from tests.webtools import file_pdf
from web.openapi import openapi_document

EXAMPLES = 30


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Our own party known, so that every export format can be made."""
    return settings.model_copy(
        update={
            "company_name": "Northwind Traders Ltd",
            "company_country": "DE",
            "company_endpoint": "9930:DE123456789",
        }
    )


@pytest.fixture
def token(app: Flask, ctx: Context, tmp_path: Path) -> str:
    """The token of an editor, on an app with a filed invoice (ready to export) and a
    product."""
    file_pdf(ctx, make_pdf(tmp_path / "a.pdf", sample_invoice()))
    set_rule(ctx.db, vendor="Acme Tools GmbH", account="5000", tax_code="VAT20", user="ed")
    with ctx.db.session() as s:
        create_product(s, {"sku": "AT-100", "name": "Cordless drill"}, user="ed")
    return issue_token(ctx.db, "ed")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_answers_as_its_openapi_document_says(
    app: Flask, token: str, mode: GenerationMode
) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app, headers=auth)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7
    for operation in operations:

        @given(case=operation.as_strategy(mode))
        @run_settings(
            max_examples=EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=auth)

        try:
            check()
        except Exception as exc:  # every operation is tried; the failures are listed
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)


def test_times_carry_their_zone_format_is_required_and_nulls_are_refused(
    app: Flask, token: str
) -> None:
    client = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    filed_at = client.get("/api/documents/1", headers=auth).get_json()["filed_at"]
    assert dt.datetime.fromisoformat(filed_at).utcoffset() == dt.timedelta(0)
    assert filed_at.endswith("+00:00")
    r = client.post("/api/exports", json={"format": "json"}, headers=auth)
    assert r.status_code == 201, r.get_json()
    created = client.get("/api/exports", headers=auth).get_json()["batches"][0]["created_at"]
    assert dt.datetime.fromisoformat(created).utcoffset() == dt.timedelta(0)
    request_schema = openapi_document()["components"]["schemas"]["ExportRequest"]
    assert request_schema["required"] == ["format"]
    assert client.post("/api/exports", json={"again": 1}, headers=auth).status_code == 400
    for url in (
        "/api/products?page=null",
        "/api/search?per_page=null",
        "/api/search?vendor=null",
        "/api/search?year=null",
        "/api/search?sort=null",
    ):
        r = client.get(url, headers=auth)
        assert r.status_code == 400 and r.is_json, url
    r = client.post("/api/exports", json={"format": "csv", "again": "null"}, headers=auth)
    assert r.status_code == 400


def test_every_search_parameter_of_the_page_is_in_the_document() -> None:
    from intake.search.facets import FACETS
    from web.openapi import query_parameters
    from web.search import PARAMS

    assert query_parameters("/api/search", "GET") == {*PARAMS, "page", "per_page"}
    assert {f.name for f in FACETS} <= set(PARAMS)
