# Kinder Communities: `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Local development runs with DEBUG on unless the environment says otherwise.
export DEBUG ?= 1

.PHONY: help run install install-dev migrate demo admin serve chromium test lint format check clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create .venv and install the site's requirements

install-dev: $(VENV)/.installed-dev ## Install the site's and the tests' requirements

migrate: install ## Apply database migrations
	$(BIN)/python manage.py migrate --no-input

demo: migrate ## Load the demo content (never duplicates; keeps editors' changes)
	$(BIN)/python manage.py load_demo_content

run: demo ## Install, migrate, load the demo content and serve on http://127.0.0.1:$(PORT)
	@echo
	@echo "  Site:  http://127.0.0.1:$(PORT)/"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/"
	@echo "  Create an admin login with: make admin"
	@echo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

admin: migrate ## Create an admin login for the Wagtail admin
	$(BIN)/python manage.py createsuperuser

chromium: ## Install Debian's Chromium for the browser tests, when missing and allowed
	@test -x /usr/bin/chromium \
	  || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	       && apt-get install -y -q chromium >/dev/null; } \
	  || echo "!! Chromium is missing and could not be installed: the browser tests will be SKIPPED."

test: install-dev chromium ## Install what the tests need and run the checks and the whole suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=make-test-only $(BIN)/python manage.py check
	SECRET_KEY=make-test-only $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

lint: install-dev ## Check the code with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove the virtualenv, the SQLite database and collected static files
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
