"""PINs: stored only as slow salted hashes; five wrong tries lock a staff member for 60 s."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.domain.errors import AuthorisationError
from app.i18n import Language
from app.services.staff import Role, approve_as_manager, hash_pin, log_in, pin_matches
from db.models import AuditEntry, Staff


def test_pins_are_stored_only_as_salted_scrypt_hashes(ctx):
    with ctx.reading() as session:
        hashes = session.scalars(select(Staff.pin_hash)).all()
    assert all(h.startswith("scrypt$") for h in hashes)
    # scrypt$<salt hex>$<digest hex>: no field is the PIN in clear (a substring check
    # would flake: a random hex string holds "1111" now and then)
    for stored in hashes:
        _scheme, salt, digest = stored.split("$")
        assert len(salt) == 32 and len(digest) == 64  # 16-byte salt, 32-byte digest
        assert not {salt, digest} & {"1111", "2222", "3333", "9999"}
        int(salt, 16), int(digest, 16)  # hex only
    assert hash_pin("1234") != hash_pin("1234")  # salted
    assert pin_matches("1234", hash_pin("1234")) and not pin_matches("1235", hash_pin("1234"))


def test_login_with_the_right_pin(ctx, demo):
    member = log_in(ctx, staff_id=demo.waiter, pin="1111")
    assert (member.name, member.role) == ("王芳", Role.WAITER)


def test_five_wrong_pins_lock_for_sixty_seconds_and_are_audited(ctx, demo, clock):
    messages = []
    for _ in range(5):
        with pytest.raises(AuthorisationError) as caught:
            log_in(ctx, staff_id=demo.waiter, pin="0000")
        messages.append(Language("zh_CN").error_text(caught.value))
    assert "4" in messages[0]  # tries left
    with pytest.raises(AuthorisationError):
        log_in(ctx, staff_id=demo.waiter, pin="1111")  # locked even with the right PIN
    clock.advance(seconds=59)
    with pytest.raises(AuthorisationError):
        log_in(ctx, staff_id=demo.waiter, pin="1111")
    clock.advance(seconds=2)
    assert log_in(ctx, staff_id=demo.waiter, pin="1111").name == "王芳"
    with ctx.reading() as session:
        failed = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "login_failed")
        ).all()
    assert len(failed) == 5 and {f.staff_id for f in failed} == {demo.waiter}


def test_manager_approval_by_pin_alone(ctx, demo):
    approval = approve_as_manager(ctx, pin="9999")
    assert (approval.manager_id, approval.manager_name) == (demo.manager, "张经理")
    with pytest.raises(AuthorisationError):
        approve_as_manager(ctx, pin="3333")  # the cashier's PIN is not a manager's
