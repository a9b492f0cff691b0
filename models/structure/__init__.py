"""The report's structure: its sections from the numbering, its metadata, and the web page's leftovers."""
