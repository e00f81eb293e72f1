package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/event"
)

var update = flag.Bool("update", false, "rewrite testdata/crawl.warc")

func bufioReader(s string) *bufio.Reader { return bufio.NewReader(strings.NewReader(s)) }

// warcRec is one record to write.
type warcRec struct {
	typ, uri, ctype string
	block           string
}

// warcBytes writes one WARC record.
func warcBytes(n int, r warcRec) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\nWARC-Date: 2024-06-01T12:00:%02dZ\r\n", r.typ, n, n%60)
	if r.uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", r.uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", r.ctype, len(r.block), r.block)
	return b.Bytes()
}

// httpResponse is an HTTP response as a WARC response record holds it.
func httpResponse(status, ctype, body string, extra ...string) string {
	h := "HTTP/1.1 " + status + "\r\nContent-Type: " + ctype + "\r\n"
	for _, e := range extra {
		h += e + "\r\n"
	}
	return h + fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body)) + body
}

// crawlRecords are the records of testdata/crawl.warc.
func crawlRecords(t *testing.T) []warcRec {
	page := string(mustRead(t, "testdata/page.html"))
	return []warcRec{
		{"warcinfo", "", "application/warc-fields", "software: dyad test\r\nformat: WARC File Format 1.1\r\n"},
		{"request", "https://ledger.example/world/2024/03/05/fishing-commission", "application/http; msgtype=request", "GET /world/2024/03/05/fishing-commission HTTP/1.1\r\nHost: ledger.example\r\n\r\n"},
		{"response", "https://ledger.example/world/2024/03/05/fishing-commission", "application/http; msgtype=response", httpResponse("200 OK", "text/html; charset=utf-8", page)},
		{"response", "https://ledger.example/old", "application/http; msgtype=response", httpResponse("301 Moved Permanently", "text/html", "", "Location: https://ledger.example/new")},
		{"response", "https://ledger.example/logo.png", "application/http; msgtype=response", httpResponse("200 OK", "image/png", "\x89PNG\r\n\x1a\n")},
		{"resource", "https://gazette.example/resource", "text/html", storyHTML("Harbour reopens", "2024-02-21", shortStory)},
		{"response", "https://ledger.example/undated", "application/http; msgtype=response", httpResponse("200 OK", "text/html", storyHTML("Undated", "", shortStory))},
		{"metadata", "https://ledger.example/undated", "application/warc-fields", "via: https://ledger.example/\r\n"},
	}
}

// relength rewrites the Content-Length of the one record in b by delta
// bytes, as a damaged archive may carry.
func relength(t *testing.T, b []byte, delta int) []byte {
	t.Helper()
	const key = "Content-Length: "
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		t.Fatal("no Content-Length")
	}
	j := i + len(key) + bytes.IndexByte(b[i+len(key):], '\r')
	n, err := strconv.Atoi(string(b[i+len(key) : j]))
	if err != nil {
		t.Fatal(err)
	}
	out := append([]byte(nil), b[:i+len(key)]...)
	out = strconv.AppendInt(out, int64(n+delta), 10)
	return append(out, b[j:]...)
}

func buildWARC(recs []warcRec, perRecordGzip bool) []byte {
	var out bytes.Buffer
	for i, r := range recs {
		b := warcBytes(i+1, r)
		if perRecordGzip {
			zw := gzip.NewWriter(&out)
			zw.Write(b)
			zw.Close()
		} else {
			out.Write(b)
		}
	}
	return out.Bytes()
}

