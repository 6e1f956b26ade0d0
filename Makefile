# The two commands a new user needs: `make run` and `make test`.
# Only Python 3.11+ and make are required; everything else goes into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_SETTINGS := longbien.settings.dev

.PHONY: run test lint install migrate demo clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Run the site with demo content on SQLite at http://127.0.0.1:8000/
run: $(STAMP)
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python manage.py createcachetable
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python manage.py load_demo --with-editor
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python manage.py load_demo_comments
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python manage.py runserver 127.0.0.1:8000

## Run every check and test (lint, migrations in step with models, pytest)
test: $(STAMP) lint
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
