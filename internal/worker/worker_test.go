package worker

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/data"
	placesdata "github.com/dyad-events/dyad/data/places"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/queue"

	"github.com/dyad-events/dyad/internal/store/sqlite"
)

// testData is the embedded data, loaded once per test binary.
var testData = pipeline.NewData(pipeline.Files{Data: data.FS, Gazetteer: placesdata.FS})

// openQueue opens a fresh stream on the local NATS JetStream server, or
// skips the test when there is none.
func openQueue(t *testing.T) *queue.Queue {
	t.Helper()
	url := os.Getenv("DYAD_TEST_NATS")
	if url == "" {
		url = "nats://127.0.0.1:4222"
	}
	b := make([]byte, 4)
	rand.Read(b)
	suffix := hex.EncodeToString(b)
	q, err := queue.Open(context.Background(), url, queue.Options{
		Stream: "DYADWORKERTEST_" + suffix, Subject: "dyadworkertest." + suffix, Consumer: "workers", AckWait: 5 * time.Second})
	if err != nil {
		t.Skipf("skipping: no NATS JetStream server: %v (set DYAD_TEST_NATS)", err)
	}
	t.Cleanup(func() { q.DeleteStream(context.Background()); q.Close() })
	return q
}

// Queued articles are coded, stored and acknowledged: the store holds what
// coding them directly gives, and a drained queue ends a draining run.
func TestRunDrains(t *testing.T) {
	ctx := context.Background()
	q := openQueue(t)
	p, err := pipeline.New(testData, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	acts := []string{
		"Chile recalled its ambassador from Peru on Friday.",
		"Kenya accused Somalia of harbouring militants on Monday.",
		"Armenia rejected Azerbaijan's demands on Thursday.",
		"India praised Bangladesh for its help after the floods.",
		"Egypt and Sudan signed a water agreement in Cairo on Tuesday.",
	}
	pub := q.Publisher()
	wantEvents := 0
	for i, text := range acts {
		published, _ := ingest.ParsePublished("2025-02-03")
		a := event.Article{ID: fmt.Sprintf("w%d", i), Published: published, Text: text}
		wantEvents += len(p.Code(a).Events)
		if err := pub.Publish(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := pub.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if wantEvents == 0 {
		t.Fatal("the test articles give no events; the test shows nothing")
	}
	c, err := q.Consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var logged []string
	st, err := Run(ctx, c, p, s, Options{Batch: 2, Workers: 2, Drain: true, Log: func(m string) { logged = append(logged, m) }})
	if err != nil {
		t.Fatal(err)
	}
	if st.Stored != int64(len(acts)) || st.Events != int64(wantEvents) || st.Failed != 0 || st.Redelivered != 0 {
		t.Errorf("stats %+v, want %d stored with %d events, none failed\nlog:\n%s", st, len(acts), wantEvents, strings.Join(logged, "\n"))
	}
	got, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Articles != len(acts) || got.Events != wantEvents {
		t.Errorf("store holds %d articles and %d events, want %d and %d", got.Articles, got.Events, len(acts), wantEvents)
	}

	// Everything was acknowledged: a second draining run finds nothing.
	st, err = Run(ctx, c, p, s, Options{Drain: true})
	if err != nil || st != (Stats{}) {
		t.Errorf("second run: %+v, %v; want nothing to do", st, err)
	}
}

// A run without Drain goes on until its context ends, and then returns
// without error.
func TestRunUntilCancelled(t *testing.T) {
	q := openQueue(t)
	p, err := pipeline.New(testData, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := sqlite.Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := q.Consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	st, err := Run(ctx, c, p, s, Options{})
	if err != nil || st != (Stats{}) {
		t.Errorf("got %+v, %v; want an empty run that ends with its context", st, err)
	}
}
