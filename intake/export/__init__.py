"""Export of filed documents to accounting: CSV, JSON, Xero, QuickBooks (CSV and IIF), UBL.

The facade; the formats are small modules behind :class:`Format` (``formats.py`` lists
them). ``run_export`` is what the CLI, the web page and the API call::

    result = run_export(db, settings, ExportRequest("xero"), user="ed")
    result.content        # the file's bytes; result.blocked lists what was left out, why

Nothing is imported here: import from the module that defines a name
(:mod:`~intake.export.base`, :mod:`~intake.export.batches`, :mod:`~intake.export.formats`,
:mod:`~intake.export.rules`).
"""
