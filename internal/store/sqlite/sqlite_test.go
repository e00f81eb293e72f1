package sqlite

import (
	"context"
	"path/filepath"
	"testing"

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

func TestOpenRegisteredAndReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "x.db")
	s, err := store.Open(ctx, "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Put(t, s)
	s.Close()
	s, err = store.Open(ctx, path) // a bare path is SQLite; migrations are not re-run
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil || st.Events != 4 || st.SchemaVersion != 2 || st.Driver != "sqlite" {
		t.Errorf("reopened stats = %+v, %v", st, err)
	}
	if _, err := store.Open(ctx, "mysql://x"); err == nil {
		t.Error("mysql: no error")
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
