package watch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad/data"
	placesdata "github.com/dyad-events/dyad/data/places"
	"github.com/dyad-events/dyad/internal/dedup"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/sqlite"
)

// testData is the embedded data, loaded once per test binary.
var testData = pipeline.NewData(pipeline.Files{Data: data.FS, Gazetteer: placesdata.FS})

// Stories written for these tests.
var stories = map[string]string{
	"/news/border.html": "Azerbaijani troops shelled Armenian positions near the border village of Sotk on Monday, the Armenian defence ministry said. " +
		"Yerevan condemned the shelling and summoned the Azerbaijani ambassador on Tuesday. Baku denied opening fire first.",
	// The same wire story on another site, with one word changed.
	"/news/border-copy.html": "Azerbaijani troops shelled Armenian positions near the border village of Sotk on Monday, the Armenian defence ministry reported. " +
		"Yerevan condemned the shelling and summoned the Azerbaijani ambassador on Tuesday. Baku denied opening fire first.",
	"/news/talks.html": "The foreign ministers of Kenya and Ethiopia met in Nairobi on Wednesday to discuss the dispute over grazing land. " +
		"Kenya pledged to send a delegation to Addis Ababa next week, officials said.",
	"/news/flaky.html": "Egypt accused Sudan of harbouring armed groups near the border on Thursday. " +
		"Cairo recalled its ambassador from Khartoum for consultations, the foreign ministry said.",
	"/news/later.html": "Indian police arrested twelve protesters in New Delhi on Friday after clashes near parliament. " +
		"Pakistan criticised the arrests in a statement on Saturday.",
	"/private/memo.html": "Turkey threatened to close its airspace to Greek flights on Monday, the memo said.",
	"/news/slow.html":    "Chad and Niger signed a security agreement in N'Djamena on Sunday.",
}

func page(title, text string) string {
	return `<!doctype html><html lang="en"><head><title>` + title + `</title>
<meta property="article:published_time" content="2025-03-12T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>` + title + `</h1><p>` + strings.ReplaceAll(text, ". ", ".</p><p>") + `</p></article>
<footer>Share on social media</footer></body></html>`
}

