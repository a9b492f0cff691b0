"""The window: the application, its tabs and commands, one view per report, the loading, and take-away actions."""
