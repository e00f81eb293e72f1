# Developer shortcuts. CI runs .ci/run, which does the same checks (with a
# short fuzz run); see docs/BENCHMARKS.md for what the benchmarks measure.

SHELL := /bin/bash
FUZZTIME ?= 30s
BENCHTIME ?= 1s

.PHONY: all test vet bench bench-report fuzz fuzz-list

all: vet test

vet:
	gofmt -l $$(git ls-files '*.go') | (! grep .)
	go vet ./...

test:
	go test -race ./...

# Go benchmarks of each pipeline stage on the generated corpus, and of the
# tagger and parser (on the shared dev treebank's sentences when present).
bench:
	go test -run '^$$' -bench . -benchtime $(BENCHTIME) ./internal/bench ./internal/syntax

# The whole extract path, stages, memory, SQLite ingest and API latency.
bench-report:
	go run ./cmd/dyad bench --articles 1000 --db sqlite://$${TMPDIR:-/tmp}/dyad-bench.db --api-events 100000

# Every fuzz target of every package (package and name on each line).
fuzz-list:
	@go test -list '^Fuzz' ./... | awk '/^Fuzz/ {f[n++]=$$1; next} /^ok/ {for (i = 0; i < n; i++) print $$2, f[i]; n = 0}'

# Runs every fuzz target for FUZZTIME each (make fuzz FUZZTIME=5m).
fuzz:
	@set -eo pipefail; $(MAKE) -s fuzz-list | while read -r pkg target; do \
		echo "== fuzz $$pkg $$target ($(FUZZTIME))"; \
		go test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 1s $$pkg < /dev/null; \
	done
