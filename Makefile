# Diafaneia: `make run` serves the portal with demo data, `make test` runs the suite.
# Needs only Python 3.12 or newer and make; the database is an embedded
# PostgreSQL 18 (var/pgdata) unless DATABASE_URL is set.

# The newest of Python 3.14, 3.13 and 3.12 that runs: pythonX.Y on PATH, else pyenv's
# (a pyenv shim may be on PATH and still refuse); python3 last, if it is 3.12 or newer.
PYTHON ?= $(shell for version in 3.14 3.13 3.12; do \
	for candidate in python$$version $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$$version*/bin/python$$version 2>/dev/null | sort -rV); do \
	$$candidate -c '' 2>/dev/null && { command -v $$candidate; exit 0; }; done; done; \
	python3 -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

# Local runs: generated keys, plain HTTP on localhost, the local stand-in for TAXISnet
# (GSIS) at /gsis-standin/ of the same server (README: the demo taxpayers).
LOCAL_ENV = SECRET_KEY="$$(cat var/secret_key)" HTTPS=0 \
	CITIZEN_AFM_HASH_KEY="$$(cat var/citizen_afm_hash_key)" CITIZEN_AFM_KEY="$$(cat var/citizen_afm_key)" \
	GSIS_STANDIN=1 GSIS_BASE_URL="$${GSIS_BASE_URL:-http://127.0.0.1:$(PORT)/gsis-standin}" \
	GSIS_CLIENT_ID=diafaneia-local GSIS_CLIENT_SECRET=local-stand-in-secret

.PHONY: run test dev lint format bench setup clean messages manage browser reset-db otp

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed: none of python3.14, python3.13 or python3.12 found (on PATH or in pyenv)."; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed, found " + sys.version)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

var/secret_key var/citizen_afm_hash_key var/citizen_afm_key:
	mkdir -p var
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

setup: $(STAMP) var/secret_key var/citizen_afm_hash_key var/citizen_afm_key
	@mkdir -p var/mail var/media var/static var/private

run: setup
	$(LOCAL_ENV) $(BIN)/python manage.py migrate --no-input
	$(LOCAL_ENV) $(BIN)/python manage.py createcachetable
	$(LOCAL_ENV) $(BIN)/python manage.py seed_demo
	$(LOCAL_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(LOCAL_ENV) PORT=$(PORT) SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" $(BIN)/python manage.py serve

# The browser tests need a Chromium: /usr/bin/chromium, else Playwright's, else one is installed.
browser: setup
	@$(BIN)/python -m tests.browser.chromium --install

test: setup browser
	$(LOCAL_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

# A management command by hand, with the settings `make run` uses:
# make manage ARGS="complaints_report --year 2026 --half 1"
manage: setup
	$(LOCAL_ENV) $(BIN)/python manage.py $(ARGS)

# Delete the embedded database (e.g. one made by PostgreSQL 16); `make run` re-seeds it.
reset-db:
	@if [ -f var/pgdata/postmaster.pid ] && kill -0 "$$(head -1 var/pgdata/postmaster.pid)" 2>/dev/null; then \
		echo "The embedded PostgreSQL in var/pgdata is running: stop make run / make test first."; exit 1; fi
	rm -rf var/pgdata

dev: setup
	$(LOCAL_ENV) DEBUG=1 $(BIN)/python manage.py migrate --no-input
	$(LOCAL_ENV) DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# mypy exits without running atexit hooks: attached to the embedded database, it would
# leave a handle that is never released, and the server would never stop by itself.
# Its Django plugin only reads the settings, so it gets a URL it never connects to.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(LOCAL_ENV) DATABASE_URL=postgresql://mypy@localhost/unused $(BIN)/mypy

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: setup
	$(LOCAL_ENV) $(BIN)/python manage.py makemessages -l el -l en --no-location --ignore=.venv --ignore=".venv-*" --ignore=var --ignore=bench
	$(LOCAL_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=".venv-*"

# The current one-time code of a demo account: make otp USER=diafaneia
otp: setup
	@$(LOCAL_ENV) $(BIN)/python manage.py demo_otp "$(USER)"

bench: setup
	$(LOCAL_ENV) $(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/static
