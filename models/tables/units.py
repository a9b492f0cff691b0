"""The units a table's unit column holds (条, 件, 万元 …), shared by the 附表's readers."""

UNITS = frozenset({"条", "件", "个", "次", "篇", "家", "人次", "元", "万元", "项", "份", "期", "人", "天", "户"})
