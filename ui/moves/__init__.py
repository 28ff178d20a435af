"""Transfer 转台, merge 并台 and split 拆单 dialogs; open them through ``ui.table_moves``."""
