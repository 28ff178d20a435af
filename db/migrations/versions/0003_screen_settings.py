"""screen settings: auto-lock after idle time, font size

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("venue") as batch:
        batch.add_column(
            sa.Column("auto_lock_seconds", sa.Integer(), nullable=False, server_default="180")
        )
        batch.add_column(
            sa.Column("font_scale_percent", sa.Integer(), nullable=False, server_default="100")
        )


def downgrade() -> None:
    with op.batch_alter_table("venue") as batch:
        batch.drop_column("font_scale_percent")
        batch.drop_column("auto_lock_seconds")
