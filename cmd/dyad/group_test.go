package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/export"
)

// groupArticles are articles naming international bodies and armed groups
// by their usual names.
const groupArticles = `{"id":"g1","published":"2024-03-05","title":"UN","text":"The United Nations condemned Israel on Monday for the strike on the camp."}
{"id":"g2","published":"2024-03-06","title":"Hamas","text":"Israeli troops fired on Hamas fighters in Khan Younis on Tuesday."}
{"id":"g3","published":"2024-03-07","title":"NATO","text":"NATO warned Russia on Wednesday over the drills."}
`

// Known groups end to end: extract gives each organisation its group
// code, and query and export select events by it with --group.
func TestKnownGroupsExtractQueryExport(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "groups.jsonl")
	if err := os.WriteFile(in, []byte(groupArticles), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := run(t, "extract", in)
	if code != exitOK {
		t.Fatalf("extract: exit %d\n%s", code, errs)
	}
	type actor struct{ Code, Group string }
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev struct {
			Article        string
			Source, Target actor
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("not JSON: %q", line)
		}
		got = append(got, ev.Article+" "+ev.Source.Code+"/"+ev.Source.Group+" "+ev.Target.Code+"/"+ev.Target.Group)
	}
	for _, want := range []string{"g1 IGO/UNO ISR/", "g2 ISRMIL/ PSEREB/HMS", "g3 IGO/NAT RUS/"} {
		if !slices.Contains(got, want) {
			t.Errorf("extract lacks %q; got %q", want, got)
		}
	}
	if strings.Contains(out, `"group":""`) {
		t.Errorf("an empty group should be left out of the JSON:\n%s", out)
	}

	db := "sqlite://" + filepath.Join(dir, "groups.db")
	if _, errs, code := run(t, "ingest", "--db", db, in); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	for _, c := range []struct {
		group    string
		articles []string
	}{{"UNO", []string{"g1"}}, {"hms", []string{"g2"}}, {"NAT", []string{"g3"}}, {"OPC", nil}} {
		out, errs, code := run(t, "query", "--db", db, "--format", "jsonl", "--group", c.group)
		if code != exitOK {
			t.Fatalf("query --group %s: exit %d\n%s", c.group, code, errs)
		}
		var arts []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var ev struct{ Article string }
			if line != "" && json.Unmarshal([]byte(line), &ev) == nil {
				arts = append(arts, ev.Article)
			}
		}
		if !slices.Equal(arts, c.articles) {
			t.Errorf("query --group %s: articles %q, want %q", c.group, arts, c.articles)
		}
	}
	out, errs, code = run(t, "export", "--db", db, "--format", "gdelt", "--group", "HMS")
	if code != exitOK {
		t.Fatalf("export --group HMS: exit %d\n%s", code, errs)
	}
	rows := strings.Split(strings.TrimSpace(out), "\n")
	i := slices.Index(export.GDELTColumns, "Actor2KnownGroupCode")
	if len(rows) != 1 || strings.Split(rows[0], "\t")[i] != "HMS" {
		t.Errorf("export --group HMS: want one row with Actor2KnownGroupCode HMS, got:\n%s", out)
	}
	for _, args := range [][]string{{"query", "--group", "UN"}, {"query", "--group", "U2O"}, {"export", "--group", "NATO"}} {
		if _, errs, code := run(t, append(args, "--db", db)...); code != exitUsage || !strings.Contains(errs, "--group") {
			t.Errorf("%v: exit %d, want %d naming --group\n%s", args, code, exitUsage, errs)
		}
	}
}
