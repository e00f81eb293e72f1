package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad/data"
	placesdata "github.com/dyad-events/dyad/data/places"
	"github.com/dyad-events/dyad/internal/api"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"

	"github.com/dyad-events/dyad/internal/store/sqlite"
)

// testData is the embedded data, loaded once per test binary.
var testData = pipeline.NewData(pipeline.Files{Data: data.FS, Gazetteer: placesdata.FS})

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
	pipeErr  error
)

// fixture is a SQLite store filled by coding testdata/articles.jsonl with
// the real pipeline (plus testdata/verbs.tsv), and the events the pipeline
// produced.
type fixture struct {
	srv    *httptest.Server
	st     store.Store
	events []event.Event // as coded, with the ids the store assigns
	texts  map[string]string
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	// testdata/verbs.tsv makes the coding of the test articles independent of
	// what the bundled verb patterns hold.
	pipeOnce.Do(func() {
		pipe, pipeErr = pipeline.New(testData, pipeline.Options{VerbFiles: []string{"testdata/verbs.tsv"}})
	})
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, "sqlite://"+t.TempDir()+"/api.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, texts: map[string]string{}}
	err = ingest.Read("testdata/articles.jsonl", ingest.Options{}, func(a event.Article) error {
		r := pipe.Code(a)
		event.AssignIDs(a.ID, r.Events)
		f.events = append(f.events, r.Events...)
		f.texts[a.ID] = r.Text
		return st.PutArticle(ctx, event.Article{ID: a.ID, URL: a.URL, Title: a.Title, Published: a.Published,
			Text: r.Text, Language: "en", Hash: a.ContentHash()}, r.Events)
	}, func(p ingest.Problem) { t.Errorf("test article rejected: %v", p) })
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.between("IRN", "PAK")); n < 5 {
		t.Fatalf("the pipeline coded only %d IRN-PAK events from testdata/articles.jsonl; the API tests need 5", n)
	}
	for _, r := range []store.Relation{
		{A: "EGY", B: "SDN", State: "normal", Since: "2024-03-01"},
		{A: "EGY", B: "SDN", State: "strained", Since: "2024-03-04"},
	} {
		if err := st.PutRelation(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	f.srv = httptest.NewServer(api.New(st).Handler())
	t.Cleanup(f.srv.Close)
	return f
}

func country(a event.Actor) string {
	if a.Country != "" {
		return a.Country
	}
	return a.Code
}

func (f *fixture) between(a, b string) []event.Event {
	var out []event.Event
	for _, e := range f.events {
		s, t := country(e.Source), country(e.Target)
		if s == a && t == b || s == b && t == a {
			out = append(out, e)
		}
	}
	return out
}

// get fetches path and decodes the JSON answer into v; it returns the status.
func (f *fixture) get(t *testing.T, path string, v any) int {
	t.Helper()
	res, err := http.Get(f.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("GET %s: Content-Type %q, want JSON", path, ct)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %v in %s", path, err, body)
		}
	}
	return res.StatusCode
}

func (f *fixture) list(t *testing.T, query string) []store.StoredEvent {
	t.Helper()
	var page api.EventsPage
	if code := f.get(t, "/api/events?"+query, &page); code != 200 {
		t.Fatalf("GET /api/events?%s: status %d", query, code)
	}
	return page.Events
}

