package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// dyad watch --once twice stores each article once; the second run asks
// for the feed conditionally and fetches no page again.
func TestWatchOnceTwice(t *testing.T) {
	pages := map[string]string{
		"/world/1.html": "Ruritanian police arrested the opposition leader in Strelsau on Monday. Germany condemned the arrest on Tuesday.",
		"/world/2.html": "The foreign ministers of Chile and Peru met in Lima on Wednesday to discuss the maritime border.",
	}
	var mu sync.Mutex
	hits := map[string]int{}
	conditional := 0
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		if r.Header.Get("If-Modified-Since") != "" {
			conditional++
		}
		mu.Unlock()
		switch r.URL.Path {
		case "/rss":
			if r.Header.Get("If-Modified-Since") == "Wed, 12 Mar 2025 09:00:00 GMT" {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Last-Modified", "Wed, 12 Mar 2025 09:00:00 GMT")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>World</title>`)
			for p := range pages {
				fmt.Fprintf(w, "<item><title>News</title><link>%s</link><pubDate>Wed, 12 Mar 2025 08:00:00 GMT</pubDate></item>", p)
			}
			fmt.Fprint(w, `</channel></rss>`)
		default:
			if text, ok := pages[r.URL.Path]; ok {
				fmt.Fprintf(w, "<html><head><title>News</title></head><body><article><p>%s</p></article></body></html>", text)
				return
			}
			http.NotFound(w, r)
		}
	}))
	defer ts.Close()
	dir := t.TempDir()
	list := filepath.Join(dir, "feeds.txt")
	if err := os.WriteFile(list, []byte("# the world desk\n"+ts.URL+"/rss\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := "sqlite://" + filepath.Join(dir, "watch.db")
	_, errs, code := run(t, "watch", "--once", "--delay", "1ms", "--db", db, list)
	if code != exitOK || !strings.Contains(errs, "2 stored") {
		t.Fatalf("first run: exit %d:\n%s", code, errs)
	}
	stored := allEvents(t, db)
	if len(stored) == 0 {
		t.Fatal("no events stored")
	}
	_, errs, code = run(t, "watch", "--once", "--delay", "1ms", "--db", db, list)
	if code != exitOK || !strings.Contains(errs, "1 not modified") || !strings.Contains(errs, "0 stored") {
		t.Fatalf("second run: exit %d:\n%s", code, errs)
	}
	if conditional != 1 || hits["/world/1.html"] != 1 || hits["/world/2.html"] != 1 {
		t.Errorf("%d conditional feed requests (want 1); pages fetched %d and %d times (want once each)", conditional, hits["/world/1.html"], hits["/world/2.html"])
	}
	sameEvents(t, "after the second run", allEvents(t, db), stored)

	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte(ts.URL+"/rss\nftp://example.org/feed\n"), 0o644)
	if _, errs, code := run(t, "watch", "--once", "--db", db, bad); code != exitUsage || !strings.Contains(errs, "bad.txt:2:") {
		t.Errorf("a list with a bad line: exit %d, %q; want a usage error naming bad.txt:2", code, errs)
	}
}
