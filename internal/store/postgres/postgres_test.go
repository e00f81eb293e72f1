package postgres

import (
	"context"
	"sync"
	"testing"

	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/storetest"
)

func open(t *testing.T) store.Store {
	t.Helper()
	u, drop, err := TempDatabase(context.Background())
	if err != nil {
		t.Skipf("skipping PostgreSQL test: %v (set DYAD_TEST_POSTGRES to a server URL)", err)
	}
	t.Cleanup(drop)
	s, err := Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

// TestConcurrentWriters puts the same articles from several goroutines at
// once: no deadlock, no duplicate rows.
func TestConcurrentWriters(t *testing.T) {
	s := open(t)
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				storetest.Put(t, s)
			}
		}()
	}
	wg.Wait()
	st, err := s.Stats(context.Background())
	if err != nil || st.Articles != 3 || st.Events != 4 {
		t.Errorf("stats = %+v, %v", st, err)
	}
}

func BenchmarkPutArticle(b *testing.B) {
	u, drop, err := TempDatabase(context.Background())
	if err != nil {
		b.Skipf("skipping PostgreSQL benchmark: %v", err)
	}
	defer drop()
	s, err := Open(context.Background(), u)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.Bench(b, s)
}

func BenchmarkPutArticles64(b *testing.B) {
	u, drop, err := TempDatabase(context.Background())
	if err != nil {
		b.Skipf("skipping PostgreSQL benchmark: %v", err)
	}
	defer drop()
	s, err := Open(context.Background(), u)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.BenchBatch(b, s, 64)
}
