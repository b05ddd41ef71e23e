"""Learning from corrections: a vendor's second document comes out right.

* :mod:`~intake.learning.signs` recognises a document's vendor by its VAT id, IBAN,
  name variants and letterhead;
* :mod:`~intake.learning.rules` describes where a corrected value stood (the words that
  label it, its place beside or below them or on the page, its format) and finds it again;
* :mod:`~intake.learning.learner` turns corrections and confirmations into rules, and
  weakens and drops the rules later corrections disagree with;
* :mod:`~intake.learning.apply` runs a vendor's rules on a newly filed document before the
  generic fields count (source ``learned``, the rule and its correction in ``raw``);
* :mod:`~intake.learning.feedback` is the one code path of a correction (web form, API,
  ``intake documents correct``): correct, learn, file again;
* :mod:`~intake.learning.template` writes a vendor's rules as an invoice2data template.
"""
