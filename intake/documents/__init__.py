"""Filed documents as people see them: the page view, the estimate -> PO -> invoice chain,
page images, listings for scripts, the review queue, the audit log and corrections."""
