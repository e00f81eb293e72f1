package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/dedup"
	"github.com/dyad-events/dyad/internal/event"
)

// collect reads path with Read and returns what it emitted and reported.
func collect(t *testing.T, path string, opt Options) ([]event.Article, []Problem) {
	t.Helper()
	var arts []event.Article
	var probs []Problem
	err := Read(path, opt, func(a event.Article) error { arts = append(arts, a); return nil }, func(p Problem) { probs = append(probs, p) })
	if err != nil {
		t.Fatalf("Read(%s): %v", path, err)
	}
	return arts, probs
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func ids(arts []event.Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.ID)
	}
	return out
}

func problemText(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestReadFixtures reads each fixture under testdata/ and checks the
// articles and problems it gives.
func TestReadFixtures(t *testing.T) {
	tests := []struct {
		path      string
		opt       Options
		wantIDs   []string
		wantDates []string
		wantTitle []string
		problems  []string // substrings, one per problem, in order
	}{
		{
			path:      "testdata/page.html",
			wantIDs:   []string{"page"},
			wantDates: []string{"2024-03-05"},
			wantTitle: []string{"Chile and Argentina agree to set up fishing commission"},
		},
		{
			path:      "testdata/feed.rss",
			wantIDs:   []string{"https://ledger.example/world/uruguay-ambassador", StableID("https://ledger.example/world/bolivia-miners", "Cooperative miners in Bolivia lifted their road blockades on Tuesday after the government promised talks on fuel prices. Police said the roads to Oruro were open again.")},
			wantDates: []string{"2024-03-04", "2024-03-05"},
			wantTitle: []string{"Uruguay recalls ambassador after trade row", "Bolivian miners end protest"},
			problems:  []string{"feed.rss:3: description: item has no text"},
		},
		{
			path:      "testdata/feed.atom",
			wantIDs:   []string{"urn:example:harbour-gazette:1001", "urn:example:harbour-gazette:1002"},
			wantDates: []string{"2024-02-19", "2024-02-20"},
			wantTitle: []string{"Norway and Iceland sign coastguard pact", "Faroese fishermen protest quota cut"},
		},
		{
			path:      "testdata/articles.jsonl",
			wantIDs:   []string{"text-1", "html-1", "html-2"},
			wantDates: []string{"2024-03-01", "2024-03-02", "2024-03-03"},
			wantTitle: []string{"Talks resume", "Envoy expelled", ""},
		},
		{
			path:      "testdata/crawl.warc",
			wantIDs:   []string{StableID("https://ledger.example/world/2024/03/05/fishing-commission", fishingText), StableID("https://gazette.example/resource", shortStory)},
			wantDates: []string{"2024-03-05", "2024-02-21"},
			wantTitle: []string{"Chile and Argentina agree to set up fishing commission", "Harbour reopens"},
			problems:  []string{"crawl.warc:7: published: https://ledger.example/undated: the page gives no publication date"},
		},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			arts, probs := collect(t, tc.path, tc.opt)
			if got := strings.Join(ids(arts), " "); got != strings.Join(tc.wantIDs, " ") {
				t.Errorf("ids %q, want %q", got, tc.wantIDs)
			}
			for i, a := range arts {
				if i < len(tc.wantDates) && a.Published.Format("2006-01-02") != tc.wantDates[i] {
					t.Errorf("%s: published %s, want %s", a.ID, a.Published.Format("2006-01-02"), tc.wantDates[i])
				}
				if i < len(tc.wantTitle) && a.Title != tc.wantTitle[i] {
					t.Errorf("%s: title %q, want %q", a.ID, a.Title, tc.wantTitle[i])
				}
				if strings.TrimSpace(a.Text) == "" || strings.Contains(a.Text, "<") {
					t.Errorf("%s: text %q: empty or with markup", a.ID, a.Text)
				}
				if a.Origin == "" || a.Language != "en" && len(a.Text) > 200 {
					t.Errorf("%s: origin %q, language %q", a.ID, a.Origin, a.Language)
				}
			}
			if len(probs) != len(tc.problems) {
				t.Fatalf("%d problems, want %d:\n%s", len(probs), len(tc.problems), problemText(probs))
			}
			for i, p := range probs {
				if !strings.Contains(p.Error(), tc.problems[i]) {
					t.Errorf("problem %q, want it to contain %q", p.Error(), tc.problems[i])
				}
			}
		})
	}
}

