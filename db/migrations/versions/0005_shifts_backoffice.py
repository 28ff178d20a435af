"""shifts and the back office: cash drawer shifts 交班 with their cash in / out, the shift a
bill was settled in, the handover slip's print job, the drawer tolerance and backup settings

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a plain ADD COLUMN: a batch rebuild of a table that others point at fails on SQLite
    op.add_column(
        "room", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.text("1"))
    )
    with op.batch_alter_table("venue") as batch:
        batch.add_column(
            sa.Column("drawer_tolerance_fen", sa.Integer(), nullable=False, server_default="1000")
        )
        batch.add_column(
            sa.Column("backup_keep", sa.Integer(), nullable=False, server_default="14")
        )
        batch.add_column(
            sa.Column("backup_folder", sa.String(length=300), nullable=False, server_default="")
        )

    op.create_table(
        "shift",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("terminal", sa.String(length=60), nullable=False),
        sa.Column("open_terminal", sa.String(length=60), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("business_day", sa.Date(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("opened_by_id", sa.Integer(), nullable=True),
        sa.Column("float_fen", sa.Integer(), nullable=False),
        sa.Column("float_counts", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("expected_fen", sa.Integer(), nullable=True),
        sa.Column("counted_fen", sa.Integer(), nullable=True),
        sa.Column("counted_counts", sa.Text(), nullable=False),
        sa.Column("over_short_fen", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approval_reason", sa.String(length=200), nullable=False),
        sa.Column("carried_over", sa.Text(), nullable=False),
        sa.Column("z_no", sa.Integer(), nullable=True),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_shift_status_known")),
        sa.ForeignKeyConstraint(
            ["approved_by_id"], ["staff.id"], name=op.f("fk_shift_approved_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_id"], ["staff.id"], name=op.f("fk_shift_closed_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["opened_by_id"], ["staff.id"], name=op.f("fk_shift_opened_by_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift")),
        sa.UniqueConstraint("open_terminal", name=op.f("uq_shift_open_terminal")),
        sa.UniqueConstraint("z_no", name=op.f("uq_shift_z_no")),
    )
    with op.batch_alter_table("shift") as batch:
        batch.create_index(batch.f("ix_shift_business_day"), ["business_day"], unique=False)
        batch.create_index(batch.f("ix_shift_opened_at"), ["opened_at"], unique=False)
        batch.create_index(batch.f("ix_shift_terminal"), ["terminal"], unique=False)

    op.create_table(
        "cash_movement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount_fen > 0", name=op.f("ck_cash_movement_amount_positive")),
        sa.CheckConstraint("kind IN ('in', 'out')", name=op.f("ck_cash_movement_kind_known")),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shift.id"], name=op.f("fk_cash_movement_shift_id_shift")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_cash_movement_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_movement")),
    )
    with op.batch_alter_table("cash_movement") as batch:
        batch.create_index(batch.f("ix_cash_movement_shift_id"), ["shift_id"], unique=False)

    # plain ALTER TABLE ADD COLUMN with an inline REFERENCES (a nullable column referencing
    # shift): batch mode would copy the table and, with foreign keys on, cannot drop the old
    # bill table its lines point at; a 3-year store upgrades in a moment this way too
    for table in ("bill", "print_job"):
        op.add_column(
            table,
            sa.Column(
                "shift_id",
                sa.Integer(),
                sa.ForeignKey("shift.id", name=op.f(f"fk_{table}_shift_id_shift")),
                nullable=True,
            ),
            inline_references=True,
        )
        op.create_index(op.f(f"ix_{table}_shift_id"), table, ["shift_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("room") as batch:
        batch.drop_column("active")
    with op.batch_alter_table("print_job") as batch:
        batch.drop_index(batch.f("ix_print_job_shift_id"))
        batch.drop_column("shift_id")
    with op.batch_alter_table("bill") as batch:
        batch.drop_index(batch.f("ix_bill_shift_id"))
        batch.drop_column("shift_id")
    with op.batch_alter_table("cash_movement") as batch:
        batch.drop_index(batch.f("ix_cash_movement_shift_id"))
    op.drop_table("cash_movement")
    with op.batch_alter_table("shift") as batch:
        batch.drop_index(batch.f("ix_shift_terminal"))
        batch.drop_index(batch.f("ix_shift_opened_at"))
        batch.drop_index(batch.f("ix_shift_business_day"))
    op.drop_table("shift")
    with op.batch_alter_table("venue") as batch:
        batch.drop_column("backup_folder")
        batch.drop_column("backup_keep")
        batch.drop_column("drawer_tolerance_fen")
