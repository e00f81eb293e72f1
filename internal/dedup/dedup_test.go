package dedup

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

type pair struct {
	name string
	dup  bool
	a, b string
}

// readPairs reads testdata/pairs.txt.
func readPairs(t *testing.T) []pair {
	t.Helper()
	raw, err := os.ReadFile("testdata/pairs.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []pair
	for _, block := range strings.Split(string(raw), "\n====\n") {
		var p pair
		var body []string
		for _, line := range strings.Split(block, "\n") {
			switch {
			case strings.HasPrefix(line, "#"):
			case strings.HasPrefix(line, "name: "):
				p.name = strings.TrimPrefix(line, "name: ")
			case strings.HasPrefix(line, "dup: "):
				p.dup = strings.TrimPrefix(line, "dup: ") == "yes"
			default:
				body = append(body, line)
			}
		}
		a, b, ok := strings.Cut(strings.Join(body, "\n"), "\n----\n")
		if !ok {
			t.Fatalf("pair %q has no ---- separator", p.name)
		}
		p.a, p.b = a, b
		out = append(out, p)
	}
	if len(out) < 2 {
		t.Fatalf("read %d pairs", len(out))
	}
	return out
}

func TestPairs(t *testing.T) {
	for _, p := range readPairs(t) {
		t.Run(p.name, func(t *testing.T) {
			x := New(DefaultThreshold)
			if of, ok := x.Add("a", p.a); ok {
				t.Fatalf("first article a duplicate of %q", of)
			}
			of, ok := x.Add("b", p.b)
			if ok != p.dup {
				t.Errorf("Add(b) = %q, %v; want duplicate %v (estimated Jaccard %.2f)", of, ok, p.dup, Jaccard(p.a, p.b))
			}
			if ok && of != "a" {
				t.Errorf("duplicate of %q, want a", of)
			}
		})
	}
}

func TestReingestAndIDs(t *testing.T) {
	ps := readPairs(t)
	story, other := ps[1].a, ps[1].b
	tests := []struct {
		name   string
		adds   [][2]string // id, text
		wantOf string
		wantOK bool
	}{
		{"same id, same text", [][2]string{{"x", story}, {"x", story}}, "x", true},
		{"other id, same text with other spacing and case", [][2]string{{"x", story}, {"y", "  " + strings.ToUpper(story) + "\n"}}, "x", true},
		{"same id, new text", [][2]string{{"x", story}, {"x", other}}, "", false},
		{"short texts compared exactly", [][2]string{{"x", "Talks failed."}, {"y", "talks failed"}}, "x", true},
		{"short texts that differ", [][2]string{{"x", "Talks failed."}, {"y", "Talks resumed."}}, "", false},
		{"empty text is never a duplicate", [][2]string{{"x", " "}, {"y", " "}}, "", false},
		{"copy of a copy points at the original", [][2]string{{"orig", ps[0].a}, {"copy", ps[0].b}, {"copy2", ps[0].b + " Extra words."}}, "orig", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := New(0.8)
			var of string
			var ok bool
			for _, a := range tc.adds {
				of, ok = x.Add(a[0], a[1])
			}
			if of != tc.wantOf || ok != tc.wantOK {
				t.Errorf("last Add = %q, %v; want %q, %v", of, ok, tc.wantOf, tc.wantOK)
			}
		})
	}
}

func TestThreshold(t *testing.T) {
	p := readPairs(t)[0]
	j := Jaccard(p.a, p.b)
	if j < 0.8 || j >= 1 {
		t.Fatalf("near-duplicate pair has estimated Jaccard %.2f, want in [0.8, 1)", j)
	}
	strict := New(0.99)
	strict.Add("a", p.a)
	if of, ok := strict.Add("b", p.b); ok {
		t.Errorf("threshold 0.99: b reported as duplicate of %q", of)
	}
	if got := New(-1).Threshold(); got != DefaultThreshold {
		t.Errorf("New(-1).Threshold() = %v, want default", got)
	}
	for _, th := range []float64{0.5, 0.7, 0.8, 0.9, 0.95} {
		b, r := bandsFor(th)
		if b*r > numHashes || b < 1 || r < 1 {
			t.Errorf("bandsFor(%v) = %d bands × %d rows", th, b, r)
		}
	}
}

// TestConcurrent adds copies from many goroutines: exactly one of each
// story is kept, whatever the order.
func TestConcurrent(t *testing.T) {
	ps := readPairs(t)
	x := New(DefaultThreshold)
	var wg sync.WaitGroup
	var mu sync.Mutex
	kept := 0
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, p := range ps {
				if !p.dup {
					continue
				}
				if _, ok := x.Add(fmt.Sprintf("g%d-p%d-a", g, i), p.a); !ok {
					mu.Lock()
					kept++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if want := 2; kept != want || x.Len() != want {
		t.Errorf("kept %d (Len %d), want %d", kept, x.Len(), want)
	}
}

func BenchmarkAdd(b *testing.B) {
	text := strings.Repeat("The minister said the talks would resume next week in the capital. ", 40)
	x := New(DefaultThreshold)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		x.Add(fmt.Sprint(i), fmt.Sprint(i)+text)
	}
}
