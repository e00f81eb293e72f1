package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// ingestAPIArticles codes the API's test articles into a new SQLite store
// with 'dyad ingest' and returns its URL.
func ingestAPIArticles(t *testing.T) string {
	t.Helper()
	db := "sqlite://" + filepath.Join(t.TempDir(), "cmd.db")
	var o, e bytes.Buffer
	if code := Run(context.Background(), testData, []string{"ingest", "--db", db,
		"--verbs", "../../internal/api/testdata/verbs.tsv", "../../internal/api/testdata/articles.jsonl"}, &o, &e); code != exitOK {
		t.Fatalf("dyad ingest: exit %d\n%s", code, e.String())
	}
	return db
}

func TestExportFormats(t *testing.T) {
	db := ingestAPIArticles(t)
	export := func(args ...string) string {
		t.Helper()
		var o, e bytes.Buffer
		if code := Run(context.Background(), testData, append([]string{"export", "--db", db}, args...), &o, &e); code != exitOK {
			t.Fatalf("dyad export %v: exit %d\n%s", args, code, e.String())
		}
		return o.String()
	}
	lines := strings.Split(strings.TrimSuffix(export("--format", "gdelt"), "\n"), "\n")
	if len(lines) < 5 {
		t.Fatalf("gdelt export has %d lines", len(lines))
	}
	for i, l := range lines {
		cols := strings.Split(l, "\t")
		if len(cols) != 61 {
			t.Fatalf("gdelt line %d has %d columns, want 61", i+1, len(cols))
		}
		if !strings.HasPrefix(cols[60], "https://example.net/") {
			t.Errorf("gdelt line %d: SOURCEURL %q", i+1, cols[60])
		}
	}
	csv := export("--format", "csv", "--dyad", "IRN,PAK")
	if n := strings.Count(csv, "\n"); !strings.HasPrefix(csv, "id,article,url,") || n < 6 || strings.Contains(csv, "EGY") {
		t.Errorf("csv export of IRN,PAK (%d lines):\n%s", n, csv)
	}
	jl := export("--format", "jsonl", "--root", "10", "--limit", "1")
	var ev struct{ CAMEO string }
	if err := json.Unmarshal([]byte(jl), &ev); err != nil || !strings.HasPrefix(ev.CAMEO, "10") {
		t.Errorf("jsonl --root 10 --limit 1 = %q (%v)", jl, err)
	}
	out := filepath.Join(t.TempDir(), "events.tsv")
	export("--format", "gdelt", "--out", out)

	pq := filepath.Join(t.TempDir(), "events.parquet")
	export("--format", "parquet", "--out", pq)
	if b, err := os.ReadFile(pq); err != nil || len(b) < 8 || string(b[:4]) != "PAR1" || string(b[len(b)-4:]) != "PAR1" {
		t.Errorf("--format parquet wrote no Parquet file (%d bytes, %v)", len(b), err)
	}

	var o, e bytes.Buffer
	if code := Run(context.Background(), testData, []string{"export", "--db", db, "--format", "xlsx"}, &o, &e); code != exitUsage || !strings.Contains(e.String(), "gdelt, csv, jsonl, parquet") {
		t.Errorf("--format xlsx: exit %d, %s", code, e.String())
	}
	if code := Run(context.Background(), testData, []string{"export", "--db", db, "--start", "2024-13-01"}, &o, &e); code != exitUsage {
		t.Errorf("--start 2024-13-01: exit %d", code)
	}
}

func TestServe(t *testing.T) {
	db := ingestAPIArticles(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, testData, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v", err)
	}
	go io.Copy(io.Discard, pr)
	m := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line)
	if m == "" {
		t.Fatalf("start line %q has no address", line)
	}
	for path, want := range map[string]string{
		"":                           "<title>dyad",
		"api/events?dyad=IRN,PAK":    `"next_cursor"`,
		"openapi.json":               `"openapi": "3.1.0"`,
		"api/events?start=yesterday": `start: \"yesterday\" is not YYYY-MM-DD`,
	} {
		res, err := http.Get(m + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(b), want) {
			t.Errorf("GET /%s: %d, body lacks %q:\n%.300s", path, res.StatusCode, want, b)
		}
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("serve exited %d after cancel; stderr:\n%s", code, stderr.String())
	}
}
