package syntax

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The lexicon says which open word classes an English word can be, from
// WordNet's lemma lists: "rebels" can be a plural noun or a verb's third
// person, and in sense-tagged text the noun is the commoner. The tagger
// reads this as a feature, which carries what the treebanks teach about
// words they hold to the many news words they do not ("militants",
// "shelled", "airstrikes"); the lemmatizer checks its open-class lemmas
// against it.

// Word classes of the lexicon, in WordNet's order.
const (
	lexNoun = iota
	lexVerb
	lexAdj
	lexAdv
	lexClasses
)

var lexClassLetters = [lexClasses]byte{'n', 'v', 'a', 'r'}

// Lexicon maps a lower-case lemma to, per class, how often its senses are
// tagged in WordNet's sense-tagged texts (-1: not a lemma of that class),
// and an irregular form to its lemmas per class.
type Lexicon struct {
	lemmas     map[string][lexClasses]int32
	exceptions map[string][lexClasses]string
}

// Detachment rules: an inflected form's ending and what its lemma ends
// in instead, per class (as WordNet's morphological processor has them).
var lexRules = [lexClasses][][2]string{
	lexNoun: {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}},
	lexVerb: {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
	lexAdj:  {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
}

// lemmaOf returns the lemma of the lower-case form in class c, and
// whether the form is inflected; "" when the lexicon has no such reading.
func (lx *Lexicon) lemmaOf(lower string, c int) (lemma string, inflected bool) {
	if lx == nil {
		return "", false
	}
	if e, ok := lx.lemmas[lower]; ok && e[c] >= 0 {
		return lower, false
	}
	if x, ok := lx.exceptions[lower]; ok && x[c] != "" {
		return x[c], true
	}
	var buf [64]byte
	if l := lx.regular([]byte(lower), c, &buf); l != nil {
		return string(l), true
	}
	return "", false
}

// class returns the lexicon's feature value of a lower-case form: a bit
// per class it can be as written (0–3) and as an inflected form (4–7),
// and the class whose reading is commonest in sense-tagged text (bits
// 8–10, 0 when none is). Zero means the lexicon does not know the word.
// It allocates nothing: the tagger calls it for every word.
func (lx *Lexicon) class(lower []byte) uint64 {
	if lx == nil || len(lower) < 2 {
		return 0
	}
	var v uint64
	best, bestN, second := -1, int32(0), int32(0)
	e, exact := lx.lemmas[string(lower)]
	x, irregular := lx.exceptions[string(lower)]
	for c := 0; c < lexClasses; c++ {
		var n int32
		var infl, ok bool
		switch {
		case exact && e[c] >= 0:
			n, ok = e[c], true
		case irregular && x[c] != "":
			n, infl, ok = max(lx.lemmas[x[c]][c], 0), true, true
		default:
			n, infl, ok = lx.inflected(lower, c)
		}
		if !ok {
			continue
		}
		if infl {
			v |= 1 << (4 + c)
		} else {
			v |= 1 << c
		}
		switch {
		case n > bestN:
			second, best, bestN = bestN, c, n
		case n > second:
			second = n
		}
	}
	if best >= 0 && bestN > second {
		v |= uint64(best+1) << 8
	}
	return v
}

// inflected reports whether the lower-case form is a regular inflection
// of a lemma of class c, with that lemma's tagged-sense count, without
// allocating (the tagger asks for every word).
func (lx *Lexicon) inflected(lower []byte, c int) (tagged int32, inflected, ok bool) {
	var buf [64]byte
	if l := lx.regular(lower, c, &buf); l != nil {
		return lx.lemmas[string(l)][c], true, true
	}
	return 0, false, false
}

// regular returns the lemma of class c that the lower-case form is a
// regular inflection of (by lexRules, or with a doubled final consonant
// undone: "stopped", "bigger"), in buf or within lower; nil when there is
// none.
func (lx *Lexicon) regular(lower []byte, c int, buf *[64]byte) []byte {
	for _, r := range lexRules[c] {
		if len(lower) > len(buf) || !bytes.HasSuffix(lower, []byte(r[0])) || len(lower)-len(r[0]) < 2 {
			continue
		}
		stem := lower[:len(lower)-len(r[0])]
		n := copy(buf[:], stem)
		n += copy(buf[n:], r[1])
		if e, found := lx.lemmas[string(buf[:n])]; found && e[c] >= 0 {
			return buf[:n]
		}
		if r[1] == "" && r[0] != "s" && len(stem) >= 3 && stem[len(stem)-1] == stem[len(stem)-2] {
			if e, found := lx.lemmas[string(stem[:len(stem)-1])]; found && e[c] >= 0 {
				return stem[:len(stem)-1]
			}
		}
	}
	return nil
}

// ReadWordNet reads a lexicon from a WordNet 3 database folder (its
// index.noun, index.verb, index.adj, index.adv and the .exc files):
// single-word lemmas only.
func ReadWordNet(dir string) (*Lexicon, error) {
	lx := &Lexicon{lemmas: map[string][lexClasses]int32{}, exceptions: map[string][lexClasses]string{}}
	names := [lexClasses]string{"noun", "verb", "adj", "adv"}
	for c, name := range names {
		path := filepath.Join(dir, "index."+name)
		err := eachLine(path, func(n int, line string) error {
			if strings.HasPrefix(line, " ") {
				return nil // the licence at the head of the file
			}
			f := strings.Fields(line)
			if len(f) < 6 {
				return fmt.Errorf("want at least 6 fields, have %d", len(f))
			}
			lemma := f[0]
			if strings.ContainsAny(lemma, "_") {
				return nil
			}
			pcnt, err := strconv.Atoi(f[3])
			if err != nil || 4+pcnt+1 >= len(f) {
				return fmt.Errorf("field 4 (pointer count) %q", f[3])
			}
			tagged, err := strconv.Atoi(f[4+pcnt+1])
			if err != nil || tagged < 0 {
				return fmt.Errorf("field %d (tagged sense count) %q", 4+pcnt+2, f[4+pcnt+1])
			}
			e, ok := lx.lemmas[lemma]
			if !ok {
				e = [lexClasses]int32{-1, -1, -1, -1}
			}
			e[c] = int32(tagged)
			lx.lemmas[lemma] = e
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for c, name := range names {
		path := filepath.Join(dir, name+".exc")
		err := eachLine(path, func(n int, line string) error {
			f := strings.Fields(line)
			if len(f) < 2 {
				return fmt.Errorf("want a form and its lemma")
			}
			if strings.Contains(f[0], "_") || strings.Contains(f[1], "_") {
				return nil
			}
			x := lx.exceptions[f[0]]
			if x[c] == "" {
				x[c] = f[1]
			}
			lx.exceptions[f[0]] = x
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return lx, nil
}

// eachLine calls fn with each non-empty line of a file and its number;
// errors name the file and line.
func eachLine(path string, fn func(n int, line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if line := sc.Text(); strings.TrimSpace(line) != "" {
			if err := fn(n, line); err != nil {
				return fmt.Errorf("%s:%d: %w", path, n, err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// write stores the lexicon as text, sorted: "l LEMMA N V A R" lines (a
// class's tagged-sense count, or - when the lemma is not of that class)
// and "x FORM N V A R" lines (the irregular form's lemma per class, or -).
func (lx *Lexicon) write(w io.Writer) error {
	var lines []string
	for lemma, e := range lx.lemmas {
		var sb strings.Builder
		sb.WriteString("l\t" + lemma)
		for _, n := range e {
			sb.WriteByte('\t')
			if n < 0 {
				sb.WriteByte('-')
			} else {
				sb.WriteString(strconv.Itoa(int(n)))
			}
		}
		lines = append(lines, sb.String())
	}
	for form, x := range lx.exceptions {
		var sb strings.Builder
		sb.WriteString("x\t" + form)
		for _, lem := range x {
			sb.WriteByte('\t')
			if lem == "" {
				lem = "-"
			}
			sb.WriteString(lem)
		}
		lines = append(lines, sb.String())
	}
	return writeSorted(w, lines)
}

// readLexicon reads what write wrote; an empty text is no lexicon.
func readLexicon(text string) (*Lexicon, error) {
	if text == "" {
		return nil, nil
	}
	lx := &Lexicon{lemmas: map[string][lexClasses]int32{}, exceptions: map[string][lexClasses]string{}}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 2+lexClasses || f[1] == "" {
			return nil, fmt.Errorf("lexicon line %d: want a kind, a word and %d classes: %q", i+1, lexClasses, line)
		}
		switch f[0] {
		case "l":
			var e [lexClasses]int32
			for c := range e {
				if f[2+c] == "-" {
					e[c] = -1
					continue
				}
				n, err := strconv.Atoi(f[2+c])
				if err != nil || n < 0 {
					return nil, fmt.Errorf("lexicon line %d: %c count %q is not a count", i+1, lexClassLetters[c], f[2+c])
				}
				e[c] = int32(n)
			}
			lx.lemmas[f[1]] = e
		case "x":
			var x [lexClasses]string
			for c := range x {
				if f[2+c] != "-" {
					x[c] = f[2+c]
				}
			}
			lx.exceptions[f[1]] = x
		default:
			return nil, fmt.Errorf("lexicon line %d: unknown kind %q", i+1, f[0])
		}
	}
	return lx, nil
}

// lemma returns the lemma of form with tag t: the learned lemmatizer's,
// unless the lexicon knows the word in that class and not that lemma
// ("shelled" → "shell" where a rule learned from "felled" cuts more); a
// noun's or verb's lemma the lexicon knows is lower-case ("Rebels" at the
// head of a sentence → "rebel").
func (m *Model) lemma(form string, t UPOS) string {
	lem := m.lemmas.lemma(form, t)
	c := -1
	switch t {
	case NOUN:
		c = lexNoun
	case VERB:
		c = lexVerb
	case ADJ:
		c = lexAdj
	}
	if m.lexicon == nil || c < 0 {
		return lem
	}
	lower := strings.ToLower(form)
	for i := 0; i < len(lower); i++ {
		if (lower[i] < 'a' || lower[i] > 'z') && lower[i] != '-' {
			return lem
		}
	}
	if e, ok := m.lexicon.lemmas[strings.ToLower(lem)]; ok && e[c] >= 0 {
		if c != lexAdj { // common nouns' and verbs' lemmas are lower-case ("American" is not)
			return strings.ToLower(lem)
		}
		return lem
	}
	if wn, _ := m.lexicon.lemmaOf(lower, c); wn != "" {
		return wn
	}
	return lem
}
