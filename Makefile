# Xiaoer 店小二 — set-up, run and test. `make run` starts the app, `make test` runs the suite;
# both create .venv, (re)install when pyproject.toml changes, compile the translation
# catalogs and install Qt's system libraries when missing.

ifndef PYTHON
PYTHON := $(shell for p in python3.11 python3; do \
	if $$p -c 'import sys; assert sys.version_info >= (3, 11)' >/dev/null 2>&1; then \
	echo $$p; exit 0; fi; done; echo python3)
endif

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUILD_STAMP := $(VENV)/.installed-build
LOCALES := resources/locale
DOMAIN := xiaoer
LANGUAGES := zh_CN en
POT := $(LOCALES)/$(DOMAIN).pot
PO_FILES := $(wildcard $(LOCALES)/*/LC_MESSAGES/$(DOMAIN).po)
MO_FILES := $(PO_FILES:.po=.mo)

ARGS ?=
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help run test sysdeps venv catalogs i18n lint clean distclean dist deb

help:
	@echo "make run      start Xiaoer (ARGS='--db PATH' …)"
	@echo "make test     run the test suite offscreen (PYTEST_ARGS='-k void' …)"
	@echo "make lint     ruff check"
	@echo "make i18n     extract messages and merge them into the .po catalogs"
	@echo "make sysdeps  install the system libraries Qt needs (Debian/Ubuntu)"
	@echo "make dist     build the one-folder app with PyInstaller → dist/xiaoer/"
	@echo "make deb      build the Debian package from it → dist/xiaoer_<version>_<arch>.deb"
	@echo "make clean    remove build output and caches; distclean also removes .venv"

run: venv catalogs sysdeps
	$(BIN)/xiaoer $(ARGS)

test: venv catalogs sysdeps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

sysdeps:
	@sh .ci/system-deps.sh

venv: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		sh .ci/system-deps.sh python3-venv && $(PYTHON) -m venv $(VENV); }

# Reinstall only when pyproject.toml is newer than the stamp.
$(STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing Xiaoer and its dependencies into $(VENV) (a few minutes the first time)…"
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off -q -e '.[dev]'
	@touch $@

# Compiled catalogs (.mo) are build output; each is rebuilt when its .po is newer.
catalogs: $(MO_FILES)

$(LOCALES)/%/LC_MESSAGES/$(DOMAIN).mo: $(LOCALES)/%/LC_MESSAGES/$(DOMAIN).po | $(STAMP)
	$(BIN)/pybabel -q compile -d $(LOCALES) -D $(DOMAIN) -l $*

# After adding or changing N_()/_() messages: merge them into every catalog, then
# translate the new (empty) entries in zh_CN and run `make test`.
i18n: venv
	$(BIN)/pybabel extract -F resources/babel.cfg -k N_ -k _ -k tr -k _tr \
		--project=Xiaoer --copyright-holder=Xiaoer -o $(POT) app ui db
	for lang in $(LANGUAGES); do \
		$(BIN)/pybabel update -i $(POT) -d $(LOCALES) -D $(DOMAIN) -l $$lang \
			--no-fuzzy-matching --init-missing --width=76 || exit 1; \
	done
	$(BIN)/pybabel compile -d $(LOCALES) -D $(DOMAIN) --statistics

# The installable app: PyInstaller (the `build` extra, installed on first use) builds
# dist/xiaoer/ from build.spec, which compiles the catalogs itself; then the .deb from it.
dist: $(BUILD_STAMP) sysdeps
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec
	@du -sh dist/xiaoer

deb: dist
	sh packaging/build_deb.sh

$(BUILD_STAMP): $(STAMP)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off -q -e '.[dev,build]'
	@touch $@

lint: venv
	$(BIN)/ruff check .

clean:
	rm -rf build dist *.egg-info .pytest_cache .ruff_cache .hypothesis shots
	find $(LOCALES) -name '*.mo' -delete
	find app db ui tests -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
