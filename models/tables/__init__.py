"""The report's tables: the Fujian 附表, the national template, run-together cells, and their figures as frames."""