// TestWARCFixture keeps testdata/crawl.warc what crawlRecords says
// (go test -run TestWARCFixture -update rewrites it).
func TestWARCFixture(t *testing.T) {
	want := buildWARC(crawlRecords(t), false)
	if *update {
		if err := os.WriteFile("testdata/crawl.warc", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(mustRead(t, "testdata/crawl.warc"), want) {
		t.Errorf("testdata/crawl.warc is out of date; run go test -run TestWARCFixture -update")
	}
}

func readBytes(name string, b []byte, opt Options) ([]event.Article, []Problem, error) {
	var arts []event.Article
	var probs []Problem
	err := readStream(name, bytes.NewReader(b), opt, func(a event.Article) error { arts = append(arts, a); return nil }, func(p Problem) { probs = append(probs, p) })
	return arts, probs, err
}

func TestWARC(t *testing.T) {
	recs := crawlRecords(t)
	gzBody := func() string {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(storyHTML("Zipped", "2024-03-09", shortStory)))
		zw.Close()
		return b.String()
	}()
	chunked := func(s string) string {
		return fmt.Sprintf("%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n", 10, s[:10], len(s)-10, s[10:])
	}
	encoded := warcRec{"response", "https://gazette.example/zipped", "application/http; msgtype=response",
		"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(gzBody)}
	brotli := warcRec{"response", "https://gazette.example/br", "application/http; msgtype=response",
		httpResponse("200 OK", "text/html", "\x1b\x03\x00", "Content-Encoding: br")}
	tests := []struct {
		name     string
		data     []byte
		wantURLs []string
		problems []string
	}{
		{"plain", buildWARC(recs, false),
			[]string{"https://ledger.example/world/2024/03/05/fishing-commission", "https://gazette.example/resource"},
			[]string{"x.warc:7: published: https://ledger.example/undated"}},
		{"gzip per record", buildWARC(recs, true),
			[]string{"https://ledger.example/world/2024/03/05/fishing-commission", "https://gazette.example/resource"},
			[]string{"x.warc:7:"}},
		{"chunked, gzip-encoded body; brotli reported", buildWARC([]warcRec{encoded, brotli}, false),
			[]string{"https://gazette.example/zipped"}, []string{"x.warc:2: Content-Encoding: https://gazette.example/br"}},
		{"garbage between records", append(append(buildWARC(recs[5:6], false), "junk line\r\nmore junk\r\n"...), buildWARC(recs[5:6], false)...),
			[]string{"https://gazette.example/resource", "https://gazette.example/resource"}, []string{"x.warc:2: not a WARC record"}},
		{"bad content-length", append([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nxx\r\n\r\n"), buildWARC(recs[5:6], false)...),
			[]string{"https://gazette.example/resource"}, []string{"x.warc:1: Content-Length: missing or bad"}},
		{"content-length too long", append(append(relength(t, buildWARC(recs[5:6], false), +200), buildWARC(recs[5:6], false)...), buildWARC(recs[5:6], false)...),
			[]string{"https://gazette.example/resource", "https://gazette.example/resource"},
			[]string{"x.warc:1: Content-Length: record at byte 0 says"}},
		{"content-length too long, to the end", append(buildWARC(recs[5:6], false), relength(t, buildWARC(recs[5:6], false), +5000)...),
			[]string{"https://gazette.example/resource"},
			[]string{"x.warc:2: input cut short"}},
		{"content-length too long, past a record", append(append(relength(t, buildWARC(recs[5:6], false), +5000), buildWARC(recs[5:6], false)...), buildWARC(recs[5:6], false)...),
			[]string{"https://gazette.example/resource", "https://gazette.example/resource"},
			[]string{"x.warc:1: Content-Length: record at byte 0 says"}},
		{"content-length too short", append(append(buildWARC(recs[5:6], false), relength(t, buildWARC(recs[5:6], false), -40)...), buildWARC(recs[5:6], false)...),
			[]string{"https://gazette.example/resource", "https://gazette.example/resource"},
			[]string{"x.warc:2: Content-Length: record at byte"}},
		{"truncated record", buildWARC(recs[:3], false)[:len(buildWARC(recs[:3], false))-500],
			nil, []string{"x.warc:3: input cut short"}},
		{"truncated header", []byte("WARC/1.1\r\nWARC-Type: resp"), nil, []string{"x.warc:1: input cut short"}},
		{"not WARC at all", []byte("hello\n"), nil, []string{"x.warc:1: not a WARC record"}},
		{"empty", nil, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			arts, probs, err := readBytes("x.warc", tc.data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var urls []string
			for _, a := range arts {
				urls = append(urls, a.URL)
				if a.Text == "" || a.Published.IsZero() {
					t.Errorf("%s: empty text or date", a.URL)
				}
			}
			if strings.Join(urls, " ") != strings.Join(tc.wantURLs, " ") {
				t.Errorf("urls %q, want %q; problems:\n%s", urls, tc.wantURLs, problemText(probs))
			}
			if len(probs) != len(tc.problems) {
				t.Fatalf("problems:\n%s\nwant %q", problemText(probs), tc.problems)
			}
			for i, p := range probs {
				if !strings.Contains(p.Error(), tc.problems[i]) {
					t.Errorf("problem %q, want %q", p.Error(), tc.problems[i])
				}
			}
		})
	}
}
