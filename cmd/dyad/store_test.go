package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/queue"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/postgres"
)

// corpus writes n articles made from sentences written for these tests
// (varied actors, acts and dates) to a JSONL file and returns its path.
func corpus(t testing.TB, n int) string {
	t.Helper()
	type country struct{ name, adj, city string }
	cs := []country{{"Armenia", "Armenian", "Yerevan"}, {"Azerbaijan", "Azerbaijani", "Baku"}, {"Iran", "Iranian", "Tehran"},
		{"Pakistan", "Pakistani", "Islamabad"}, {"India", "Indian", "New Delhi"}, {"Egypt", "Egyptian", "Cairo"},
		{"Kenya", "Kenyan", "Nairobi"}, {"Sudan", "Sudanese", "Khartoum"}, {"Chad", "Chadian", "N'Djamena"}, {"Turkey", "Turkish", "Ankara"}}
	sents := []string{
		"{A} troops shelled {b} positions near the border on Monday, killing {n} soldiers.",
		"{A} condemned the attack and summoned the {b} ambassador.",
		"The foreign ministers of {A} and {B} met in {c} on Wednesday to discuss the crisis.",
		"{A} accused {B} of violating the ceasefire.",
		"{A} recalled its ambassador from {B} for consultations.",
		"Thousands of protesters marched through {c} on Saturday.",
		"{A} pledged humanitarian aid to {B} after the floods.",
		"{A} denied opening fire first and blamed {b} forces.",
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		a, c := cs[i%len(cs)], cs[(i*7+3)%len(cs)]
		if a == c {
			c = cs[(i+1)%len(cs)]
		}
		var text []string
		for k := 0; k < 3+i%3; k++ {
			s := sents[(i*3+k*5)%len(sents)]
			s = strings.NewReplacer("{A}", a.name, "{B}", c.name, "{a}", a.adj, "{b}", c.adj, "{c}", a.city,
				"{n}", fmt.Sprint(2+i%9)).Replace(s)
			text = append(text, s)
		}
		pub := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%200)
		rec, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("t%05d", i), "url": fmt.Sprintf("https://example.org/%d", i),
			"published": pub.Format("2006-01-02"), "title": fmt.Sprintf("Story %d", i), "text": strings.Join(text, " ")})
		b.Write(rec)
		b.WriteByte('\n')
	}
	p := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// allEvents reads every stored event, as "id json" lines, sorted.
