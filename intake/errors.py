"""The exceptions Intake raises, in one hierarchy::

IntakeError                 base of everything below
+-- InputError              the file itself is bad: quarantined at once, never retried
|   +-- UnsupportedFile     not a PDF or image we read (by magic bytes), or a symlink
|   +-- EmptyFile           zero bytes, or no page in it
|   +-- CorruptFile         cannot be parsed
|   +-- EncryptedFile       needs a password to open
|   +-- ResourceLimit       over a size, page, pixel, memory or time limit
+-- TransientError          the environment failed (disk full, database locked): retried
+-- ConfigError             a setting or installation problem the operator must fix
+-- NotFound                a document, product or batch id that does not exist
+-- QueryError              a search query that cannot be understood (the message says why)
+-- Conflict                a change refused: the record changed meanwhile, or a name is taken
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "Conflict",
    "CorruptFile",
    "EmptyFile",
    "EncryptedFile",
    "InputError",
    "IntakeError",
    "NotFound",
    "QueryError",
    "ResourceLimit",
    "TransientError",
    "UnsupportedFile",
]


class IntakeError(Exception):
    """Base of every error Intake raises on purpose."""


class InputError(IntakeError):
    """The input file cannot be filed; the reason is meant for the person who dropped it."""


class UnsupportedFile(InputError):
    pass


class EmptyFile(InputError):
    pass


class CorruptFile(InputError):
    pass


class EncryptedFile(InputError):
    pass


class ResourceLimit(InputError):
    pass


class TransientError(IntakeError):
    """A failure of the environment rather than the file; the work is retried."""


class ConfigError(IntakeError):
    pass


class NotFound(IntakeError):
    pass


class QueryError(IntakeError):
    """The message is shown to the person who typed the query."""


class Conflict(IntakeError):
    pass
