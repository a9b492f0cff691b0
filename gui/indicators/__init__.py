"""The 指标 panel: the report's tables as Qt tables, their header, and the chart."""
