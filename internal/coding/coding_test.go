package coding_test

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/data"
	placesdata "github.com/dyad-events/dyad/data/places"
	"github.com/dyad-events/dyad/internal/coding"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/text"
)

// testData is the embedded data, loaded once per test binary.
var testData = pipeline.NewData(pipeline.Files{Data: data.FS, Gazetteer: placesdata.FS})

// Every CAMEO code has a Goldstein score, a QuadClass and a PLOVER type.
func TestTableComplete(t *testing.T) {
	tb, err := coding.LoadTable(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	if tb.Len() < 290 {
		t.Errorf("only %d CAMEO codes", tb.Len())
	}
	roots := map[string]bool{}
	for _, c := range tb.Codes() {
		roots[c.Root()] = true
		if c.Quad < 1 || c.Quad > 4 || c.Plover.Type == "" || c.Name == "" {
			t.Errorf("code %s incomplete: %+v", c.Code, c)
		}
	}
	if len(roots) != 20 {
		t.Errorf("%d roots, want 20", len(roots))
	}
	if c, ok := tb.Lookup("1951"); !ok || c.Goldstein != -10 || c.Quad != 4 {
		t.Errorf("1951: %+v %v", c, ok)
	}
}

// Every pattern's code is in the table.
func TestPatternsUseKnownCodes(t *testing.T) {
	tb, err := coding.LoadTable(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	vb, err := coding.LoadVerbs(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(vb.Patterns) < 1000 {
		t.Errorf("only %d patterns", len(vb.Patterns))
	}
	for _, p := range vb.Patterns {
		if _, ok := tb.Lookup(p.Code); !ok {
			t.Errorf("%s: pattern %q codes unknown %s", p.Source, p.Text, p.Code)
		}
	}
}

// Sentences written fresh code to the expected roots, sources and targets.
func TestSentences(t *testing.T) {
	p := newPipeline(t)
	for _, tl := range tableLines(t, "testdata/sentences.tsv") {
		n, line := tl.n, tl.text
		sentence, want, _ := strings.Cut(line, "\t")
		res := p.Code(event.Article{ID: "t", Text: sentence, Published: time.Date(2025, 5, 14, 0, 0, 0, 0, time.UTC)})
		var got []string
		for _, e := range res.Events {
			s := e.CAMEO[:2] + " " + orDash(e.Source.Country) + ">" + orDash(e.Target.Country)
			if e.Negated {
				s += "/neg"
			}
			if e.Claim {
				s += "/claim"
			}
			got = append(got, s)
		}
		sort.Strings(got)
		wants := strings.Split(want, "; ")
		sort.Strings(wants)
		if strings.Join(got, "; ") != strings.Join(wants, "; ") {
			t.Errorf("sentences.tsv:%d: %s\n got: %s\nwant: %s", n, sentence, strings.Join(got, "; "), strings.Join(wants, "; "))
		}
	}
}

// TestCodes checks sub-codes: each listed code must (or, after "!", must
// not) be among the sentence's events.
func TestCodes(t *testing.T) {
	p := newPipeline(t)
	for _, tl := range tableLines(t, "testdata/codes.tsv") {
		sentence, want, _ := strings.Cut(tl.text, "\t")
		res := p.Code(event.Article{ID: "t", Text: sentence, Published: time.Date(2025, 5, 14, 0, 0, 0, 0, time.UTC)})
		var got []string
		for _, e := range res.Events {
			got = append(got, e.CAMEO+" "+orDash(e.Source.Country)+">"+orDash(e.Target.Country))
		}
		for _, w := range strings.Split(want, "; ") {
			absent := strings.HasPrefix(w, "!")
			if slices.Contains(got, strings.TrimPrefix(w, "!")) == absent {
				t.Errorf("codes.tsv:%d: %s\n want %s among: %s", tl.n, sentence, w, strings.Join(got, "; "))
			}
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func BenchmarkCode(b *testing.B) {
	p := newPipeline(b)
	text := "Turkish warplanes bombed Kurdish militant positions in northern Iraq on Tuesday. The Egyptian foreign minister met his Jordanian counterpart in Cairo on Sunday. Algeria recalled its ambassador to Morocco for consultations."
	pub := time.Date(2025, 5, 14, 0, 0, 0, 0, time.UTC)
	sents := p.Analyse(text, pub)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Coder.Code(event.Article{ID: "b", Published: pub}, sents)
	}
	b.ReportMetric(float64(len(sents))*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// Words that refer back ("the group", "it") take the party named before,
// and a later sentence's count of dead goes to the attack it tells of.
func TestCoreference(t *testing.T) {
	p := newPipeline(t)
	text := "Al-Shabaab fighters attacked a Kenyan military base near the Somali border on Tuesday. " +
		"The group said it had killed dozens of soldiers. It also claimed to have seized weapons."
	res := p.Code(event.Article{ID: "c", Text: text, Published: time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)})
	var got []string
	for _, e := range res.Events {
		s := e.CAMEO[:2] + " " + e.Source.Country + ">" + e.Target.Country
		if e.Fatalities != nil && e.Fatalities.Min != nil {
			s += fmt.Sprintf(" dead>=%d", *e.Fatalities.Min)
		}
		got = append(got, s)
	}
	want := []string{"19 SOM>KEN dead>=24", "17 SOM>KEN"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// Event dates: a deadline or a time still to come does not date the act
// of saying, agreeing or pledging; a past time does.
func TestDates(t *testing.T) {
	p := newPipeline(t)
	for _, tl := range tableLines(t, "testdata/dates.tsv") {
		fields := strings.Split(tl.text, "\t")
		if len(fields) != 3 {
			t.Fatalf("dates.tsv:%d: want 3 tab-separated fields (published, sentence, date precision), got %d", tl.n, len(fields))
		}
		pub, err := time.Parse("2006-01-02", fields[0])
		if err != nil {
			t.Fatalf("dates.tsv:%d: published: %v", tl.n, err)
		}
		res := p.Code(event.Article{ID: "t", Text: fields[1], Published: pub})
		if len(res.Events) == 0 {
			t.Errorf("dates.tsv:%d: %s: no events", tl.n, fields[1])
		}
		for _, e := range res.Events {
			if got := e.Date + " " + e.DatePrecision; got != fields[2] {
				t.Errorf("dates.tsv:%d: %s\n %s %s>%s dated %s, want %s", tl.n, fields[1], e.CAMEO, e.Source.Code, e.Target.Code, got, fields[2])
			}
		}
	}
}

// Articles written fresh, where an event needs the sentences before it:
// each listed event must be among the article's events. Each side of an
// event is a country (three letters), "-" for none, or a full actor code.
func TestArticles(t *testing.T) {
	p := newPipeline(t)
	for _, tl := range tableLines(t, "testdata/articles.tsv") {
		n, line := tl.n, tl.text
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			t.Fatalf("articles.tsv:%d: want 3 tab-separated fields (name, text, events), got %d", n, len(fields))
		}
		res := p.Code(event.Article{ID: fields[0], Text: fields[1], Published: time.Date(2025, 6, 5, 0, 0, 0, 0, time.UTC)})
		var got []string
		for _, want := range strings.Split(fields[2], "; ") {
			root, pair, _ := strings.Cut(want, " ")
			src, tgt, _ := strings.Cut(pair, ">")
			found := false
			for _, e := range res.Events {
				if e.CAMEO[:2] == root && sideIs(e.Source, src) && sideIs(e.Target, tgt) {
					found = true
				}
			}
			if !found {
				if got == nil {
					for _, e := range res.Events {
						got = append(got, e.CAMEO+" "+e.Source.Code+">"+e.Target.Code)
					}
				}
				t.Errorf("articles.tsv:%d (%s): no %s among %s", n, fields[0], want, strings.Join(got, "; "))
			}
		}
	}
}

// sideIs matches an event's actor against a country or a full code.
func sideIs(a event.Actor, want string) bool {
	if want == "-" {
		return a.Country == ""
	}
	if len(want) == 3 {
		return a.Country == want
	}
	return a.Code == want
}

// tableLine is one line of a test table and its number.
type tableLine struct {
	n    int
	text string
}

// tableLines returns a test table's lines in order, without blank lines
// and "#" comments.
func tableLines(t *testing.T, path string) []tableLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []tableLine
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, tableLine{n, line})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// Harm told only by its victims after the act that did it is the same
// happening: no second, doerless event, and the deaths go to the act.
func TestVictimsFoldIntoTheAct(t *testing.T) {
	p := newPipeline(t)
	text := "LOME — Police fired live rounds at opposition marchers in the capital on Monday. At least four people were killed, a rights group said."
	res := p.Code(event.Article{ID: "fold", Text: text, Published: time.Date(2025, 6, 5, 0, 0, 0, 0, time.UTC)})
	var got []string
	for _, e := range res.Events {
		got = append(got, e.CAMEO+" "+e.Source.Code+">"+e.Target.Code)
		if e.Source.Country == "" && e.Source.Agent == "" {
			t.Errorf("a doerless event remains: %s", e.CAMEO)
		}
	}
	if len(res.Events) != 1 {
		t.Fatalf("want one event (the shooting), got %q", got)
	}
	if f := res.Events[0].Fatalities; f == nil || f.Min == nil || *f.Min != 4 {
		t.Errorf("the four dead should go to the shooting, got %+v", f)
	}
}

// newPipeline is the whole pipeline with the bundled data.
func newPipeline(tb testing.TB) *pipeline.Pipeline {
	tb.Helper()
	p, err := pipeline.New(testData, pipeline.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// A user's pattern written as a bundled one replaces it (the way to recode
// a verb); one written otherwise is added beside the bundled ones.
func TestUserPatternReplacesBundled(t *testing.T) {
	dir := t.TempDir()
	user := dir + "/mine.tsv"
	if err := os.WriteFile(user, []byte("043\tverb\tmeet\n1125\tverb\tmeet secretly\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bundled, err := coding.LoadVerbs(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	vb, err := coding.LoadVerbs(data.FS, user)
	if err != nil {
		t.Fatal(err)
	}
	if len(vb.Patterns) != len(bundled.Patterns)+1 {
		t.Errorf("%d patterns with the user's two, want %d (one replaced, one added)", len(vb.Patterns), len(bundled.Patterns)+1)
	}
	codes := func(v *coding.Verbs, s string) []string {
		var out []string
		for _, tr := range v.Find(text.Tokenize(s)) {
			out = append(out, tr.Pattern.Code)
		}
		return out
	}
	s := "The two envoys met on Tuesday."
	if got := codes(bundled, s); !slices.Contains(got, "040") {
		t.Fatalf("bundled patterns read %q as %v, want 040 among them", s, got)
	}
	if got := codes(vb, s); !slices.Contains(got, "043") || slices.Contains(got, "040") {
		t.Errorf("with the user's patterns %q reads as %v, want 043 and not 040", s, got)
	}
}

// A capital standing for its government is a party, not where the act
// happened; where force falls on a capital, or a capital follows "in",
// it is the place.
func TestCapitalAsPartyIsNoPlace(t *testing.T) {
	p := newPipeline(t)
	for _, tc := range []struct{ text, cameo, place string }{
		{"Yerevan condemned Azerbaijan's shelling of border villages on Monday.", "11", ""},
		{"Moscow accused Kyiv of sabotage on Monday.", "11", ""},
		{"Russian missiles struck Kyiv overnight.", "19", "Kyiv"},
		{"Russia threatened to expel journalists working in Riga.", "13", "Riga"},
		{"Thousands of protesters marched through Nairobi on Saturday against the government.", "14", "Nairobi"},
	} {
		res := p.Code(event.Article{ID: "cap", Text: tc.text, Published: time.Date(2025, 6, 5, 0, 0, 0, 0, time.UTC)})
		found := false
		for _, e := range res.Events {
			if !strings.HasPrefix(e.CAMEO, tc.cameo) {
				continue
			}
			found = true
			got := ""
			if e.Location != nil {
				got = e.Location.Name
			}
			if !strings.Contains(got, tc.place) || tc.place == "" && got != "" {
				t.Errorf("%s: %s placed at %q, want %q", tc.text, e.CAMEO, got, tc.place)
			}
		}
		if !found {
			t.Errorf("%s: no %s event", tc.text, tc.cameo)
		}
	}
}
