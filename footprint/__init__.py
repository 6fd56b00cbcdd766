"""Footprint: foreign military presence in Syria, mapped from the reports that claim it."""

__version__ = "0.1.0"
