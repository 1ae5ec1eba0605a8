"""Open311 GeoReport v2: citizen apps report into the moderation queue and read reports back."""
