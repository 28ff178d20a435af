"""What every use case runs in: the store, a clock, and one transaction per action."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.domain.errors import N_, ConcurrentChange
from db.engine import Store


def local_now() -> datetime:
    """Wall-clock time of the counter PC, to the second, without a time zone."""
    return datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class Changes:
    """What an action changed, so each screen refreshes only what it shows."""

    tables: frozenset[int] = frozenset()
    bills: frozenset[int] = frozenset()
    lines: tuple[int, ...] = ()
    tickets: tuple[int, ...] = ()
    bill_id: int | None = None
    receipt_no: int | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class Context:
    """The store and the clock, wired once at start-up and handed to each use case."""

    store: Store
    clock: Callable[[], datetime] = field(default=local_now)

    def now(self) -> datetime:
        return self.clock()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One action = one short write transaction: all of it is kept, or none of it."""
        session = self.store.sessions()
        try:
            yield session
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise ConcurrentChange(
                N_("Another terminal changed this bill just now. Please open it again.")
            ) from exc
        except IntegrityError as exc:
            session.rollback()
            raise ConcurrentChange(
                N_("Another terminal changed this bill just now. Please open it again.")
            ) from exc
        except OperationalError as exc:
            session.rollback()
            if "locked" in str(exc):
                raise ConcurrentChange(
                    N_("The store is busy with another terminal. Please try again.")
                ) from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look at the store that never blocks writers."""
        session = self.store.read_sessions()
        try:
            yield session
        finally:
            session.close()
