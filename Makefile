# The two commands of the README: `make serve` and `make test`. Everything else helps them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Where `make serve` listens, if not on build.py's default 127.0.0.1:8000: HOST:PORT, [IPv6]:PORT or a PORT
# (make serve ADDRESS=0.0.0.0:8080)
ADDRESS ?=

.PHONY: setup serve test build bench clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## Build the site from stacks/ and serve it with live reload on http://127.0.0.1:8000 (or ADDRESS)
serve: setup
	$(PY) build.py serve $(if $(ADDRESS),--address $(ADDRESS))

## Run every test (unit, build, browser, nginx, kubectl)
test: setup
	$(PY) -m pytest -n 2

## Build the static site into site/
build: setup
	$(PY) build.py

## Measure the product against its baselines (see bench/README.md)
bench: setup
	$(PY) bench/run.py

clean:
	rm -rf site .staging .cache $(VENV) node_modules
