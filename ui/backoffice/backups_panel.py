"""Backups in the back office (manager): where they go and how many are kept, the latest
ones with a Restore button each, "Back up now", and restoring a backup from another place
(a USB stick). A restore asks first, keeps the current store aside, and then says to
restart Xiaoer.
"""

from __future__ import annotations

import threading
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import N_, InvalidInput, XiaoerError
from app.services import backups
from app.services.backups import BackupFile
from ui.order.scrolling import touch_scroll
from ui.session import UiSession
from ui.widgets import MessageBar, TouchButton
from ui.widgets.touch import ConfirmDialog

SHOWN = 30
"""How many of the newest backups the list shows."""


FAILED = N_("The backup could not be written: {reason}")


class BackupsPanel(QWidget):
    """Back up now, the list of backups, and restore one. Copies run on a worker thread
    while the screen stays usable; ``backed_up`` carries the new backup file, ``restored``
    the store file once a backup was put in its place (the app must then be restarted)."""

    backed_up = Signal(object)
    restored = Signal(object)
    _finished = Signal(object, object, object)  # job, result, error: from the worker thread

    def __init__(self, session: UiSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._backups: list[BackupFile] = []
        self._aside: Path | None = None
        self._store: Path | None = None
        self._job: tuple | None = None
        self.rows: dict[Path, tuple[QLabel, QLabel, TouchButton]] = {}
        self.confirm_dialog: ConfirmDialog | None = None
        self.file_dialog: QFileDialog | None = None

        self.heading = QLabel(objectName="heading")
        self.where_label = QLabel(objectName="where")
        self.where_label.setWordWrap(True)
        self.back_up_button = TouchButton(size="main")
        self.back_up_button.setObjectName("main")
        self.back_up_button.clicked.connect(self.back_up_now)
        self.from_file_button = TouchButton(size="main")
        self.from_file_button.setObjectName("tool")
        self.from_file_button.clicked.connect(self.choose_backup_file)
        self.message = MessageBar()
        self.restart_label = QLabel(objectName="restart")
        self.restart_label.setWordWrap(True)
        self.restart_label.hide()
        self.busy_label = QLabel(objectName="busy")
        self.busy_label.hide()
        self.empty_label = QLabel(objectName="empty")
        self.empty_label.setWordWrap(True)

        self._list = QWidget()
        self._grid = QGridLayout(self._list)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(6)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._grid.setColumnStretch(1, 1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(self._list)
        touch_scroll(area)
        self.list_heading = QLabel(objectName="listHeading")

        actions = QHBoxLayout()
        actions.addWidget(self.back_up_button)
        actions.addStretch(1)
        actions.addWidget(self.from_file_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.where_label)
        layout.addLayout(actions)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.message)
        layout.addWidget(self.restart_label)
        layout.addWidget(self.list_heading)
        layout.addWidget(self.empty_label)
        layout.addWidget(area, 1)

        self._finished.connect(self._job_done)  # queued: back on the screen's thread
        session.language_changed.connect(self._retranslate)
        session.style_changed.connect(self._restyle)
        self._restyle()
        self.reload()

    # -- the list ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the backup folder again."""
        settings = self._session.run(lambda: backups.backup_settings(self._session.ctx))
        self._settings = settings
        self._backups = backups.list_backups(settings.folder)[:SHOWN] if settings else []
        for label, size, button in self.rows.values():
            for widget in (label, size, button):
                self._grid.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
        self.rows.clear()
        for row, backup in enumerate(self._backups):
            when = QLabel(objectName="when")
            size = QLabel(objectName="size")
            button = TouchButton()
            button.setObjectName("tool")
            button.clicked.connect(lambda _=False, p=backup.path: self.ask_restore(p))
            self._grid.addWidget(when, row, 0)
            self._grid.addWidget(size, row, 1)
            self._grid.addWidget(button, row, 2)
            for widget in (when, size, button):
                widget.show()
            self.rows[backup.path] = (when, size, button)
        self._show_busy()
        self._retranslate()

    def backup_files(self) -> list[Path]:
        """The backups listed, newest first."""
        return [backup.path for backup in self._backups]

    # -- actions ----------------------------------------------------------------------------

    def back_up_now(self) -> None:
        """Copy the store into the backup folder, on a worker thread (a large store takes
        seconds); ``backed_up`` tells when it is done."""
        session = self._session
        store = session.run(lambda: backups.store_path(session.ctx), on_error=self._refused)
        settings = session.run(lambda: backups.backup_settings(session.ctx), on_error=self._refused)
        if store is None or settings is None or self.busy:
            return
        now = session.now()
        self._start(
            lambda: backups.take_backup(store, settings.folder, settings.keep, now),
            self._backed_up,
            N_("Backing up…"),
        )

    def _backed_up(self, taken: Path) -> None:
        self.reload()
        self.message.show_info(self._session.tr("Backup made: {file}").format(file=taken.name))
        self.backed_up.emit(taken)

    def ask_restore(self, backup: Path) -> ConfirmDialog:
        """Ask before putting a backup in place of the store."""
        tr = self._session.tr
        listed = next((b for b in self._backups if b.path == Path(backup)), None)
        when = (
            self._session.language.datetime(listed.taken_at, "medium")
            if listed
            else Path(backup).name
        )
        dialog = ConfirmDialog(
            self,
            self._session.language,
            tr("Restore the backup of {when}?").format(when=when),
            tr(
                "Everything recorded since this backup is replaced by it. The store as it is "
                "now is kept aside first. Xiaoer must be restarted afterwards."
            ),
            self._session.px,
        )
        dialog.accepted.connect(lambda: self.restore(Path(backup)))
        self.confirm_dialog = dialog
        dialog.open()
        return dialog

    def restore(self, backup: Path) -> None:
        """Put the backup in place of the store (asked already), on a worker thread;
        ``restored`` tells when it is done, and the panel says to restart."""
        session = self._session
        store = session.run(lambda: backups.store_path(session.ctx), on_error=self._refused)
        if store is None or self.busy:
            return
        now = session.now()
        self._store = store
        self._start(
            lambda: (backups.restore(store, Path(backup), now),),
            self._restored,
            N_("Restoring… Do not switch off."),
        )

    def _restored(self, done: tuple[Path | None]) -> None:
        self._aside = done[0]
        self.restart_label.show()
        self._retranslate()
        self.restored.emit(self._store)

    # -- the worker thread ------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._job is not None

    def _start(self, action, then, status: str) -> None:
        """Run ``action`` off the screen's thread; ``then`` gets its result back here."""
        self._job = (then, status)
        self._show_busy()
        job = self._job

        def work() -> None:
            try:
                result, error = action(), None
            except XiaoerError as mistake:
                result, error = None, mistake
            except Exception as failure:  # never a traceback on the screen
                result, error = None, InvalidInput(FAILED, reason=str(failure))
            self._finished.emit(job, result, error)

        threading.Thread(target=work, name="xiaoer-backup", daemon=True).start()

    def _job_done(self, job, result, error) -> None:
        if job is not self._job:
            return
        self._job = None
        self._show_busy()
        if error is not None:
            self._refused(self._session.language.error_text(error))
            return
        job[0](result)

    def _refused(self, text: str) -> None:
        self.message.show_error(text)

    def _show_busy(self) -> None:
        busy = self._job is not None
        self.back_up_button.setEnabled(not busy)
        self.from_file_button.setEnabled(not busy)
        for _when, _size, button in self.rows.values():
            button.setEnabled(not busy)
        self.busy_label.setVisible(busy)
        if busy:
            self.busy_label.setText(self._session.tr(self._job[1]))

    def choose_backup_file(self) -> None:
        """Pick a backup somewhere else (a USB stick) to restore."""
        tr = self._session.tr
        settings = getattr(self, "_settings", None)
        start = str(settings.folder) if settings else str(Path.home())
        dialog = QFileDialog(self, tr("Choose a backup to restore"), start, "Xiaoer (*.sqlite3)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setStyleSheet(f"* {{ font-size: {self._session.px(17)}px; }}")
        dialog.resize(900, 600)
        dialog.fileSelected.connect(lambda path: self.ask_restore(Path(path)))
        self.file_dialog = dialog
        dialog.open()

    # -- look -------------------------------------------------------------------------------

    def _size(self, size_bytes: int) -> str:
        megabytes = (Decimal(size_bytes) / 1_000_000).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        return self._session.tr("{size} MB").format(size=self._session.language.number(megabytes))

    def _retranslate(self, *_: object) -> None:
        tr = self._session.tr
        language = self._session.language
        self.heading.setText(tr("Backups"))
        self.back_up_button.setText(tr("Back up now"))
        self.from_file_button.setText(tr("Restore from a file…"))
        self.list_heading.setText(tr("Latest backups"))
        settings = getattr(self, "_settings", None)
        if settings is not None:
            self.where_label.setText(
                tr(
                    "Backups go to {folder}. One is made each business day; the newest "
                    "{keep} are kept."
                ).format(folder=settings.folder, keep=language.number(settings.keep))
            )
        for backup in self._backups:
            when, size, button = self.rows[backup.path]
            when.setText(language.datetime(backup.taken_at, "medium"))
            size.setText(self._size(backup.size_bytes))
            button.setText(tr("Restore"))
        self.empty_label.setText(tr("No backups yet. Tap “Back up now”."))
        self.empty_label.setVisible(not self._backups)
        if self.restart_label.isVisibleTo(self):
            text = tr("Restart Xiaoer to use the restored store.")
            if self._aside is not None:
                text += "\n" + tr("The store as it was is kept as {file}.").format(file=self._aside)
            self.restart_label.setText(text)
        self._show_busy()

    def _restyle(self) -> None:
        px = self._session.px
        self.setStyleSheet(
            f"QLabel {{ font-size: {px(17)}px; }}"
            f" QPushButton {{ font-size: {px(17)}px; }}"
            f" QLabel#heading {{ font-size: {px(22)}px; font-weight: bold; }}"
            f" QLabel#listHeading {{ font-size: {px(18)}px; font-weight: bold; color: #455a64; }}"
            f" QLabel#where {{ font-size: {px(16)}px; color: #37474f; }}"
            f" QLabel#empty {{ font-size: {px(17)}px; color: #607d8b; }}"
            f" QLabel#busy {{ font-size: {px(19)}px; font-weight: bold; color: #0d47a1; }}"
            f" QLabel#restart {{ font-size: {px(19)}px; font-weight: bold; color: #e65100;"
            " background: #fff3e0; border: 2px solid #ef6c00; border-radius: 6px; padding: 10px; }"
            " QPushButton#main { background: #2e7d32; color: white; border-radius: 6px;"
            f" font-weight: bold; padding: 0 24px; font-size: {px(19)}px; }}"
            " QPushButton#main:disabled { background: #a5d6a7; color: #eeeeee; }"
            " QPushButton#tool { background: #eceff1; border: 2px solid #90a4ae;"
            " border-radius: 6px; padding: 0 16px; }"
        )
        self.message.restyle(px)
