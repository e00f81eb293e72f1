package dates_test

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/dates"
)

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatalf("bad date %q in test data: %v", s, err)
	}
	return d
}

// TestCases runs testdata/cases.tsv: each row an article, the expression it
// should find (by Text) and how it should resolve.
func TestCases(t *testing.T) {
	f, err := os.Open("testdata/cases.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	header := true
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		col := strings.Split(line, "\t")
		for len(col) < 8 {
			col = append(col, "")
		}
		name, published, text := col[0], col[1], col[3]
		sentences := strings.Split(col[2], " ¦ ")
		n++
		t.Run(name, func(t *testing.T) {
			pub := mustDate(t, published)
			got := dates.Resolve(sentences, pub)
			if len(got) != len(sentences) {
				t.Fatalf("got %d sentence slices, want %d", len(got), len(sentences))
			}
			if text == "-" {
				for _, es := range got {
					for _, e := range es {
						t.Errorf("found %q (%s %s), want no date", e.Text, e.Date.Format(time.DateOnly), e.Precision)
					}
				}
				return
			}
			var e *dates.Expr
			var all []string
			for _, es := range got {
				for i := range es {
					all = append(all, es[i].Text)
					if e == nil && es[i].Text == text {
						e = &es[i]
					}
				}
			}
			if e == nil {
				t.Fatalf("no expression %q; found %q", text, all)
			}
			if want := mustDate(t, col[4]); !e.Date.Equal(want) {
				t.Errorf("%q: date %s, want %s", text, e.Date.Format(time.DateOnly), col[4])
			}
			if e.Precision != col[5] {
				t.Errorf("%q: precision %s, want %s", text, e.Precision, col[5])
			}
			if e.Kind != col[6] {
				t.Errorf("%q: kind %s, want %s", text, e.Kind, col[6])
			}
			wantRel, wantFuture, wantConflict := false, false, ""
			for _, fl := range strings.Split(col[7], ",") {
				k, v, _ := strings.Cut(fl, "=")
				switch k {
				case "rel":
					wantRel = true
				case "future":
					wantFuture = true
				case "conflict":
					wantConflict = v
				case "last":
					if !e.Last.Equal(mustDate(t, v)) {
						t.Errorf("%q: last %s, want %s", text, e.Last.Format(time.DateOnly), v)
					}
				case "noconflict", "-", "":
				default:
					t.Fatalf("unknown flag %q", fl)
				}
			}
			if e.Relative != wantRel {
				t.Errorf("%q: relative %v, want %v", text, e.Relative, wantRel)
			}
			if e.Future != wantFuture {
				t.Errorf("%q: future %v, want %v", text, e.Future, wantFuture)
			}
			switch {
			case wantConflict == "" && e.Conflict != nil:
				t.Errorf("%q: unexpected conflict %+v", text, *e.Conflict)
			case wantConflict != "" && e.Conflict == nil:
				t.Errorf("%q: no conflict, want written %s", text, wantConflict)
			case wantConflict != "" && !e.Conflict.Written.Equal(mustDate(t, wantConflict)):
				t.Errorf("%q: written %s, want %s", text, e.Conflict.Written.Format(time.DateOnly), wantConflict)
			}
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("only %d cases read", n)
	}
}

type wantExpr struct {
	Text      string `json:"text"`
	Date      string `json:"date"`
	Precision string `json:"precision"`
	Kind      string `json:"kind"`
	Relative  bool   `json:"relative"`
	Written   string `json:"written"`
	Reason    string `json:"reason"`
}

// TestConflictArticle checks a whole article in which one written month
// contradicts the January sequence around it.
func TestConflictArticle(t *testing.T) {
	raw, err := os.ReadFile("testdata/conflict.json")
	if err != nil {
		t.Fatal(err)
	}
	var tc struct {
		Published string       `json:"published"`
		Sentences []string     `json:"sentences"`
		Want      [][]wantExpr `json:"want"`
	}
	if err := json.Unmarshal(raw, &tc); err != nil {
		t.Fatal(err)
	}
	pub, err := dates.ParsePublished(tc.Published)
	if err != nil {
		t.Fatal(err)
	}
	got := dates.Resolve(tc.Sentences, pub)
	for si, want := range tc.Want {
		if len(got[si]) != len(want) {
			t.Errorf("sentence %d: got %d expressions %+v, want %d", si, len(got[si]), got[si], len(want))
			continue
		}
		for k, w := range want {
			e := got[si][k]
			if e.Text != w.Text || e.Date.Format(time.DateOnly) != w.Date || e.Precision != w.Precision || e.Kind != w.Kind || e.Relative != w.Relative {
				t.Errorf("sentence %d: got %q %s %s %s rel=%v, want %+v", si, e.Text, e.Date.Format(time.DateOnly), e.Precision, e.Kind, e.Relative, w)
			}
			switch {
			case w.Written == "" && e.Conflict != nil:
				t.Errorf("sentence %d %q: unexpected conflict %+v", si, e.Text, *e.Conflict)
			case w.Written != "" && e.Conflict == nil:
				t.Errorf("sentence %d %q: no conflict", si, e.Text)
			case w.Written != "":
				if e.Conflict.Written.Format(time.DateOnly) != w.Written || e.Conflict.Reason != w.Reason {
					t.Errorf("sentence %d %q: conflict %s %q, want %s %q", si, e.Text, e.Conflict.Written.Format(time.DateOnly), e.Conflict.Reason, w.Written, w.Reason)
				}
			}
		}
	}
}

// TestBackstoryNotCorrected: a date in an earlier month with one neighbour
// and no month span is history, not a typo.
func TestBackstoryNotCorrected(t *testing.T) {
	got := dates.Resolve([]string{
		"The war began on 7 October.",
		"On 8 January, the army said it would withdraw some brigades.",
	}, mustDate(t, "2024-01-29"))
	if e := got[0][0]; e.Conflict != nil || e.Date.Format(time.DateOnly) != "2023-10-07" {
		t.Errorf("backstory date: %s conflict %+v, want 2023-10-07 and none", e.Date.Format(time.DateOnly), e.Conflict)
	}
}

// TestAdjacentMonthNotCorrected: neighbouring months a few weeks apart are
// a sequence, not a contradiction.
func TestAdjacentMonthNotCorrected(t *testing.T) {
	got := dates.Resolve([]string{
		"The ceasefire agreed on 15 December collapsed on 17 January, and fighting resumed on 18 January.",
	}, mustDate(t, "2024-01-29"))
	if e := got[0][0]; e.Conflict != nil || e.Date.Format(time.DateOnly) != "2023-12-15" {
		t.Errorf("15 December: %s conflict %+v", e.Date.Format(time.DateOnly), e.Conflict)
	}
}

// TestSameWeekdayOption checks the alternative reading of a weekday equal
// to the publication day's.
func TestSameWeekdayOption(t *testing.T) {
	pub := mustDate(t, "2024-01-29") // Monday
	past := dates.ResolveWith([]string{"The minister spoke on Monday."}, pub, dates.Options{SameWeekdayIsLastWeek: true})
	if d := past[0][0].Date.Format(time.DateOnly); d != "2024-01-22" {
		t.Errorf("past Monday: %s, want 2024-01-22", d)
	}
	fut := dates.ResolveWith([]string{"The minister will speak on Monday."}, pub, dates.Options{SameWeekdayIsLastWeek: true})
	if d := fut[0][0].Date.Format(time.DateOnly); d != "2024-02-05" {
		t.Errorf("future Monday: %s, want 2024-02-05", d)
	}
}

func TestOffsetsInRunes(t *testing.T) {
	s := "Über 50 Kämpfer – laut Behörden – griffen am 17 January an; 2024-01-17 bestätigt."
	got := dates.Resolve([]string{s}, mustDate(t, "2024-01-29"))
	if len(got[0]) != 2 {
		t.Fatalf("got %+v", got[0])
	}
	r := []rune(s)
	for _, e := range got[0] {
		if string(r[e.Start:e.End]) != e.Text {
			t.Errorf("runes [%d:%d] = %q, Text %q", e.Start, e.End, string(r[e.Start:e.End]), e.Text)
		}
	}
}

func TestParsePublished(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2024-01-29", "2024-01-29"},
		{" 2024-01-29 ", "2024-01-29"},
		{"2024-01-29T23:30:00-05:00", "2024-01-29"},
		{"2024-01-29T01:30:00Z", "2024-01-29"},
	} {
		got, err := dates.ParsePublished(tc.in)
		if err != nil || got.Format(time.DateOnly) != tc.want || got.Location() != time.UTC || got.Hour() != 0 {
			t.Errorf("ParsePublished(%q) = %v, %v; want %s UTC midnight", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", "2024-13-01", "29/01/2024", "2024-01-29 10:00:00", "yesterday", "0001-01-01", "0999-12-31T00:00:00Z"} {
		if _, err := dates.ParsePublished(in); err == nil {
			t.Errorf("ParsePublished(%q): no error", in)
		} else if msg := err.Error(); !strings.Contains(msg, "YYYY-MM-DD") && !strings.Contains(msg, "RFC 3339") || strings.Contains(msg, "2006") || strings.Contains(msg, "parsing time") {
			t.Errorf("ParsePublished(%q): error %q should say what a date looks like, in the user's terms", in, err)
		}
	}
}

// checkInvariants holds for any input: offsets within the sentence, Text
// the runes at the offsets, dates at UTC midnight, Last not before Date, and
// no day-precision date after publication in a past-tense clause.
func checkInvariants(t *testing.T, sentences []string, pub time.Time, got [][]dates.Expr) {
	t.Helper()
	if len(got) != len(sentences) {
		t.Fatalf("got %d slices for %d sentences", len(got), len(sentences))
	}
	for si, es := range got {
		r := []rune(sentences[si])
		prev := 0
		for _, e := range es {
			if e.Start < prev || e.End <= e.Start || e.End > len(r) {
				t.Fatalf("sentence %q: bad offsets %d:%d (prev end %d, %d runes)", sentences[si], e.Start, e.End, prev, len(r))
			}
			prev = e.End
			if utf8.ValidString(sentences[si]) && string(r[e.Start:e.End]) != e.Text {
				t.Fatalf("sentence %q: runes %d:%d = %q, Text %q", sentences[si], e.Start, e.End, string(r[e.Start:e.End]), e.Text)
			}
			if e.Date.IsZero() || e.Date.Location() != time.UTC || e.Date.Hour() != 0 || e.Last.Before(e.Date) {
				t.Fatalf("sentence %q: %q bad date %v last %v", sentences[si], e.Text, e.Date, e.Last)
			}
			switch e.Precision {
			case "day", "week", "month", "year":
			default:
				t.Fatalf("%q: precision %q", e.Text, e.Precision)
			}
			if e.Precision == "day" && !e.Future && e.Date.After(pub) {
				t.Fatalf("sentence %q: %q resolves to %s after publication %s in past tense",
					sentences[si], e.Text, e.Date.Format(time.DateOnly), pub.Format(time.DateOnly))
			}
		}
	}
}

// TestPropertyPastNeverAfterPublication resolves every case sentence
// against many publication dates.
func TestPropertyPastNeverAfterPublication(t *testing.T) {
	raw, err := os.ReadFile("testdata/cases.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var articles [][]string
	for _, line := range strings.Split(string(raw), "\n") {
		col := strings.Split(line, "\t")
		if len(col) > 2 && !strings.HasPrefix(line, "#") {
			articles = append(articles, strings.Split(col[2], " ¦ "))
		}
	}
	pub := mustDate(t, "2023-12-20")
	for k := 0; k < 100; k++ {
		for _, a := range articles {
			checkInvariants(t, a, pub, dates.Resolve(a, pub))
		}
		pub = pub.AddDate(0, 0, 3)
	}
}

func FuzzResolve(f *testing.F) {
	f.Add("On Saturday, 27 January, militants attacked; the next day 16–18 July.", "Two days later, in early 2023, on the 17th.", int64(0))
	f.Add("Jan. 17, 2024 2024-01-17 last weekend earlier this month", "the day before yesterday, mid-January", int64(400))
	f.Add("F-16 at 3 pm between seven and nine 1990s", "", int64(-3000))
	f.Fuzz(func(t *testing.T, a, b string, days int64) {
		pub := time.Date(2024, 1, 29, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days%40000))
		s := []string{a, b}
		checkInvariants(t, s, pub, dates.Resolve(s, pub))
	})
}

var benchArticle = []string{
	"Cross-border raids by both sides had escalated earlier in January, officials said.",
	"On 16 July, drones launched from across the frontier struck a village near the border, the provincial governor said.",
	"The foreign ministry recalled its envoy on 17 January and began retaliatory shelling the next day.",
	"At least nine people, including four children, were killed, according to local officials who spoke on Tuesday.",
	"The two governments have since agreed to restore ambassadors, and talks will resume next week in the capital.",
	"Analysts said the exchange was the most serious since the 1990s, when F-16 jets patrolled the frontier.",
	"Neither side commented further.",
	"The United Nations urged restraint.",
}

func BenchmarkResolve(b *testing.B) {
	pub := time.Date(2024, 1, 29, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		dates.Resolve(benchArticle, pub)
	}
	b.ReportMetric(float64(b.N*len(benchArticle))/b.Elapsed().Seconds(), "sentences/s")
}

// TestConflictThreeSentencesAway: the January dates that contradict a
// written "9 October" come three sentences later, after a month span.
func TestConflictThreeSentencesAway(t *testing.T) {
	got := dates.Resolve([]string{
		"Shelling along the ceasefire line grew heavier in early February, monitors said.",
		"On 9 October, artillery hit a grain depot outside the town.",
		"The governor called it a provocation.",
		"Aid agencies warned of shortages.",
		"The army answered with rocket fire on 10 February and again two days later.",
	}, mustDate(t, "2024-02-20"))
	e := got[1][0]
	if e.Date.Format(time.DateOnly) != "2024-02-09" || e.Conflict == nil || e.Conflict.Written.Format(time.DateOnly) != "2023-10-09" {
		t.Fatalf("9 October: %s conflict %+v, want 2024-02-09 written 2023-10-09", e.Date.Format(time.DateOnly), e.Conflict)
	}
	if !strings.Contains(e.Conflict.Reason, "'early February'") || !strings.Contains(e.Conflict.Reason, "10–12 February") {
		t.Errorf("reason %q", e.Conflict.Reason)
	}
}

// TestConflictWithLaterLead: a date of another happening in the context
// month (27 January, far from the 16th) neither supports nor vetoes.
func TestConflictWithLaterLead(t *testing.T) {
	got := dates.Resolve([]string{
		"The two neighbours agreed on Saturday, 27 January, to send their envoys back.",
		"Raids across the frontier had multiplied earlier in January.",
		"On 16 July, drones struck a market town.",
		"The interior minister visited the town.",
		"The neighbour recalled its envoy on 17 January.",
	}, mustDate(t, "2024-01-29"))
	if e := got[2][0]; e.Date.Format(time.DateOnly) != "2024-01-16" || e.Conflict == nil {
		t.Fatalf("16 July: %s conflict %+v, want 2024-01-16 flagged", e.Date.Format(time.DateOnly), e.Conflict)
	}
}
