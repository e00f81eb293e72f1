package web_test

import (
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/web"
)

func get(t *testing.T, h http.Handler, path string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestIndex(t *testing.T) {
	h := web.Handler()
	res, body := get(t, h, "/")
	if res.StatusCode != 200 || !strings.Contains(body, `<script src="app.js"`) {
		t.Fatalf("GET /: %d\n%s", res.StatusCode, body)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
	if !strings.Contains(body, "GeoNames") || !strings.Contains(body, "CC BY 4.0") {
		t.Error("the footer does not attribute GeoNames (CC BY 4.0)")
	}
	for _, p := range []string{"/app.js", "/style.css", "/world.json", "/LICENSES.md", "/favicon.svg"} {
		if res, _ := get(t, h, p); res.StatusCode != 200 {
			t.Errorf("GET %s: %d", p, res.StatusCode)
		}
	}
	if res, body := get(t, h, "/favicon.ico"); res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(body, "<svg") {
		t.Errorf("GET /favicon.ico: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d", rec.Code)
	}
}

// TestNothingFromElsewhere checks that no asset loads anything from
// another origin: everything the dashboard needs ships in the binary.
func TestNothingFromElsewhere(t *testing.T) {
	remote := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//|@import|url\(\s*["']?(https?:)?//|fetch\(\s*["'](https?:)?//`)
	err := fs.WalkDir(web.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".md") || strings.HasSuffix(path, ".json") {
			return err
		}
		b, err := fs.ReadFile(web.FS(), path)
		if err != nil {
			return err
		}
		for _, m := range remote.FindAllString(string(b), -1) {
			if strings.HasPrefix(path, "index.html") && strings.HasPrefix(strings.ToLower(m), "href") {
				continue // plain links in the footer (GeoNames, licence) load nothing
			}
			t.Errorf("%s loads from another origin: %s", path, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWorldShapes(t *testing.T) {
	b, err := fs.ReadFile(web.FS(), "world.json")
	if err != nil {
		t.Fatal(err)
	}
	var w struct {
		ViewBox   string `json:"viewBox"`
		Countries []struct{ ID, Name, D string }
	}
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	if w.ViewBox != "0 0 360 180" || len(w.Countries) < 150 {
		t.Fatalf("viewBox %q, %d countries", w.ViewBox, len(w.Countries))
	}
	num := regexp.MustCompile(`-?[0-9.]+`)
	for _, c := range w.Countries {
		if !strings.HasPrefix(c.D, "M") {
			t.Errorf("%s: path %.20q", c.Name, c.D)
		}
		for i, n := range num.FindAllString(c.D, -1) {
			var f float64
			json.Unmarshal([]byte(n), &f)
			if f < 0 || (i%2 == 0 && f > 360) || (i%2 == 1 && f > 180) {
				t.Fatalf("%s: coordinate %s outside the 360x180 equirectangular frame", c.Name, n)
			}
		}
	}
}

// TestGroupFilter checks that the dashboard offers the known-group filter:
// an input in the filter form, kept in the URL and sent to the API as
// group=.
func TestGroupFilter(t *testing.T) {
	h := web.Handler()
	_, page := get(t, h, "/")
	_, js := get(t, h, "/app.js")
	for _, c := range []struct{ what, in, want string }{
		{"the form's group input", page, `<input name="group" id="f-group"`},
		{"group among the filters kept in the URL", js, `const FILTER_KEYS = ['a', 'b', 'group',`},
		{"group sent to the API", js, `group: (f.group || '').toUpperCase()`},
		{"an actor's group shown in the table", js, "a.group ? ` · ${a.group}` : ''"},
	} {
		if !strings.Contains(c.in, c.want) {
			t.Errorf("%s: %q not found", c.what, c.want)
		}
	}
}
