package syntax

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testLexicon(t *testing.T) *Lexicon {
	t.Helper()
	lx, err := ReadWordNet(filepath.Join("testdata", "wordnet"))
	if err != nil {
		t.Fatal(err)
	}
	return lx
}

func TestLexiconReadings(t *testing.T) {
	lx := testLexicon(t)
	for _, tc := range []struct {
		form  string
		class int
		lemma string
		infl  bool
	}{
		{"rebels", lexNoun, "rebel", true},
		{"rebels", lexVerb, "rebel", true},
		{"shelled", lexVerb, "shell", true},
		{"shelling", lexVerb, "shell", true},
		{"stopped", lexVerb, "stop", true}, // doubled consonant
		{"fled", lexVerb, "flee", true},    // irregular
		{"headmen", lexNoun, "headman", true},
		{"bigger", lexAdj, "big", true},
		{"tank", lexNoun, "tank", false},
		{"tank", lexVerb, "", false},
		{"shelled", lexNoun, "", false},
		{"cease_fire", lexNoun, "", false}, // multi-word lemmas are left out
	} {
		lem, infl := lx.lemmaOf(tc.form, tc.class)
		if lem != tc.lemma || infl != tc.infl {
			t.Errorf("lemmaOf(%q, %c) = %q, %v; want %q, %v", tc.form, lexClassLetters[tc.class], lem, infl, tc.lemma, tc.infl)
		}
	}
	// "rebels": a plural noun or a verb's third person; the noun's senses
	// are tagged more often, so the noun is the commoner reading.
	want := uint64(1<<(4+lexNoun) | 1<<(4+lexVerb) | (lexNoun+1)<<8)
	if got := lx.class([]byte("rebels")); got != want {
		t.Errorf("class(rebels) = %#x, want %#x", got, want)
	}
	// "shell": both as written, the verb commoner.
	want = uint64(1<<lexNoun | 1<<lexVerb | (lexVerb+1)<<8)
	if got := lx.class([]byte("shell")); got != want {
		t.Errorf("class(shell) = %#x, want %#x", got, want)
	}
	if got := lx.class([]byte("xyzzy")); got != 0 {
		t.Errorf("class(xyzzy) = %#x, want 0 (unknown)", got)
	}
}

func TestLexiconRoundTrip(t *testing.T) {
	lx := testLexicon(t)
	var a bytes.Buffer
	if err := lx.write(&a); err != nil {
		t.Fatal(err)
	}
	back, err := readLexicon(a.String())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := back.write(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("lexicon changed in a round trip:\n%s\nbecame\n%s", a.String(), b.String())
	}
	for _, bad := range []string{"l\trebel\t3\t2\t-\n", "l\trebel\tx\t2\t-\t-\n", "q\trebel\t1\t2\t-\t-\n"} {
		if _, err := readLexicon(bad); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("readLexicon(%q) = %v, want an error naming line 1", bad, err)
		}
	}
}

func TestReadWordNetErrorsNameTheLine(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"index.noun", "index.verb", "index.adj", "index.adv", "noun.exc", "verb.exc", "adj.exc", "adv.exc"} {
		b, err := os.ReadFile(filepath.Join("testdata", "wordnet", name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "index.verb" {
			b = append(b, "flee v 1 x @ 1 1 00000017\n"...)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := ReadWordNet(dir)
	if err == nil || !strings.Contains(err.Error(), "index.verb:6") {
		t.Errorf("ReadWordNet with a bad pointer count = %v, want an error naming index.verb:6", err)
	}
}

// The lexicon corrects a learned lemma that is not a lemma of the word's
// class, and leaves alone the words it does not know.
func TestLexiconLemmas(t *testing.T) {
	m := &Model{lemmas: &lemmatizer{rules: map[lemmaKey]edit{{VERB, "lled"}: {cut: 3}, {NOUN, "s"}: {cut: 1}}, exceptions: map[lemmaKey]string{}}}
	if got := m.lemma("shelled", VERB); got != "shel" {
		t.Fatalf("without a lexicon the rule gives %q", got)
	}
	m.lexicon = testLexicon(t)
	for _, tc := range []struct {
		form string
		tag  UPOS
		want string
	}{
		{"shelled", VERB, "shell"},
		{"Rebels", NOUN, "rebel"},
		{"spelled", VERB, "spel"}, // unknown to the lexicon: the rule stands
		{"Shelled", PROPN, "Shelled"},
	} {
		if got := m.lemma(tc.form, tc.tag); got != tc.want {
			t.Errorf("lemma(%q, %s) = %q, want %q", tc.form, tc.tag, got, tc.want)
		}
	}
}
