# The two commands a fresh machine needs: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# acorn parses the site's scripts as ES2017 in the tests (older phones' browsers must run them).
ACORN := .cache/acorn/node_modules/acorn/package.json
# The W3C Nu HTML Checker validates every built page in the tests (run with Debian's Java).
VNU := .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
# make bench: the plan sizes to build, and builds of each configuration per size.
SIZES ?= 53,1000,5000
RUNS ?= 1
# make serve PORT=8001, make serve-nginx PORT=9000: another port. The preview defaults to 8000, as
# mkdocs serve does, and nginx to 8080, so that both can run at once.
serve: PORT ?= 8000
serve-nginx: PORT ?= 8080
# make check DATA=other.yaml checks another data file.
DATA ?= data/measures.yaml
# Python caches compiled modules (and pytest its rewritten tests) unless told not to, as some
# machines' environments do: the tests start dozens of Python processes, each would compile again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: serve serve-nginx site generate check test quick screenshots bench bench-preview bench-pages bench-search bench-check clean

serve: $(INSTALLED)  ## serve the site at http://127.0.0.1:8000 (PORT=8001 to choose another port), regenerating on every save of the data
	@# A busy port is one line from the preview: make's own "Error 1" would read as a second problem (see check).
	@$(BIN)/python scripts/serve.py --dev-addr 127.0.0.1:$(PORT) || kill -PIPE $$PPID

serve-nginx: $(INSTALLED)  ## serve the built site/ through Debian's nginx with deploy/site.conf, as the public site is served, at http://127.0.0.1:8080 (PORT=9000 to choose another port)
	$(BIN)/python scripts/serve_nginx.py --port $(PORT)

site: $(INSTALLED)  ## generate the pages and build the static site into site/ (and its Pagefind index, for a plan too large for Material's search)
	$(BIN)/python scripts/build_site.py

generate: $(INSTALLED)  ## validate data/measures.yaml and write the site's pages into docs/generated/
	$(BIN)/python scripts/generate.py

check: $(INSTALLED)  ## validate data/measures.yaml, write nothing
	@# make would add its own "Error 1" line to the report, which reads as one more problem: a failed
	@# check ends make with SIGPIPE instead, which neither make nor the shell announces (status 141).
	@$(BIN)/python scripts/generate.py --check --data $(DATA) || kill -PIPE $$PPID

test: $(INSTALLED) $(ACORN) $(VNU)  ## every check: validation, fidelity, export, pages, site build, search in Chromium (ARGS=--update-goldens rewrites golden files)
	$(BIN)/ruff check plansite scripts tests
	$(BIN)/ruff format --check plansite scripts tests
	$(BIN)/mypy plansite
	$(BIN)/python -m pytest --numprocesses auto --maxprocesses 4 --dist loadgroup $(ARGS)

quick: $(INSTALLED) $(ACORN)  ## the checks that need neither MkDocs nor a browser: run before every commit, make test before a push
	$(BIN)/ruff check plansite scripts tests
	$(BIN)/ruff format --check plansite scripts tests
	$(BIN)/python -m pytest --numprocesses auto --maxprocesses 4 --dist loadgroup -m "not site and not browser" $(ARGS)

bench: $(INSTALLED)  ## build plans of 53, 1000 and 5000 measures against a bare Material baseline (SIZES=53,300 to choose)
	$(BIN)/python scripts/bench_build.py --sizes $(SIZES) --runs $(RUNS)

bench-preview: $(INSTALLED)  ## time from saving a one-line data change to the browser showing it
	$(BIN)/python scripts/bench_preview.py

bench-pages: site  ## Lighthouse (mobile) on the main pages, normal and 长辈模式, and the search's first results at 4x CPU
	@test -x .cache/lighthouse-12.2.3/node_modules/.bin/lighthouse || \
		npm install --silent --no-audit --no-fund --prefix .cache/lighthouse-12.2.3 lighthouse@12.2.3
	$(BIN)/python scripts/bench_pages.py

bench-search: site  ## type every query of the search evaluation set into the site's search box: first three results and MRR
	$(BIN)/python scripts/bench_search.py

bench-check: $(INSTALLED)  ## time the check of the data flooded with 30,000 mistakes of one kind, for each kind
	$(BIN)/python scripts/bench_check.py

screenshots: site  ## retake the README's screenshots (needs chromium and fonts-noto-cjk)
	$(BIN)/python scripts/screenshots.py

# The package itself is installed editable: a change to plansite/ needs no reinstall, and MkDocs
# and Zensical import its Markdown extension like any other.
$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --editable '.[dev]'
	touch $@

$(ACORN):
	npm install --silent --no-audit --no-fund --prefix .cache/acorn acorn@8.15.0

$(VNU):
	npm install --silent --no-audit --no-fund --prefix .cache/vnu vnu-jar@26.9.27

clean:
	rm -rf site .site.versions docs/generated docs/.generated.versions