// TestHTMLPage checks that the story is kept whole and the page furniture
// (menus, cookie banner, share bar, caption, newsletter box, related
// links, footer) is gone.
func TestHTMLPage(t *testing.T) {
	arts, probs := collect(t, "testdata/page.html", Options{})
	if len(arts) != 1 || len(probs) != 0 {
		t.Fatalf("got %d articles, problems:\n%s", len(arts), problemText(probs))
	}
	a := arts[0]
	if a.Text != fishingText {
		t.Errorf("text:\n%s\nwant:\n%s", a.Text, fishingText)
	}
	for _, junk := range []string{"cookies", "Home", "Sport", "Share on", "Photo by", "Subscribe", "Related", "Peru and Ecuador", "All rights reserved"} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("text keeps page furniture %q", junk)
		}
	}
	if a.Byline != "Marta Quiroga" || a.URL != "https://ledger.example/world/2024/03/05/fishing-commission" || a.Language != "en" {
		t.Errorf("byline %q, url %q, language %q", a.Byline, a.URL, a.Language)
	}
}

// fishingText is the story of testdata/page.html.
const fishingText = `Foreign ministers of Chile and Argentina met in Santiago on Tuesday to discuss a long-running dispute over fishing rights in the southern channels.
The two governments agreed to set up a joint commission that will report within six months, according to a statement released after the talks.
Chile's foreign minister said the meeting had been "frank and useful" and that both sides wanted to avoid further incidents at sea.
Last month, the Argentine navy detained a Chilean trawler for several hours near the Beagle Channel, prompting a formal protest from Santiago.
Officials said a second round of talks would take place in Buenos Aires in March.`

// shortStory is a two-paragraph story used in generated inputs.
const shortStory = `The port authority reopened the harbour on Wednesday after a storm had closed it for three days.
Fishing boats were allowed to leave from the afternoon, a spokeswoman said.`

// storyHTML wraps a story in a page with a menu, dated by meta.
func storyHTML(title, date, story string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + " | Gazette</title>")
	if date != "" {
		b.WriteString(`<meta property="article:published_time" content="` + date + `">`)
	}
	b.WriteString("</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>" + title + "</h1>")
	for _, p := range strings.Split(story, "\n") {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString("</article><footer>Contact us</footer></body></html>")
	return b.String()
}

// TestHTMLMetadata reads the date, title and byline from each kind of
// page metadata.
func TestHTMLMetadata(t *testing.T) {
	body := "<body><article><p>" + strings.ReplaceAll(shortStory, "\n", "</p><p>") + "</p></article></body>"
	tests := []struct {
		name, head, body string
		date, title      string
		byline           string
		err              string
	}{
		{"article:published_time", `<meta property="article:published_time" content="2024-05-01T23:30:00-05:00">`, body, "2024-05-01", "", "", ""},
		{"json-ld graph", `<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"G"},{"@type":"NewsArticle","headline":"Harbour reopens","datePublished":"2024-05-02","author":[{"name":"A. Writer"},{"name":"B. Writer"}]}]}</script>`, body, "2024-05-02", "Harbour reopens", "A. Writer, B. Writer", ""},
		{"time datetime", `<title>Harbour reopens - Gazette</title>`, strings.Replace(body, "<article>", `<article><p class="byline">By Staff <time datetime="2024-05-03T08:00:00Z">3 May</time></p>`, 1), "2024-05-03", "Harbour reopens", "", ""},
		{"time pubdate beats a later time", "", strings.Replace(body, "<article>", `<article><p class="byline">By Staff, <time datetime="2024-06-09">updated</time> <time pubdate datetime="2024-05-04">3 May</time></p>`, 1), "2024-05-04", "", "", ""},
		{"meta name=date", `<meta name="date" content="2024-05-05">`, body, "2024-05-05", "", "", ""},
		{"og:title over title", `<title>Site | Harbour</title><meta property="og:title" content="Harbour reopens after storm">`, body, "", "Harbour reopens after storm", "", ""},
		{"meta author", `<meta name="author" content="C. Writer">`, body, "", "", "C. Writer", ""},
		{"no text", `<meta name="date" content="2024-05-05">`, "<body><nav><a href=/>Home</a></nav></body>", "", "", "", "no article text"},
		{"unknown charset", `<meta charset="x-no-such-charset">`, strings.Replace(body, "three", "thr\xe9e", 1), "", "", "", "unknown charset"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, err := ExtractHTML([]byte("<!DOCTYPE html><html><head>"+tc.head+"</head>"+tc.body+"</html>"), "https://gazette.example/x", "")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := page.Published; tc.date != "" && !got.Equal(day(tc.date)) || tc.date == "" && !got.IsZero() {
				t.Errorf("date %v, want %q", got, tc.date)
			}
			if tc.title != "" && page.Title != tc.title {
				t.Errorf("title %q, want %q", page.Title, tc.title)
			}
			if page.Byline != tc.byline {
				t.Errorf("byline %q, want %q", page.Byline, tc.byline)
			}
			if page.Text != shortStory {
				t.Errorf("text %q", page.Text)
			}
		})
	}
}

