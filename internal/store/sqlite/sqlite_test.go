package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), "sqlite://"+filepath.Join(t.TempDir(), "dyad.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestOpenAndReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := Open(ctx, "sqlite://"+filepath.Join(dir, "typo", "x.db")); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("a database in a missing folder: err %v, want one saying the folder does not exist", err)
	}
	path := filepath.Join(dir, "x.db")
	if _, err := OpenExisting(ctx, path); err == nil || !strings.Contains(err.Error(), "no database at "+path) {
		t.Errorf("reading a database that is not there: err %v, want one naming it", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("OpenExisting created the file it did not find")
	}
	s, err := Open(ctx, "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Put(t, s)
	s.Close()
	s, err = OpenExisting(ctx, path) // a bare path is SQLite; migrations are not re-run
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil || st.Events != 4 || st.SchemaVersion != 7 || st.Driver != "sqlite" {
		t.Errorf("reopened stats = %+v, %v", st, err)
	}
}

// A database on a read-only mount is read with "?mode=ro": queries work,
// writes fail, and nothing is created beside the file.
func TestReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "x.db")
	s, err := Open(ctx, "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Put(t, s)
	s.Close()
	for _, side := range []string{"-wal", "-shm"} {
		os.Remove(path + side)
	}
	ro, err := Open(ctx, "sqlite://"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if st, err := ro.Stats(ctx); err != nil || st.Events != 4 {
		t.Errorf("read-only stats = %+v, %v", st, err)
	}
	if a, evs := storetest.BenchArticle(1); ro.PutArticle(ctx, a, evs) == nil {
		t.Error("a write to a read-only database succeeded")
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("reading made %s", filepath.Base(path+side))
		}
	}
	if _, err := Open(ctx, "sqlite://"+filepath.Join(dir, "none.db")+"?mode=ro"); err == nil {
		t.Error("a missing file opened read-only")
	}
}

func BenchmarkPutArticle(b *testing.B) {
	s, err := Open(context.Background(), "sqlite://"+filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.Bench(b, s)
}

func BenchmarkPutArticles64(b *testing.B) {
	s, err := Open(context.Background(), "sqlite://"+filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.BenchBatch(b, s, 64)
}

// openOld writes a database at an older schema version (the first n
// migrations), runs the rows in, and opens it as dyad does, migrating it.
func openOld(t *testing.T, n int, inserts []string) store.Store {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	old := *Dialect
	old.Migrations = migrations[:n]
	if err := (&store.DB{SQL: db, D: &old}).Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range inserts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := Open(ctx, "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestMigrateFromVersion2 opens a database written before coder versions
// were stored: the events keep the version their JSON carried.
func TestMigrateFromVersion2(t *testing.T) {
	ctx := context.Background()
	s := openOld(t, 2, []string{
		`INSERT INTO articles (id, published, hash, text, n_events, coded_at) VALUES ('a1', '2024-01-20', 'h1', 'Iran condemned Pakistan.', 1, 0)`,
		`INSERT INTO events VALUES ('e1', 'a1', '2024-01-20', 'day', 'IRN', 'IRN', '', 'PAK', 'PAK', '', '111', '11', 3, -2, 'X', '', '', '', '', NULL, NULL, NULL, NULL, 0, 0, 0.9, 0, 24, 0,
			'{"id":"e1","article":"a1","date":"2024-01-20","cameo":"111","coder":"abc+123"}')`,
	})
	cs, err := s.Coders(ctx)
	if err != nil || len(cs) != 1 || cs[0] != (store.CoderCount{Coder: "abc+123", Current: 1, Articles: 1}) {
		t.Errorf("coders after migration = %+v, %v", cs, err)
	}
	evs, _, err := s.Events(ctx, store.Filter{Coder: "abc+123"})
	if err != nil || len(evs) != 1 {
		t.Errorf("events of the old version = %d, %v", len(evs), err)
	}
}

// TestMigrateFromVersion6 opens a database written before known-group
// codes had columns: the events' groups are read from their JSON, and the
// group filter finds them.
func TestMigrateFromVersion6(t *testing.T) {
	ctx := context.Background()
	s := openOld(t, 6, []string{
		`INSERT INTO articles (id, published, hash, text, n_events, coded_at) VALUES ('a1', '2024-01-20', 'h1', 'The United Nations condemned Israel. Israel condemned Hamas.', 2, 0)`,
		`INSERT INTO events (id, article_id, date, date_precision, source_code, source_country, source_agent, target_code, target_country, target_agent,
			cameo, root, quad, goldstein, plover_type, plover_mode, place_name_lc, place_admin1_lc, place_country, negated, claim, confidence,
			evidence_start, evidence_end, sentence_idx, doc) VALUES
			('e1', 'a1', '2024-01-20', 'day', 'IGO', '', 'IGO', 'ISR', 'ISR', '', '111', '11', 3, -2, 'X', '', '', '', '', 0, 0, 0.9, 0, 35, 0,
			'{"id":"e1","article":"a1","date":"2024-01-20","source":{"text":"United Nations","country":"","agent":"IGO","code":"IGO","group":"UNO"},"target":{"text":"Israel","country":"ISR","agent":"","code":"ISR"},"cameo":"111"}'),
			('e2', 'a1', '2024-01-20', 'day', 'ISR', 'ISR', '', 'PSEREB', 'PSE', 'REB', '111', '11', 3, -2, 'X', '', '', '', '', 0, 0, 0.9, 36, 60, 1,
			'{"id":"e2","article":"a1","date":"2024-01-20","source":{"text":"Israel","country":"ISR","agent":"","code":"ISR"},"target":{"text":"Hamas","country":"PSE","agent":"REB","code":"PSEREB","group":"HMS"},"cameo":"111"}')`,
	})
	for _, c := range []struct {
		group, want string
	}{{"UNO", "e1"}, {"HMS", "e2"}, {"NAT", ""}} {
		evs, _, err := s.Events(ctx, store.Filter{Group: c.group})
		var got []string
		for _, e := range evs {
			got = append(got, e.ID)
		}
		if err != nil || strings.Join(got, " ") != c.want {
			t.Errorf("group %s after migration: %v, %v; want %q", c.group, got, err, c.want)
		}
	}
}

// Every event filter the API offers is served by an index: no plan scans
// the whole events table.
func TestEventQueriesUseIndexes(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.Put(t, s)
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	_, cursor, err := s.Events(ctx, store.Filter{Limit: 1})
	if err != nil || cursor == "" {
		t.Fatalf("first page: cursor %q, %v", cursor, err)
	}
	for _, c := range []struct {
		name string
		f    store.Filter
	}{
		{"date range", store.Filter{Start: day(18), End: day(19)}},
		{"deep cursor", store.Filter{Cursor: cursor}},
		{"actor", store.Filter{Actor: "IRNGOV"}},
		{"country", store.Filter{Actor: "IRN"}},
		{"dyad", store.Filter{Dyad: [2]string{"IRN", "PAK"}}},
		{"root", store.Filter{Root: "19"}},
		{"code", store.Filter{Code: "195"}},
		{"place", store.Filter{Place: "saravan"}},
		{"text", store.Filter{Text: "ambassador"}},
		{"bbox", store.Filter{BBox: &[4]float64{60, 25, 65, 30}}},
		{"group", store.Filter{Group: "UNO"}},
	} {
		plan, err := s.ExplainEvents(ctx, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, line := range strings.Split(plan, "\n") {
			if l := strings.TrimSpace(line); l == "SCAN e" || strings.HasPrefix(l, "SCAN e ") {
				t.Errorf("%s: the plan scans every event:\n%s", c.name, plan)
			}
		}
	}
}
