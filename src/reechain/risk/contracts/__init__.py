"""Contract standardization: read contracts, align their clauses with a template's, classify each deviation
and route it for approval through a data-driven approval matrix."""
