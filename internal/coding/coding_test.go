package coding_test

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/data"
	"github.com/dyad-events/dyad/internal/coding"
	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/pipeline"
)

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
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/sentences.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sentence, want, _ := strings.Cut(line, "\t")
		res := p.Code(ingest.Article{ID: "t", Text: sentence, Published: time.Date(2025, 5, 14, 0, 0, 0, 0, time.UTC)})
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

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func BenchmarkCode(b *testing.B) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	text := "Turkish warplanes bombed Kurdish militant positions in northern Iraq on Tuesday. The Egyptian foreign minister met his Jordanian counterpart in Cairo on Sunday. Algeria recalled its ambassador to Morocco for consultations."
	pub := time.Date(2025, 5, 14, 0, 0, 0, 0, time.UTC)
	sents := p.Analyse(text, pub)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Coder.Code(coding.Article{ID: "b", Published: pub}, sents)
	}
	b.ReportMetric(float64(len(sents))*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// Words that refer back ("the group", "it") take the party named before,
// and a later sentence's count of dead goes to the attack it tells of.
func TestCoreference(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Al-Shabaab fighters attacked a Kenyan military base near the Somali border on Tuesday. " +
		"The group said it had killed dozens of soldiers. It also claimed to have seized weapons."
	res := p.Code(ingest.Article{ID: "c", Text: text, Published: time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)})
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

// "His counterpart" is the other party of the story.
func TestCounterpart(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Peru and Ecuador have agreed to reopen their border crossings. " +
		"The Peruvian foreign minister met his counterpart on Tuesday."
	res := p.Code(ingest.Article{ID: "c", Text: text, Published: time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)})
	found := false
	for _, e := range res.Events {
		if e.CAMEO[:2] == "04" && e.Source.Country == "PER" && e.Target.Country == "ECU" {
			found = true
		}
	}
	if !found {
		t.Errorf("want a 04 call PER>ECU, got %+v", res.Events)
	}
}

// "Both sides" is the story's two parties each time it is said, and never
// the pair the speaker belongs to.
func TestBothSides(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Ethiopian and Eritrean troops exchanged fire along the border on Monday. " +
		"Norway, which brokered talks between the two neighbours last year, urged both sides to show restraint."
	res := p.Code(ingest.Article{ID: "b", Text: text, Published: time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)})
	got := map[string]bool{}
	for _, e := range res.Events {
		got[e.CAMEO[:2]+" "+e.Source.Country+">"+e.Target.Country] = true
	}
	for _, w := range []string{"02 NOR>ETH", "02 NOR>ERI"} {
		if !got[w] {
			t.Errorf("want %s, got %v", w, got)
		}
	}
}

// A person named once with a title is the same party when the story uses
// the surname alone.
func TestSurnameRefersBack(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Kenyan President Daniel Wekesa arrived in Kampala on Monday for a two-day visit. " +
		"On Tuesday, Wekesa criticised Uganda over new border fees."
	res := p.Code(ingest.Article{ID: "s", Text: text, Published: time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)})
	found := false
	for _, e := range res.Events {
		if e.CAMEO[:2] == "11" && e.Source.Code == "KENGOV" && e.Target.Country == "UGA" && e.Source.Text == "Wekesa" {
			found = true
		}
	}
	if !found {
		t.Errorf("want 11 KENGOV>UGA from \"Wekesa\", got %+v", res.Events)
	}
}

// Wire copy's unnamed police and protesters are the dateline's, in both
// common dateline forms.
func TestDatelineCountry(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"DAKAR, June 3 (Reuters) - Police fired tear gas at protesters in the city centre on Tuesday.",
		"DAKAR — Police fired tear gas at protesters in the city centre on Tuesday.",
	} {
		res := p.Code(ingest.Article{ID: "d", Text: text, Published: time.Date(2025, 6, 5, 0, 0, 0, 0, time.UTC)})
		found := false
		for _, e := range res.Events {
			if e.Source.Code == "SENCOP" && e.Target.Country == "SEN" {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want SENCOP acting on SEN, got %+v", text, res.Events)
		}
	}
}

// "He" or "She" opening a sentence is the official the sentence before
// named first.
func TestHeSheRefersToOfficial(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "The Ghanaian foreign minister spoke to reporters in Accra on Monday about the dispute with Togo. " +
		"She accused Togo of closing the border without warning."
	res := p.Code(ingest.Article{ID: "h", Text: text, Published: time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)})
	found := false
	for _, e := range res.Events {
		if e.CAMEO[:2] == "11" && e.Source.Code == "GHAGOV" && e.Target.Country == "TGO" {
			found = true
		}
	}
	if !found {
		t.Errorf("want 11 GHAGOV>TGO from \"She\", got %+v", res.Events)
	}
}

// "It" opening a sentence is the state or body the sentence before named
// first, not whoever did the last thing told.
func TestItRefersToFirstBody(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Vietnam's coast guard said a Chinese ship rammed one of its patrol boats near the Paracel Islands on Sunday. " +
		"It accused China of endangering the lives of its crew."
	res := p.Code(ingest.Article{ID: "i", Text: text, Published: time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)})
	found := false
	for _, e := range res.Events {
		if e.CAMEO[:2] == "11" && e.Source.Country == "VNM" && e.Target.Country == "CHN" {
			found = true
		}
	}
	if !found {
		t.Errorf("want 11 VNM>CHN from \"It\", got %+v", res.Events)
	}
}
