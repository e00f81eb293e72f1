package ingest

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/event"
)

// checkArticles fails on an emitted article that breaks Read's promises.
func checkArticles(t *testing.T, name string, data []byte, opt Options) {
	t.Helper()
	err := readStream(name, bytes.NewReader(data), opt, func(a event.Article) error {
		if strings.TrimSpace(a.Text) == "" {
			t.Errorf("article %q with no text", a.ID)
		}
		if a.Published.IsZero() {
			t.Errorf("article %q with no date", a.ID)
		}
		if a.ID == "" || a.Origin == "" {
			t.Errorf("article without id or origin: %+v", a)
		}
		if !utf8.ValidString(a.Text) {
			t.Errorf("article %q text is not UTF-8", a.ID)
		}
		return nil
	}, func(p Problem) {
		if p.Err == nil || p.File == "" {
			t.Errorf("problem without reason or file: %+v", p)
		}
	})
	if err != nil {
		t.Errorf("readStream: %v", err)
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add(mustReadF(f, "testdata/articles.jsonl"))
	f.Add([]byte(`{"id":"a","published":"2024-01-01","text":"x"}` + "\n" + `{"html":"<p>y</p>","published":"bad"}`))
	f.Add([]byte("{\"text\":null}\n\n{}\n{\"published\":\"2024-01-01T10:00:00+05:00\",\"html\":\"<time datetime=2020-01-01>\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkArticles(t, "f.jsonl", data, Options{})
	})
}

func FuzzHTML(f *testing.F) {
	f.Add(mustReadF(f, "testdata/page.html"))
	f.Add([]byte(storyHTML("Title", "2024-01-01", shortStory)))
	f.Add([]byte(`<html><head><script type="application/ld+json">[{"@graph":[{"datePublished":"2024-01-01","author":[["x"]]}]}]</script></head><body><table><tr><td>` + shortStory + `</td></tr></table></body></html>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		page, err := ExtractHTML(data, "https://example.org/x", "")
		if err == nil && letters(page.Text) < minText {
			t.Errorf("page accepted with text %q", page.Text)
		}
		checkArticles(t, "f.html", data, Options{Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	})
}

func FuzzFeed(f *testing.F) {
	f.Add(mustReadF(f, "testdata/feed.rss"))
	f.Add(mustReadF(f, "testdata/feed.atom"))
	f.Add([]byte(`<rss><channel><item><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkArticles(t, "f.rss", data, Options{})
	})
}

func FuzzWARC(f *testing.F) {
	f.Add(mustReadF(f, "testdata/crawl.warc"))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 4\r\n\r\n<p>x\r\n\r\n"))
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 60\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkArticles(t, "f.warc", data, Options{Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	})
}

func mustReadF(f *testing.F, path string) []byte {
	f.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return b
}

func BenchmarkExtractHTML(b *testing.B) {
	page, err := os.ReadFile("testdata/page.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := ExtractHTML(page, "", ""); err != nil {
			b.Fatal(err)
		}
	}
}
