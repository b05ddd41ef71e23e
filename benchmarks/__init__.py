"""Benchmarks and the extraction evaluation; run with ``make bench`` and ``make eval``."""
