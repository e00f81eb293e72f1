package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/bench"
)

// dyad bench measures every part on a tiny corpus and reports it as JSON;
// the API test runs over a SQLite store it fills.
func TestBenchJSON(t *testing.T) {
	dir := t.TempDir()
	prof := filepath.Join(dir, "cpu.pprof")
	out, errs, code := run(t, "bench", "--articles", "6", "--format", "json", "--db", "sqlite://"+filepath.Join(dir, "b.db"),
		"--api-events", "60", "--api-requests", "2", "--api-concurrency", "2", "--cpuprofile", prof, "--memprofile", filepath.Join(dir, "mem.pprof"))
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	var rep bench.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not a JSON report: %v\n%s", err, out)
	}
	if rep.Extract.Articles != 6 || rep.Extract.Sentences == 0 || rep.Extract.Events == 0 || rep.Extract.Seconds <= 0 {
		t.Errorf("extract: %+v", rep.Extract)
	}
	if len(rep.Stages) != len(bench.Stages)+1 {
		t.Errorf("%d stage timings, want %d", len(rep.Stages), len(bench.Stages)+1)
	}
	if rep.Ingest == nil || rep.Ingest.Events != rep.Extract.Events {
		t.Errorf("ingest: %+v, want %d events", rep.Ingest, rep.Extract.Events)
	}
	if rep.Fill == nil || rep.Fill.Events != 60 || rep.APIEvents != 60+rep.Extract.Events {
		t.Errorf("fill: %+v, store holds %d", rep.Fill, rep.APIEvents)
	}
	if n := len(rep.API); n == 0 || rep.API[n-1].Name != "all" || rep.API[n-1].Errors != 0 || rep.API[n-1].N == 0 {
		t.Errorf("API: %+v", rep.API)
	}
	if rep.Memory.HeapInuse == 0 || rep.Memory.Sys == 0 {
		t.Errorf("memory: %+v", rep.Memory)
	}
	for _, f := range []string{prof, filepath.Join(dir, "mem.pprof")} {
		if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
			t.Errorf("profile %s not written: %v", f, err)
		}
	}
}

// The table names each stage; --stream codes from a file and skips them.
func TestBenchTableAndStream(t *testing.T) {
	out, errs, code := run(t, "bench", "--articles", "3", "--sizes", "short")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	for _, s := range bench.Stages {
		if !strings.Contains(out, s.Name) {
			t.Errorf("table lacks stage %q:\n%s", s.Name, out)
		}
	}
	out, errs, code = run(t, "bench", "--articles", "3", "--stream")
	if code != exitOK || !strings.Contains(out, "extract") || strings.Contains(out, "fusion") {
		t.Errorf("--stream: exit %d, stderr %s, out:\n%s", code, errs, out)
	}
}

// --write-corpus writes article JSONL that dyad extract codes, the same for
// the same seed.
func TestBenchWriteCorpus(t *testing.T) {
	out, errs, code := run(t, "bench", "--write-corpus", "-", "--articles", "4", "--seed", "9")
	if code != exitOK || strings.Count(out, "\n") != 4 {
		t.Fatalf("exit %d, stderr %s, out:\n%s", code, errs, out)
	}
	again, _, _ := run(t, "bench", "--write-corpus", "-", "--articles", "4", "--seed", "9")
	if again != out {
		t.Error("same seed wrote a different corpus")
	}
	path := filepath.Join(t.TempDir(), "c.jsonl")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	ev, errs, code := run(t, "extract", path)
	if code != exitOK || !strings.Contains(ev, `"cameo"`) {
		t.Errorf("extract of the written corpus: exit %d, stderr %s", code, errs)
	}
	// The corpus can also be the input of bench itself.
	if _, errs, code := run(t, "bench", "--corpus", path, "--stages=false"); code != exitOK {
		t.Errorf("--corpus: exit %d, stderr %s", code, errs)
	}
}

func TestBenchUsage(t *testing.T) {
	for _, args := range [][]string{{"--sizes", "huge"}, {"--format", "xml"}, {"--articles", "0"}, {"stray"}} {
		if _, _, code := run(t, append([]string{"bench"}, args...)...); code != exitUsage {
			t.Errorf("bench %v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
