package dates_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/dates"
	"github.com/dyad-events/dyad/internal/text"
)

// TestResolveWords resolves sentences from the words text.Words splits
// them into, some of which hold several tokens of the scanner ("Jan.",
// "Mid-March", "10:30", "a.m."), and, for a clause, from a run of a
// sentence's words.
func TestResolveWords(t *testing.T) {
	type want struct {
		sent       int
		text       string
		start, end int // code points within the sentence
		date, prec string
		kind       string
	}
	for _, tc := range []struct {
		name      string
		published string
		sentences []string
		from      []int // words of sentence i start at word from[i] (a clause); nil: all
		want      []want
	}{
		{
			name:      "day month",
			published: "2024-03-20",
			sentences: []string{"Talks resumed on 12 March."},
			want:      []want{{0, "12 March", 17, 25, "2024-03-12", "day", "absolute"}},
		},
		{
			name:      "abbreviated month with its period",
			published: "2024-03-20",
			sentences: []string{"The convoy left on Mar. 3, 2024 at 10:30 a.m. local time."},
			want:      []want{{0, "Mar. 3, 2024", 19, 31, "2024-03-03", "day", "absolute"}},
		},
		{
			name:      "prefix kept in its word",
			published: "2024-03-20",
			sentences: []string{"Fighting eased by Mid-March, monitors said."},
			want:      []want{{0, "Mid-March", 18, 27, "2024-03-11", "month", "span"}},
		},
		{
			name:      "ISO date and decade",
			published: "2024-03-20",
			sentences: []string{"A report dated 2024-03-02 compared the raids with the 1980s."},
			want:      []want{{0, "2024-03-02", 15, 25, "2024-03-02", "day", "absolute"}},
		},
		{
			name:      "ISO date the words split",
			published: "2024-03-20",
			sentences: []string{"The log entry 2024-03-02T06:15Z recorded the first blast."},
			want:      []want{{0, "2024-03-02", 14, 24, "2024-03-02", "day", "absolute"}},
		},
		{
			name:      "context across sentences",
			published: "2024-03-20",
			sentences: []string{
				"Ministers met in Geneva on Monday, 4 March.",
				"The ceasefire took hold the next day.",
			},
			want: []want{
				{0, "Monday, 4 March", 27, 42, "2024-03-04", "day", "weekday-date"},
				{1, "the next day", 24, 36, "2024-03-05", "day", "relative"},
			},
		},
		{
			name:      "longer sentence with letters of two bytes",
			published: "2024-03-20",
			sentences: []string{"Near Dnipró and Zaporizhzhia, where the régime’s guns had been quiet since the winter, shelling resumed on 14 March and again two days later."},
			want: []want{
				{0, "14 March", 107, 115, "2024-03-14", "day", "absolute"},
				{0, "two days later", 126, 140, "2024-03-16", "day", "relative"},
			},
		},
		{
			name:      "a clause of the sentence",
			published: "2024-03-20",
			sentences: []string{"Officials in Kraków told reporters on Friday the envoy will return on 25 March."},
			from:      []int{7}, // "the envoy will return on 25 March."
			want:      []want{{0, "25 March", 70, 78, "2024-03-25", "day", "absolute"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pub := mustDate(t, tc.published)
			words := make([][]text.Word, len(tc.sentences))
			for i, s := range tc.sentences {
				words[i] = text.Words(s)
				if tc.from != nil {
					words[i] = words[i][tc.from[i]:]
				}
			}
			got := dates.ResolveWords(tc.sentences, words, pub)
			checkInvariants(t, tc.sentences, pub, got)
			var n int
			for si, es := range got {
				for _, e := range es {
					if n >= len(tc.want) {
						t.Fatalf("sentence %d: unexpected %q", si, e.Text)
					}
					w := tc.want[n]
					n++
					if si != w.sent || e.Text != w.text || e.Start != w.start || e.End != w.end ||
						e.Date.Format(time.DateOnly) != w.date || e.Precision != w.prec || e.Kind != w.kind {
						t.Errorf("got sentence %d %q [%d:%d] %s %s %s, want %+v", si, e.Text, e.Start, e.End,
							e.Date.Format(time.DateOnly), e.Precision, e.Kind, w)
					}
				}
			}
			if n != len(tc.want) {
				t.Errorf("got %d expressions, want %d", n, len(tc.want))
			}
			if tc.from == nil {
				if r := dates.Resolve(tc.sentences, pub); !reflect.DeepEqual(r, got) {
					t.Errorf("Resolve = %+v, ResolveWords = %+v", r, got)
				}
			}
		})
	}
}

func TestResolveWordsWithOptions(t *testing.T) {
	pub := mustDate(t, "2024-01-29") // Monday
	s := []string{"The minister spoke on Monday."}
	got := dates.ResolveWordsWith(s, [][]text.Word{text.Words(s[0])}, pub, dates.Options{SameWeekdayIsLastWeek: true})
	if len(got[0]) != 1 || got[0][0].Date.Format(time.DateOnly) != "2024-01-22" {
		t.Errorf("got %+v, want Monday 2024-01-22", got[0])
	}
}

func TestResolveWordsLengthMismatch(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for words of one sentence given with two sentences")
		}
	}()
	dates.ResolveWords([]string{"On Monday.", "On Tuesday."}, [][]text.Word{text.Words("On Monday.")}, mustDate(t, "2024-01-29"))
}

func BenchmarkResolveWords(b *testing.B) {
	pub := time.Date(2024, 1, 29, 0, 0, 0, 0, time.UTC)
	words := make([][]text.Word, len(benchArticle))
	for i, s := range benchArticle {
		words[i] = text.Words(s)
	}
	b.ReportAllocs()
	for b.Loop() {
		dates.ResolveWords(benchArticle, words, pub)
	}
	b.ReportMetric(float64(b.N*len(benchArticle))/b.Elapsed().Seconds(), "sentences/s")
}

// FuzzResolveWords resolves runs of two sentences' words: offsets stay
// within the sentences, inside the runs.
func FuzzResolveWords(f *testing.F) {
	f.Add("Officials told reporters on Friday the envoy will return on 25 March.", "Talks began the next day.", uint8(6), uint8(0))
	f.Add("The log entry 2024-03-02T06:15Z recorded it.", "Mid-March, at 10:30 a.m.", uint8(3), uint8(1))
	f.Fuzz(func(t *testing.T, a, b string, fa, fb uint8) {
		pub := time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC)
		s := []string{a, b}
		words := [][]text.Word{text.Words(a), text.Words(b)}
		from := []int{min(int(fa), len(words[0])), min(int(fb), len(words[1]))}
		for i := range words {
			words[i] = words[i][from[i]:]
		}
		got := dates.ResolveWords(s, words, pub)
		checkInvariants(t, s, pub, got)
		for i, es := range got {
			for _, e := range es {
				if e.Start < words[i][0].Start {
					t.Fatalf("%q from word %d: %q at %d:%d before the words", s[i], from[i], e.Text, e.Start, e.End)
				}
			}
		}
	})
}
