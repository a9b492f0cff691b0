"""The report's text: its document, its view, and the find bar."""