func TestAPI(t *testing.T) {
	f := newFixture(t)

	t.Run("all events, date order", func(t *testing.T) {
		got := f.list(t, "limit=500")
		if len(got) != len(f.events) {
			t.Fatalf("got %d events, stored %d", len(got), len(f.events))
		}
		if !slices.IsSortedFunc(got, func(a, b store.StoredEvent) int { return strings.Compare(a.Date, b.Date) }) {
			t.Error("events are not in date order")
		}
		for _, e := range got {
			if e.ArticleURL == "" || !strings.HasPrefix(e.ArticleURL, "https://example.net/") {
				t.Errorf("event %s: article_url %q", e.ID, e.ArticleURL)
			}
		}
	})

	t.Run("dyad", func(t *testing.T) {
		got := f.list(t, "dyad=IRN,PAK&limit=500")
		if want := len(f.between("IRN", "PAK")); len(got) != want {
			t.Errorf("dyad=IRN,PAK: %d events, want %d", len(got), want)
		}
		for _, e := range got {
			s, tg := country(e.Source), country(e.Target)
			if !(s == "IRN" && tg == "PAK" || s == "PAK" && tg == "IRN") {
				t.Errorf("dyad=IRN,PAK returned %s→%s", e.Source.Code, e.Target.Code)
			}
		}
		if rev := f.list(t, "dyad=pak,irn&limit=500"); len(rev) != len(got) {
			t.Errorf("dyad=pak,irn: %d events, dyad=IRN,PAK %d", len(rev), len(got))
		}
	})

	t.Run("root, dates, text, actor", func(t *testing.T) {
		got := f.list(t, "root=10")
		if len(got) == 0 {
			t.Error("root=10: no events (the test articles have a demand)")
		}
		for _, e := range got {
			if !strings.HasPrefix(e.CAMEO, "10") {
				t.Errorf("root=10 returned %s", e.CAMEO)
			}
		}
		for _, e := range f.list(t, "start=2024-01-29&end=2024-02-05") {
			if e.Date < "2024-01-29" || e.Date > "2024-02-05" {
				t.Errorf("start/end returned date %s", e.Date)
			}
		}
		got = f.list(t, "q=militants")
		if len(got) == 0 {
			t.Error("q=militants: nothing")
		}
		for _, e := range got {
			if !strings.Contains(strings.ToLower(e.Evidence.Sentence), "militants") {
				t.Errorf("q=militants returned %q", e.Evidence.Sentence)
			}
		}
		// "text" is the name the CLI uses too (--text); "q" is its older name.
		if byText := f.list(t, "text=militants"); len(byText) != len(got) {
			t.Errorf("text=militants gave %d events, q=militants %d", len(byText), len(got))
		}
		for _, e := range f.list(t, "actor=EGY") {
			if country(e.Source) != "EGY" && country(e.Target) != "EGY" {
				t.Errorf("actor=EGY returned %s→%s", e.Source.Code, e.Target.Code)
			}
		}
	})

	t.Run("cursor pagination", func(t *testing.T) {
		seen := map[string]bool{}
		cursor, pages := "", 0
		for {
			var page api.EventsPage
			q := "limit=3"
			if cursor != "" {
				q += "&cursor=" + url.QueryEscape(cursor)
			}
			if code := f.get(t, "/api/events?"+q, &page); code != 200 {
				t.Fatalf("page %d: status %d", pages, code)
			}
			if len(page.Events) > 3 {
				t.Fatalf("page of %d events with limit=3", len(page.Events))
			}
			for _, e := range page.Events {
				if seen[e.ID] {
					t.Errorf("event %s on two pages", e.ID)
				}
				seen[e.ID] = true
			}
			pages++
			if cursor = page.NextCursor; cursor == "" || pages > 100 {
				break
			}
		}
		if len(seen) != len(f.events) {
			t.Errorf("paging saw %d events, stored %d", len(seen), len(f.events))
		}
	})

	t.Run("one event", func(t *testing.T) {
		want := f.between("IRN", "PAK")[0]
		var got store.StoredEvent
		if code := f.get(t, "/api/events/"+want.ID, &got); code != 200 {
			t.Fatalf("status %d", code)
		}
		if got.ID != want.ID || got.Evidence != want.Evidence || got.CAMEO != want.CAMEO {
			t.Errorf("got %+v, want %+v", got.Event, want)
		}
		if len(got.Mentions) == 0 || got.Mentions[0] != want.Evidence {
			t.Errorf("mentions %+v do not start with the evidence", got.Mentions)
		}
		var e api.ErrorResult
		if code := f.get(t, "/api/events/no-such-event", &e); code != 404 || !strings.Contains(e.Error, "not found") {
			t.Errorf("unknown id: %d %q", code, e.Error)
		}
	})

	t.Run("article with spans", func(t *testing.T) {
		var got api.ArticleResult
		if code := f.get(t, "/api/articles/t-visit", &got); code != 200 {
			t.Fatalf("status %d", code)
		}
		if got.Article.Text != f.texts["t-visit"] || got.Article.URL != "https://example.net/visit" {
			t.Errorf("article = %+v", got.Article)
		}
		if !got.SpansComplete {
			t.Error("spans_complete is false")
		}
		evidence := 0
		runes := []rune(got.Article.Text)
		for _, s := range got.Spans {
			if s.Start < 0 || s.End > len(runes) || s.Start >= s.End {
				t.Fatalf("span %+v outside the text (%d code points)", s, len(runes))
			}
			if !s.Evidence {
				continue
			}
			evidence++
			var e store.StoredEvent
			f.get(t, "/api/events/"+s.EventID, &e)
			if string(runes[s.Start:s.End]) != e.Evidence.Sentence {
				t.Errorf("span %d:%d is %q, evidence is %q", s.Start, s.End, string(runes[s.Start:s.End]), e.Evidence.Sentence)
			}
		}
		n := 0
		for _, e := range f.events {
			if e.Article == "t-visit" {
				n++
			}
		}
		if evidence != n {
			t.Errorf("%d evidence spans, the article has %d events", evidence, n)
		}
	})

	t.Run("actors", func(t *testing.T) {
		var got api.ActorsResult
		f.get(t, "/api/actors", &got)
		found := false
		for _, a := range got.Actors {
			if a.Country == "IRN" && a.Events > 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("no IRN actor in %+v", got.Actors)
		}
	})

	t.Run("series and relations", func(t *testing.T) {
		var s api.SeriesResult
		if code := f.get(t, "/api/series?dyad=IRN,PAK&bucket=day", &s); code != 200 {
			t.Fatalf("status %d", code)
		}
		total := 0
		for _, p := range s.Points {
			total += p.Count
		}
		if want := len(f.between("IRN", "PAK")); total != want {
			t.Errorf("series counts add up to %d, want %d", total, want)
		}
		// The store recorded no IRN-PAK states: they are derived from the
		// events (the ambassador recalled, ties restored).
		if s.Bucket != "day" || s.RelationsFrom != "events" || len(s.Relations) != 2 ||
			s.Relations[0].State != "suspended" || s.Relations[0].Since != "2024-01-18" || s.Relations[1].State != "restored" {
			t.Errorf("series relations = %+v from %q, bucket %q", s.Relations, s.RelationsFrom, s.Bucket)
		}
		var r api.RelationsResult
		f.get(t, "/api/relations?a=SDN&b=EGY", &r)
		if r.RelationsFrom != "store" || len(r.Relations) != 2 || r.Relations[1].State != "strained" {
			t.Errorf("recorded relations = %+v from %q", r.Relations, r.RelationsFrom)
		}
		f.get(t, "/api/relations?a=PAK&b=IRN", &r)
		if r.RelationsFrom != "events" || len(r.Relations) != 2 {
			t.Errorf("derived relations = %+v from %q", r.Relations, r.RelationsFrom)
		}
		var m api.SeriesResult
		f.get(t, "/api/series?bucket=month", &m)
		if len(m.Points) == 0 || len(m.Relations) != 0 || m.RelationsFrom != "" {
			t.Errorf("monthly series of everything = %+v", m)
		}
	})

	t.Run("stats", func(t *testing.T) {
		var s store.Stats
		f.get(t, "/api/stats", &s)
		if s.Events != len(f.events) || s.Articles != 4 {
			t.Errorf("stats = %+v", s)
		}
	})
}

