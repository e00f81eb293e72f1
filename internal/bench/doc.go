// Package bench measures dyad: a deterministic generator of realistic
// English news articles (no real news corpus with a usable licence is
// reachable from the build machines, so the text is composed from
// templates and vocabulary written for this package, with actors taken
// from the bundled dictionary), stage-by-stage timings of the coding
// pipeline, peak memory sampling, SQLite ingest rates, and a small HTTP
// load generator for the JSON API.
//
// The `dyad bench` command drives it; the Go benchmarks in bench_test.go
// time each stage on the generated corpus (go test -bench . ./internal/bench).
// docs/BENCHMARKS.md records the figures measured with both.
package bench