func TestHTMLCharset(t *testing.T) {
	latin1 := []byte(storyHTML("Caf\xe9 talks", "2024-01-02", "Delegates met at the Caf\xe9 Central in Vienna on Monday to resume talks on the gas pipeline.\nThe talks will go on next week."))
	latin1 = bytes.Replace(latin1, []byte(`charset="utf-8"`), []byte(`charset="iso-8859-1"`), 1)
	page, err := ExtractHTML(latin1, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.Text, "Café Central") {
		t.Errorf("latin-1 page decoded as %q", page.Text)
	}
	// Mislabelled: declared Latin-1, but UTF-8.
	utf := []byte(strings.Replace(storyHTML("Café talks", "2024-01-02", "Delegates met at the Café Central in Vienna on Monday to resume talks on the gas pipeline.\nThe talks will go on next week."), `charset="utf-8"`, `charset="iso-8859-1"`, 1))
	page, err = ExtractHTML(utf, "", "")
	if err != nil || !strings.Contains(page.Text, "Café Central") {
		t.Errorf("mislabelled UTF-8 page decoded as %q (%v)", page.Text, err)
	}
}

func TestJSONLWithHTML(t *testing.T) {
	tests := []struct {
		name, line string
		wantText   string
		wantPub    string
		problem    string
	}{
		{"date from page", `{"id":"a","html":"<html><head><meta property='article:published_time' content='2024-01-09'></head><body><article><p>The port authority reopened the harbour on Wednesday after a storm had closed it for three days.</p></article></body></html>"}`,
			"The port authority reopened the harbour on Wednesday after a storm had closed it for three days.", "2024-01-09", ""},
		{"record date wins", `{"id":"a","published":"2024-02-01","html":"<html><head><meta property='article:published_time' content='2024-01-09'></head><body><article><p>The port authority reopened the harbour on Wednesday after a storm had closed it for three days.</p></article></body></html>"}`,
			"", "2024-02-01", ""},
		{"text wins over html", `{"id":"a","published":"2024-02-01","text":"Given text.","html":"<p>Other text that is long enough to be a story of its own here.</p>"}`,
			"Given text.", "2024-02-01", ""},
		{"html without text", `{"id":"a","published":"2024-02-01","html":"<nav><a href=/>Home</a></nav>"}`, "", "", "html: no article text"},
		{"no date anywhere", `{"id":"a","html":"<p>The port authority reopened the harbour on Wednesday after a storm had closed it for three days.</p>"}`, "", "", "published: missing"},
		{"invalid UTF-8", "{\"id\":\"a\",\"published\":\"2024-02-01\",\"text\":\"caf\xe9\"}", "", "", "not valid UTF-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var arts []event.Article
			var probs []Problem
			err := readStream("in.jsonl", strings.NewReader(tc.line+"\n"), Options{}, func(a event.Article) error { arts = append(arts, a); return nil }, func(p Problem) { probs = append(probs, p) })
			if err != nil {
				t.Fatal(err)
			}
			if tc.problem != "" {
				if len(probs) != 1 || !strings.Contains(probs[0].Error(), tc.problem) {
					t.Fatalf("problems %q, want one with %q", problemText(probs), tc.problem)
				}
				return
			}
			if len(arts) != 1 {
				t.Fatalf("%d articles; problems:\n%s", len(arts), problemText(probs))
			}
			if tc.wantText != "" && arts[0].Text != tc.wantText {
				t.Errorf("text %q, want %q", arts[0].Text, tc.wantText)
			}
			if got := arts[0].Published.Format("2006-01-02"); got != tc.wantPub {
				t.Errorf("published %s, want %s", got, tc.wantPub)
			}
		})
	}
}

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGzipAndDirectories reads a directory tree with compressed files (by
// suffix and by magic bytes) in lexical order, skipping hidden entries.
func TestGzipAndDirectories(t *testing.T) {
	dir := t.TempDir()
	jsonl, err := os.ReadFile("testdata/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("testdata/page.html")
	if err != nil {
		t.Fatal(err)
	}
	rss, err := os.ReadFile("testdata/feed.rss")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"b/articles.jsonl.gz":   gz(t, jsonl),
		"a/page.html.gz":        gz(t, page),
		"a/sub/feed.rss":        rss,
		"c/noext":               gz(t, jsonl), // gzip found by its magic bytes, JSONL by its first byte
		"c/story.txt":           []byte(shortStory),
		".hidden/x.jsonl":       jsonl,
		"c/.secret.jsonl":       jsonl,
		"c/sniffed-page":        page,
		"c/sniffed-feed":        rss,
		"d/crawl.warc.gz":       gz(t, mustRead(t, "testdata/crawl.warc")),
		"d/notes-without-date":  []byte("Some notes.\n"),
		"d/empty.jsonl":         nil,
		"d/image.png":           {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13}, // not read: not an input type
		"d/zz-last.jsonl":       []byte(`{"id":"last","published":"2024-01-01","text":"The last one."}` + "\n"),
		"d/articles.ndjson":     []byte(`{"id":"nd","published":"2024-01-01","text":"Newline-delimited."}`),
		"d/crlf.jsonl":          []byte("{\"id\":\"crlf\",\"published\":\"2024-01-01\",\"text\":\"Windows line ends.\"}\r\n\r\n"),
		"d/bom.txt":             []byte("\ufeffA text with a byte-order mark."),
		"d/latin1.txt":          []byte("Caf\xe9 talks."),
		"d/feed-without-items":  []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`),
		"d/page-without-date.h": nil,
	}
	delete(files, "d/page-without-date.h")
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var notices []string
	arts, probs := collect(t, dir, Options{Published: day("2024-04-01"), Notice: func(m string) { notices = append(notices, m) }})
	if len(notices) != 1 || !strings.Contains(notices[0], "skipped 1 file(s) of unknown type") || !strings.Contains(notices[0], ".png") {
		t.Errorf("want one notice of the skipped image, got %q", notices)
	}
	var got []string
	for _, a := range arts {
		got = append(got, a.ID)
	}
	want := []string{
		"page", // a/page.html.gz
		"https://ledger.example/world/uruguay-ambassador", "", // a/sub/feed.rss (second id is a hash)
		"text-1", "html-1", "html-2", // b/articles.jsonl.gz
		"text-1", "html-1", "html-2", // c/noext
		"https://ledger.example/world/uruguay-ambassador", "", // c/sniffed-feed
		"sniffed-page",
		"story",
		"nd", "bom", "", "", "", // d/articles.ndjson, d/bom.txt, d/crawl.warc.gz (three pages: the undated one dated by Options)
		"crlf", "notes-without-date", "last",
	}
	if len(got) != len(want) {
		t.Fatalf("ids:\n%q\nwant:\n%q\nproblems:\n%s", got, want, problemText(probs))
	}
	for i := range want {
		if want[i] != "" && got[i] != want[i] {
			t.Errorf("article %d: id %q, want %q (all: %q)", i, got[i], want[i], got)
		}
	}
	for _, a := range arts {
		if a.ID == "bom" && strings.HasPrefix(a.Text, "\ufeff") {
			t.Errorf("byte-order mark kept in text")
		}
	}
	for _, w := range []string{"feed.rss:3", "sniffed-feed:3", "feed-without-items: feed has no items", "latin1.txt: not valid UTF-8"} {
		if !strings.Contains(problemText(probs), w) {
			t.Errorf("no problem for %q in:\n%s", w, problemText(probs))
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStdin(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = old }()
	go func() {
		w.Write(gz(t, mustRead(t, "testdata/feed.atom")))
		w.Close()
	}()
	arts, probs := collect(t, "-", Options{})
	if len(arts) != 2 || len(probs) != 0 || arts[0].Origin != "<stdin>:1" {
		t.Errorf("stdin: %d articles (%v), problems:\n%s", len(arts), ids(arts), problemText(probs))
	}
}

// TestEmitErrorStops: an error from emit ends the run and is returned
// as it is, also from inside a directory.
func TestEmitErrorStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Read("testdata", Options{}, func(event.Article) error { n++; return stop }, func(Problem) {})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err %v after %d articles; want stop after 1", err, n)
	}
	if err := Read("testdata/no-such-file.jsonl", Options{}, func(event.Article) error { return nil }, func(Problem) {}); err == nil {
		t.Errorf("missing file: no error")
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, head string
		want       format
	}{
		{"x.JSONL", "", formatJSONL},
		{"x.htm", "", formatHTML},
		{"x.atom", "", formatFeed},
		{"x.warc", "", formatWARC},
		{"x", "WARC/1.1\r\n", formatWARC},
		{"x", "\ufeff  {\"id\":1}", formatJSONL},
		{"x", "<!doctype html><html>", formatHTML},
		{"x", "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", formatFeed},
		{"x", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", formatHTML},
		{"x", "Plain words.", formatText},
	}
	for _, tc := range tests {
		if got := sniff(tc.name, bufioReader(tc.head)); got != tc.want {
			t.Errorf("sniff(%q, %q) = %v, want %v", tc.name, tc.head, got, tc.want)
		}
	}
}

// TestLanguagesAndDedup: Options leave out other languages and
// duplicates, and tell Skip why.
func TestLanguagesAndDedup(t *testing.T) {
	dir := t.TempDir()
	story := "The foreign ministers of Kenya and Tanzania met in Arusha on Thursday to settle a dispute over a cross-border railway project that has been delayed for two years. " +
		"Both governments agreed to set up a technical committee to review the route and the costs, a joint statement said after the meeting. " +
		"Officials said they expected the first trains to run by 2027 if financing was secured from regional lenders."
	copyOf := strings.Replace(story, "settle", "resolve", 1)
	french := "Le gouvernement a annoncé lundi qu'il enverrait plus de soldats à la frontière après l'attaque, qui a tué trois militaires dans la nuit."
	lines := []string{
		`{"id":"a","published":"2024-01-01","text":"` + story + `"}`,
		`{"id":"b","published":"2024-01-01","text":"` + copyOf + `"}`,
		`{"id":"c","published":"2024-01-01","text":"` + french + `"}`,
		`{"id":"d","published":"2024-01-01","text":"Short."}`,
	}
	p := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	skipped := map[string]string{}
	opt := Options{Languages: []string{"en"}, Dedup: dedup.New(dedup.DefaultThreshold), Skip: func(a event.Article, why string) { skipped[a.ID] = why }}
	arts, probs := collect(t, p, opt)
	if got := strings.Join(ids(arts), " "); got != "a d" || len(probs) != 0 {
		t.Errorf("kept %q, problems %q", got, problemText(probs))
	}
	if skipped["b"] != "duplicate of a" || !strings.Contains(skipped["c"], `language "fr"`) {
		t.Errorf("skipped %q", skipped)
	}
	// Reading the same file again with the same index: all already read.
	arts, _ = collect(t, p, opt)
	if len(arts) != 0 || skipped["a"] != "already read" {
		t.Errorf("second read kept %q; skipped %q", ids(arts), skipped)
	}
}

// The same article in two inputs is read once, and the second is reported
// as skipped with where the first was read.
func TestDuplicateIDsAcrossInputs(t *testing.T) {
	dir := t.TempDir()
	rec := `{"id":"same","published":"2024-01-01","text":"One article."}` + "\n"
	for _, n := range []string{"a.jsonl", "b.jsonl"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(rec), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var skipped []string
	opt := Options{IDs: NewIDs(), Skip: func(a event.Article, why string) { skipped = append(skipped, a.Origin+": "+why) }}
	first, _ := collect(t, filepath.Join(dir, "a.jsonl"), opt)
	second, probs := collect(t, filepath.Join(dir, "b.jsonl"), opt)
	if len(first) != 1 || len(second) != 0 || len(probs) != 0 {
		t.Fatalf("articles %d then %d, problems %v: want 1 then 0, none", len(first), len(second), probs)
	}
	if len(skipped) != 1 || !strings.Contains(skipped[0], "b.jsonl:1") || !strings.Contains(skipped[0], "a.jsonl:1") {
		t.Errorf("skip report %q: want the second naming the first", skipped)
	}
}

// An input with no articles says so.
func TestEmptyInputIsReported(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "empty.jsonl")
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	arts, probs := collect(t, p, Options{})
	if len(arts) != 0 || len(probs) != 1 || !strings.Contains(probs[0].Error(), "no articles") || !strings.Contains(probs[0].Error(), "empty.jsonl") {
		t.Errorf("empty input: articles %d, problems %v; want one problem naming the file", len(arts), probs)
	}
}