func TestBadRequests(t *testing.T) {
	f := newFixture(t)
	for _, c := range []struct{ path, want string }{
		{"/api/events?start=2024-13-01", `start: "2024-13-01" is not YYYY-MM-DD`},
		{"/api/events?end=yesterday", `end: "yesterday" is not YYYY-MM-DD`},
		{"/api/events?start=2024-02-01&end=2024-01-01", "end: 2024-01-01 is before start 2024-02-01"},
		{"/api/events?limit=501", "limit: 501 is out of range 1 to 500"},
		{"/api/events?limit=0", "limit: 0 is out of range 1 to 500"},
		{"/api/events?limit=ten", `limit: "ten" is not an integer`},
		{"/api/events?root=21", `root: "21": CAMEO roots run from 01 to 20`},
		{"/api/events?root=1", `root: "1" is not 2 digits`},
		{"/api/events?code=19a", `code: "19a" is not 2 to 4 digits`},
		{"/api/events?quad=5", "quad: 5 is out of range 1 to 4"},
		{"/api/events?dyad=IRN", `dyad: "IRN" is not two actor codes separated by a comma (e.g. IRN,PAK)`},
		{"/api/events?dyad=IRN,P'K", `dyad: "P'K" is not an actor code`},
		{"/api/events?actor=IRN%3BDROP", `actor: "IRN;DROP" is not an actor code`},
		{"/api/events?actor=IRN;DROP", "query string: invalid semicolon separator in query"},
		{"/api/events?q=%zz", "query string: invalid URL escape"},
		{"/api/events?bbox=1,2,3", "bbox: \"1,2,3\" is not four numbers"},
		{"/api/events?bbox=0,0,200,10", "bbox: 200 is out of range -180 to 180"},
		{"/api/events?cursor=***", `cursor: "***" is not a cursor from a previous page`},
		{"/api/events?cursor=bm90LWEtY3Vyc29y", "cursor: "},
		{"/api/events?text=iran&q=iran", "text and q: the same parameter given twice"},
		{"/api/events?colour=red", "colour: unknown parameter; this route takes dyad, actor, group, start, end, root, code, quad, place, bbox, text, coder, limit, cursor"},
		{"/api/events?root=19&root=18", "root: given 2 times, want once"},
		{"/api/events?q=" + strings.Repeat("x", 201), "q: 201 bytes long, at most 200"},
		{"/api/events?q=%2B%2B%2B", `q: "+++" has no words to search for`},
		{"/api/series?bucket=year", `bucket: "year" is not one of day, week, month`},
		{"/api/relations?a=IRN", "b: required"},
		{"/api/stats?x=1", "x: unknown parameter; this route takes none"},
	} {
		var e api.ErrorResult
		code := f.get(t, c.path, &e)
		if code != 400 || !strings.Contains(e.Error, c.want) {
			t.Errorf("GET %s: %d %q, want 400 containing %q", c.path, code, e.Error, c.want)
		}
	}
	var e api.ErrorResult
	if code := f.get(t, "/api/nothing", &e); code != 404 || !strings.Contains(e.Error, "no such endpoint") {
		t.Errorf("GET /api/nothing: %d %q", code, e.Error)
	}
	if code := f.get(t, "/api/events?q="+strings.Repeat("a", 5000), &e); code != http.StatusRequestURITooLong {
		t.Errorf("a 5000-byte query: status %d, want 414", code)
	}
	res, err := http.Post(f.srv.URL+"/api/events", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/events: status %d, want 405", res.StatusCode)
	}
}

