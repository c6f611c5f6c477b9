# Two commands set up everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LGVENV := $(VENV)-langgraph
PORT   ?= 8000

.PHONY: install run test lint bench browser postgres langgraph fonts clean i18n

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# requirements.lock pins every package (a constraints file): reproducible, and no resolver backtracking
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install -q -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make run: install, then open the web chat on 127.0.0.1 (offline by default)
run: install fonts
	$(BIN)/advisor web --port $(PORT)

## make fonts: Japanese (CJK) and emoji fonts so the browser never shows boxes; best effort: on a host
## without apt (or without root/sudo) it says what to install and goes on
fonts:
	@fc-list 2>/dev/null | grep -qi "cjk\|ipagothic\|ipaexg" || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  ( command -v apt-get >/dev/null && $$SUDO apt-get update -qq && \
	    $$SUDO apt-get install -y -qq fonts-noto-cjk fonts-noto-color-emoji >/dev/null ) || \
	  echo "note: install a CJK font (e.g. fonts-noto-cjk) so Japanese text does not show as boxes"; }

## make browser: Debian chromium for the end-to-end browser tests (needs root or sudo)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

## make postgres: Debian's PostgreSQL server binaries; the tests start a throwaway server on loopback
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq postgresql >/dev/null; }

## make langgraph: `langgraph dev` (LangGraph Server, in-memory runtime) in its own venv layered over
## .venv (it sees the advisor and its dependencies; its OpenTelemetry pins stay out of .venv)
$(LGVENV)/bin/langgraph: $(STAMP)
	$(PYTHON) -m venv $(LGVENV)
	$(BIN)/python -c "import sysconfig; print(f'import site; site.addsitedir({sysconfig.get_paths()[\"purelib\"]!r})')" \
	  > "$$($(LGVENV)/bin/python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")/advisor-venv.pth"
	$(LGVENV)/bin/pip install -q --no-warn-conflicts 'langgraph-cli[inmem]>=0.4.40'

langgraph: $(LGVENV)/bin/langgraph

## make test: install (browser, PostgreSQL and LangGraph Server included), then every test, the
## transcript suite and lint
test: install browser fonts postgres langgraph
	ADVISOR_REQUIRE_SERVERS=1 ADVISOR_LANGGRAPH_BIN=$(LGVENV)/bin/langgraph LANGGRAPH_CLI_NO_ANALYTICS=1 \
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
	rm -rf $(VENV) $(LGVENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
