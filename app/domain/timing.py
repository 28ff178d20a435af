"""Time rules: timed-room fees and the business day (营业日) that may span midnight."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.domain.money import Fen


@dataclass(frozen=True)
class TimedPricing:
    """A room charged per started block of time, after some free minutes, up to a cap."""

    block_minutes: int
    block_price: Fen
    free_minutes: int = 0
    cap: Fen = 0  # 0: no cap

    def fee(self, minutes_used: int) -> Fen:
        """Fee for ``minutes_used`` (pauses already taken out)."""
        if self.block_minutes <= 0 or self.block_price <= 0:
            return 0
        chargeable = max(0, minutes_used - self.free_minutes)
        if chargeable == 0:
            return 0
        blocks = -(-chargeable // self.block_minutes)  # every started block counts
        fee = blocks * self.block_price
        return min(fee, self.cap) if self.cap else fee


def minutes_between(start: datetime, end: datetime, paused_seconds: int = 0) -> int:
    """Whole minutes used between ``start`` and ``end`` less pauses; a started minute counts."""
    seconds = max(0, int((end - start).total_seconds()) - paused_seconds)
    return -(-seconds // 60)


DEFAULT_DAY_STARTS_AT = time(5, 0)


def business_day(moment: datetime, starts_at: time = DEFAULT_DAY_STARTS_AT) -> date:
    """The business day a moment belongs to: 01:30 after a late night counts to the day before."""
    shifted = moment - timedelta(hours=starts_at.hour, minutes=starts_at.minute)
    return shifted.date()