func TestOpenAPI(t *testing.T) {
	f := newFixture(t)
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Parameters  []struct {
				Name, In string
				Required bool
				Schema   map[string]any
			} `json:"parameters"`
			Responses map[string]any `json:"responses"`
		} `json:"paths"`
		Components struct {
			Schemas map[string]map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if code := f.get(t, "/openapi.json", &doc); code != 200 {
		t.Fatalf("status %d", code)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q", doc.OpenAPI)
	}
	for _, r := range api.Routes() {
		op, ok := doc.Paths[r.Path][strings.ToLower(r.Method)]
		if !ok {
			t.Errorf("%s %s missing from the document", r.Method, r.Path)
			continue
		}
		var names []string
		for _, p := range op.Parameters {
			names = append(names, p.Name)
			if p.In == "path" && !p.Required {
				t.Errorf("%s: path parameter %s not required", r.Path, p.Name)
			}
		}
		for _, p := range r.Params {
			if !slices.Contains(names, p.Name) {
				t.Errorf("%s: parameter %s missing", r.Path, p.Name)
			}
		}
		if op.Responses["200"] == nil || op.Responses["400"] == nil {
			t.Errorf("%s: responses %v", r.Path, op.Responses)
		}
	}
	ev := doc.Components.Schemas["StoredEvent"]
	props, _ := ev["properties"].(map[string]any)
	for _, k := range []string{"id", "article", "cameo", "evidence", "source", "article_url", "mentions"} {
		if props[k] == nil {
			t.Errorf("StoredEvent schema lacks %q: %v", k, ev)
		}
	}
	for _, name := range []string{"EventsPage", "Evidence", "Actor", "ArticleResult", "ErrorResult", "Point", "Relation"} {
		if doc.Components.Schemas[name] == nil {
			t.Errorf("schema %s missing", name)
		}
	}
	// The limit parameter's bounds come from the same Param the validator uses.
	for _, p := range doc.Paths["/api/events"]["get"].Parameters {
		if p.Name == "limit" && fmt.Sprint(p.Schema["maximum"]) != fmt.Sprint(api.MaxLimit) {
			t.Errorf("limit schema %v, want maximum %d", p.Schema, api.MaxLimit)
		}
	}
}

