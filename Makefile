# Samverkan: `make run` and `make test` do everything on a fresh Debian machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/samverkan
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench install messages chromium xmlsec nginx ocr test-sqlite test-postgres test-browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) messages ocr

messages: $(STAMP)
	$(BIN)/samverkan compiletranslations

# Local demo over plain HTTP: cookies without the Secure flag. Behind TLS, leave SECURE_COOKIES unset.
# The demo's personas may skip the second factor (the login page says so); never in production.
run: install
	SECURE_COOKIES=false SECOND_FACTOR_OPTIONAL=true $(BIN)/samverkan run --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy samverkan tests

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Debian's Chromium for the browser suite; installed with apt when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's ocrmypdf (with Tesseract and Ghostscript) and Tesseract's Swedish data read scanned
# PDFs (core/importing/text.py); installed with apt when missing.
ocr:
	@{ command -v tesseract >/dev/null 2>&1 && command -v gs >/dev/null 2>&1 \
	  && tesseract --list-langs 2>/dev/null | grep -qx swe; } || { \
	  echo "Installing Debian's ocrmypdf and tesseract-ocr-swe for reading scanned PDFs"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq ocrmypdf tesseract-ocr-swe >/dev/null; }

# Debian's xmlsec1 signs the assertions of the test suite's SAML identity provider (pysaml2);
# installed with apt when missing.
xmlsec:
	@command -v xmlsec1 >/dev/null 2>&1 || { \
	  echo "Installing Debian's xmlsec1 for the SAML tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq xmlsec1 >/dev/null; }

test-sqlite: install xmlsec ocr
	$(BIN)/pytest -m "not browser" -q

# Debian's nginx (and openssl for its test certificate): the browser suite runs one story
# through deploy/nginx/samverkan.conf.
nginx:
	@{ test -x /usr/sbin/nginx && command -v openssl >/dev/null 2>&1; } || { \
	  echo "Installing Debian's nginx for the proxy test"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx-light openssl >/dev/null; }

test-browser: install chromium xmlsec nginx ocr
	$(BIN)/pytest -m browser -q

test-postgres: install xmlsec ocr
	@if $(BIN)/python -m samverkan.core.pgcheck "$(PG_URL)"; then \
	  echo "== PostgreSQL run ($(PG_URL)) =="; \
	  DATABASE_URL="$(PG_URL)" $(BIN)/pytest -m "not browser" -q; \
	elif [ "$$CI" = "true" ]; then \
	  echo "PostgreSQL is not reachable at $(PG_URL), and CI=true makes the PostgreSQL run mandatory."; exit 1; \
	else \
	  echo "SKIPPED: the PostgreSQL run, since PostgreSQL is not reachable at $(PG_URL)."; \
	fi

test: install chromium xmlsec nginx ocr lint
	@echo "== SQLite run (with the browser suite) =="
	$(BIN)/pytest -q
	@$(MAKE) --no-print-directory test-postgres

# `make bench SIZE=N`: the incidents part runs at N synthetic reports (a million by default).
bench: install
	$(BIN)/python -c "import duckdb" 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[bench]'
	SIZE=$(or $(SIZE),1000000) $(BIN)/python -m samverkan.bench

clean:
	rm -rf $(VENV) var/test-*
