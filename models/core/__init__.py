"""Shared types below every stage: the report's records, the reader's error, line starts and spans."""
