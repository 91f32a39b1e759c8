# The README's two commands: `make run` (the demo) and `make test` (lint and the whole suite).
# Only Python 3.11+ and make are needed: everything else is installed into .venv.
PYTHON ?= python3
# Test processes: the suite runs in parallel (pytest-xdist), one per core of the 2-core machines.
JOBS ?= 2
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint audit messages benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/kenes demo $(if $(PORT),--port $(PORT))

test: $(VENV)/.installed-test
	$(BIN)/ruff check kenes tests benchmarks
	$(BIN)/pytest -n $(JOBS)
	$(MAKE) --no-print-directory audit

# Known vulnerabilities in the installed packages (PyPI's advisory data, through pip-audit). A network check,
# not a test: when PyPI's per-version JSON (what pip-audit reads; a mirror may serve only the latest) cannot
# be read it says so and passes; --strict fails on any package it could not look up, so "no known
# vulnerabilities" never means "nothing was checked".
AUDIT_PROBE := import django, urllib.request; urllib.request.urlopen(f"https://pypi.org/pypi/Django/{django.__version__}/json", timeout=15)
audit: $(VENV)/.installed-test
	@if $(BIN)/python -c '$(AUDIT_PROBE)' 2>/dev/null; then \
		$(BIN)/pip-audit --progress-spinner off --skip-editable --strict; \
	else \
		echo "pip-audit skipped: PyPI's vulnerability data (https://pypi.org/pypi/NAME/VERSION/json) cannot be read from this machine"; \
	fi

# Recompile the translation catalogues after editing kenes/locale/*/LC_MESSAGES/django.po (needs gettext).
messages: $(VENV)/.installed
	cd kenes && KENES_DATA_DIR=$(CURDIR)/var ../$(BIN)/kenes manage makemessages -l ru -l kk -l uz --no-obsolete --ignore 'extraction/*'
	cd kenes && KENES_DATA_DIR=$(CURDIR)/var ../$(BIN)/kenes manage compilemessages

benchmark: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[benchmark]'
	$(BIN)/python benchmarks/extraction.py

clean:
	rm -rf $(VENV) var
