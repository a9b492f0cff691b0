"""Reading a file: its bytes decoded, and text, HTML, Word and PDF turned into the report's text and cells."""
