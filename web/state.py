"""Per-app resources and per-request database sessions (closed at teardown)."""

from __future__ import annotations

from flask import current_app, g
from sqlalchemy.orm import Session

from intake.db.engine import Database
from intake.filing.wiring import Wiring
from intake.index.store import SearchIndex
from intake.ingest.ledger import Claim
from intake.settings import Settings

__all__ = [
    "claim_owner",
    "get_db",
    "get_index",
    "get_session",
    "get_settings",
    "get_wiring",
    "submit_claim",
]


def get_settings() -> Settings:
    settings: Settings = current_app.extensions["intake"]["settings"]
    return settings


def get_wiring() -> Wiring:
    """The composition the app was built with (:class:`intake.filing.wiring.Wiring`)."""
    wiring: Wiring = current_app.extensions["intake"]["wiring"]
    return wiring


def get_db() -> Database:
    db: Database = current_app.extensions["intake"]["db"]
    return db


def get_index() -> SearchIndex:
    index: SearchIndex = current_app.extensions["intake"]["index"]
    return index


def get_session() -> Session:
    """The request's session; its changes are committed by the view that makes them."""
    if "db_session" not in g:
        g.db_session = get_db().sessions()
    session: Session = g.db_session
    return session


def submit_claim(claim: Claim) -> bool:
    """Hand a claim to the service's workers; False when the app runs without them."""
    submit = current_app.extensions["intake"].get("submit")
    if submit is None:
        return False
    submit(claim)
    return True


def claim_owner() -> str | None:
    """The owner of the claims the service's workers take (None without them)."""
    if current_app.extensions["intake"].get("submit") is None:
        return None
    owner: str | None = current_app.extensions["intake"].get("owner")
    return owner
