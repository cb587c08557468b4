# Two commands do everything on a fresh machine with Node 20 and npm: `make run`, `make test`.
SHELL := /bin/bash
export SCARF_ANALYTICS := false
export REDOCLY_TELEMETRY := off

.PHONY: install build generate check-generated lint lint-spec typecheck test test-unit \
        test-contract test-browser run bench clean

install: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build: install
	npm run build

generate: install
	npm run generate

check-generated: install
	npm run check-generated

lint-spec: install
	npx redocly lint spec/openapi.json

typecheck: install
	npx tsc -p tsconfig.json --noEmit

lint: check-generated lint-spec typecheck
	npx eslint .
	npx prettier --check .

test: lint build
	npx jest

# Conformance alone: generated requests (FC_SEED=<seed> replays a run), the typed client,
# spec/handler coverage, and the built server behind Prism.
test-contract: build
	npx jest test/contract

# The docs page alone: its routes, and Swagger UI in headless Chromium (/usr/bin/chromium).
test-browser: install
	npx jest test/browser

# Security and reliability alone: the hostile-input corpus, SIGTERM, kill -9 and, with
# TEST_DATABASE_URL, two server processes on one PostgreSQL database (README).
.PHONY: test-reliability
test-reliability: build
	npx jest test/reliability

run: build
	./scripts/run.sh

# The service against a hand-written baseline over HTTP (bench/README.md): a few minutes.
# PG=1: on PostgreSQL (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else local bench_helper).
# PROFILE=1: CPU profiles of the measured requests in var/bench-profiles/, no results written.
bench: build
	node dist/bench/run.js $(if $(PG),--pg) $(if $(PROFILE),--profile)

clean:
	rm -rf dist node_modules/.installed
