"""Filing against the product catalog: products and their import, price history and
dossiers, contract dates, and the matching of lines, orders and duplicates
(:mod:`intake.filing.matching`)."""
