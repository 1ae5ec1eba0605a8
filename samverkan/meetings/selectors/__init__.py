"""Reads of the meetings app, one module per area: meetings, archive."""
