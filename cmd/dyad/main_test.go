package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/data"
	placesdata "github.com/dyad-events/dyad/data/places"
	"github.com/dyad-events/dyad/internal/pipeline"
)

// testData is the embedded data, as main passes it, shared by every
// command the tests run: each part is loaded once per test binary.
var testData = pipeline.NewData(pipeline.Files{Data: data.FS, Gazetteer: placesdata.FS})

func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = Run(context.Background(), testData, args, &o, &e)
	return o.String(), e.String(), code
}

// Bad records are reported by line and field; the good ones are coded and
// the exit status says input was rejected.
func TestExtractReportsBadRecordsAndGoesOn(t *testing.T) {
	out, errs, code := run(t, "extract", "testdata/mixed.jsonl")
	if code != exitRejected {
		t.Errorf("exit status %d, want %d; stderr:\n%s", code, exitRejected, errs)
	}
	for _, want := range []string{"mixed.jsonl:2: not a JSON object", "mixed.jsonl:3: text:", "mixed.jsonl:4: published:"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	arts := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev struct {
			Article string `json:"article"`
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("output line is not JSON: %q", line)
		}
		arts[ev.Article] = true
	}
	if !arts["good-1"] || !arts["good-2"] {
		t.Errorf("events for both good articles expected, got articles %v", arts)
	}
}

func TestExtractPlainTextNeedsDate(t *testing.T) {
	_, errs, code := run(t, "extract", "../../examples/dispatch.txt")
	if code != exitRejected || !strings.Contains(errs, "--published") {
		t.Errorf("text without --published: exit %d, stderr %q", code, errs)
	}
	out, errs, code := run(t, "extract", "--published", "2025-05-06", "../../examples/dispatch.txt")
	if code != exitOK || !strings.Contains(out, `"article":"dispatch"`) {
		t.Errorf("text with --published: exit %d, stderr %q, out %q", code, errs, out)
	}
}

// The evidence offsets point at the evidence sentence in the cleaned text.
func TestEvidenceOffsets(t *testing.T) {
	out, _, _ := run(t, "extract", "../../examples/articles.jsonl")
	if out == "" {
		t.Fatal("no events from the examples")
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev struct {
			Evidence struct {
				Sentence   string
				Start, End int
			}
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatal(err)
		}
		if n := len([]rune(ev.Evidence.Sentence)); ev.Evidence.End-ev.Evidence.Start != n {
			t.Errorf("offsets %d-%d do not span the %d code points of %q", ev.Evidence.Start, ev.Evidence.End, n, ev.Evidence.Sentence)
		}
	}
}

func seedDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "eval", "seed")
	if _, err := os.Stat(filepath.Join(dir, "articles.jsonl")); err != nil {
		t.Skipf("the seed article is not here (%v); skipping", err)
	}
	return dir
}

// dyad eval prints the same figures as the shared scorer, on the seed and
// on the peers' gold.
func TestEvalAgreesWithSharedScorer(t *testing.T) {
	dir := seedDir(t)
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed; cannot run the shared scorer")
	}
	eval := filepath.Join(dir, "..")
	for _, set := range []string{"seed", "peers/petr2-gsr", "peers/plover-gsr"} {
		articles := filepath.Join(eval, set, "articles.jsonl")
		gold := filepath.Join(eval, set, "gold.jsonl")
		if _, err := os.Stat(gold); err != nil {
			t.Logf("%s: no gold here; skipped", set)
			continue
		}
		out, _, _ := run(t, "extract", articles)
		sys := filepath.Join(t.TempDir(), "sys.jsonl")
		if err := os.WriteFile(sys, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		ours, _, code := run(t, "eval", "--confusion=false", gold, sys)
		if code != exitOK {
			t.Fatalf("%s: dyad eval exit %d", set, code)
		}
		theirs, err := exec.Command(py, filepath.Join(eval, "score.py"), gold, sys).Output()
		if err != nil {
			t.Fatalf("%s: score.py: %v", set, err)
		}
		if a, b := strings.TrimSpace(ours), strings.TrimSpace(string(theirs)); a != b {
			t.Errorf("%s: dyad eval and score.py disagree\n--- dyad eval\n%s\n--- score.py\n%s", set, a, b)
		}
	}
}

