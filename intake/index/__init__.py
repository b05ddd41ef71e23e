"""Full-text and fielded search (Whoosh). The only package that imports whoosh.

Nothing is imported here: import from the module that defines a name
(:mod:`~intake.index.postings`, :mod:`~intake.index.searching`,
:mod:`~intake.index.segments`, :mod:`~intake.index.store`).
"""
