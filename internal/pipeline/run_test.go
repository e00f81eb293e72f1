package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/ingest"
)

// writeArticles writes article JSON lines (and any raw lines given as
// they are) to a file in a temporary folder and returns its path.
func writeArticles(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// runAll codes paths with Run on workers goroutines and returns the
// articles' ids in the order emit saw them, the events as JSONL, and Run's
// figures.
func runAll(t *testing.T, p *Pipeline, workers int, opt RunOptions, paths ...string) ([]string, string, Stats, error) {
	t.Helper()
	var ids []string
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	opt.Workers = workers
	st, err := p.Run(context.Background(), paths, opt, func(r Result) error {
		ids = append(ids, r.Article.ID)
		for _, e := range r.Events {
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
		return nil
	})
	return ids, buf.String(), st, err
}

// Run hands results over in input order whatever the number of workers,
// and its figures add up.
func TestRunOrder(t *testing.T) {
	p := newPipeline(t)
	var lines, want []string
	for i, s := range []string{
		"Serbian police arrested two Kosovar officials on Sunday.",
		"The Philippine government condemned China on Monday.",
		"Chile recalled its ambassador from Peru on Friday.",
		"Egypt and Sudan signed a water agreement in Cairo on Tuesday.",
		"Kenya accused Somalia of harbouring militants.",
		"India praised Bangladesh for its help after the floods.",
		"Turkish warplanes struck Kurdish militants in northern Iraq on Wednesday.",
		"Armenia rejected Azerbaijan's demands on Thursday.",
	} {
		id := string(rune('a' + i))
		lines = append(lines, `{"id": "`+id+`", "published": "2025-02-03", "text": "`+s+`"}`)
		want = append(want, id)
	}
	path := writeArticles(t, lines...)
	ids1, events1, st1, err := runAll(t, p, 1, RunOptions{}, path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids1, " ") != strings.Join(want, " ") {
		t.Errorf("one worker: articles in order %v, want %v", ids1, want)
	}
	if st1.Articles != len(want) || st1.Events != strings.Count(events1, "\n") || st1.Events == 0 {
		t.Errorf("one worker: %+v for %d articles and %d events", st1, len(want), strings.Count(events1, "\n"))
	}
	for _, workers := range []int{0, 3, 8} {
		ids, events, st, err := runAll(t, p, workers, RunOptions{}, path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(ids, " ") != strings.Join(want, " ") || events != events1 || st != st1 {
			t.Errorf("%d workers: articles %v, stats %+v and %d bytes of events; one worker gave %v, %+v, %d bytes",
				workers, ids, st, len(events), ids1, st1, len(events1))
		}
	}
}

// Bad records and unreadable inputs are reported and counted, skipped
// articles counted, and the rest coded.
func TestRunProblems(t *testing.T) {
	p := newPipeline(t)
	path := writeArticles(t,
		`{"id": "good-1", "published": "2025-02-03", "text": "Serbian police arrested two Kosovar officials on Sunday."}`,
		`{"id": "broken", "published": "2025-02-03", "text": "unterminated`,
		`{"id": "baddate", "published": "3rd of Feb", "text": "Chinese warships entered Philippine waters."}`,
		`{"id": "good-1", "published": "2025-02-03", "text": "Serbian police arrested two Kosovar officials on Sunday."}`,
		`{"id": "good-2", "published": "2025-02-04", "text": "The Philippine government condemned China on Monday."}`)
	missing := filepath.Join(t.TempDir(), "missing.jsonl")
	var problems []ingest.Problem
	var skipped []string
	opt := RunOptions{
		OnProblem: func(pr ingest.Problem) { problems = append(problems, pr) },
		Read: ingest.Options{IDs: ingest.NewIDs(), Skip: func(a event.Article, why string) {
			skipped = append(skipped, a.ID)
		}},
	}
	ids, _, st, err := runAll(t, p, 2, opt, path, missing)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, " ") != "good-1 good-2" {
		t.Errorf("coded %v, want good-1 good-2", ids)
	}
	if st.Rejected != 3 || len(problems) != 3 {
		t.Errorf("%d rejected, %d reported (%v); want 3 (two records, one missing file)", st.Rejected, len(problems), problems)
	}
	if len(problems) == 3 && problems[2].File != missing {
		t.Errorf("the last problem is %v, want the missing file", problems[2])
	}
	if st.Skipped != 1 || strings.Join(skipped, " ") != "good-1" {
		t.Errorf("%d skipped (%v), want the repeated good-1", st.Skipped, skipped)
	}
}

// An error from emit stops the results going to it and is returned; an
// ended context stops the reading and says so.
func TestRunStops(t *testing.T) {
	p := newPipeline(t)
	path := writeArticles(t,
		`{"id": "a", "published": "2025-02-03", "text": "Chile recalled its ambassador from Peru on Friday."}`,
		`{"id": "b", "published": "2025-02-03", "text": "Kenya accused Somalia of harbouring militants."}`,
		`{"id": "c", "published": "2025-02-03", "text": "Armenia rejected Azerbaijan's demands on Thursday."}`)
	full := errors.New("disk full")
	n := 0
	st, err := p.Run(context.Background(), []string{path}, RunOptions{Workers: 2}, func(r Result) error {
		n++
		return full
	})
	if !errors.Is(err, full) || n != 1 || st.Articles != 1 {
		t.Errorf("emit failing: err %v after %d calls, %+v; want %v after 1", err, n, st, full)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	st, err = p.Run(ctx, []string{path}, RunOptions{Workers: 2}, func(r Result) error { return nil })
	if !errors.Is(err, ErrInterrupted) || st.Articles != 0 {
		t.Errorf("cancelled: err %v, %+v; want ErrInterrupted and nothing coded", err, st)
	}
}
