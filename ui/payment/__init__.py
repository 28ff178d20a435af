"""The payment screen's parts: the bill as the guest will pay it, the tender pad, the
round-off and discount choices, and the pure arithmetic of what is still to pay."""
