# One task runner for people and CI. `make demo` and `make test` are the README Quickstart.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup browser postgres demo screenshots test lint format typecheck bench fuzz wheel clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/jobtrends demo --out data/demo

# The README's pictures: the demo site in the headless Chromium the browser tests use.
screenshots: demo browser
	$(BIN)/python docs/screenshots.py data/demo/report docs

# The browser tests drive Debian's Chromium; installed here when missing and we may (root + apt).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing Debian's chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "note: /usr/bin/chromium is missing, so the browser tests will be skipped"; \
		fi; \
	fi

# The store tests also run on PostgreSQL: a throwaway server of Debian's postgresql package
# (tests/postgres_server.py starts it); installed here when missing and we may (root + apt).
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing Debian's postgresql for the PostgreSQL store tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
		else \
			echo "note: PostgreSQL is missing, so the PostgreSQL store tests will be skipped"; \
		fi; \
	fi

test: $(STAMP) browser postgres
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# mypy reads the built wheel installed into a plain folder: an editable install's import hook
# is invisible to it, and the source folders would shadow the jobtrends.* names.
typecheck: $(STAMP)
	rm -rf build/typecheck && mkdir -p build/typecheck
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation -w build/typecheck/dist .
	$(BIN)/python -m pip install --quiet --no-deps --target build/typecheck/site build/typecheck/dist/*.whl
	cd build/typecheck && MYPYPATH=site ../../$(BIN)/mypy --config-file ../../pyproject.toml \
		-p jobtrends.scraper -p jobtrends.pipeline -p jobtrends.reports

bench: $(STAMP)
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/faults.py
	$(BIN)/python bench/scrape.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/dask_extract.py
	$(BIN)/python bench/wdc.py

# The long fuzz run with fresh random examples (CI runs the same targets derandomized).
fuzz: $(STAMP)
	$(BIN)/python bench/fuzz.py

wheel: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation -w dist .

clean:
	rm -rf build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
