"""Market signals: official notices and news read into dated, sourced signals (element, segment, measure,
direction) for the analysts' timeline and the scenario engine."""
