"""The 核对 panel: the findings of the checks."""
