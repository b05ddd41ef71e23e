"""Normalisers: turn the text of a value into its canonical form (ISO dates, decimal
amounts, ISO 4217 currencies, clean identifiers).

Nothing is imported here: import from the module that defines a name
(:mod:`~intake.extractors.extraction.fields.dates`,
:mod:`~intake.extractors.extraction.fields.idents`,
:mod:`~intake.extractors.extraction.fields.money`).
"""
