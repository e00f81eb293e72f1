package fatalities_test

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/fatalities"
)

func format(c fatalities.Count) string {
	b := func(p *int) string {
		if p == nil {
			return "null"
		}
		return strconv.Itoa(*p)
	}
	return b(c.Min) + "," + b(c.Max)
}

// TestCases runs testdata/cases.tsv.
func TestCases(t *testing.T) {
	f, err := os.Open("testdata/cases.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	header, n := true, 0
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
		if len(col) != 3 {
			t.Fatalf("bad line %q", line)
		}
		n++
		t.Run(col[0], func(t *testing.T) {
			got := fatalities.Find(col[1])
			var want []string
			if col[2] != "-" {
				want = strings.Split(col[2], " ; ")
			}
			if len(got) != len(want) {
				t.Fatalf("Find(%q) = %v, want %v", col[1], dump(got), want)
			}
			for i, w := range want {
				rng, text, hasText := strings.Cut(w, "=")
				if format(got[i]) != rng {
					t.Errorf("Find(%q)[%d] = %s, want %s", col[1], i, format(got[i]), rng)
				}
				if hasText && got[i].Text != text {
					t.Errorf("Find(%q)[%d].Text = %q, want %q", col[1], i, got[i].Text, text)
				}
			}
			checkCounts(t, col[1], got)
		})
	}
	if n < 50 {
		t.Fatalf("only %d cases", n)
	}
}

func dump(cs []fatalities.Count) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%q %s", c.Text, format(c)))
	}
	return out
}

// checkCounts holds for any input: offsets in runes within the sentence,
// Text the runes at the offsets, counts in order, Min set and not above Max.
func checkCounts(t *testing.T, s string, cs []fatalities.Count) {
	t.Helper()
	r := []rune(s)
	prev := 0
	for _, c := range cs {
		if c.Start < prev || c.End <= c.Start || c.End > len(r) {
			t.Fatalf("%q: bad offsets %d:%d", s, c.Start, c.End)
		}
		prev = c.End
		if utf8.ValidString(s) && string(r[c.Start:c.End]) != c.Text {
			t.Fatalf("%q: runes %d:%d = %q, Text %q", s, c.Start, c.End, string(r[c.Start:c.End]), c.Text)
		}
		if c.Min == nil || *c.Min < 0 || c.Max != nil && *c.Max < *c.Min {
			t.Fatalf("%q: bad range %s", s, format(c))
		}
	}
}

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"five", 5, true},
		{"Five", 5, true},
		{"twenty-one", 21, true},
		{"twenty one", 21, true},
		{"ninety-nine", 99, true},
		{"1,200", 1200, true},
		{"12,000,000", 12000000, true},
		{"42", 42, true},
		{"a dozen", 12, true},
		{"two dozen", 24, true},
		{"half a dozen", 6, true},
		{"dozens", 24, true},
		{"scores", 40, true},
		{"hundreds", 200, true},
		{"thousands", 2000, true},
		{"tens of thousands", 20000, true},
		{"a hundred", 100, true},
		{"one hundred and five", 105, true},
		{"three hundred", 300, true},
		{"two thousand five hundred", 2500, true},
		{"3 thousand", 3000, true},
		{"", 0, false},
		{"many", 0, false},
		{"five six", 0, false},
		{"twenty twenty", 0, false},
		{"17th", 0, false},
		{"five people", 0, false},
	} {
		got, ok := fatalities.ParseNumber(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseNumber(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("Two children were among up to five people who died.")
	f.Add("Between seven and nine, at least 12, more than 11, dozens, 1,200 killed; No one died.")
	f.Add("tens of thousands of hundreds of thousands killed 999999999999999 dead")
	f.Fuzz(func(t *testing.T, s string) {
		checkCounts(t, s, fatalities.Find(s))
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"twenty-one", "1,200", "a dozen", "one hundred and five", "thousand thousand thousand million"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := fatalities.ParseNumber(s)
		if !ok && v != 0 || v < 0 {
			t.Fatalf("ParseNumber(%q) = %d, %v", s, v, ok)
		}
	})
}

var benchSentences = []string{
	"At least nine people, including four children, were killed, according to local officials who spoke on Tuesday.",
	"The foreign ministry recalled its envoy on 17 January and began retaliatory shelling the next day.",
	"Two children were among up to five people who died when the missiles struck a village near the border.",
	"Police arrested 40 people after the protest, and 12 officers were injured.",
	"The United Nations urged restraint.",
}

func BenchmarkFind(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchSentences {
			fatalities.Find(s)
		}
	}
	b.ReportMetric(float64(b.N*len(benchSentences))/b.Elapsed().Seconds(), "sentences/s")
}
