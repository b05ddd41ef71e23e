"""Users of the web UI and API: roles, password hashes, API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from intake.db.engine import Database
from intake.db.models import User
from intake.errors import IntakeError, NotFound

__all__ = [
    "ROLES",
    "UserRow",
    "add_user",
    "check_password",
    "count_users",
    "issue_feed_token",
    "issue_token",
    "revoke_feed_token",
    "user_for_feed_token",
    "end_sessions",
    "issue_token",
    "list_users",
    "remove_user",
    "revoke_token",
    "set_password",
    "set_role",
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
    password = _checked_password(password)
    with db.session() as s:
        if s.scalar(select(User.id).where(User.name == name)) is not None:
            raise IntakeError(f"user {name!r} exists already")
        s.add(User(name=name, role=role, password_hash=generate_password_hash(password)))
    return password


def _checked_password(password: str | None) -> str:
    if password is None:
        return secrets.token_urlsafe(12)
    if len(password) < MIN_PASSWORD:
        raise IntakeError(f"a password has at least {MIN_PASSWORD} characters")
    return password


def _named(s: Session, name: str) -> User:
    user = s.scalar(select(User).where(User.name == name))
    if user is None:
        raise NotFound(f"no user {name!r}")
    return user


def _refuse_losing_the_last_admin(s: Session, user: User) -> None:
    admins = s.scalar(select(func.count(User.id)).where(User.role == "admin"))
    if user.role == "admin" and (admins or 0) <= 1:
        raise IntakeError(f"{user.name!r} is the only admin: make another admin first")


@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    role: str
    has_token: bool
    created_at: dt.datetime


def list_users(db: Database) -> list[UserRow]:
    with db.session() as s:
        return [
            UserRow(u.id, u.name, u.role, u.token_hash is not None, u.created_at)
            for u in s.scalars(select(User).order_by(User.name))
        ]


def set_password(db: Database, name: str, password: str | None = None) -> str:
    """Give ``name`` a new password (generated when none is given; returned) and sign
    the user out everywhere."""
    password = _checked_password(password)
    with db.session() as s:
        user = _named(s, name)
        user.password_hash = generate_password_hash(password)
        user.session_version += 1
    return password


def set_role(db: Database, name: str, role: str) -> None:
    """Change the role of ``name``; the last admin keeps theirs."""
    if role not in ROLES:
        raise IntakeError(f"role must be one of {', '.join(ROLES)}")
    with db.session() as s:
        user = _named(s, name)
        if role != "admin":
            _refuse_losing_the_last_admin(s, user)
        user.role = role


def remove_user(db: Database, name: str) -> None:
    """Remove ``name`` (their sessions and token stop working); never the last admin."""
    with db.session() as s:
        user = _named(s, name)
        _refuse_losing_the_last_admin(s, user)
        s.delete(user)


def revoke_token(db: Database, name: str) -> bool:
    """Withdraw the API token of ``name``; False when there was none."""
    with db.session() as s:
        user = _named(s, name)
        had = user.token_hash is not None
        user.token_hash = None
        return had


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
        _named(s, name).token_hash = _token_hash(token)
    return token


def user_for_token(db: Database, token: str) -> User | None:
    if not token:
        return None
    with db.session() as s:
        return s.scalar(select(User).where(User.token_hash == _token_hash(token)))


# --- calendar feed tokens ------------------------------------------------------------------
# A feed token is a read-only secret for one user's calendar URL (calendar apps cannot
# send a header or log in); it is kept apart from the API token so that a leaked calendar
# URL opens nothing else, and revoking it closes only the feed.


def issue_feed_token(db: Database, name: str) -> str:
    """A new calendar feed token for ``name`` (replacing any earlier one); stored hashed."""
    token = secrets.token_urlsafe(32)
    with db.session() as s:
        user = s.scalar(select(User).where(User.name == name))
        if user is None:
            raise NotFound(f"no user {name!r}")
        user.feed_token_hash = _token_hash(token)
    return token


def revoke_feed_token(db: Database, name: str) -> None:
    with db.session() as s:
        user = s.scalar(select(User).where(User.name == name))
        if user is None:
            raise NotFound(f"no user {name!r}")
        user.feed_token_hash = None


def user_for_feed_token(db: Database, token: str) -> User | None:
    if not token or len(token) > 200:
        return None
    with db.session() as s:
        return s.scalar(select(User).where(User.feed_token_hash == _token_hash(token)))