func allEvents(t testing.TB, url string) []string {
	t.Helper()
	s, err := openStore(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out []string
	f := store.Filter{Limit: store.MaxLimit}
	for {
		evs, next, err := s.Events(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			b, _ := json.Marshal(e.Event)
			out = append(out, e.ID+" "+string(b))
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	sort.Strings(out)
	return out
}

func sameEvents(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d events, want %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: event %d differs:\n got %s\nwant %s", what, i, got[i], want[i])
		}
	}
}

func TestIngestQuerySQLite(t *testing.T) {
	in := corpus(t, 60)
	db := "sqlite://" + filepath.Join(t.TempDir(), "dyad.db")
	_, errs, code := run(t, "ingest", "--db", db, in)
	if code != exitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	first := allEvents(t, db)
	if len(first) == 0 {
		t.Fatalf("only %d events from 60 articles", len(first))
	}
	// Extract codes the same events (ids aside).
	out, _, _ := run(t, "extract", in)
	if n := strings.Count(out, "\n"); n != len(first) {
		t.Errorf("extract gave %d events, the store holds %d", n, len(first))
	}
	// Re-ingesting leaves one copy, and says so.
	if _, errs, code := run(t, "ingest", "--db", db, in); code != exitOK || !strings.Contains(errs, "60 already stored, unchanged") {
		t.Fatalf("re-ingest: exit %d\n%s", code, errs)
	}
	sameEvents(t, "after re-ingest", allEvents(t, db), first)
	// The same texts under other ids are duplicates: nothing is stored, and
	// the summary does not claim otherwise.
	raw, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	copies := filepath.Join(t.TempDir(), "copies.jsonl")
	if err := os.WriteFile(copies, []byte(strings.ReplaceAll(string(raw), `"id":"`, `"id":"copy-`)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := run(t, "ingest", "--db", db, copies); code != exitOK ||
		!strings.Contains(errs, "60 duplicates of stored articles (events not stored); 0 events stored") {
		t.Fatalf("ingest of copies: exit %d\n%s", code, errs)
	}
	sameEvents(t, "after the copies", allEvents(t, db), first)

	out, errs, code = run(t, "query", "--db", db, "--format", "jsonl", "--limit", "0")
	if code != exitOK || strings.Count(out, "\n") != len(first) {
		t.Fatalf("query jsonl: exit %d, %d lines, want %d\n%s", code, strings.Count(out, "\n"), len(first), errs)
	}
	out, _, code = run(t, "query", "--db", db, "--dyad", "IRN,PAK", "--limit", "5")
	if code != exitOK || !strings.Contains(out, "DATE") || !strings.Contains(out, "events)") {
		t.Errorf("query table: exit %d\n%s", code, out)
	}
	for _, row := range strings.Split(out, "\n")[1:] {
		if strings.HasPrefix(row, "20") && !(strings.Contains(row, "IRN") && strings.Contains(row, "PAK")) {
			t.Errorf("--dyad IRN,PAK printed %q", row)
		}
	}
	for _, bad := range [][]string{{"--quad", "9"}, {"--bbox", "1,2"}, {"--start", "yesterday"}, {"--format", "xml"}, {"--code", "1x"}} {
		if _, _, code := run(t, append([]string{"query", "--db", db}, bad...)...); code != exitUsage {
			t.Errorf("query %v: exit %d, want %d", bad, code, exitUsage)
		}
	}
}

// services gives a fresh PostgreSQL database and a unique stream on the
// local NATS server, or skips the test when either is absent.
func services(t *testing.T) (pgURL string, qf queueFlags) {
	t.Helper()
	natsURL := os.Getenv("DYAD_TEST_NATS")
	if natsURL == "" {
		natsURL = "nats://127.0.0.1:4222"
	}
	b := make([]byte, 4)
	rand.Read(b)
	suffix := hex.EncodeToString(b)
	qf = queueFlags{url: natsURL, stream: "DYADTEST_" + suffix, subject: "dyadtest." + suffix, consumer: "workers", ackWait: 2 * time.Second}
	ctx := context.Background()
	q, err := queue.Open(ctx, natsURL, qf.options())
	if err != nil {
		t.Skipf("skipping: no NATS JetStream server: %v (set DYAD_TEST_NATS)", err)
	}
	t.Cleanup(func() { q.DeleteStream(context.Background()); q.Close() })
	u, drop, err := postgres.TempDatabase(ctx)
	if err != nil {
		t.Skipf("skipping: %v (set DYAD_TEST_POSTGRES)", err)
	}
	t.Cleanup(drop)
	return u, qf
}

func (q queueFlags) args() []string {
	return []string{"--queue", q.url, "--stream", q.stream, "--subject", q.subject, "--consumer", q.consumer, "--ack-wait", q.ackWait.String()}
}

// The same corpus coded in one process into SQLite and by two queue
// workers into PostgreSQL gives the same events; publishing it twice
// queues it once.
func TestWorkersIntoPostgresMatchSQLite(t *testing.T) {
	pg, qf := services(t)
	in := corpus(t, 80)
	lite := "sqlite://" + filepath.Join(t.TempDir(), "dyad.db")
	if _, errs, code := run(t, "ingest", "--db", lite, in); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	for i, want := range []string{"published 80 articles", "published 0 articles"} {
		_, errs, code := run(t, append(append([]string{"ingest"}, qf.args()...), in)...)
		if code != exitOK || !strings.Contains(errs, want) {
			t.Fatalf("publish %d: exit %d, want %q in\n%s", i+1, code, want, errs)
		}
	}
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs, code := run(t, append([]string{"worker", "--db", pg, "--drain", "--batch", "8", "--workers", "2"}, qf.args()...)...)
			if code != exitOK {
				t.Errorf("worker: exit %d\n%s", code, errs)
			}
		}()
	}
	wg.Wait()
	sameEvents(t, "postgres via workers vs sqlite", allEvents(t, pg), allEvents(t, lite))
}

// A worker killed (SIGKILL) in the middle of the stream loses nothing and
// duplicates nothing: a second worker gets what the first had not acked,
// and every article ends up stored exactly once.
func TestWorkerKilledMidStream(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the dyad binary")
	}
	pg, qf := services(t)
	const n = 500
	in := corpus(t, n)
	bin := filepath.Join(t.TempDir(), "dyad")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	lite := "sqlite://" + filepath.Join(t.TempDir(), "dyad.db")
	if out, err := exec.Command(bin, "ingest", "--db", lite, in).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	if _, errs, code := run(t, append(append([]string{"ingest"}, qf.args()...), in)...); code != exitOK {
		t.Fatalf("publish: exit %d\n%s", code, errs)
	}
	ctx := context.Background()
	s, err := openStore(ctx, pg) // migrates before the workers start
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	workerArgs := append([]string{"worker", "--db", pg, "--batch", "16", "--workers", "2"}, qf.args()...)
	first := exec.Command(bin, workerArgs...)
	var firstErr strings.Builder
	first.Stderr = &firstErr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	stored := 0
	for time.Now().Before(deadline) {
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if stored = st.Articles; stored >= 100 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	first.Process.Kill() // SIGKILL: no clean-up, unacked messages stay with the server
	first.Wait()
	t.Logf("killed the first worker after %d of %d articles were stored", stored, n)
	if stored == 0 || stored >= n {
		t.Fatalf("the first worker stored %d articles before the kill; want some, not all\n%s", stored, firstErr.String())
	}
	second := exec.Command(bin, append(workerArgs, "--drain")...)
	out, err := second.CombinedOutput()
	if err != nil {
		t.Fatalf("second worker: %v\n%s", err, out)
	}
	t.Logf("second worker: %s", strings.TrimSpace(string(out)))
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != n {
		t.Errorf("%d articles stored, want %d", st.Articles, n)
	}
	sameEvents(t, "after the kill", allEvents(t, pg), allEvents(t, lite))
}

// languageCorpus writes three articles: one in English, one in French and
// one whose record names its language, and returns its path and each
// article's language as it should be stored.
func languageCorpus(t *testing.T) (string, map[string]string) {
	t.Helper()
	recs := []map[string]string{
		{"id": "lang-en", "published": "2024-05-02", "title": "Talks resume",
			"text": "The foreign ministers of Kenya and Sudan met in Nairobi on Tuesday and agreed to resume talks on the disputed border next month."},
		{"id": "lang-fr", "published": "2024-05-02", "title": "Reprise des pourparlers",
			"text": "Les ministres des affaires étrangères du Kenya et du Soudan se sont rencontrés mardi à Nairobi et ont convenu de reprendre les pourparlers sur la frontière le mois prochain."},
		{"id": "lang-given", "published": "2024-05-02", "language": "de",
			"text": "The foreign ministers of Chad and Egypt met in Cairo on Wednesday and agreed to open a new border crossing before the end of the year."},
	}
	var b strings.Builder
	for _, r := range recs {
		line, _ := json.Marshal(r)
		b.Write(line)
		b.WriteByte('\n')
	}
	p := filepath.Join(t.TempDir(), "languages.jsonl")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p, map[string]string{"lang-en": "en", "lang-fr": "fr", "lang-given": "de"}
}

// storedLanguages checks that each article in the store at url has the
// language want gives it.
func storedLanguages(t *testing.T, url string, want map[string]string) {
	t.Helper()
	s, err := openStore(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for id, lang := range want {
		a, err := s.Article(context.Background(), id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if a.Language != lang {
			t.Errorf("%s: stored language %q, want %q", id, a.Language, lang)
		}
	}
}

// dyad ingest stores each article's language as detected (or as its
// record says): coding in one process, and through the queue and a worker.
func TestIngestStoresLanguage(t *testing.T) {
	in, want := languageCorpus(t)
	lite := "sqlite://" + filepath.Join(t.TempDir(), "dyad.db")
	if _, errs, code := run(t, "ingest", "--all-languages", "--db", lite, in); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	storedLanguages(t, lite, want)

	t.Run("queue", func(t *testing.T) {
		pg, qf := services(t)
		if _, errs, code := run(t, append(append([]string{"ingest", "--all-languages"}, qf.args()...), in)...); code != exitOK {
			t.Fatalf("publish: exit %d\n%s", code, errs)
		}
		if _, errs, code := run(t, append([]string{"worker", "--db", pg, "--drain"}, qf.args()...)...); code != exitOK {
			t.Fatalf("worker: exit %d\n%s", code, errs)
		}
		storedLanguages(t, pg, want)
	})
}
