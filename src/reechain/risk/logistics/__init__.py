"""Logistics oversight: vessel tracks from AIS positions and the alerts they raise."""
