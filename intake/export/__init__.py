"""Export of filed documents to accounting: CSV, JSON, Xero, QuickBooks (CSV and IIF), UBL.

The facade; the formats are small modules behind :class:`Format` (``formats.py`` lists
them). ``run_export`` is what the CLI, the web page and the API call::

    result = run_export(db, settings, ExportRequest("xero"), user="ed")
    result.content        # the file's bytes; result.blocked lists what was left out, why
"""

from intake.export.base import ExportDoc, ExportError, ExportLine, ExportOptions, Format, safe_text
from intake.export.batches import (
    BatchInfo,
    Changed,
    ExportRequest,
    ExportResult,
    Skipped,
    batch_file,
    document_flags,
    list_batches,
    run_export,
)
from intake.export.formats import FORMATS, get_format
from intake.export.rules import (
    RULE_FIELDS,
    RuleView,
    delete_rule,
    list_rules,
    list_vendors,
    set_rule,
)

__all__ = [
    "FORMATS",
    "RULE_FIELDS",
    "BatchInfo",
    "Changed",
    "ExportDoc",
    "ExportError",
    "ExportLine",
    "ExportOptions",
    "ExportRequest",
    "ExportResult",
    "Format",
    "RuleView",
    "Skipped",
    "batch_file",
    "delete_rule",
    "document_flags",
    "get_format",
    "list_batches",
    "list_rules",
    "list_vendors",
    "run_export",
    "safe_text",
    "set_rule",
]
