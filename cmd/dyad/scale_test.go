package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestScale measures throughput for docs/SCALING.md: coding alone, ingest
// into SQLite and PostgreSQL in one process, and 1, 2 and 4 queue workers
// into PostgreSQL. It runs only with DYAD_SCALE=N (articles), e.g.
//
//	DYAD_SCALE=4000 go test -run TestScale -v ./cmd/dyad
func TestScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("DYAD_SCALE"))
	if n <= 0 {
		t.Skip("set DYAD_SCALE=N to measure throughput on N articles")
	}
	in := corpus(t, n)
	bin := filepath.Join(t.TempDir(), "dyad")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	timeIt := func(name string, args ...string) time.Duration {
		start := time.Now()
		cmd := exec.Command(bin, args...)
		cmd.Stdout = nil
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		d := time.Since(start)
		t.Logf("%-28s %6d articles in %7.2fs = %6.0f articles/s", name, n, d.Seconds(), float64(n)/d.Seconds())
		return d
	}
	timeIt("extract (coding only)", "extract", in)
	timeIt("ingest sqlite", "ingest", "--db", "sqlite://"+filepath.Join(t.TempDir(), "s.db"), in)
	pg, _ := services(t)
	timeIt("ingest postgres (1 process)", "ingest", "--db", pg, in)
	for _, w := range []int{1, 2, 4} {
		pg, qf := services(t)
		pubStart := time.Now()
		if _, errs, code := run(t, append(append([]string{"ingest"}, qf.args()...), in)...); code != exitOK {
			t.Fatalf("publish: %s", errs)
		}
		if w == 1 {
			d := time.Since(pubStart)
			t.Logf("%-28s %6d articles in %7.2fs = %6.0f articles/s", "ingest --queue (publish)", n, d.Seconds(), float64(n)/d.Seconds())
		}
		s, err := openStore(context.Background(), pg)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		start := time.Now()
		var wg sync.WaitGroup
		for i := 0; i < w; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				args := append([]string{"worker", "--db", pg, "--drain", "--workers", fmt.Sprint(max(1, 2/w))}, qf.args()...)
				if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
					t.Errorf("worker: %v\n%s", err, out)
				}
			}()
		}
		wg.Wait()
		d := time.Since(start)
		t.Logf("%-28s %6d articles in %7.2fs = %6.0f articles/s", fmt.Sprintf("%d worker(s) -> postgres", w), n, d.Seconds(), float64(n)/d.Seconds())
	}
}