// With --dedup a wire copy with small edits is skipped and reported, not
// coded twice; without it both are coded.
func TestExtractDedup(t *testing.T) {
	articles := func(out string) map[string]bool {
		seen := map[string]bool{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var ev struct{ Article string }
			if json.Unmarshal([]byte(line), &ev) == nil {
				seen[ev.Article] = true
			}
		}
		return seen
	}
	out, errs, code := run(t, "extract", "--dedup", "0.8", "testdata/dupes.jsonl")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	got := articles(out)
	if !got["wire-a"] || got["paper-b"] || !got["other-c"] {
		t.Errorf("with --dedup, articles coded: %v (want wire-a and other-c)", got)
	}
	if !strings.Contains(errs, "paper-b") || !strings.Contains(errs, "wire-a") {
		t.Errorf("the skipped duplicate should be reported with what it duplicates: %q", errs)
	}
	out, _, _ = run(t, "extract", "testdata/dupes.jsonl")
	if got := articles(out); !got["paper-b"] {
		t.Errorf("without --dedup both copies are coded: %v", got)
	}
}

// Two outlets telling one air strike give one fused event with both as
// sources and the deaths they reported as a range.
func TestExtractFuse(t *testing.T) {
	out, errs, code := run(t, "extract", "--fuse", "testdata/samestrike.jsonl")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var strikes []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev map[string]any
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("not JSON: %q", line)
		}
		if c, _ := ev["cameo"].(string); strings.HasPrefix(c, "19") {
			strikes = append(strikes, ev)
		}
	}
	if len(strikes) != 1 {
		t.Fatalf("want one fused strike, got %d:\n%s", len(strikes), out)
	}
	s := strikes[0]
	if s["num_sources"] != 2.0 || s["num_articles"] != 2.0 {
		t.Errorf("sources %v articles %v, want 2 and 2", s["num_sources"], s["num_articles"])
	}
	f, _ := s["fatalities"].(map[string]any)
	if f["min"] != 7.0 || f["max"] != 9.0 {
		t.Errorf("fatalities %v, want 7 to 9", f)
	}
	if ms, _ := s["mentions"].([]any); len(ms) != 2 {
		t.Errorf("want both mentions, got %v", s["mentions"])
	}
}

// A user's dictionary of made-up countries codes sentences about them.
func TestExtractUserDictionary(t *testing.T) {
	in := filepath.Join(t.TempDir(), "ruritania.jsonl")
	text := `{"id": "r1", "published": "2023-05-02", "text": "Ruritanian troops shelled Graustark on Monday. Strelsau recalled its ambassador from Graustark."}` + "\n"
	if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := run(t, "extract", "--actors", "../../internal/actors/testdata/fictional.tsv", in)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev struct {
			CAMEO          string `json:"cameo"`
			Source, Target struct{ Code string }
		}
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("not JSON: %q", line)
		}
		got = append(got, ev.CAMEO[:2]+" "+ev.Source.Code+">"+ev.Target.Code)
	}
	want := "19 RURMIL>GRA; 16 RURGOV>GRA"
	if strings.Join(got, "; ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "; "), want)
	}
	_, errs, code = run(t, "extract", "--actors", "../../internal/actors/testdata/broken.tsv", in)
	if code != exitFail || !strings.Contains(errs, "broken.tsv:3: country:") {
		t.Errorf("a broken dictionary should stop the run with file, line and field: exit %d, %q", code, errs)
	}
}

