# Footprint: `make run` serves the map on the bundled sample reports; `make test` runs every test.
# Both set up what they need on first use: a virtual environment with the pinned requirements,
# the pinned web assets (served by the app itself, so the map draws offline) and, for the
# browser tests, Debian's Chromium; for the store tests, Debian's PostgreSQL server; for the
# team test, Debian's nginx.

PYTHON ?= python3
PORT ?= 8501
# who can reach the app: this machine only, unless set otherwise (see "Serving a team" in the README)
ADDRESS ?= 127.0.0.1
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.requirements-installed
WEB_STAMP := static/vendor/.installed

.PHONY: setup run test chromium postgresql nginx clean

setup: $(PY_STAMP) $(WEB_STAMP)

$(PY_STAMP): requirements.txt constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))' || \
	  { echo "Footprint needs Python 3.11 or newer as '$(PYTHON)' (try: make PYTHON=python3.11 ...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $@

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@command -v npm >/dev/null || \
	  { echo "npm is needed to install the pinned map assets: run 'apt-get install nodejs npm' (as root)"; exit 1; }
	npm ci --prefix web --no-audit --no-fund --loglevel=error

$(WEB_STAMP): web/node_modules/.package-lock.json footprint/webassets.py $(PY_STAMP)
	$(BIN)/python -m footprint.webassets
	touch $@

run: setup
	$(BIN)/python -m footprint ingest data/samples
	$(BIN)/streamlit run serve.py --server.port $(PORT) --server.address $(ADDRESS)

# $(call debian,TEST,PACKAGE,WHO): when TEST fails, install Debian's PACKAGE (as root) or say how
define debian
	@if ! $(1); then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's $(2) for $(3)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	  else \
	    echo "$(3) need Debian's $(2): run 'sudo apt-get install $(2)'"; \
	    exit 1; \
	  fi; \
	fi
endef

chromium:
	$(call debian,[ -x /usr/bin/chromium ],chromium,the browser tests)

# the store tests start a throw-away server of their own (tests/pgserver.py) on 127.0.0.1
postgresql:
	$(call debian,ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1,postgresql,the store tests)

# the team test puts docs/team/nginx-footprint.conf in front of the app
nginx:
	$(call debian,[ -x /usr/sbin/nginx ],nginx-light,the team test)

test: setup chromium postgresql nginx
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) web/node_modules static/vendor .pytest_cache footprint.db
