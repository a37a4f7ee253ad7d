# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export ALLIANCE_DATA_DIR ?= $(CURDIR)/var
export HOST ?= 127.0.0.1
export PORT ?= 8000
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: install run admin backup restore test lint messages e2e clean
# The recipes print their own messages; make need not echo them.
.SILENT: run admin

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Production use sets SECRET_KEY itself; for the demo a key is generated once
# and kept in the data directory, so sessions survive restarts.
define with_secret_key
mkdir -p "$(ALLIANCE_DATA_DIR)"
if [ -z "$${SECRET_KEY:-}" ]; then
  key_file="$(ALLIANCE_DATA_DIR)/secret_key"
  if [ ! -s "$$key_file" ]; then
    (umask 077; $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > "$$key_file")
  fi
  export SECRET_KEY="$$(cat "$$key_file")"
fi
endef

run: install
	$(with_secret_key)
	echo "Preparing the database (a first run takes a minute)..."
	$(BIN)/python manage.py migrate --noinput --verbosity 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	mkdir -p "$(ALLIANCE_DATA_DIR)/media/images"
	echo
	echo "  The site:    http://$(HOST):$(PORT)/"
	echo "  The editor:  http://$(HOST):$(PORT)/admin/"
	echo "  No account yet? In another terminal: make admin  (prints a new password once)"
	echo
	# The task worker (mail alerts) runs beside the web server and stops with it: RQ's when
	# REDIS_URL puts the queue in Redis (alliance/settings.py), else the database's.
	if [ -n "$${REDIS_URL:-}" ] && [ -z "$${TASKS_BACKEND:-}" ]; then
	  $(BIN)/python manage.py rqworker --with-scheduler default &
	else
	  $(BIN)/python manage.py db_worker --no-reload --interval 2 --queue-name '*' &
	fi
	worker=$$!
	# The worker runs what is queued but keeps no calendar: the clock runs each app's periodic
	# jobs when due (scheduled publishing, purges, the weekly digest: alliance/core/clock.py).
	$(BIN)/python manage.py clock --verbosity 0 &
	clock=$$!
	trap 'kill $$worker $$clock 2>/dev/null || true' EXIT INT TERM
	case "$${DEBUG:-false}" in
	  1|true|yes|on) $(BIN)/python manage.py runserver "$(HOST):$(PORT)"; exit ;;
	esac
	# granian's RSGI side reads each request body (with a deadline and a size limit) before
	# the request reaches Django, so slow clients cannot hold a worker; it sends the images'
	# files from disk itself, with nosniff and a policy (alliance/server.py). A request
	# waiting for its body costs little, so each worker takes up to 4,096 at once (granian's
	# default, 512, let 2,500 slow clients shut readers out: bench/README.md).
	$(BIN)/granian --interface rsgi alliance.server:application \
	  --host "$(HOST)" --port "$(PORT)" --workers $(WORKERS) --no-ws --backpressure 4096

admin: install
	$(with_secret_key)
	$(BIN)/python manage.py create_admin

# A .tar.gz of the database and uploaded media, taken while the site runs;
# the archive's path is printed. Restore one with: make restore ARCHIVE=path
backup: install
	$(with_secret_key)
	$(BIN)/python manage.py backup

restore: install
	if [ -z "$(ARCHIVE)" ]; then
	  echo "Usage: make restore ARCHIVE=var/backups/alliance-YYYYmmdd-HHMMSS.tar.gz" >&2
	  exit 2
	fi
	$(with_secret_key)
	$(BIN)/python manage.py restore "$(ARCHIVE)"

test: install
	$(BIN)/python -m pytest -q -n 2 -p no:cacheprovider

# The end-to-end suite: the real server in Debian's Chromium, checked by axe-core,
# the Nu HTML Checker and Lighthouse. It installs what it needs: Chromium and Java
# from Debian, Playwright from PyPI (never a browser download), the checkers from npm.
$(VENV)/.installed-e2e: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,e2e]'
	touch $@

e2e/node_modules/.installed: e2e/package.json e2e/package-lock.json
	(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
	touch $@

e2e: $(VENV)/.installed-e2e e2e/node_modules/.installed
	if [ ! -x /usr/bin/chromium ] || ! command -v java >/dev/null; then
	  apt-get update -qq && apt-get install -y -qq chromium default-jre-headless >/dev/null
	fi
	$(BIN)/python -m pytest e2e -q -p no:cacheprovider

lint: install
	$(BIN)/ruff check .
	# The layers between apps (pyproject.toml, docs/architecture.md).
	$(BIN)/lint-imports --no-cache
	# Templates: one element a line, indented (djlint), and no line over 160 characters.
	$(BIN)/djlint alliance --check
	$(BIN)/djlint alliance --lint
	if grep -rnE --include='*.html' '^.{161,}' alliance/templates alliance/*/templates; then
	  echo "Template lines over 160 characters (above)" >&2
	  exit 1
	fi
	SECRET_KEY=lint-only-$$(printf 'x%.0s' {1..40}) $(BIN)/python manage.py makemigrations --check --dry-run

# Interface translations: collect new strings, then compile (needs GNU gettext:
# apt-get install gettext). Translators edit alliance/locale/<lang>/LC_MESSAGES/django.po.
messages: install
	SECRET_KEY=messages-only-$$(printf 'x%.0s' {1..40}) $(BIN)/python manage.py makemessages \
	  $(foreach lang,es ar fr tl id zh_Hant,-l $(lang)) --ignore ".venv/*" --ignore "var/*" --ignore "bench/*" --no-obsolete
	SECRET_KEY=messages-only-$$(printf 'x%.0s' {1..40}) $(BIN)/python manage.py compilemessages --ignore ".venv/*"

clean:
	rm -rf $(VENV) .pytest_cache e2e/node_modules test-artifacts