// The seed article as a web page, with a menu, a cookie banner, share
// buttons and related links around it, codes to the same events as its text.
func TestSeedAsHTMLPage(t *testing.T) {
	dir := seedDir(t)
	raw, err := os.ReadFile(filepath.Join(dir, "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var a struct{ ID, Title, Published, Text string }
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(`<!doctype html><html><head><title>` + a.Title + ` | Example News</title>
<meta property="article:published_time" content="` + a.Published + `T08:00:00Z"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<article><h1>` + a.Title + `</h1>`)
	for _, line := range strings.Split(a.Text, "\n") {
		if strings.HasPrefix(line, "Image:") {
			b.WriteString("<figure><img src=\"x.jpg\"><figcaption>" + line + "</figcaption></figure>\n")
			continue
		}
		b.WriteString("<p>" + line + "</p>\n")
	}
	b.WriteString(`</article><div class="share">Share on social media <a href="#">Twitter</a> <a href="#">Facebook</a></div>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Markets rally as oil prices fall</a></li><li><a href="/b">Football: late goal settles derby</a></li></ul></aside>
<footer>© Example News</footer></body></html>`)
	page := filepath.Join(t.TempDir(), a.ID+".html")
	if err := os.WriteFile(page, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	keys := func(out string) []string {
		var ks []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var ev struct {
				CAMEO, Date    string
				Source, Target struct{ Code string }
			}
			if err := json.Unmarshal([]byte(line), &ev); err != nil {
				t.Fatalf("not JSON: %q", line)
			}
			ks = append(ks, ev.CAMEO+" "+ev.Source.Code+">"+ev.Target.Code+" "+ev.Date)
		}
		sort.Strings(ks)
		return ks
	}
	fromText, _, _ := run(t, "extract", filepath.Join(dir, "articles.jsonl"))
	fromPage, errs, code := run(t, "extract", page)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if a, b := strings.Join(keys(fromText), "\n"), strings.Join(keys(fromPage), "\n"); a != b {
		t.Errorf("the page's events differ from the text's:\n--- text\n%s\n--- page\n%s", a, b)
	}
}

// `dyad version` and `dyad --help` succeed; version names each bundled
// data set with a digest.
func TestVersionAndHelp(t *testing.T) {
	out, errs, code := run(t, "version")
	if code != exitOK {
		t.Fatalf("version: exit %d, stderr %q", code, errs)
	}
	if !strings.HasPrefix(out, "dyad ") {
		t.Errorf("version output should start with the binary's version: %q", out)
	}
	for _, name := range []string{"actors", "patterns", "codes", "model", "gazetteer"} {
		found := false
		for _, line := range strings.Split(out, "\n") {
			f := strings.Fields(line)
			if len(f) == 2 && f[0] == name && len(f[1]) == 12 {
				found = true
			}
		}
		if !found {
			t.Errorf("version output lacks a %s digest:\n%s", name, out)
		}
	}
	if _, _, code := run(t, "version", "extra"); code != exitUsage {
		t.Errorf("version with an argument: exit %d, want %d", code, exitUsage)
	}
	for _, args := range [][]string{{"--help"}, {"help"}, {"extract", "-h"}, {"help", "query"}, {"serve", "--help"}} {
		if _, errs, code := run(t, args...); code != exitOK {
			t.Errorf("%v: exit %d, want 0; stderr %q", args, code, errs)
		}
	}
}

// A file of many bad lines gets a few lines and a count, not one line
// each; an empty input is reported; a repeated article is coded once.
func TestProblemsAreCappedAndInputsChecked(t *testing.T) {
	dir := t.TempDir()
	var bad strings.Builder
	for i := 0; i < 20; i++ {
		bad.WriteString("[1, 2]\n")
	}
	good := `{"id":"g1","published":"2025-03-04","text":"Kenyan police arrested 12 Somali nationals in Nairobi on Monday."}` + "\n"
	files := map[string]string{"bad.jsonl": bad.String(), "empty.jsonl": "", "a.jsonl": good, "b.jsonl": good}
	for n, c := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errs, code := run(t, "extract", filepath.Join(dir, "bad.jsonl"), filepath.Join(dir, "empty.jsonl"), filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl"))
	if code != exitRejected {
		t.Errorf("exit %d, want %d", code, exitRejected)
	}
	if n := strings.Count(errs, "bad.jsonl:"); n != problemsShown {
		t.Errorf("%d lines about bad.jsonl, want %d:\n%s", n, problemsShown, errs)
	}
	for _, want := range []string{"and 15 more problems in " + filepath.Join(dir, "bad.jsonl"), "the line holds a list", "empty.jsonl: no articles", "same id as the article read at " + filepath.Join(dir, "a.jsonl") + ":1"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	once, _, _ := run(t, "extract", filepath.Join(dir, "a.jsonl"))
	if n := strings.Count(once, `"article":"g1"`); n == 0 || strings.Count(out, `"article":"g1"`) != n {
		t.Errorf("the repeated article should be coded once: %d events alone, %d with its repeat", n, strings.Count(out, `"article":"g1"`))
	}
}

// `dyad eval DIR` scores an evaluation set's folder (gold.jsonl coded from
// articles.jsonl) as `dyad eval DIR/gold.jsonl --articles
// DIR/articles.jsonl` does, and a folder without them says what is missing.
func TestEvalSetFolder(t *testing.T) {
	dir := filepath.Join("..", "..", "eval", "news-b")
	byDir, errs, code := run(t, "eval", "--confusion=false", dir)
	if code != exitOK {
		t.Fatalf("eval %s: exit %d, stderr %q", dir, code, errs)
	}
	byFiles, _, _ := run(t, "eval", "--confusion=false", filepath.Join(dir, "gold.jsonl"), "--articles", filepath.Join(dir, "articles.jsonl"))
	if byDir != byFiles || !strings.Contains(byDir, "F1 ") {
		t.Errorf("folder and files disagree:\n%s\n---\n%s", byDir, byFiles)
	}
	if _, errs, code := run(t, "eval", t.TempDir()); code != exitUsage || !strings.Contains(errs, "no gold.jsonl") {
		t.Errorf("empty folder: exit %d, stderr %q", code, errs)
	}
}
