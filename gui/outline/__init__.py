"""The section tree: its Qt model and its pane with the filter."""
