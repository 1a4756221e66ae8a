# Kinder Communities: `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# pytest-xdist workers for `make test`: one per core ("auto"); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto
# The address `make run` serves on: canonical and share links, and emails, use it.
PUBLIC_URL ?= $(or $(BASE_URL),http://127.0.0.1:$(PORT))
# Local development runs with DEBUG on unless the environment says otherwise.
export DEBUG ?= 1
# How the workers run: an idle worker asks the database for work every 5 seconds (an email
# leaves within 5 s of its signup), and does not reload on code changes, since Django's
# reloader reads every file's time each second: over 4% of a core per worker, idle
# (docs/performance.md, "Idle processes"). Restart them after changing a task's code.
WORKER_OPTIONS ?= --interval 5 --no-reload

.PHONY: help run worker install install-dev pdf-libs migrate demo admin staff serve chromium nginx tesseract bench bench-newsletter quality-tools test lint format check clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed pdf-libs ## Create .venv and install the site's requirements

install-dev: $(VENV)/.installed-dev pdf-libs ## Install the site's and the tests' requirements

# The tool targets below each check what is there, install what is missing when they may
# (as root, with apt-get), and otherwise print a line starting "!!" and carry on: every one
# ends well from any starting point, and the tests that need a missing tool say so loudly
# (or fail, under .ci/run). tests/kindness/test_makefile.py runs them in those states;
# the paths they check are variables so that it can.
# Installing needs root and apt-get. On a machine that has never fetched Debian's package
# lists apt-get knows no package: it fetches them once and tries again.
apt_install = [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	&& { apt-get install -y -q $(1) >/dev/null 2>&1 \
	     || { apt-get update -q >/dev/null && apt-get install -y -q $(1) >/dev/null; }; }
LDCONFIG ?= /sbin/ldconfig
DEJAVU_FONT ?= /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
CHROMIUM ?= /usr/bin/chromium
TESSERACT ?= /usr/bin/tesseract
NGINX ?= /usr/sbin/nginx
NGINX_MODULES_DIR ?= /usr/lib/nginx/modules

# WeasyPrint (publications' PDFs made from their HTML) needs Pango and a font from Debian.
pdf-libs: ## Install the Pango libraries and fonts the PDFs are made with, when missing and allowed
	@{ $(LDCONFIG) -p 2>/dev/null | grep -q libpangoft2-1.0.so.0 \
	   && test -f $(DEJAVU_FONT); } \
	  || { $(call apt_install,libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core); } \
	  || echo "!! Pango or the DejaVu fonts are missing and could not be installed: publications' PDFs cannot be made."

migrate: install ## Apply database migrations
	$(BIN)/python manage.py migrate --no-input

demo: migrate ## Load the demo content (never duplicates; keeps editors' changes)
	PUBLIC_URL=$(PUBLIC_URL) $(BIN)/python manage.py load_demo_content
	PUBLIC_URL=$(PUBLIC_URL) $(BIN)/python manage.py set_public_url

run: demo ## Install, migrate, load the demo content; serve on http://127.0.0.1:$(PORT) with the workers
	@echo
	@echo "  Site:  $(PUBLIC_URL)/"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/"
	@echo "  Mail:  each email the site sends is a file in var/mail/"
	@echo "  Create an admin login with: make admin"
	@echo
	@$(BIN)/python manage.py schedule_recurring_work
	@# The workers run beside the server, and stop with it: one sends the queued emails,
	@# the other reads the text inside PDFs and makes publications' PDFs from their HTML.
	export PUBLIC_URL=$(PUBLIC_URL); \
	  $(BIN)/python manage.py db_worker --backend email $(WORKER_OPTIONS) & worker=$$!; \
	  $(BIN)/python manage.py db_worker --backend documents $(WORKER_OPTIONS) & documents=$$!; \
	  trap 'kill $$worker $$documents 2>/dev/null' EXIT; \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

worker: migrate ## Run the email and documents workers alone (make run starts them for you)
	@$(BIN)/python manage.py schedule_recurring_work
	$(BIN)/python manage.py db_worker --backend documents $(WORKER_OPTIONS) & documents=$$!; \
	  trap 'kill $$documents 2>/dev/null' EXIT; \
	  $(BIN)/python manage.py db_worker --backend email $(WORKER_OPTIONS)

admin: migrate ## Create the first admin login (a superuser) for the Wagtail admin
	$(BIN)/python manage.py createsuperuser

# The person is emailed a link to set their password (in development: a file in var/mail/).
staff: migrate ## Add an editor or an approver: make staff EMAIL=ada@example.org ROLE=editor|approver
	@test -n "$(EMAIL)" && test -n "$(ROLE)" \
	  || { echo "Usage: make staff EMAIL=<their email address> ROLE=editor|approver"; exit 2; }
	PUBLIC_URL=$(PUBLIC_URL) $(BIN)/python manage.py add_staff "$(EMAIL)" --role "$(ROLE)"

chromium: ## Install Debian's Chromium for the browser tests, when missing and allowed
	@test -x $(CHROMIUM) \
	  || { $(call apt_install,chromium); } \
	  || echo "!! Chromium is missing and could not be installed: the browser tests will be SKIPPED."

# The social cards' test reads each card's title back by OCR (tests/social_cards/).
tesseract: ## Install Debian's Tesseract OCR for the social cards' test, when missing and allowed
	@test -x $(TESSERACT) \
	  || { $(call apt_install,tesseract-ocr); } \
	  || echo "!! Tesseract is missing and could not be installed: the social cards' OCR test will be SKIPPED."

# deploy/nginx.conf loads two of Debian's nginx modules: the cache purge and Brotli's
# pre-compressed files. Installing nginx may start Debian's own nginx service on port 80.
NGINX_MODULES := $(NGINX_MODULES_DIR)/ngx_http_cache_purge_module.so \
	$(NGINX_MODULES_DIR)/ngx_http_brotli_static_module.so
nginx: ## Install Debian's nginx and the modules deploy/nginx.conf loads (front-cache tests, bench)
	@{ test -x $(NGINX) $(foreach module,$(NGINX_MODULES),&& test -f $(module)); } \
	  || { $(call apt_install,nginx libnginx-mod-http-cache-purge libnginx-mod-http-brotli-static); } \
	  || echo "!! nginx or its modules are missing and could not be installed: the front-cache tests will be SKIPPED."

# BENCH_ARGS: e.g. "--mix-duration 0" to skip the 60 s run at 64 connections, "--fresh",
# "--scale 9 --scale 90" to measure at both sizes and print each page type's growth.
bench: install nginx ## Measure every page type the production way (gunicorn, Postgres bench_kindness_<scale>, nginx): ~5 min
	@command -v wrk >/dev/null \
	  || { $(call apt_install,wrk); } \
	  || { echo "!! wrk is missing and could not be installed (apt-get install -y wrk)."; exit 1; }
	$(BIN)/python deploy/bench/bench.py $(BENCH_ARGS)

bench-newsletter: install ## Measure a newsletter send to 10,000 subscribers (Postgres bench_kindness_newsletter, local SMTP): ~4 min
	$(BIN)/python deploy/bench/newsletter.py $(BENCH_ARGS)

# axe-core and the Nu HTML Checker, pinned in package-lock.json; test-only, never served.
# `npm ci` runs only when node_modules is missing or older than the lock file. No install
# script runs: vnu-jar's would try to download a Java, and the machine's Java is used.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null \
	  || { $(call apt_install,nodejs npm); }; then \
	    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else \
	    echo "!! npm is missing and could not be installed: the accessibility and HTML checks will be SKIPPED."; \
	fi

quality-tools: node_modules/.package-lock.json ## Install axe-core and the Nu HTML Checker (npm) and Java for the checks
	@command -v java >/dev/null \
	  || { $(call apt_install,default-jre-headless); } \
	  || echo "!! Java is missing and could not be installed: the HTML validity check will be SKIPPED."

test: install-dev chromium nginx tesseract quality-tools ## Run the checks and the whole suite (PYTEST_ARGS="-m browser" for a part)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	SECRET_KEY=make-test-only $(BIN)/python manage.py check
	SECRET_KEY=make-test-only $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install-dev ## Check the code with ruff, that imports flow one way (import-linter), and the Dockerfile (hadolint)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/hadolint Dockerfile

format: install-dev ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove the virtualenv, node_modules, the SQLite database and collected static files
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles var .pytest_cache .ruff_cache
