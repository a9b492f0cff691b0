"""Exports without a window: outline, tables and findings as JSON, Markdown, CSV and Excel."""
