"""The audit log: who did a sensitive thing, who authorised it, when, why, and what."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db.models import AuditEntry


def record(
    session: Session,
    at: datetime,
    action: str,
    *,
    staff_id: int | None = None,
    authorised_by_id: int | None = None,
    bill_id: int | None = None,
    table_id: int | None = None,
    reason: str = "",
    **detail: Any,
) -> None:
    """Add an audit entry inside the action's own transaction."""
    session.add(
        AuditEntry(
            at=at,
            action=action,
            staff_id=staff_id,
            authorised_by_id=authorised_by_id,
            bill_id=bill_id,
            table_id=table_id,
            reason=reason,
            detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
        )
    )
