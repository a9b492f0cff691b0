"""The reader's Qt window: thin adapters over `models/` and the widgets that show them."""