// After a re-code the API serves the new version's events by default, the
// old version's on request, and lists both versions.
func TestCoderVersions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a, err := f.st.Article(ctx, f.events[0].Article)
	if err != nil {
		t.Fatal(err)
	}
	var mine []event.Event
	for _, e := range f.events {
		if e.Article == a.ID {
			e.Coder = "v2"
			mine = append(mine, e)
		}
	}
	a.Coder = "v2"
	if err := f.st.PutArticle(ctx, a, mine[:1]); err != nil {
		t.Fatal(err)
	}
	var cr api.CodersResult
	if code := f.get(t, "/api/coders", &cr); code != 200 || len(cr.Coders) != 2 || cr.Coders[0].Coder != "v2" ||
		cr.Coders[0].Current != 1 || cr.Coders[1].Archived != len(mine) {
		t.Errorf("GET /api/coders: %d %+v; want v2 (1 current event) first, then the old version with %d archived", code, cr, len(mine))
	}
	if got := f.list(t, "limit=500"); len(got) != len(f.events)-len(mine)+1 {
		t.Errorf("current events: %d, want %d", len(got), len(f.events)-len(mine)+1)
	}
	if got := f.list(t, "coder=v2"); len(got) != 1 || got[0].Coder != "v2" {
		t.Errorf("coder=v2: %d events, want 1", len(got))
	}
}

// The server guard: undecodable paths are a 400, and a loopback server
// answers only to loopback Host names.
func TestGuard(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	for _, c := range []struct {
		path, host string
		loopback   bool
		want       int
	}{
		{"/api/stats", "127.0.0.1:8080", true, http.StatusNoContent},
		{"/api/stats", "localhost:8080", true, http.StatusNoContent},
		{"/api/stats", "[::1]:8080", true, http.StatusNoContent},
		{"/api/stats", "attacker.example:8080", true, http.StatusMisdirectedRequest},
		{"/api/stats", "attacker.example", false, http.StatusNoContent},
		{"/%ff", "127.0.0.1:8080", true, http.StatusBadRequest},
		{"/a%00b", "127.0.0.1:8080", false, http.StatusBadRequest},
	} {
		req := httptest.NewRequest("GET", "http://x"+c.path, nil)
		req.Host = c.host
		rec := httptest.NewRecorder()
		api.Guard(ok, c.loopback).ServeHTTP(rec, req)
		if rec.Code != c.want {
			t.Errorf("GET %s (Host %s, loopback %v): %d, want %d", c.path, c.host, c.loopback, rec.Code, c.want)
		}
	}
}

