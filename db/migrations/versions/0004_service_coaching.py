"""service coaching: prompts and their record, step edits, table visits, pre-shift briefing,
the service profile of each room

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# a prompt neither done, skipped nor expired (missed): the few the floor still waits on
OPEN_PROMPT = "done_at IS NULL AND skipped_at IS NULL AND expired_at IS NULL"


def upgrade() -> None:
    with op.batch_alter_table("room") as batch:
        batch.add_column(
            sa.Column(
                "service_profile",
                sa.String(length=20),
                nullable=False,
                server_default="restaurant",
            )
        )
    # tea rooms follow the tea house's steps; the hall and private rooms the restaurant's
    op.execute("UPDATE room SET service_profile = 'tea_house' WHERE kind = 'tea'")

    op.create_table(
        "service_prompt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=True),
        sa.Column("bill_id", sa.Integer(), nullable=True),
        sa.Column("step_id", sa.String(length=60), nullable=False),
        sa.Column("profile", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("stage", sa.String(length=10), nullable=False),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("first_shown_at", sa.DateTime(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("done_by", sa.Integer(), nullable=True),
        sa.Column("late_seconds", sa.Integer(), nullable=True),
        sa.Column("snoozed_at", sa.DateTime(), nullable=True),
        sa.Column("snoozed_until", sa.DateTime(), nullable=True),
        sa.Column("snooze_reason", sa.String(length=200), nullable=False),
        sa.Column("snoozed_by", sa.Integer(), nullable=True),
        sa.Column("skipped_at", sa.DateTime(), nullable=True),
        sa.Column("skip_reason", sa.String(length=200), nullable=False),
        sa.Column("skipped_by", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("expired_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["bill.id"], name=op.f("fk_service_prompt_bill_id_bill")
        ),
        sa.ForeignKeyConstraint(
            ["done_by"], ["staff.id"], name=op.f("fk_service_prompt_done_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["skipped_by"], ["staff.id"], name=op.f("fk_service_prompt_skipped_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["snoozed_by"], ["staff.id"], name=op.f("fk_service_prompt_snoozed_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_service_prompt_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["table_id"],
            ["dining_table.id"],
            name=op.f("fk_service_prompt_table_id_dining_table"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_prompt")),
        sa.UniqueConstraint("key", name=op.f("uq_service_prompt_key")),
    )
    with op.batch_alter_table("service_prompt") as batch:
        batch.create_index(batch.f("ix_service_prompt_bill_id"), ["bill_id"], unique=False)
        batch.create_index(batch.f("ix_service_prompt_due_at"), ["due_at"], unique=False)
        batch.create_index(batch.f("ix_service_prompt_table_id"), ["table_id"], unique=False)
        batch.create_index(
            "ix_service_prompt_open",
            ["due_at"],
            unique=False,
            sqlite_where=sa.text(OPEN_PROMPT),
        )

    op.create_table(
        "step_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile", sa.String(length=20), nullable=False),
        sa.Column("step_id", sa.String(length=60), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=True),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["changed_by"], ["staff.id"], name=op.f("fk_step_override_changed_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_step_override")),
        sa.UniqueConstraint("profile", "step_id", name="override_per_step"),
    )

    op.create_table(
        "table_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bill_id", sa.Integer(), nullable=False),
        sa.Column("table_id", sa.Integer(), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("from_table_id", sa.Integer(), nullable=True),
        sa.Column("guests", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["bill_id"], ["bill.id"], name=op.f("fk_table_visit_bill_id_bill")),
        sa.ForeignKeyConstraint(
            ["from_table_id"],
            ["dining_table.id"],
            name=op.f("fk_table_visit_from_table_id_dining_table"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_table_visit_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["table_id"], ["dining_table.id"], name=op.f("fk_table_visit_table_id_dining_table")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_table_visit")),
    )
    with op.batch_alter_table("table_visit") as batch:
        batch.create_index(batch.f("ix_table_visit_at"), ["at"], unique=False)
        batch.create_index("ix_table_visit_bill", ["bill_id", "at"], unique=False)

    op.create_table(
        "briefing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("ticked", sa.Text(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_briefing_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_briefing")),
        sa.UniqueConstraint("business_day", "staff_id", name="briefing_per_day"),
    )
    with op.batch_alter_table("briefing") as batch:
        batch.create_index(batch.f("ix_briefing_business_day"), ["business_day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("briefing") as batch:
        batch.drop_index(batch.f("ix_briefing_business_day"))
    op.drop_table("briefing")
    with op.batch_alter_table("table_visit") as batch:
        batch.drop_index("ix_table_visit_bill")
        batch.drop_index(batch.f("ix_table_visit_at"))
    op.drop_table("table_visit")
    op.drop_table("step_override")
    with op.batch_alter_table("service_prompt") as batch:
        batch.drop_index("ix_service_prompt_open")
        batch.drop_index(batch.f("ix_service_prompt_table_id"))
        batch.drop_index(batch.f("ix_service_prompt_due_at"))
        batch.drop_index(batch.f("ix_service_prompt_bill_id"))
    op.drop_table("service_prompt")
    with op.batch_alter_table("room") as batch:
        batch.drop_column("service_profile")
