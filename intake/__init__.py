"""Intake: watch drop folders, read and file invoices, orders, quotes and contracts."""

__version__ = "0.1.0"
