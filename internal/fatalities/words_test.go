package fatalities_test

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/dyad-events/dyad/internal/fatalities"
	"github.com/dyad-events/dyad/internal/text"
)

// TestFindWords finds counts in the words text.Words splits a sentence
// into, some of which hold several tokens of the scanner ("1,200",
// "10:30", "U.S."), and, for a clause, in a run of a sentence's words.
func TestFindWords(t *testing.T) {
	for _, tc := range []struct {
		name     string
		sentence string
		from, to int      // the words used are words[from:to]; to 0: all after from
		want     []string // "min,max=text@start:end", offsets in code points within the sentence
	}{
		{"at least", "At least 12 people were killed.", 0, 0, []string{"12,null=At least 12@0:11"}},
		{"thousands comma", "The ministry said 1,200 civilians had died.", 0, 0, []string{"1200,1200=1,200@18:23"}},
		{"range split by the words", "The raid killed 30-40 fighters.", 0, 0, []string{"30,40=30-40@16:21"}},
		{"time is no count", "At 10:30 a.m. the blast killed four people.", 0, 0, []string{"4,4=four@31:35"}},
		{"unit split from its number", "A 2m wall fell and killed 3 workers.", 0, 0, []string{"3,3=3@26:27"}},
		{"no one", "The U.S.-led strike killed no one, officials said.", 0, 0, []string{"0,0=no one@27:33"}},
		{"longer sentence with letters of two bytes", "Près de Kharkiv, where the régime’s artillery had fallen silent for weeks, officials said on Tuesday that up to five people died overnight.",
			0, 0, []string{"0,5=up to five@106:116"}},
		{"a clause of the sentence", "Police in Göttingen arrested 40 people, but 3 protesters were killed in the clashes.",
			8, 0, []string{"3,3=3@44:45"}}, // "but 3 protesters were killed in the clashes."
		{"a clause without the death word", "Police in Göttingen arrested 40 people, but 3 protesters were killed in the clashes.",
			0, 7, nil}, // "Police in Göttingen arrested 40 people"
	} {
		t.Run(tc.name, func(t *testing.T) {
			words := text.Words(tc.sentence)
			to := tc.to
			if to == 0 {
				to = len(words)
			}
			got := fatalities.FindWords(tc.sentence, words[tc.from:to])
			checkCounts(t, tc.sentence, got)
			var gs []string
			for _, c := range got {
				gs = append(gs, format(c)+"="+c.Text+"@"+strconv.Itoa(c.Start)+":"+strconv.Itoa(c.End))
			}
			if !reflect.DeepEqual(gs, tc.want) {
				t.Errorf("FindWords(%q, words[%d:%d]) = %q, want %q", tc.sentence, tc.from, to, gs, tc.want)
			}
			if tc.from == 0 && tc.to == 0 {
				if f := fatalities.Find(tc.sentence); !reflect.DeepEqual(f, got) {
					t.Errorf("Find = %v, FindWords = %v", dump(f), dump(got))
				}
			}
		})
	}
}

func TestParseNumberWords(t *testing.T) {
	for _, tc := range []struct {
		in       string
		from, to int // the words used are words[from:to]; to 0: all after from
		want     int
		ok       bool
	}{
		{"twenty-one", 0, 0, 21, true},
		{"1,200", 0, 0, 1200, true},
		{"half a dozen", 0, 0, 6, true},
		{"They counted one hundred and five bodies.", 2, 6, 105, true},
		{"They counted one hundred and five bodies.", 2, 7, 0, false},
		{"17th", 0, 0, 0, false},
	} {
		words := text.Words(tc.in)
		to := tc.to
		if to == 0 {
			to = len(words)
		}
		got, ok := fatalities.ParseNumberWords(words[tc.from:to])
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseNumberWords(%q words[%d:%d]) = %d, %v; want %d, %v", tc.in, tc.from, to, got, ok, tc.want, tc.ok)
		}
	}
}

func BenchmarkFindWords(b *testing.B) {
	words := make([][]text.Word, len(benchSentences))
	for i, s := range benchSentences {
		words[i] = text.Words(s)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, s := range benchSentences {
			fatalities.FindWords(s, words[i])
		}
	}
	b.ReportMetric(float64(b.N*len(benchSentences))/b.Elapsed().Seconds(), "sentences/s")
}

// FuzzFindWords looks for counts in a run of a sentence's words: offsets
// stay within the sentence, inside the run.
func FuzzFindWords(f *testing.F) {
	f.Add("Police arrested 40 people, but 3 protesters were killed.", uint8(5), uint8(4))
	f.Add("At 10:30 a.m. a 2m wall fell and killed 3 workers.", uint8(0), uint8(255))
	f.Fuzz(func(t *testing.T, s string, from, n uint8) {
		words := text.Words(s)
		a := min(int(from), len(words))
		b := min(a+int(n), len(words))
		cs := fatalities.FindWords(s, words[a:b])
		checkCounts(t, s, cs)
		for _, c := range cs {
			if c.Start < words[a].Start || c.End > words[b-1].End {
				t.Fatalf("%q words[%d:%d]: count %q at %d:%d outside them", s, a, b, c.Text, c.Start, c.End)
			}
		}
	})
}
