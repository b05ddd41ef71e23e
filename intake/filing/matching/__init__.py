"""Filing every document against products: line items linked to the catalog
(:mod:`~intake.filing.matching.line_links`, :mod:`~intake.filing.matching.catalog_index`),
contracts to the products they name (:mod:`~intake.filing.matching.mentions`), invoices
checked against their purchase order (:mod:`~intake.filing.matching.orders`,
:mod:`~intake.filing.matching.order_lines`, :mod:`~intake.filing.matching.order_status`),
duplicates by business key (:mod:`~intake.filing.matching.duplicates`), and the matching
memory that learns from people (:mod:`~intake.filing.matching.memory`).

The steps that run them when a document is filed or corrected are in
:mod:`~intake.filing.matching.steps`; their review sources and document sections are
plugged in by the composition (:class:`intake.filing.wiring.Wiring`), never at import.
"""
