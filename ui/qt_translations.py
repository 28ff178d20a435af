"""Qt's own strings (dialog buttons, context menus) in the staff's language, from the
qtbase catalogs shipped inside the PySide6 wheel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.i18n import Language

TRANSLATOR_NAME = "xiaoer-qtbase"


class QtTranslations:
    """Installs qtbase_<lang>.qm for Chinese and removes it for English. The application
    holds at most one such catalog, whichever window installed it."""

    def apply(self, language: Language) -> bool:
        """True when Qt's own texts are now in ``language`` (English needs no catalog)."""
        app = QCoreApplication.instance()
        if app is None:
            return False
        for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
            app.removeTranslator(old)
            old.setParent(None)
            old.deleteLater()
        if not language.is_chinese:
            return True
        translator = QTranslator(app)
        translator.setObjectName(TRANSLATOR_NAME)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not translator.load(QLocale(language.code), "qtbase", "_", folder):
            return False
        app.installTranslator(translator)
        return True
