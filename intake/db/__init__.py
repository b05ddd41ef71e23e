"""Database: tables, engine, and the queries the rest of Intake uses.

Nothing is imported here: import from the module that defines a name
(:mod:`~intake.db.engine`, :mod:`~intake.db.export`, :mod:`~intake.db.models`,
:mod:`~intake.db.products`).
"""
