"""Per-app resources and per-request database sessions (closed at teardown)."""

from __future__ import annotations

from flask import current_app, g
from sqlalchemy.orm import Session

from intake.db import Database
from intake.index import SearchIndex
from intake.settings import Settings

__all__ = ["get_db", "get_index", "get_session", "get_settings"]


def get_settings() -> Settings:
    settings: Settings = current_app.extensions["intake"]["settings"]
    return settings


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
