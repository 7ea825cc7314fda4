"""reechain."""
