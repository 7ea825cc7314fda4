"""Posting movements with their invariants (no negative stock, element mass balance, quotas), stock
balances at any date, and lot traceability. Functions here take a SQLAlchemy Session; services own the
transaction."""
