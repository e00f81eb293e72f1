package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/recode"
)

// extractByID codes a file with extra flags and returns its events by id.
func extractByID(t *testing.T, in string, flags ...string) map[string]event.Event {
	t.Helper()
	out, errs, code := run(t, append(append([]string{"extract"}, flags...), in)...)
	if code != exitOK {
		t.Fatalf("extract %v: exit %d: %s", flags, code, errs)
	}
	evs := map[string]event.Event{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var e event.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("extract: not an event: %q", line)
		}
		if _, dup := evs[e.ID]; dup {
			t.Fatalf("extract: id %s given twice", e.ID)
		}
		evs[e.ID] = e
	}
	return evs
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Event ids are stable across runs; re-coding with an unchanged coder
// reports nothing; after a dictionary edit it reports exactly the events
// that extract codes differently, stores the new coding and keeps the old
// one readable under its version.
func TestRecode(t *testing.T) {
	dir := t.TempDir()
	in := corpus(t, 30)
	db := "sqlite://" + filepath.Join(dir, "dyad.db")
	// A user's edit: meetings read as mediation, denials as rejections.
	verbs := filepath.Join(dir, "edit.tsv")
	if err := os.WriteFile(verbs, []byte("043\tverb\tmeet\n120\tverb\tdeny\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	before := extractByID(t, in)
	again := extractByID(t, in)
	if len(before) == 0 || len(before) != len(again) {
		t.Fatalf("extract twice: %d and %d events", len(before), len(again))
	}
	for id := range before {
		if _, ok := again[id]; !ok {
			t.Fatalf("event id %s of the first run is not in the second", id)
		}
	}
	after := extractByID(t, in, "--verbs", verbs)

	if _, errs, code := run(t, "ingest", "--db", db, in); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	stored := allEvents(t, db)
	out, errs, code := run(t, "recode", "--db", db)
	if code != exitOK || !strings.Contains(out, "no change: all "+strconv.Itoa(len(before))+" events coded as before") {
		t.Fatalf("recode with the same coder: exit %d, stdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	sameEvents(t, "after a re-code with the same coder", allEvents(t, db), stored)

	// What extract says the edit changes.
	wantGone, wantNew, wantChanged := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for id, e := range before {
		n, ok := after[id]
		if !ok {
			wantGone[id] = true
			continue
		}
		e.Coder, n.Coder = "", ""
		a, _ := json.Marshal(e)
		b, _ := json.Marshal(n)
		if string(a) != string(b) {
			wantChanged[id] = true
		}
	}
	for id := range after {
		if _, ok := before[id]; !ok {
			wantNew[id] = true
		}
	}
	if len(wantGone) == 0 || len(wantNew) == 0 {
		t.Fatalf("the edit changes nothing extract shows (%d gone, %d new): the test needs another edit", len(wantGone), len(wantNew))
	}

	for _, dry := range []bool{true, false} {
		args := []string{"recode", "--db", db, "--verbs", verbs, "--json"}
		if dry {
			args = append(args, "--dry-run")
		}
		out, errs, code = run(t, args...)
		if code != exitOK {
			t.Fatalf("recode %v: exit %d: %s", args, code, errs)
		}
		var rep recode.Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("recode --json: %v:\n%s", err, out)
		}
		gone, added, changed := map[string]bool{}, map[string]bool{}, map[string]bool{}
		for _, c := range rep.Changes {
			switch c.Kind {
			case recode.Removed:
				gone[c.Old.ID] = true
			case recode.Added:
				added[c.New.ID] = true
			case recode.Recoded:
				gone[c.Old.ID], added[c.New.ID] = true, true
				if c.Old.CAMEO == c.New.CAMEO || c.Old.Evidence.Start != c.New.Evidence.Start {
					t.Errorf("re-coded %s -> %s: not the same sentence under another code", c.Old.ID, c.New.ID)
				}
			case recode.Changed:
				changed[c.New.ID] = true
			}
		}
		if strings.Join(keys(gone), " ") != strings.Join(keys(wantGone), " ") ||
			strings.Join(keys(added), " ") != strings.Join(keys(wantNew), " ") ||
			strings.Join(keys(changed), " ") != strings.Join(keys(wantChanged), " ") {
			t.Errorf("dry run %v: report removes %d, adds %d, changes %d events; extract says %d, %d, %d",
				dry, len(gone), len(added), len(changed), len(wantGone), len(wantNew), len(wantChanged))
		}
		if rep.Recoded == 0 || rep.Unchanged+rep.Removed+rep.Recoded+rep.Changed != len(before) || rep.Articles != 30 {
			t.Errorf("report counts: %+v", rep)
		}
		if dry {
			sameEvents(t, "after a dry run", allEvents(t, db), stored)
		}
	}
	// The stored events are now the edited coder's; the old coding stays
	// readable under its version.
	var oldCoder string
	for _, e := range before {
		oldCoder = e.Coder
		break
	}
	for _, c := range []struct {
		args []string
		want map[string]event.Event
	}{{nil, after}, {[]string{"--coder", oldCoder}, before}} {
		out, errs, code := run(t, append([]string{"query", "--db", db, "--format", "jsonl", "--limit", "0"}, c.args...)...)
		if code != exitOK {
			t.Fatalf("query %v: exit %d: %s", c.args, code, errs)
		}
		n := 0
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var e event.Event
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatalf("query: %q", line)
			}
			if _, ok := c.want[e.ID]; !ok {
				t.Errorf("query %v: event %s %s is not one extract coded", c.args, e.ID, e.CAMEO)
			}
			n++
		}
		if n != len(c.want) {
			t.Errorf("query %v: %d events, want %d", c.args, n, len(c.want))
		}
	}
	out, _, _ = run(t, "recode", "--db", db, "--verbs", verbs)
	if !strings.Contains(out, "no change") {
		t.Errorf("a second re-code with the edit changed something:\n%s", out)
	}
}
