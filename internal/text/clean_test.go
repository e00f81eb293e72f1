package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCleanCases runs testdata/clean/NAME.in through Clean and compares
// the text with NAME.want.
func TestCleanCases(t *testing.T) {
	ins, err := filepath.Glob("testdata/clean/*.in")
	if err != nil || len(ins) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, in := range ins {
		name := strings.TrimSuffix(filepath.Base(in), ".in")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(in, ".in") + ".want")
			if err != nil {
				t.Fatal(err)
			}
			c := Clean(string(raw))
			if got, w := c.Text, strings.TrimSpace(string(want)); got != w {
				t.Errorf("Clean(%s):\n got %q\nwant %q\ndropped %q", name, got, w, c.Dropped)
			}
			// Nothing is lost without a trace: every input line is kept
			// or (at least in part) reported as dropped.
			for _, line := range strings.Split(string(raw), "\n") {
				line = strings.TrimSpace(line)
				if line == "" || strings.Contains(c.Text, line) {
					continue
				}
				found := false
				for _, d := range c.Dropped {
					if strings.Contains(line, d) {
						found = true
					}
				}
				if !found {
					t.Errorf("line %q neither kept nor reported dropped", line)
				}
			}
		})
	}
}

func TestCleanLines(t *testing.T) {
	tests := []struct {
		line string
		drop bool
	}{
		{"Photo: Jorge Campos/AFP", true},
		{"(Photo by Lena Park)", true},
		{"Pictured: the minister arriving in Seoul", true},
		{"Facebook Twitter LinkedIn", true},
		{"Share on Facebook Share on X", true},
		{"Sign up for breaking news email alerts", true},
		{"This website uses cookies to improve your experience.", true},
		{"Reject all", true},
		{"(Reporting by Kim Lee; Writing by Jo Park)", true},
		{"[3] Correction from an older story.", true},
		{"By Marta Quiroga · 5 March 2024", true},
		{"By Tuesday, the rebels had withdrawn from the town.", false},
		{"Officials told Reuters on Monday that the talks had failed.", false},
		{"The army said it had taken photos of the border posts.", false},
		{"Email records released on Monday showed the minister had been warned.", false},
		{"Facebook and Twitter removed the accounts on Monday, the company said.", false},
		{"Join talks resumed after a pause, the mediators said on Tuesday evening.", false},
	}
	for _, tc := range tests {
		c := Clean(tc.line)
		if dropped := c.Text == ""; dropped != tc.drop {
			t.Errorf("Clean(%q) = %q; dropped %v, want %v", tc.line, c.Text, dropped, tc.drop)
		}
	}
}
