"""Partners and chain integration: joint ventures, affiliates, their plants and agreements (pure domain)."""
