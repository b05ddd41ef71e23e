"""The one code path of a person's correction, whoever makes it (the web form, the API,
``intake documents correct``): check and save the values with their audit entries
(:mod:`intake.documents.corrections`), learn from them (and from the fields the person let stand,
where nothing is known about them yet), and file the document again (product links,
duplicates, order checks; the index is brought up to date by ``needs_index``).

Learning never fails a correction: if it raises, what it did is rolled back, the error is
logged, and the correction stands.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from intake.documents.corrections.fields import confirm_document, correct_fields
from intake.filing.matching.steps import FilingStep, refresh_document
from intake.learning.fields import CORRECTABLE
from intake.learning.learner import learn_from_document
from intake.settings import Settings

__all__ = ["CORRECTABLE", "confirm_and_learn", "correct_document", "learn_safely"]

logger = logging.getLogger(__name__)


def learn_safely(
    session: Session,
    doc_id: int,
    names: Sequence[str],
    *,
    confirmed: bool = False,
    implied: bool = False,
) -> None:
    if not names:
        return
    try:
        with session.begin_nested():
            learn_from_document(session, doc_id, names, confirmed=confirmed, implied=implied)
    except Exception:
        logger.exception("document %d: learning from a correction failed; not learned", doc_id)


def correct_document(
    session: Session,
    doc_id: int,
    values: Mapping[str, str],
    *,
    user: str,
    settings: Settings,
    steps: Sequence[FilingStep],
    version: str | None = None,
) -> list[str]:
    """Correct fields (and ``doc_type``) as a person typed them, learn, and refile (by the
    composition's filing ``steps``); returns the names that changed. Raises
    InvalidCorrection, Conflict or NotFound, with nothing changed (the caller rolls back)."""
    changed = correct_fields(session, doc_id, values, user=user, version=version)
    learn_safely(session, doc_id, changed, implied=True)
    refresh_document(session, doc_id, settings, steps)
    return changed


def confirm_and_learn(
    session: Session,
    doc_id: int,
    names: list[str],
    *,
    user: str,
    version: str | None = None,
) -> list[str]:
    """Confirm fields as read and learn where they stood; returns the names confirmed."""
    done = confirm_document(session, doc_id, names, user=user, version=version)
    learn_safely(session, doc_id, done, confirmed=True)
    return done