// Beyond the cap on concurrent requests, a request waits, then gets 503
// with Retry-After; text parameters refuse NUL and bad UTF-8 alike.
func TestBusyAndBadText(t *testing.T) {
	f := newFixture(t)
	for _, q := range []string{"q=%00x", "q=%ff", "place=%ff", "actor=%00"} {
		if code := f.get(t, "/api/events?"+q, nil); code != http.StatusBadRequest {
			t.Errorf("GET /api/events?%s: %d, want 400", q, code)
		}
	}
	release := make(chan struct{})
	srv := api.New(slowStore{f.st, release})
	srv.SetMaxConcurrent(1)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	first := make(chan int)
	go func() {
		res, err := http.Get(ts.URL + "/api/stats")
		if err != nil {
			first <- 0
			return
		}
		res.Body.Close()
		first <- res.StatusCode
	}()
	time.Sleep(100 * time.Millisecond) // the first holds the one slot
	res, err := http.Get(ts.URL + "/api/stats")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Errorf("second request while the first holds the only slot: %d (Retry-After %q), want 503 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	close(release)
	if code := <-first; code != http.StatusOK {
		t.Errorf("first request: %d, want 200", code)
	}
}

// slowStore answers Stats only once release is closed.
type slowStore struct {
	store.Store
	release chan struct{}
}

func (s slowStore) Stats(ctx context.Context) (store.Stats, error) {
	select {
	case <-s.release:
	case <-ctx.Done():
		return store.Stats{}, ctx.Err()
	}
	return s.Store.Stats(ctx)
}

// Known groups: an article coded by the pipeline keeps each organisation's
// group code, and group= finds its events on either side, in /api/events
// and /api/series; a malformed code is refused naming the parameter.
func TestKnownGroups(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := event.Article{ID: "groups", Title: "Groups", Published: time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC),
		Text: "The United Nations demanded a ceasefire from Israel on Monday. Hamas accused Israel of violating the truce on Tuesday. " +
			"NATO met the African Union in Addis Ababa on Wednesday."}
	r := pipe.Code(a)
	if err := f.st.PutArticle(ctx, event.Article{ID: a.ID, Title: a.Title, Published: a.Published, Text: r.Text, Language: "en",
		Hash: a.ContentHash()}, r.Events); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		query string
		want  []string // CAMEO root, source.group>target.group, in date order
	}{
		{"group=UNO", []string{"10 UNO>"}},
		{"group=uno", []string{"10 UNO>"}},
		{"group=HMS", []string{"11 HMS>"}},
		{"group=AFU", []string{"04 NAT>AFU"}},
		{"group=NAT&root=04", []string{"04 NAT>AFU"}},
		{"group=NAT&root=19", nil},
		{"group=OPC", nil},
	} {
		var got []string
		for _, e := range f.list(t, c.query) {
			got = append(got, e.CAMEO[:2]+" "+e.Source.Group+">"+e.Target.Group)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("/api/events?%s: %q, want %q", c.query, got, c.want)
		}
	}
	var series api.SeriesResult
	if code := f.get(t, "/api/series?group=UNO", &series); code != 200 || len(series.Points) != 1 || series.Points[0].Count != 1 {
		t.Errorf("/api/series?group=UNO: %d %+v", code, series.Points)
	}
	for _, q := range []string{"group=UN", "group=U1O", "group=UNOX"} {
		var e api.ErrorResult
		if code := f.get(t, "/api/events?"+q, &e); code != 400 || !strings.HasPrefix(e.Error, "group: ") {
			t.Errorf("GET /api/events?%s: %d %q, want 400 naming group", q, code, e.Error)
		}
	}
}
