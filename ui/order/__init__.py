"""The order screen's parts: the bill's lines (left), the menu (right), the dialogs a dish
may need (options, weight, today's price, notes) and the action bar."""
