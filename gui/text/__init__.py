"""The report's text: its document, its view with what is found and drawn over it, and the find bar."""
