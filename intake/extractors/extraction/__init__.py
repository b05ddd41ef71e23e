"""Reading fields out of a document's text and layout (labels, parties, amounts, dates)."""
