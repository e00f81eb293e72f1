package api_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/api"
)

func TestParseQueryDefaults(t *testing.T) {
	routes := api.Routes()
	q, err := api.ParseQuery(&routes[0], url.Values{"dyad": {"irn,pakmil"}, "start": {"2024-01-01"}}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if q.Filter.Dyad != [2]string{"IRN", "PAKMIL"} || q.Filter.Limit != api.DefaultLimit || q.Filter.Start != time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) {
		t.Errorf("parsed %+v", q.Filter)
	}
}

// FuzzParseQuery feeds arbitrary query strings and path ids to every
// route's parser: it must never panic, must reject with an *api.Error that
// names a parameter, and what it accepts must be within the documented
// bounds.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"dyad=IRN,PAK&start=2024-01-01&root=19&limit=50",
		"start=2024-13-01", "limit=501", "limit=-1", "bbox=-180,-90,180,90", "bbox=NaN,0,1,1",
		"cursor=MjAyNC0wMS0wMXxhYmM", "q=%00", "bucket=week", "a=IRN&b=PAK", "actor=ＩＲＮ", "root=00",
		"code=1951", "quad=4", "place=Saravan", "dyad=,", "dyad=IRN,PAK,AFG",
	} {
		f.Add(s, "abc123")
	}
	routes := api.Routes()
	f.Fuzz(func(t *testing.T, raw, id string) {
		vals, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		for i := range routes {
			r := &routes[i]
			q, err := api.ParseQuery(r, vals, func(string) string { return id })
			if err != nil {
				var e *api.Error
				if !errors.As(err, &e) || !strings.Contains(e.Msg, ": ") {
					t.Fatalf("%s: error %v (%T) does not name a parameter", r.Path, err, err)
				}
				continue
			}
			fl := q.Filter
			if fl.Limit < 0 || fl.Limit > api.MaxLimit {
				t.Fatalf("%s: accepted limit %d", r.Path, fl.Limit)
			}
			if !fl.Start.IsZero() && !fl.End.IsZero() && fl.End.Before(fl.Start) {
				t.Fatalf("%s: accepted end %v before start %v", r.Path, fl.End, fl.Start)
			}
			if fl.Root != "" && (len(fl.Root) != 2 || fl.Root < "01" || fl.Root > "20") {
				t.Fatalf("%s: accepted root %q", r.Path, fl.Root)
			}
			if fl.Quad < 0 || fl.Quad > 4 {
				t.Fatalf("%s: accepted quad %d", r.Path, fl.Quad)
			}
			for _, c := range []string{fl.Actor, fl.Dyad[0], fl.Dyad[1], q.A, q.B} {
				if c != "" && strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
					t.Fatalf("%s: accepted actor code %q", r.Path, c)
				}
			}
			if b := fl.BBox; b != nil && (b[0] > b[2] || b[1] > b[3] || b[0] < -180 || b[3] > 90) {
				t.Fatalf("%s: accepted bbox %v", r.Path, *b)
			}
			if len(fl.Text) > 200 || len(fl.Place) > 200 || len(fl.Cursor) > 200 || len(q.ID) > 100 {
				t.Fatalf("%s: accepted an over-long value", r.Path)
			}
		}
	})
}

// FuzzServer sends arbitrary query strings to every listing route of a
// server over a real SQLite store: whatever the input, the answer is 200,
// 400 or 404 with a JSON body, never a store failure (500).
func FuzzServer(f *testing.F) {
	for _, s := range []string{"q=iran", "q=%22", "q=NEAR(a", "q=a*b", "q=-x", "q=x%20OR%20y", "place=%27", "code=1951",
		"dyad=IRN,PAK&root=19&start=2024-01-01&end=2024-12-31", "cursor=MjAyNC0wMS0wMXxh", "bbox=-180,-90,180,90", "limit=500"} {
		f.Add(s)
	}
	fx := newFixture(f)
	h := fx.srv.Config.Handler
	f.Fuzz(func(t *testing.T, raw string) {
		for _, p := range []string{"/api/events", "/api/actors", "/api/series", "/api/relations"} {
			req := httptest.NewRequest("GET", "/", nil)
			req.URL.Path, req.URL.RawQuery = p, raw
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code >= 500 && rec.Code != http.StatusServiceUnavailable {
				t.Fatalf("GET %s?%s: %d %s", p, raw, rec.Code, rec.Body)
			}
			if !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("GET %s?%s: not JSON: %s", p, raw, rec.Body)
			}
		}
	})
}
