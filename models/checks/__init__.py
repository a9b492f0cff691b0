"""Checks of the report's figures against themselves: the finding type, and one module per family of rules."""
