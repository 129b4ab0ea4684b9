# triangulate: `make demo` (set up, analyse the example articles, report, serve) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
TRI    := $(VENV)/bin/triangulate
DB     ?= triangulate.duckdb
HOST   ?= 127.0.0.1
PORT   ?= 8000
SERVE  ?= 1

.PHONY: setup assets browser demo test test-fast bench eval clean

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

setup: $(VENV)/.installed assets

assets: $(VENV)/.installed
	@if [ -x scripts/fetch-assets.sh ]; then scripts/fetch-assets.sh; fi

browser:
	@if [ -x scripts/install-browser.sh ]; then scripts/install-browser.sh; fi

demo: setup
	$(TRI) --help >/dev/null
	$(TRI) ingest --db $(DB) examples/seeds
	$(TRI) analyze --again --db $(DB)
	$(TRI) stories --db $(DB)
	$(TRI) report --db $(DB) -o report.html
	@echo
	@echo "Report written to report.html (open it in any browser, no network needed)."
	@if [ "$(SERVE)" = "1" ]; then \
	  echo "Open http://$(HOST):$(PORT)/ to explore the stories (Ctrl-C stops the server)."; \
	  $(TRI) serve --db $(DB) --host $(HOST) --port $(PORT); \
	fi

test: setup browser
	$(VENV)/bin/pytest -q -ra

test-fast: setup
	$(VENV)/bin/pytest -q -m "not slow and not browser"

bench: setup
	$(PY) benchmarks/pipeline.py

clean:
	rm -rf $(VENV) $(DB) $(DB).wal report.html .pytest_cache
