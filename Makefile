# Two commands set up everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000

.PHONY: install run test lint bench browser clean i18n

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make run: install, then open the web chat on 127.0.0.1 (offline by default)
run: install
	$(BIN)/advisor web --port $(PORT)

## make browser: Debian chromium for the end-to-end browser tests (needs root or sudo)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

## make test: install (browser included), then every test, the transcript suite and lint
test: install browser
	$(BIN)/python -m pytest
	$(BIN)/ruff check advisor tests bench
	$(BIN)/mypy

lint: install
	$(BIN)/ruff check advisor tests bench
	$(BIN)/mypy

## make i18n: extract every message id into the template, merge it into each .po, compile (checks syntax)
I18N_POT := advisor/locale/advisor.pot
i18n: install
	$(BIN)/pybabel extract -F babel.cfg -k msg -k N_ -k gettext -k L_:1c,2 --no-wrap --no-location --sort-output \
	  --project advisor -o $(I18N_POT) advisor
	$(BIN)/pybabel update -i $(I18N_POT) -d advisor/locale -D advisor --no-fuzzy-matching --no-wrap --ignore-obsolete
	$(BIN)/pybabel compile -d advisor/locale -D advisor --statistics

bench: install
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
