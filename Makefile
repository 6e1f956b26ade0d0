# The two commands a new user needs: `make run` and `make test`.
# Only Python 3.11+ and make are required; everything else goes into .venv
# (and axe-core, for the browser tests, into node_modules/ without Node).
# The browser tests also need Chromium (Debian: apt-get install chromium).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_SETTINGS := longbien.settings.dev
# The address `make run` serves on: `make run PORT=8001` when 8000 is taken.
PORT ?= 8000
AXE := node_modules/axe-core/axe.min.js

.PHONY: run test lint install migrate demo clean bench axe

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# axe-core as pinned in package-lock.json, integrity checked (scripts/fetch_axe.py).
$(AXE): package-lock.json
	$(PYTHON) scripts/fetch_axe.py

axe: $(AXE)

## Run the site with demo content on SQLite at http://127.0.0.1:$(PORT)/ (PORT=8000)
run: $(STAMP)
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python manage.py createcachetable
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python manage.py load_demo --with-editor --site-url http://127.0.0.1:$(PORT)
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python manage.py load_demo_comments
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Run every check and test (lint, migrations in step with models, pytest)
test: $(STAMP) lint $(AXE)
	DJANGO_SETTINGS_MODULE=longbien.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Throughput of every page under gunicorn, measured with wrk (see docs/benchmarks.md):
## needs DATABASE_URL of a PostgreSQL database filled by `manage.py generate_data`
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) media db.sqlite3 staticfiles .pytest_cache .ruff_cache
