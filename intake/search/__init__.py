"""Search: a query split into conditions (SQL) and full text (the index), with facets.

``run_search(session, index, SearchRequest(q=...), today=...)`` returns a
:class:`SearchPage`; the web UI, the API and ``intake search`` all go through it.

Nothing is imported here: import from the module that defines a name
(:mod:`~intake.search.engine`, :mod:`~intake.search.facets`, :mod:`~intake.search.query`).
"""
