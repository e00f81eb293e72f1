package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/store"
)

// A --db URL's scheme picks the store: a bare path and "" are SQLite,
// "postgresql" is "postgres", and anything else is an error naming it.
func TestStoreScheme(t *testing.T) {
	for _, tc := range []struct{ url, scheme, u string }{
		{"", "sqlite", store.DefaultURL},
		{"news.db", "sqlite", "news.db"},
		{"sqlite:///tmp/x.db?mode=ro", "sqlite", "sqlite:///tmp/x.db?mode=ro"},
		{"postgres://u@h/db", "postgres", "postgres://u@h/db"},
		{"postgresql://u@h/db", "postgres", "postgresql://u@h/db"},
		{"mysql://x", "mysql", "mysql://x"},
	} {
		if scheme, u := storeScheme(tc.url); scheme != tc.scheme || u != tc.u {
			t.Errorf("storeScheme(%q) = %q, %q; want %q, %q", tc.url, scheme, u, tc.scheme, tc.u)
		}
	}
	if _, err := openStore(context.Background(), "mysql://x"); err == nil || !strings.Contains(err.Error(), `"mysql"`) {
		t.Errorf("mysql://: err %v, want one naming the scheme", err)
	}
}

// openStore creates a SQLite file from a bare path; openExisting then
// reads it, and refuses a file that is not there without creating it.
func TestOpenStoreSQLite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	if _, err := openExisting(ctx, path); err == nil || !strings.Contains(err.Error(), "no database at "+path) {
		t.Errorf("reading a database that is not there: err %v, want one naming it", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("openExisting created the file it did not find")
	}
	s, err := openStore(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = openExisting(ctx, "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st, err := s.Stats(ctx); err != nil || st.Driver != "sqlite" {
		t.Errorf("stats = %+v, %v", st, err)
	}
}
