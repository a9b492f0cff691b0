"""The one error the model raises for input it cannot read."""


class ReportError(Exception):
    """A file that cannot be opened as a report; the message says why, in Chinese, for the reader."""
