"""Users of the web UI and API: roles, password hashes, API tokens."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from intake.db import Database, User
from intake.errors import IntakeError, NotFound

__all__ = [
    "ROLES",
    "add_user",
    "check_password",
    "count_users",
    "end_sessions",
    "issue_token",
    "user_for_token",
]

ROLES = ("admin", "editor", "viewer")
MIN_PASSWORD = 10


def count_users(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count(User.id))) or 0)


def add_user(db: Database, name: str, role: str, password: str | None = None) -> str:
    """Create a user; returns the password (generated when none is given)."""
    if role not in ROLES:
        raise IntakeError(f"role must be one of {', '.join(ROLES)}")
    name = name.strip()
    if not name or len(name) > 200:
        raise IntakeError("a user name is 1 to 200 characters")
    if password is None:
        password = secrets.token_urlsafe(12)
    if len(password) < MIN_PASSWORD:
        raise IntakeError(f"a password has at least {MIN_PASSWORD} characters")
    with db.session() as s:
        if s.scalar(select(User.id).where(User.name == name)) is not None:
            raise IntakeError(f"user {name!r} exists already")
        s.add(User(name=name, role=role, password_hash=generate_password_hash(password)))
    return password


def end_sessions(db: Database, user_id: int) -> None:
    """Sign the user out everywhere: the web sessions signed with the old session version
    are refused from now on (the user loader compares it)."""
    with db.session() as s:
        user = s.get(User, user_id)
        if user is not None:
            user.session_version += 1


def check_password(db: Database, name: str, password: str) -> User | None:
    with db.session() as s:
        user = s.scalar(select(User).where(User.name == name))
        if user is None or not check_password_hash(user.password_hash, password):
            return None
        return user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(db: Database, name: str) -> str:
    """A new API token for ``name`` (replacing any earlier one); shown once, stored hashed."""
    token = secrets.token_urlsafe(32)
    with db.session() as s:
        user = s.scalar(select(User).where(User.name == name))
        if user is None:
            raise NotFound(f"no user {name!r}")
        user.token_hash = _token_hash(token)
    return token


def user_for_token(db: Database, token: str) -> User | None:
    if not token:
        return None
    with db.session() as s:
        return s.scalar(select(User).where(User.token_hash == _token_hash(token)))
