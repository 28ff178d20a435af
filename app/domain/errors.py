"""Mistakes a user can make, carried as messages that can be shown once translated."""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it here."""
    return message


class Amount(int):
    """A sum of money in fen, marked so that message formatting shows it as money."""

    __slots__ = ()


class Phrase(str):
    """A catalog phrase used as a message value (a state, a payment method); translated too."""

    __slots__ = ()


class XiaoerError(Exception):
    """An error the floor staff can read: an English message id plus named values.

    ``message_id`` is the catalog key (English, with ``{name}`` placeholders);
    the UI translates it and formats the values (``Amount`` as money) for its locale.
    """

    def __init__(self, message_id: str, **params: Any) -> None:
        self.message_id = message_id
        self.params = params
        super().__init__(self.render(lambda s: s, _plain_value))

    def render(self, translate, format_value) -> str:
        """The message in a language: ``translate`` maps the id, ``format_value`` each value."""
        values = {name: format_value(value) for name, value in self.params.items()}
        return translate(self.message_id).format(**values)


def _plain_value(value: Any) -> str:
    if isinstance(value, Amount):
        sign = "-" if value < 0 else ""
        return f"{sign}¥{abs(value) // 100}.{abs(value) % 100:02d}"
    return str(value)


class NotAllowed(XiaoerError):
    """The action is not allowed in the current state (busy table, paid bill …)."""


class InvalidInput(XiaoerError):
    """A value typed or chosen is out of range or malformed."""


class NotFound(XiaoerError):
    """The thing named does not exist (any more)."""


class AuthorisationError(XiaoerError):
    """Wrong PIN, locked staff member or missing manager approval."""


class ConcurrentChange(XiaoerError):
    """Another terminal changed the same bill first."""