// site is a news site with two feeds; its feed and pages change as the
// test goes on.
type site struct {
	mu          sync.Mutex
	items       []string       // paths the feed lists
	version     int            // the feed's version, its ETag
	flakyFails  int            // answers of 500 left for the flaky page
	requests    map[string]int // per path
	conditional int            // feed requests with If-None-Match
	slow        time.Duration
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests[r.URL.Path]++
	items, version := append([]string(nil), s.items...), s.version
	flaky := false
	if r.URL.Path == "/news/flaky.html" && s.flakyFails > 0 {
		s.flakyFails--
		flaky = true
	}
	if r.URL.Path == "/feed.xml" && r.Header.Get("If-None-Match") != "" {
		s.conditional++
	}
	slow := s.slow
	s.mu.Unlock()
	switch p := r.URL.Path; {
	case p == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n")
	case p == "/feed.xml":
		etag := fmt.Sprintf(`"v%d"`, version)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>`)
		for _, it := range items {
			fmt.Fprintf(w, "<item><title>%s</title><link>%s</link><pubDate>Wed, 12 Mar 2025 08:00:00 GMT</pubDate></item>", it, it)
		}
		fmt.Fprint(w, `</channel></rss>`)
	case p == "/broken-feed.xml":
		http.Error(w, "database down", http.StatusInternalServerError)
	case flaky:
		http.Error(w, "try later", http.StatusInternalServerError)
	case p == "/news/slow.html":
		select {
		case <-time.After(slow):
		case <-r.Context().Done():
			return
		}
		fmt.Fprint(w, page("Security pact", stories[p]))
	case stories[p] != "":
		fmt.Fprint(w, page("Story", stories[p]))
	default:
		http.NotFound(w, r)
	}
}

func newStore(t *testing.T, dir string) store.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), "sqlite://"+filepath.Join(dir, "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var testPipeline = sync.OnceValues(func() (*pipeline.Pipeline, error) { return pipeline.New(testData, pipeline.Options{}) })

func newWatcher(t *testing.T, s store.Store, log *[]string) *Watcher {
	t.Helper()
	p, err := testPipeline()
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	return New(s, p, Options{
		Client:    &http.Client{Timeout: 300 * time.Millisecond},
		HostDelay: time.Millisecond,
		Dedup:     dedup.New(dedup.DefaultThreshold),
		Log: func(m string) {
			mu.Lock()
			*log = append(*log, m)
			mu.Unlock()
		},
	})
}

func TestWatchRounds(t *testing.T) {
	ctx := context.Background()
	srv := &site{requests: map[string]int{}, flakyFails: 1, slow: 2 * time.Second,
		items: []string{"/news/border.html", "/news/border-copy.html", "/news/flaky.html", "/news/slow.html", "/private/memo.html", "/news/talks.html"}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	feeds := []string{ts.URL + "/feed.xml", ts.URL + "/broken-feed.xml"}
	for i, it := range srv.items {
		srv.items[i] = ts.URL + it
	}
	s := newStore(t, t.TempDir())
	var log []string
	w := newWatcher(t, s, &log)

	// Round 1: two stories stored, the copy found a near-duplicate, the
	// private page left alone, the flaky and slow pages and the broken
	// feed failed and logged with their URLs.
	st, err := w.Round(ctx, feeds)
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Feeds: 2, FeedErrors: 1, Items: 6, Stored: 2, Duplicates: 1, Skipped: 1, PageErrors: 2}
	st.Events = 0
	if st != want {
		t.Errorf("round 1: %+v\nwant     %+v\nlog:\n%s", st, want, strings.Join(log, "\n"))
	}
	all := strings.Join(log, "\n")
	for _, wantLog := range []string{ts.URL + "/broken-feed.xml: HTTP 500", ts.URL + "/news/flaky.html: HTTP 500", ts.URL + "/news/slow.html:",
		ts.URL + "/private/memo.html: disallowed by robots.txt", ts.URL + "/news/border-copy.html: near-duplicate"} {
		if !strings.Contains(all, wantLog) {
			t.Errorf("round 1 log lacks %q:\n%s", wantLog, all)
		}
	}
	if srv.requests["/private/memo.html"] != 0 {
		t.Error("a page robots.txt disallows was fetched")
	}

	// Round 2: the feed has not changed and is asked conditionally; the
	// flaky page now answers and is stored; the slow one fails again.
	log = nil
	srv.slow = 2 * time.Second
	st, err = w.Round(ctx, feeds)
	if err != nil {
		t.Fatal(err)
	}
	st.Events = 0
	if want := (Stats{Feeds: 2, NotModified: 1, FeedErrors: 1, Stored: 1, PageErrors: 1}); st != want {
		t.Errorf("round 2: %+v\nwant     %+v\nlog:\n%s", st, want, strings.Join(log, "\n"))
	}
	if srv.conditional != 1 {
		t.Errorf("round 2 sent %d conditional feed requests, want 1", srv.conditional)
	}

	// Round 3, a new watcher on the same store (the old one was stopped):
	// the feed changed and lists one more story; nothing is fetched twice.
	srv.mu.Lock()
	srv.version++
	srv.items = append(srv.items, ts.URL+"/news/later.html")
	srv.slow = 0
	fetched := map[string]int{}
	for k, v := range srv.requests {
		fetched[k] = v
	}
	srv.mu.Unlock()
	log = nil
	w = newWatcher(t, s, &log)
	st, err = w.Round(ctx, feeds[:1])
	if err != nil {
		t.Fatal(err)
	}
	st.Events = 0
	// later.html and, on its third try, slow.html are stored; the six
	// pages settled before are not fetched again.
	if want := (Stats{Feeds: 1, Items: 7, Seen: 5, Stored: 2}); st != want {
		t.Errorf("round 3: %+v\nwant     %+v\nlog:\n%s", st, want, strings.Join(log, "\n"))
	}
	for _, p := range []string{"/news/border.html", "/news/border-copy.html", "/news/talks.html", "/news/flaky.html"} {
		if srv.requests[p] != fetched[p] {
			t.Errorf("round 3 fetched %s again", p)
		}
	}
	stats, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != 5 || stats.Events == 0 {
		t.Errorf("store holds %d articles and %d events, want 5 articles (border, talks, flaky, slow, later) with events", stats.Articles, stats.Events)
	}
}

// A watcher stopped in the middle of a feed leaves what it stored and, on
// its next start, reads the feed again (it never got to note it as read)
// and stores only the rest.
func TestWatchResumesAfterKill(t *testing.T) {
	srv := &site{requests: map[string]int{},
		items: []string{"/news/border.html", "/news/talks.html", "/news/later.html"}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for i, it := range srv.items {
		srv.items[i] = ts.URL + it
	}
	feeds := []string{ts.URL + "/feed.xml"}
	s := newStore(t, t.TempDir())
	var log []string
	w := newWatcher(t, s, &log)
	ctx, kill := context.WithCancel(context.Background())
	w.opt.Log = func(m string) {
		if strings.Contains(m, "stored") {
			kill() // killed right after the first page is stored
		}
	}
	st, err := w.Round(ctx, feeds)
	if err != nil {
		t.Fatal(err)
	}
	if st.Stored != 1 {
		t.Fatalf("killed round stored %d pages, want 1", st.Stored)
	}
	// A harder kill, between storing the article and noting its page.
	if _, err := s.(*store.DB).SQL.Exec(`DELETE FROM watch_pages`); err != nil {
		t.Fatal(err)
	}
	w = newWatcher(t, s, &log)
	st, err = w.Round(context.Background(), feeds)
	if err != nil {
		t.Fatal(err)
	}
	if st.Stored != 2 || st.Seen != 1 || srv.conditional != 0 {
		t.Errorf("resumed round: %+v (%d conditional requests), want 2 stored, 1 seen, the feed read whole", st, srv.conditional)
	}
	if srv.requests["/news/border.html"] != 1 {
		t.Errorf("the page stored before the kill was fetched %d times", srv.requests["/news/border.html"])
	}
	stats, _ := s.Stats(context.Background())
	if stats.Articles != 3 {
		t.Errorf("store holds %d articles, want 3", stats.Articles)
	}
}
