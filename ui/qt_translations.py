"""Qt's own strings (dialog buttons, context menus) in the staff's language, from the
qtbase catalogs shipped inside the PySide6 wheel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.i18n import Language


class QtTranslations:
    """Installs qtbase_<lang>.qm for Chinese and removes it for English."""

    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self.loaded_code = ""

    def apply(self, language: Language) -> bool:
        """True when Qt's own texts are now in ``language`` (English needs no catalog)."""
        app = QCoreApplication.instance()
        if app is None:
            return False
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
            self.loaded_code = ""
        if not language.is_chinese:
            return True
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not translator.load(QLocale(language.code), "qtbase", "_", folder):
            return False
        app.installTranslator(translator)
        self._translator = translator
        self.loaded_code = language.code
        return True
