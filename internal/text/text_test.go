package text

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSentences(t *testing.T) {
	f, err := os.Open("testdata/sentences.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		in, want, _ := strings.Cut(line, "\t")
		in = strings.ReplaceAll(in, `\n`, "\n")
		var got []string
		for _, s := range Sentences(in) {
			got = append(got, s.Text)
			if Slice(in, s.Start, s.End) != s.Text {
				t.Errorf("%q: offsets %d-%d give %q, not %q", in, s.Start, s.End, Slice(in, s.Start, s.End), s.Text)
			}
			if in[s.ByteStart:s.ByteEnd] != s.Text {
				t.Errorf("%q: byte offsets wrong for %q", in, s.Text)
			}
		}
		if g := strings.Join(got, " || "); g != want {
			t.Errorf("Sentences(%q)\n got: %s\nwant: %s", in, g, want)
		}
	}
}

func TestOffsetsAreCodePoints(t *testing.T) {
	in := "Iran’s strike — in Sarāvān… hit a village. Pakistan’s reply came."
	ss := Sentences(in)
	if len(ss) != 2 {
		t.Fatalf("got %d sentences: %+v", len(ss), ss)
	}
	want := utf8.RuneCountInString("Iran’s strike — in Sarāvān… hit a village. ")
	if ss[1].Start != want {
		t.Errorf("second sentence starts at code point %d, want %d", ss[1].Start, want)
	}
}

func TestClean(t *testing.T) {
	lead := "Two neighbours restored full diplomatic ties after a week-long break over border raids."
	raw := lead + "\nImage: Foreign Ministry/Handout\nThe envoys returned on Sunday.\nShare on social media\n" +
		"[1] Another story's footnote about something else entirely.\n" +
		"The long-running dispute is one that the analysts described as complex and that many observers expect to" + "\n" + lead
	c := Clean(raw)
	want := lead + "\nThe envoys returned on Sunday."
	if c.Text != want {
		t.Errorf("Clean:\n got %q\nwant %q", c.Text, want)
	}
	if len(c.Dropped) != 5 {
		t.Errorf("dropped %d lines, want 5: %q", len(c.Dropped), c.Dropped)
	}
}

func TestTokenize(t *testing.T) {
	toks := Tokenize("Pakistan’s army hit the Iran-Pakistan-Afghanistan border, U.S. officials said.")
	var words []string
	for _, tk := range toks {
		words = append(words, tk.Norm)
	}
	got := strings.Join(words, " ")
	want := "pakistan army hit the iran-pakistan-afghanistan border , u.s . officials said ."
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if !toks[0].Possessive {
		t.Error("Pakistan’s is possessive")
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Sarāvān": "saravan", "Côte d’Ivoire": "cote d'ivoire", "KYIV": "kyiv", "Straße": "strasse"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. A met B. C left… D came.\nE")
	f.Add("“Quoted.” Next")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, se := range Sentences(s) {
			if Slice(s, se.Start, se.End) != se.Text || s[se.ByteStart:se.ByteEnd] != se.Text {
				t.Fatalf("offsets of %q wrong in %q", se.Text, s)
			}
		}
		for _, tk := range Tokenize(s) {
			if tk.End <= tk.Start {
				t.Fatalf("empty token in %q", s)
			}
		}
	})
}
