"""The web UI through Flask's test client, on a real database and index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask

from intake.ingest.stages import Context
from intake.users import issue_token
from tests.factory import make_pdf, sample_invoice
from tests.webtools import PASSWORD, csrf, file_pdf, login


def test_every_page_but_login_and_health_needs_a_login(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/login").status_code == 200
    for url in ["/", "/search?q=x", "/documents/1", "/documents/1/original"]:
        r = client.get(url)
        assert r.status_code == 302 and "/login" in r.headers["Location"], url


def test_wrong_password_is_refused(app: Flask) -> None:
    client = app.test_client()
    token = csrf(client, "/login")
    r = client.post("/login", data={"username": "vera", "password": "nope", "csrf_token": token})
    assert r.status_code == 200 and "Wrong user name or password" in r.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_login_without_csrf_token_is_rejected(app: Flask) -> None:
    client = app.test_client()
    r = client.post("/login", data={"username": "vera", "password": PASSWORD})
    assert r.status_code == 400


def test_login_redirect_only_goes_to_local_pages(app: Flask) -> None:
    client = app.test_client()
    token = csrf(client, "/login")
    r = client.post(
        "/login?next=https://evil.example/x",
        data={"username": "vera", "password": PASSWORD, "csrf_token": token},
    )
    assert r.headers["Location"] == "/"  # the status page, never the given URL


def test_search_finds_a_filed_invoice_by_number(
    app: Flask, ctx: Context, invoice_pdf: Path
) -> None:
    doc_id = file_pdf(ctx, invoice_pdf)
    client = app.test_client()
    login(client)
    page = client.get("/search?q=2024118").get_data(as_text=True)
    assert f"/documents/{doc_id}" in page and "Acme Tools GmbH" in page
    assert re.search(r"1 document\s+for", page)
    page = client.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert "INV-2024/118" in page and "471.00" in page and "invoice number" in page


def test_a_query_that_does_not_parse_gets_a_message(app: Flask) -> None:
    client = app.test_client()
    login(client)
    r = client.get("/search?q=amount:>abc")
    assert r.status_code == 200 and "could not" in r.get_data(as_text=True)


def test_document_text_and_file_names_are_escaped(app: Flask, ctx: Context, tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    evil_name = "<img src=x onerror=alert(2)>.pdf"
    src = make_pdf(tmp_path / "x.pdf", sample_invoice(vendor=f"Evil {evil} GmbH", number="EV-1"))
    doc_id = file_pdf(ctx, src, name=evil_name)
    client = app.test_client()
    login(client)
    for url in [f"/documents/{doc_id}", "/search", "/search?q=alert"]:
        page = client.get(url).get_data(as_text=True)
        assert evil not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;" in page, url
    page = client.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(2)&gt;.pdf" in page


def test_original_downloads_by_id_as_an_attachment(
    app: Flask, ctx: Context, invoice_pdf: Path
) -> None:
    doc_id = file_pdf(ctx, invoice_pdf, name="Rechnung März.pdf")
    client = app.test_client()
    login(client)
    with client.get(f"/documents/{doc_id}/original") as r:
        assert r.status_code == 200 and r.data == invoice_pdf.read_bytes()
        disposition = r.headers["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "utf-8''rechnung%20m%c3%a4rz.pdf" in disposition.lower()
    assert client.get("/documents/999/original").status_code == 404
    assert client.get("/documents/..%2f..%2fetc%2fpasswd/original").status_code == 404


def test_security_headers(app: Flask) -> None:
    client = app.test_client()
    login(client)
    r = client.get("/")
    assert "default-src 'self'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Cache-Control"] == "no-store"
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"


def test_logout_needs_a_post_with_csrf(app: Flask) -> None:
    client = app.test_client()
    login(client)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    token = csrf(client, "/")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302


def test_api_token_authenticates_scripts(app: Flask, ctx: Context) -> None:
    token = issue_token(ctx.db, "vera")
    client = app.test_client()
    assert client.get("/", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert client.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 302


def test_logout_ends_the_session_on_the_server(app: Flask) -> None:
    client = app.test_client()
    login(client)
    old = client.get_cookie("session")
    assert old is not None
    assert client.post("/logout", data={"csrf_token": csrf(client, "/")}).status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", old.value)
    r = replay.get("/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    assert replay.get("/api/search?q=x").status_code == 401
    login(client)  # a new login works again
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://localhost.evil.example"},
        {"Referer": "http://evil.example/page"},
        {"Origin": "http://evil.example", "Referer": "http://localhost/search"},
    ],
)
def test_a_post_from_another_origin_is_refused_despite_its_csrf_token(
    app: Flask, headers: dict[str, str]
) -> None:
    client = app.test_client()
    login(client, "ed")
    token = csrf(client, "/")
    r = client.post("/logout", data={"csrf_token": token}, headers=headers)
    assert r.status_code == 403, headers
    assert client.get("/").status_code == 200  # still signed in: the logout was refused
    r = client.post("/api/exports", data={"format": "csv", "csrf_token": token}, headers=headers)
    assert r.status_code == 403 and r.is_json
    login_client = app.test_client()
    r = login_client.post(
        "/login",
        data={"username": "ed", "password": PASSWORD, "csrf_token": csrf(login_client, "/login")},
        headers=headers,
    )
    assert r.status_code == 403


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://localhost"},
        {"Referer": "http://localhost/documents/1"},
        {},  # neither (a script, or a browser that sends neither): CSRF alone decides
    ],
)
def test_a_post_from_this_origin_passes(app: Flask, headers: dict[str, str]) -> None:
    client = app.test_client()
    login(client)
    r = client.post("/logout", data={"csrf_token": csrf(client, "/")}, headers=headers)
    assert r.status_code == 302, headers


def test_bearer_is_case_insensitive_429_says_when_405_says_what(app: Flask, ctx: Context) -> None:
    token = issue_token(ctx.db, "vera")
    client = app.test_client()
    for scheme in ("bearer", "BEARER", "Bearer"):
        r = client.get("/api/search?q=x", headers={"Authorization": f"{scheme} {token}"})
        assert r.status_code == 200, scheme
    r = client.get("/logout")
    assert r.status_code == 405 and set(r.headers["Allow"].split(", ")) >= {"POST"}
    r = client.delete("/api/exports", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 405 and "POST" in r.headers["Allow"] and r.is_json
    token = csrf(client, "/login")
    for _ in range(5):
        client.post("/login", data={"username": "vera", "password": "wrong", "csrf_token": token})
    r = client.post("/login", data={"username": "vera", "password": "wrong", "csrf_token": token})
    assert r.status_code == 429
    assert 0 < int(r.headers["Retry-After"]) <= 3600


def _shown_secret(html: str) -> str:
    m = re.search(r'<code class="secret-value">([^<]+)</code>', html)
    assert m, "no secret shown"
    return m.group(1)


def test_admins_manage_users_on_their_page(app: Flask) -> None:
    admin = app.test_client()
    login(admin, "ada")
    assert "Users</a>" in admin.get("/").get_data(as_text=True)
    token = csrf(admin, "/users")
    r = admin.post("/users", data={"name": "zoe", "role": "editor", "csrf_token": token})
    assert r.status_code == 201
    password = _shown_secret(r.get_data(as_text=True))
    zoe = app.test_client()
    login(zoe, "zoe", password)
    page = admin.get("/users").get_data(as_text=True)
    assert password not in page  # shown once
    zoe_id = int(re.findall(r"/users/(\d+)/role", page)[-1])  # sorted by name: zoe last
    r = admin.post(f"/users/{zoe_id}/role", data={"role": "viewer", "csrf_token": token})
    assert r.status_code == 302
    assert zoe.get("/documents/1/edit").status_code == 403  # a viewer now
    r = admin.post(f"/users/{zoe_id}/password", data={"csrf_token": token})
    new_password = _shown_secret(r.get_data(as_text=True))
    assert zoe.get("/").status_code == 302  # signed out everywhere by the new password
    login(zoe, "zoe", new_password)
    r = admin.post(f"/users/{zoe_id}/token", data={"csrf_token": token})
    api_token = _shown_secret(r.get_data(as_text=True))
    bearer = {"Authorization": f"Bearer {api_token}"}
    assert app.test_client().get("/api/search?q=x", headers=bearer).status_code == 200
    admin.post(f"/users/{zoe_id}/token/revoke", data={"csrf_token": token})
    assert app.test_client().get("/api/search?q=x", headers=bearer).status_code == 401
    # Another origin is refused even with the token; so is a POST without one.
    evil = {"Origin": "http://evil.example"}
    r = admin.post(f"/users/{zoe_id}/remove", data={"csrf_token": token}, headers=evil)
    assert r.status_code == 403
    assert admin.post(f"/users/{zoe_id}/remove").status_code == 400
    assert admin.post(f"/users/{zoe_id}/remove", data={"csrf_token": token}).status_code == 302
    assert zoe.get("/").status_code == 302
    assert "<td>zoe</td>" not in admin.get("/users").get_data(as_text=True)
    ada_id = int(re.findall(r"/users/(\d+)/role", admin.get("/users").get_data(as_text=True))[0])
    r = admin.post(f"/users/{ada_id}/remove", data={"csrf_token": token})
    assert r.status_code == 400 and "only admin" in r.get_data(as_text=True)
    r = admin.post("/users", data={"name": "<b>x</b>", "password": "short", "csrf_token": token})
    assert r.status_code == 400 and "at least" in r.get_data(as_text=True)
    editor = app.test_client()
    login(editor, "ed")
    assert editor.get("/users").status_code == 403
    assert "Users</a>" not in editor.get("/").get_data(as_text=True)
