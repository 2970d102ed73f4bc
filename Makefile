# Wijkplein — the two commands of the quick start are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi

.PHONY: run test static lint typecheck translations vendor bench throughput stress lock clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml constraints.txt | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -c constraints.txt -e '.[dev]'
	touch $(VENV)/.installed $@

## Write static/dist: static files under content-hashed names, with .gz and .br copies (the
## output is not committed; run this after changing a static file, and on every deployment).
static: $(VENV)/.installed
	WIJKPLEIN_ENV=$${WIJKPLEIN_ENV:-development} $(BIN)/flask static build

## Serve Wijkplein on http://$(HOST):$(PORT) with SQLite and the Crabbehof demo data.
run: $(VENV)/.installed static
	mkdir -p instance
	WIJKPLEIN_ENV=$${WIJKPLEIN_ENV:-development} $(BIN)/flask db upgrade
	WIJKPLEIN_ENV=$${WIJKPLEIN_ENV:-development} $(BIN)/flask demo load --if-empty
	WIJKPLEIN_ENV=$${WIJKPLEIN_ENV:-development} PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-http://$(HOST):$(PORT)} \
	  $(BIN)/flask run --host $(HOST) --port $(PORT)

## Lint, type-check, scan for security problems (bandit, medium and high severity) and run the
## whole suite on SQLite and (when installed) PostgreSQL, with a real Redis for the throttling
## across processes (when redis-server is installed).
test: $(VENV)/.installed-dev static
	$(BIN)/ruff check app tests scripts bench
	$(BIN)/ruff format --check app tests scripts bench
	$(BIN)/mypy
	$(BIN)/bandit -q -r app -ll
	@url=$${WIJKPLEIN_TEST_POSTGRES_URL:-$$(scripts/pg-test-server start)}; \
	if [ -z "$$url" ]; then echo "PostgreSQL is not installed: its tests will skip."; fi; \
	redis=$${WIJKPLEIN_TEST_REDIS_URL:-$$(scripts/redis-test-server start)}; \
	if [ -z "$$redis" ]; then echo "redis-server is not installed: its tests will skip."; fi; \
	WIJKPLEIN_TEST_POSTGRES_URL=$$url WIJKPLEIN_TEST_REDIS_URL=$$redis $(BIN)/pytest $(PYTEST_ARGS); \
	status=$$?; \
	if [ -z "$${WIJKPLEIN_TEST_POSTGRES_URL:-}" ]; then scripts/pg-test-server stop; fi; \
	if [ -z "$${WIJKPLEIN_TEST_REDIS_URL:-}" ]; then scripts/redis-test-server stop; fi; \
	exit $$status

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix app tests scripts bench
	$(BIN)/ruff format app tests scripts bench

## Extract, update and compile the message catalogue of every language (flask translate).
translations: $(VENV)/.installed-dev
	WIJKPLEIN_ENV=$${WIJKPLEIN_ENV:-development} $(BIN)/flask translate update
	WIJKPLEIN_ENV=$${WIJKPLEIN_ENV:-development} $(BIN)/flask translate compile

## Refresh the vendored front-end files (NL Design System CSS, Leaflet, Lucide icons) from the npm registry.
vendor:
	scripts/vendor.sh

## Measure SQL queries per page and page sizes with large data, then throughput (see README).
bench: $(VENV)/.installed-dev
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/throughput.py $(THROUGHPUT_ARGS)

## Throughput alone: gunicorn + PostgreSQL under locust, first visit, Lighthouse (docs/benchmark.md).
## THROUGHPUT_ARGS="--quick", "--scale city" or "--no-targets" pass options on.
throughput: $(VENV)/.installed-dev
	$(BIN)/python scripts/throughput.py $(THROUGHPUT_ARGS)

## Reliability: 3 minutes of mixed load at 32 users on gunicorn + PostgreSQL + Redis + SMTP (all
## private, on loopback), PostgreSQL restarted and a worker killed midway; fails when a check
## fails (docs/reliability.md). STRESS_ARGS="--seconds 60 --users 8" passes options on.
stress: $(VENV)/.installed-dev static
	$(BIN)/python scripts/stress.py $(STRESS_ARGS)

## Pin every dependency (constraints.txt) after changing pyproject.toml.
lock: | $(BIN)/uv
	$(BIN)/uv pip compile --quiet --extra dev pyproject.toml -o constraints.txt

clean:
	scripts/pg-test-server stop
	scripts/redis-test-server stop
	rm -rf $(VENV) static/dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
