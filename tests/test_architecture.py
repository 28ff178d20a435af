"""The house rules that keep the layers apart and the catalogs complete, checked from source.

Imports point inward only: ``ui → app.services → db → app.domain`` (see
docs/architecture.md). Messages marked with ``N_()``/``_()`` or passed to ``gettext()`` each have a
Chinese translation whose ``{placeholders}`` match the English message id.
"""

from __future__ import annotations

import ast
import os
import string
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "resources" / "locale"
SKIPPED_DIRS = {"build", "dist", "node_modules", "__pycache__"}
QT = ("PySide6", "shiboken6")
STDLIB = frozenset(sys.stdlib_module_names)


@dataclass(frozen=True)
class Import:
    path: str  # relative to the repository root, with forward slashes
    line: int
    module: str  # absolute dotted name; ``from a import b`` also yields ``a.b``

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.module}"


def python_files() -> Iterator[Path]:
    """Every .py file of the project, skipping virtualenvs, caches and build output."""
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            if name.endswith(".py"):
                yield Path(folder, name)


def _package_of(relative: str) -> list[str]:
    """The package of a file: app/domain/money.py and app/domain/__init__.py → app.domain."""
    return relative.split("/")[:-1]


def imports_in(source: str, relative: str) -> list[Import]:
    """All modules imported by a file, relative imports resolved, at any nesting level."""
    found: list[Import] = []
    for node in ast.walk(ast.parse(source, filename=relative)):
        if isinstance(node, ast.Import):
            found += [Import(relative, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _package_of(relative)
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append(Import(relative, node.lineno, base))
            found += [Import(relative, node.lineno, f"{base}.{a.name}") for a in node.names]
    return found


def all_imports() -> list[Import]:
    result: list[Import] = []
    for path in python_files():
        relative = path.relative_to(ROOT).as_posix()
        result += imports_in(path.read_text(encoding="utf-8"), relative)
    return result


IMPORTS = all_imports()


def _is(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def _in(path: str, *folders: str) -> bool:
    return any(path.startswith(folder + "/") for folder in folders)


def assert_no_imports(where: Callable[[str], bool], banned: Callable[[str], bool]) -> None:
    """No file whose path satisfies ``where`` imports a module that ``banned`` matches."""
    found = [str(i) for i in IMPORTS if where(i.path) and banned(i.module)]
    assert not found, "layer rule broken:\n" + "\n".join(found)


def test_import_scanner_sees_the_project_and_resolves_relative_imports() -> None:
    assert any(i.path == "app/domain/money.py" for i in IMPORTS)
    found = {i.module for i in imports_in("from ..errors import N_\n", "app/domain/sub/x.py")}
    assert {"app.domain.errors", "app.domain.errors.N_"} <= found
    found = {i.module for i in imports_in("from . import money\n", "app/domain/__init__.py")}
    assert "app.domain.money" in found


def test_app_never_imports_qt() -> None:
    assert_no_imports(lambda p: _in(p, "app"), lambda m: _is(m, *QT))


def test_domain_imports_only_the_standard_library_and_itself() -> None:
    def banned(module: str) -> bool:
        return not (_is(module, "app.domain") or module.split(".")[0] in STDLIB)

    assert_no_imports(lambda p: _in(p, "app/domain"), banned)


def test_db_never_imports_services_ui_or_qt() -> None:
    banned = ("app.services", "ui", *QT)
    assert_no_imports(lambda p: _in(p, "db"), lambda m: _is(m, *banned))


def test_services_never_import_ui_or_qt() -> None:
    banned = ("ui", *QT)
    assert_no_imports(lambda p: _in(p, "app/services"), lambda m: _is(m, *banned))


def test_only_the_entry_point_and_tests_import_ui() -> None:
    def allowed(path: str) -> bool:
        return _in(path, "ui", "tests") or path == "app/cli.py"

    assert_no_imports(lambda p: not allowed(p), lambda m: _is(m, "ui"))


# -- catalogs ---------------------------------------------------------------------------------


def load_catalog(code: str) -> Catalog:
    with (LOCALE_DIR / code / "LC_MESSAGES" / "xiaoer.po").open("rb") as po:
        return read_po(po, locale=code)


def placeholders(text: str) -> set[str]:
    """The ``{names}`` of a str.format message (raises ValueError on stray braces)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _as_tuple(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


MARKERS = frozenset({"N_", "_", "tr", "_tr", "gettext", "ngettext"})  # as `make i18n` extracts them


def _marker(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def marked_messages() -> set[tuple[str, int, str]]:
    """Literal strings passed to ``N_()``, ``_()`` or ``….gettext()`` in app/, db/ and ui/:
    (path, line, text)."""
    found: set[tuple[str, int, str]] = set()
    for path in python_files():
        relative = path.relative_to(ROOT).as_posix()
        if not _in(relative, "app", "db", "ui"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=relative)):
            if (
                isinstance(node, ast.Call)
                and _marker(node) in MARKERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add((relative, node.lineno, node.args[0].value))
    return found


def test_every_chinese_message_is_translated() -> None:
    catalog = load_catalog("zh_CN")
    missing = [
        message.id
        for message in catalog
        if message.id and (message.fuzzy or not all(_as_tuple(message.string)))
    ]
    assert len(catalog) > 1
    assert not missing, "translate in zh_CN/LC_MESSAGES/xiaoer.po:\n" + "\n".join(missing)


@pytest.mark.parametrize("code", ["zh_CN", "en"])
def test_translations_keep_the_placeholders_of_their_message(code: str) -> None:
    problems = []
    for message in load_catalog(code):
        if not message.id:
            continue
        wanted = set().union(*(placeholders(msgid) for msgid in _as_tuple(message.id)))
        for translation in _as_tuple(message.string):
            if not translation:
                continue
            try:
                got = placeholders(translation)
            except ValueError as error:
                problems.append(f"{message.id!r}: {translation!r}: {error}")
                continue
            if got != wanted:
                problems.append(f"{message.id!r}: {translation!r} has {got}, wants {wanted}")
    assert not problems, "\n".join(problems)


def test_every_marked_message_is_in_the_chinese_catalog() -> None:
    catalog = load_catalog("zh_CN")
    marked = marked_messages()
    assert marked, "no N_() calls found: the scanner is broken"
    missing = sorted(
        f"{path}:{line}: {text!r}" for path, line, text in marked if text not in catalog
    )
    hint = "run `make i18n`, translate in zh_CN (pybabel skips calls inside f-strings):\n"
    assert not missing, hint + "\n".join(missing)
