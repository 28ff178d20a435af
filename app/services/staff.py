"""Staff log-in, PINs and manager approval. PINs are kept only as salted scrypt hashes;
five wrong tries lock that staff member for 60 seconds."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import N_, AuthorisationError, InvalidInput, NotFound
from app.services.audit import record
from app.services.context import Context
from db.models import Staff

MAX_TRIES = 5
LOCK_SECONDS = 60
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


class Role(StrEnum):
    WAITER = "waiter"
    CASHIER = "cashier"
    MANAGER = "manager"


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of a PIN, as ``scrypt$salt$hash`` in hex."""
    check_pin_format(pin)
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        _scheme, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    digest = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt_hex), **_SCRYPT)
    return hmac.compare_digest(digest.hex(), digest_hex)


def check_pin_format(pin: str) -> None:
    if not (pin.isdigit() and pin.isascii() and 4 <= len(pin) <= 8):
        raise InvalidInput(N_("A PIN is 4 to 8 digits."))


@dataclass(frozen=True)
class StaffMember:
    id: int
    name: str
    role: Role


@dataclass(frozen=True)
class Approval:
    """A manager's approval of one action (void, comp, discount, reopen …)."""

    manager_id: int
    manager_name: str
    granted_at: datetime


def log_in(ctx: Context, *, staff_id: int, pin: str) -> StaffMember:
    """Check a staff member's PIN; wrong tries count towards the lock-out."""
    staff = _check_pin(ctx, staff_id=staff_id, pin=pin, action="login_failed")
    return StaffMember(staff.id, staff.name, Role(staff.role))


def approve_as_manager(ctx: Context, *, pin: str, manager_id: int | None = None) -> Approval:
    """A manager's PIN authorises one action. With no ``manager_id`` every active manager's
    PIN is tried, so the overlay only needs the PIN."""
    if manager_id is None:
        with ctx.reading() as session:
            ids = session.scalars(
                select(Staff.id).where(Staff.role == Role.MANAGER, Staff.active.is_(True))
            ).all()
        for candidate in ids:
            with ctx.reading() as session:
                staff = session.get(Staff, candidate)
                if staff and _unlocked(staff, ctx.now()) and pin_matches(pin, staff.pin_hash):
                    manager_id = candidate
                    break
        else:
            with ctx.transaction() as session:
                record(session, ctx.now(), "approval_failed", reason="wrong manager PIN")
            raise AuthorisationError(N_("That is not a manager's PIN."))
    staff = _check_pin(ctx, staff_id=manager_id, pin=pin, action="approval_failed")
    if staff.role != Role.MANAGER:
        raise AuthorisationError(N_("{name} is not a manager."), name=staff.name)
    return Approval(staff.id, staff.name, ctx.now())


def _unlocked(staff: Staff, now: datetime) -> bool:
    return staff.locked_until is None or staff.locked_until <= now


def _check_pin(ctx: Context, *, staff_id: int, pin: str, action: str) -> Staff:
    now = ctx.now()
    with ctx.transaction() as session:
        staff = session.get(Staff, staff_id)
        if staff is None or not staff.active:
            raise NotFound(N_("This staff member is not known or no longer active."))
        if not _unlocked(staff, now):
            seconds = int((staff.locked_until - now).total_seconds()) + 1
            raise AuthorisationError(
                N_("{name} is locked after too many wrong PINs. Try again in {seconds} s."),
                name=staff.name,
                seconds=seconds,
            )
        if pin_matches(pin, staff.pin_hash):
            staff.failed_attempts = 0
            staff.locked_until = None
            return staff
        staff.failed_attempts += 1
        record(session, now, action, staff_id=staff.id, reason="wrong PIN")
        if staff.failed_attempts >= MAX_TRIES:
            staff.failed_attempts = 0
            staff.locked_until = now + timedelta(seconds=LOCK_SECONDS)
            locked = True
        else:
            locked = False
        tries_left = MAX_TRIES - staff.failed_attempts
        name = staff.name
    # the failed try is committed above; now tell the user
    if locked:
        raise AuthorisationError(
            N_("Wrong PIN. {name} is locked for {seconds} s."), name=name, seconds=LOCK_SECONDS
        )
    raise AuthorisationError(N_("Wrong PIN. {tries} tries left."), tries=tries_left)


def require_approval(session: Session, approval: Approval | None) -> Staff:
    """The manager behind an approval, checked against the store inside the action."""
    if approval is None:
        raise AuthorisationError(N_("This needs a manager's approval."))
    manager = session.get(Staff, approval.manager_id)
    if manager is None or not manager.active or manager.role != Role.MANAGER:
        raise AuthorisationError(N_("This needs a manager's approval."))
    return manager


def list_staff(ctx: Context) -> list[StaffMember]:
    with ctx.reading() as session:
        rows = session.scalars(select(Staff).where(Staff.active.is_(True)).order_by(Staff.id))
        return [StaffMember(s.id, s.name, Role(s.role)) for s in rows]
