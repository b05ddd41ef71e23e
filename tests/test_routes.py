"""Every route for anonymous, viewer and editor; CSRF on every POST; payloads in fields and
file names shown as text; the API's token auth and its OpenAPI description.

ROUTES lists every endpoint of the app. A new route that is not listed here fails
``test_every_route_is_in_the_matrix``, so its access rules are decided, not forgotten.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from intake.db.learning import LearnedRule
from intake.db.models import Document, Product, User, Vendor
from intake.documents.corrections.lines import add_line
from intake.filing.catalog import add_alias, create_product
from intake.filing.wiring import Wiring
from intake.ingest.stages import Context
from intake.users import issue_token
from tests.factory import make_pdf, sample_invoice
from tests.webtools import PASSWORD, csrf, file_pdf, login, quarantine_bytes
from web.openapi import openapi_document

XSS = "<script>alert(1)</script>"
XSS_NAME = '"><img src=x onerror=alert(2)>.pdf'

#: The matching memories Intake ships with (the composition\'s).
MEMORIES = Wiring.default().memories


@dataclass
class World:
    doc: int
    line: int
    spare_line: int
    product: int
    alias: int
    retry: int
    discard: int
    vendor: int
    spare_vendor: int
    rule: int
    admin: int


@pytest.fixture
def world(app: Flask, ctx: Context, tmp_path: Path) -> World:
    doc = file_pdf(
        ctx,
        make_pdf(
            tmp_path / "x.pdf",
            sample_invoice(vendor=f"Evil {XSS} GmbH", number="EV-1", po_number="PO-404"),
        ),
        name=XSS_NAME,
    )
    with ctx.db.session() as s:
        product = create_product(s, {"sku": "SKU-<i>1</i>", "name": XSS}, user="ed")
        add_alias(s, product, f"alias {XSS}", user="ed")
        line = add_line(
            s, doc, {"description": f"line {XSS}", "quantity": "1"}, user="ed", memories=MEMORIES
        )
        spare = add_line(s, doc, {"description": "spare"}, user="ed", memories=MEMORIES)
        alias = s.get(Product, product).aliases[0].id  # type: ignore[union-attr]
    retry = quarantine_bytes(ctx, "q1 <script>alert(3)<\\script>.pdf", b"%PDF-1.7\n junk \n%%EOF\n")
    discard = quarantine_bytes(ctx, "q2.pdf", b"not a pdf at all")
    with ctx.db.session() as s:
        vendor = s.get(Document, doc).vendor_id  # type: ignore[union-attr]
        assert vendor is not None
        spare_vendor = Vendor(name=f"Spare {XSS}", key="spare vendor")
        rule = LearnedRule(vendor_id=vendor, field="total", kind="label", label=XSS, data={})
        s.add_all([spare_vendor, rule])
        s.flush()
        ids = spare_vendor.id, rule.id
        admin = s.scalars(select(User.id).where(User.name == "ada")).one()
    return World(doc, line, spare, product, alias, retry, discard, vendor, *ids, admin)


# endpoint: (method, url template, anonymous, viewer, editor)
# "login" = redirected to the login page; 401 for the API.
ROUTES: dict[str, tuple[str, str, object, int, int]] = {
    "static": ("GET", "/static/intake.css", 200, 200, 200),
    "favicon": ("GET", "/favicon.ico", 200, 200, 200),
    "health.healthz": ("GET", "/healthz", 200, 200, 200),
    "auth.login": ("GET", "/login", 200, 200, 200),
    "auth.logout": ("POST", "/logout", "login", 302, 302),
    "search.index": ("GET", "/search?q=evil", "login", 200, 200),
    "desk.home": ("GET", "/", "login", 200, 200),
    "desk.orders": ("GET", "/orders/open?overdue=1", "login", 200, 200),
    "desk.quotes": ("GET", "/quotes/expiring?days=400", "login", 200, 200),
    "desk.deadline_list": ("GET", "/deadlines?days=x", "login", 200, 200),
    "desk.calendar": ("GET", "/calendar.ics", 401, 200, 200),
    "documents.view": ("GET", "/documents/{doc}", "login", 200, 200),
    "documents.original": ("GET", "/documents/{doc}/original", "login", 200, 200),
    "documents.page": ("GET", "/documents/{doc}/pages/1-240.png", "login", 200, 200),
    "documents.edit": ("GET", "/documents/{doc}/edit", "login", 403, 200),
    "documents.save_fields": ("POST", "/documents/{doc}/fields", "login", 403, 302),
    "documents.confirm": ("POST", "/documents/{doc}/confirm", "login", 403, 302),
    "documents.save_line": ("POST", "/documents/{doc}/lines/{line}", "login", 403, 302),
    "documents.new_line": ("POST", "/documents/{doc}/lines", "login", 403, 302),
    "review.index": ("GET", "/review", "login", 200, 200),
    "review.retry": ("POST", "/review/quarantined/{retry}/retry", "login", 403, 302),
    "review.discard": ("POST", "/review/quarantined/{discard}/discard", "login", 403, 302),
    "review.confirm_shown": ("POST", "/review/low_confidence/confirm", "login", 403, 302),
    "review.link_lines": ("POST", "/review/lines/link", "login", 403, 302),
    "review.confirm_links": ("POST", "/review/lines/confirm", "login", 403, 302),
    "review.discard_selected": ("POST", "/review/quarantined/discard", "login", 403, 302),
    "upload.index": ("GET", "/upload", "login", 403, 200),
    "upload.upload": ("POST", "/upload", "login", 403, 200),
    "upload.files": ("GET", "/upload/files.json?id={retry}", "login", 403, 200),
    "products.index": ("GET", "/products?q=sku", "login", 200, 200),
    "products.new": ("GET", "/products/new", "login", 403, 200),
    "products.create": ("POST", "/products", "login", 403, 302),
    "products.view": ("GET", "/products/{product}", "login", 200, 200),
    "products.update": ("POST", "/products/{product}", "login", 403, 302),
    "products.new_alias": ("POST", "/products/{product}/aliases", "login", 403, 302),
    "products.delete_alias": (
        "POST",
        "/products/{product}/aliases/{alias}/delete",
        "login",
        403,
        302,
    ),
    "matching.accept": ("POST", "/documents/{doc}/order-match/accept", "login", 403, 302),
    "matching.duplicate": ("POST", "/documents/{doc}/duplicate", "login", 403, 302),
    "contracts.index": ("GET", "/contracts", "login", 200, 200),
    "status.index": ("GET", "/intake", "login", 200, 200),
    "status.poll": ("GET", "/intake/status.json", "login", 200, 200),
    "vendors.index": ("GET", "/vendors", "login", 200, 200),
    "vendors.view": ("GET", "/vendors/{vendor}", "login", 200, 200),
    "vendors.forget": ("POST", "/vendors/{vendor}/rules/{rule}/forget", "login", 403, 302),
    "vendors.merge": ("POST", "/vendors/{spare_vendor}/merge", "login", 403, 302),
    "api.correct": ("PATCH", "/api/documents/{doc}", 401, 403, 200),
    "api.search": ("GET", "/api/search?q=evil", 401, 200, 200),
    "api.document": ("GET", "/api/documents/{doc}", 401, 200, 200),
    "api.products": ("GET", "/api/products", 401, 200, 200),
    "api.product": ("GET", "/api/products/{product}", 401, 200, 200),
    "api.openapi": ("GET", "/api/openapi.json", 401, 200, 200),
    "api.export": ("POST", "/api/exports", 401, 403, 200),
    "api.exports": ("GET", "/api/exports", 401, 403, 200),
    "api.export_file": ("GET", "/api/exports/999/file", 401, 403, 404),
    "export.index": ("GET", "/export/", "login", 403, 200),
    "export.create": ("POST", "/export/", "login", 403, 200),
    "export.download": ("GET", "/export/batches/999", "login", 403, 404),
    "export.save_rule": ("POST", "/export/rules", "login", 403, 302),
    "export.remove_rule": ("POST", "/export/rules/delete", "login", 403, 302),
    "users.index": ("GET", "/users", "login", 403, 403),
    "users.create": ("POST", "/users", "login", 403, 403),
    "users.change_role": ("POST", "/users/{admin}/role", "login", 403, 403),
    "users.reset_password": ("POST", "/users/{admin}/password", "login", 403, 403),
    "users.new_token": ("POST", "/users/{admin}/token", "login", 403, 403),
    "users.drop_token": ("POST", "/users/{admin}/token/revoke", "login", 403, 403),
    "users.remove": ("POST", "/users/{admin}/remove", "login", 403, 403),
}
# What an editor's POST sends besides the CSRF token, so that the action really happens.
FORMS: dict[str, dict[str, str]] = {
    "documents.save_fields": {"due_date": "2024-05-31", "doc_type": "invoice"},
    "documents.confirm": {"name": "total"},
    "documents.save_line": {"quantity": "4"},
    "documents.new_line": {"description": "new line"},
    "review.confirm_shown": {"doc": "{doc}", "name-{doc}": "total"},
    "review.link_lines": {"id": "{spare_line}", "product": "SKU-<i>1</i>"},
    "review.discard_selected": {"id": "{discard}"},
    "review.confirm_links": {"line": "{spare_line}", "sku-{spare_line}": "SKU-<i>1</i>"},
    "products.create": {"sku": "NEW-1", "name": "New product"},
    "products.update": {"name": "Renamed"},
    "products.new_alias": {"alias": "another name"},
    "export.create": {"format": "csv"},
    "api.export": {"format": "csv"},
    "matching.duplicate": {"verdict": "not_duplicate"},
    "export.save_rule": {"category": "Tools", "account": "5000", "tax_code": "VAT20"},
    "export.remove_rule": {"category": "Tools"},
    "vendors.merge": {"into": "{vendor}"},
    "api.correct": {"fields": {"due_date": "2024-05-31"}},  # JSON
}


def url_of(endpoint: str, world: World) -> str:
    return ROUTES[endpoint][1].format(**world.__dict__)


def test_every_route_is_in_the_matrix(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(ROUTES), (
        f"unlisted: {sorted(endpoints - set(ROUTES))}; gone: {sorted(set(ROUTES) - endpoints)}"
    )
    for rule in app.url_map.iter_rules():
        method = ROUTES[rule.endpoint][0]
        assert method in (rule.methods or set()), rule


def request(client: FlaskClient, endpoint: str, world: World, token: str | None) -> int:
    method, _, *_ = ROUTES[endpoint]
    url = url_of(endpoint, world)
    if method == "GET":
        with client.get(url) as r:
            return r.status_code
    if method == "PATCH":
        headers = {"X-CSRFToken": token} if token else {}
        return client.patch(url, json=FORMS.get(endpoint), headers=headers).status_code
    form = {
        k.format(**world.__dict__): str(v).format(**world.__dict__)
        for k, v in FORMS.get(endpoint, {}).items()
    }
    data: dict[str, object] = {**form, **({"csrf_token": token} if token else {})}
    if endpoint == "upload.upload":  # a file, made anew for each request
        data["files"] = (io.BytesIO(b"%PDF-1.7\n junk \n%%EOF\n"), "matrix.pdf")
    return client.post(url, data=data).status_code


@pytest.fixture
def clients(app: Flask) -> Iterator[dict[str, FlaskClient]]:
    out = {"anonymous": app.test_client()}
    for role, name in (("viewer", "vera"), ("editor", "ed")):
        out[role] = app.test_client()
        login(out[role], name)
    yield out


@pytest.mark.parametrize("role", ["anonymous", "viewer", "editor"])
def test_the_role_matrix(
    app: Flask, world: World, clients: dict[str, FlaskClient], role: str
) -> None:
    client = clients[role]
    token = csrf(client, "/login")
    failures = []
    # Logging out last, so that the rest runs signed in.
    for endpoint in sorted(ROUTES, key=lambda e: e == "auth.logout"):
        _, _, anonymous, viewer, editor = ROUTES[endpoint]
        expected = {"anonymous": anonymous, "viewer": viewer, "editor": editor}[role]
        code = request(client, endpoint, world, token)
        if expected == "login":
            ok = code == 302 or (code == 400 and ROUTES[endpoint][0] == "POST")
        else:
            ok = code == expected
        if not ok:
            failures.append(f"{endpoint}: {code}, expected {expected}")
    assert not failures, failures


def test_anonymous_pages_redirect_to_login_and_api_answers_401(app: Flask, world: World) -> None:
    client = app.test_client()
    r = client.get(url_of("documents.view", world))
    assert r.status_code == 302 and "/login?next=" in r.headers["Location"]
    r = client.get("/api/search?q=x")
    assert r.status_code == 401 and r.is_json and r.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "endpoint", [e for e, spec in ROUTES.items() if spec[0] in ("POST", "PATCH")]
)
def test_every_post_needs_its_csrf_token(
    app: Flask, world: World, clients: dict[str, FlaskClient], endpoint: str
) -> None:
    code = request(clients["editor"], endpoint, world, token=None)
    assert code == 400, f"{endpoint} accepted a POST without a CSRF token ({code})"
    code = request(clients["editor"], endpoint, world, token="forged-token")
    assert code == 400


def test_payloads_in_fields_and_file_names_render_as_text(
    app: Flask, world: World, clients: dict[str, FlaskClient]
) -> None:
    client = clients["editor"]
    skip = (
        "api.",
        "static",
        "favicon",
        "health",
        "documents.page",
        "documents.original",
        "status.poll",
        "upload.files",
    )
    pages = [
        url_of(e, world)
        for e, spec in ROUTES.items()
        if spec[0] == "GET" and not e.startswith(skip)
    ] + ["/search?q=alert", "/search?q=evil&type=invoice", "/"]
    for url in pages:
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert "<i>1</i>" not in page, url
    doc = client.get(url_of("documents.view", world)).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;.pdf" in doc
    assert "&lt;script&gt;" in client.get("/review").get_data(as_text=True)
    assert "&lt;script&gt;" in client.get("/intake").get_data(as_text=True)
    product = client.get(url_of("products.view", world)).get_data(as_text=True)
    assert "SKU-&lt;i&gt;1&lt;/i&gt;" in product and "alias &lt;script&gt;" in product
    # The API returns JSON (never rendered as HTML by the browser).
    r = client.get(url_of("api.document", world))
    assert r.mimetype == "application/json" and r.headers["X-Content-Type-Options"] == "nosniff"


def test_the_api_with_a_token(app: Flask, ctx: Context, world: World) -> None:
    token = issue_token(ctx.db, "vera")
    client = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    hits = client.get("/api/search?q=EV-1", headers=auth).get_json()
    assert hits["total"] == 1 and hits["hits"][0]["id"] == world.doc
    assert hits["facets"]["type"][0] == {"key": "invoice", "label": "Invoice", "count": 1}
    doc = client.get(f"/api/documents/{world.doc}", headers=auth).get_json()
    assert (
        doc["fields"]["total"]["value"] == "471.00" and doc["fields"]["total"]["box"]["page"] == 1
    )
    assert f"line {XSS}" in [ln["description"] for ln in doc["lines"]]
    r = client.get("/api/search?q=amount:>lots", headers=auth)
    assert r.status_code == 400 and "not an amount" in r.get_json()["error"]
    assert client.get("/api/documents/999", headers=auth).get_json()["status"] == 404
    # a whole number given as nothing is refused, as the document's integer says
    r = client.get("/api/search?year=&page=2", headers=auth)
    assert r.status_code == 400 and "year must be a whole number" in r.get_json()["error"]
    products = client.get("/api/products", headers=auth).get_json()
    assert products["total"] == 1 and products["products"][0]["sku"] == "SKU-<i>1</i>"
    assert "set-cookie" not in {
        k.lower() for k in client.get("/api/products", headers=auth).headers.keys()
    }
    assert client.get("/api/products", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_the_openapi_document_describes_every_api_route(app: Flask) -> None:
    spec = openapi_document()
    assert spec["openapi"].startswith("3.1")
    described = set(spec["paths"])
    routes = {
        rule.rule.replace("<int:", "{").replace(">", "}")
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.")
    }
    assert described == routes


def test_login_is_rate_limited_for_failures_only(app: Flask) -> None:
    client = app.test_client()
    token = csrf(client, "/login")
    for _ in range(3):
        login(client, "vera")  # successes are not counted
        client.post("/logout", data={"csrf_token": csrf(client)})
    token = csrf(client, "/login")
    codes = [
        client.post(
            "/login", data={"username": "vera", "password": "wrong", "csrf_token": token}
        ).status_code
        for _ in range(6)
    ]
    assert codes[:5] == [200] * 5 and codes[5] == 429
    r = client.post("/login", data={"username": "vera", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 429 and "Too many attempts" in r.get_data(as_text=True)


def test_cookies_are_secure_with_the_setting(ctx: Context) -> None:
    from intake.users import add_user
    from web import create_app

    add_user(ctx.db, "sam", "viewer", PASSWORD)
    app = create_app(
        {"TESTING": True}, settings=ctx.settings.model_copy(update={"secure_cookies": True})
    )
    try:
        client = app.test_client()
        https = "https://localhost"
        page = client.get("/login", base_url=https).get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token
        r = client.post(
            "/login",
            data={"username": "sam", "password": PASSWORD, "csrf_token": token.group(1)},
            base_url=https,
            headers={"Referer": f"{https}/login"},  # Flask-WTF checks it over HTTPS
        )
        assert r.status_code == 302
        cookie = client.get_cookie("__Host-session", domain="localhost")
        assert cookie is not None and cookie.secure and cookie.http_only
        assert (
            cookie.same_site == "Lax" and cookie.path == "/" and not cookie.domain.startswith(".")
        )
        r = client.get("/", base_url=https)
        assert r.status_code == 200 and "max-age" in r.headers["Strict-Transport-Security"]
    finally:
        app.extensions["intake"]["db"].dispose()


def test_every_page_is_self_contained(
    app: Flask, world: World, clients: dict[str, FlaskClient]
) -> None:
    """No page loads anything from elsewhere (offline use, and the CSP allows only 'self')."""
    client = clients["editor"]
    skip = ("api.", "static", "favicon", "documents.page", "documents.original")
    for endpoint, spec in ROUTES.items():
        if spec[0] != "GET" or endpoint.startswith(skip):
            continue
        r = client.get(url_of(endpoint, world))
        body = r.get_data(as_text=True)
        assert "http://" not in body and "https://" not in body and "//cdn" not in body, endpoint
        if r.mimetype == "text/html":
            assert "default-src 'self'" in r.headers["Content-Security-Policy"]


HUGE = "99999999999999999999999"  # more than a 64-bit id
OUT_OF_RANGE = [
    "/api/products?page=18446744073709551615",
    "/api/products?per_page=18446744073709551615",
    "/products?page=18446744073709551615",
    "/review?page=18446744073709551615",
    "/search?page=18446744073709551615",
    "/search?q=drill&page=18446744073709551615",
    "/api/search?per_page=99999999999999999999",
    "/contracts?days=18446744073709551615",
    "/api/products?page=-1",
    "/api/products?page=%C2%B2",  # a superscript two: a digit that int() refuses
]


def test_ids_and_page_numbers_too_large_for_the_database(
    app: Flask, world: World, clients: dict[str, FlaskClient]
) -> None:
    """Every route with an id in its path answers 404 for an id no database can hold;
    a page number out of range is a bad request; neither is ever a 500."""
    client = clients["editor"]
    token = csrf(client, "/login")
    # ids in the path (a poll's ids in its query are filtered: see tests/test_upload.py)
    with_ids = [
        e for e, spec in ROUTES.items() if re.search(r"\{\w+\}|/999", spec[1].split("?")[0])
    ]
    assert len(with_ids) > 15
    for endpoint in with_ids:
        method, template, *_ = ROUTES[endpoint]
        for huge in (HUGE, str(2**63)):
            url = re.sub(r"\{\w+\}|(?<=/)999(?=/|$)", huge, template)
            if method == "GET":
                code = client.get(url).status_code
            else:
                code = client.post(url, data={**FORMS.get(endpoint, {}), "csrf_token": token})
                code = code.status_code
            assert code == 404, (url, code)
    for url in OUT_OF_RANGE:
        r = client.get(url)
        assert r.status_code == 400, (url, r.status_code)
    # On the search page a facet value that can be no id is ignored, as any other value
    # that is no id; the API, which documents its facets as ids, refuses it.
    for facet in ("vendor", "product"):
        for q in ("", "drill"):
            plain = client.get("/search", query_string={"q": q}).get_data(as_text=True)
            r = client.get("/search", query_string={"q": q, facet: HUGE})
            assert r.status_code == 200, (facet, q, r.status_code)
            assert r.get_data(as_text=True).count("<tr") == plain.count("<tr")
    for facet in ("vendor", "product"):
        r = client.get("/api/search", query_string={"q": "drill", facet: HUGE})
        assert r.status_code == 400 and r.is_json
    r = client.post("/api/exports", data={"again": HUGE, "csrf_token": token})
    assert r.status_code == 400 and "whole number" in r.get_json()["error"]
