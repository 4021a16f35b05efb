# Diafaneia: `make run` serves the portal with demo data, `make test` runs the suite.
# Needs only Python 3.12 and make; the database is an embedded PostgreSQL
# (var/pgdata) unless DATABASE_URL is set.

PYTHON ?= $(shell command -v python3.12 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

# Local runs: a generated secret key, plain HTTP on localhost.
LOCAL_ENV = SECRET_KEY="$$(cat var/secret_key)" HTTPS=0

.PHONY: run test dev lint format bench setup clean messages

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 12), "Python 3.12 is needed, found " + sys.version' 
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

var/secret_key:
	mkdir -p var
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key

setup: $(STAMP) var/secret_key
	@mkdir -p var/mail var/media var/static var/private

run: setup
	$(LOCAL_ENV) $(BIN)/python manage.py migrate --no-input
	$(LOCAL_ENV) $(BIN)/python manage.py createcachetable
	$(LOCAL_ENV) $(BIN)/python manage.py seed_demo
	$(LOCAL_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(LOCAL_ENV) PORT=$(PORT) SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" $(BIN)/python manage.py serve

test: setup
	$(LOCAL_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

dev: setup
	$(LOCAL_ENV) DEBUG=1 $(BIN)/python manage.py migrate --no-input
	$(LOCAL_ENV) DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(LOCAL_ENV) $(BIN)/mypy

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: setup
	$(LOCAL_ENV) $(BIN)/python manage.py makemessages -l el -l en --no-location --ignore=.venv --ignore=var --ignore=bench
	$(LOCAL_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv

bench: setup
	$(LOCAL_ENV) $(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/static
