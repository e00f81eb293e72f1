package syntax

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The lemmatizer is learned from a treebank's LEMMA column: for each part
// of speech, the edit (lower-case or not, cut the last k letters, add a
// suffix) that most word types ending alike take, and a table of the words
// whose lemma those rules get wrong ("was" → "be", "children" → "child").

type edit struct {
	lower bool
	cut   int
	add   string
}

func (e edit) apply(form string) string {
	w := form
	if e.lower {
		w = strings.ToLower(w)
	}
	if e.cut > len(w) {
		return w
	}
	if e.cut == 0 && e.add == "" {
		return w
	}
	return w[:len(w)-e.cut] + e.add
}

// editFor returns the edit that turns form into lemma (nil when none does:
// the lemma is not the form or its lower-case with a changed ending).
func editFor(form, lemma string) edit {
	w := form
	e := edit{}
	if lemma != form && strings.ToLower(form) != form && (lemma == strings.ToLower(lemma) || !strings.HasPrefix(lemma, form[:1])) {
		w = strings.ToLower(form)
		e.lower = true
	}
	i := 0
	for i < len(w) && i < len(lemma) && w[i] == lemma[i] {
		i++
	}
	e.cut = len(w) - i
	e.add = lemma[i:]
	return e
}

const maxSuffix = 5

type lemmaKey struct {
	tag  UPOS
	form string
}

// lemmatizer holds the learned rules and the exceptions.
type lemmatizer struct {
	rules      map[lemmaKey]edit // key form: the suffix (lower-case) the rule is for
	exceptions map[lemmaKey]string
}

// suffixOf returns the last k code points of lower, or false when it is
// shorter.
func suffixOf(lower string, k int) (string, bool) {
	j := len(lower)
	for ; k > 0; k-- {
		if j == 0 {
			return "", false
		}
		_, size := utf8.DecodeLastRuneInString(lower[:j])
		j -= size
	}
	return lower[j:], true
}

// lemma returns the lemma of form with tag t.
func (l *lemmatizer) lemma(form string, t UPOS) string {
	if l == nil {
		return form
	}
	lower := strings.ToLower(form)
	if lem, ok := l.exceptions[lemmaKey{t, lower}]; ok {
		return lem
	}
	for k := maxSuffix; k >= 0; k-- {
		suf, ok := suffixOf(lower, k)
		if !ok {
			continue
		}
		if e, ok := l.rules[lemmaKey{t, suf}]; ok {
			if e.cut > len(form) {
				return form
			}
			return e.apply(form)
		}
	}
	return form
}

// lemmaSample is one word of a treebank.
type lemmaSample struct {
	form, lemma string
	tag         UPOS
}

// typ is a word type: a form with its tag.
type typ struct {
	form string
	tag  UPOS
}

// learnLemmatizer learns rules from word types and keeps as exceptions the
// words they get wrong.
func learnLemmatizer(samples []lemmaSample) *lemmatizer {
	// The most frequent lemma of each (form, tag).
	lemmas := map[typ]map[string]int{}
	for _, s := range samples {
		if s.lemma == "" || s.lemma == "_" {
			continue
		}
		k := typ{s.form, s.tag}
		if lemmas[k] == nil {
			lemmas[k] = map[string]int{}
		}
		lemmas[k][s.lemma]++
	}
	best := map[typ]string{}
	for k, m := range lemmas {
		b, bn := "", -1
		for lem, n := range m {
			if n > bn || n == bn && lem < b {
				b, bn = lem, n
			}
		}
		best[k] = b
	}
	// Count, per tag and suffix, the edits of the word types.
	counts := map[lemmaKey]map[edit]int{}
	for k, lem := range best {
		e := editFor(k.form, lem)
		lower := strings.ToLower(k.form)
		for n := 0; n <= maxSuffix; n++ {
			suf, ok := suffixOf(lower, n)
			if !ok {
				continue
			}
			if len(suf) < e.cut && n > 0 { // the rule must see what it cuts
				continue
			}
			key := lemmaKey{k.tag, suf}
			if counts[key] == nil {
				counts[key] = map[edit]int{}
			}
			counts[key][e]++
		}
	}
	l := &lemmatizer{rules: map[lemmaKey]edit{}, exceptions: map[lemmaKey]string{}}
	for key, m := range counts {
		var b edit
		bn, total := -1, 0
		for e, n := range m {
			total += n
			if n > bn || n == bn && lessEdit(e, b) {
				b, bn = e, n
			}
		}
		// Keep a suffix rule only when it has support beyond one word.
		if len(key.form) > 0 && total < 2 {
			continue
		}
		l.rules[key] = b
	}
	// Prune rules that say the same as the shorter suffix they back off to.
	for key, e := range l.rules {
		if key.form == "" {
			continue
		}
		n := utf8.RuneCountInString(key.form)
		for k := n - 1; k >= 0; k-- {
			s, _ := suffixOf(key.form, k)
			if pe, ok := l.rules[lemmaKey{key.tag, s}]; ok {
				if pe == e {
					delete(l.rules, key)
				}
				break
			}
		}
	}
	for k, lem := range best {
		if l.lemma(k.form, k.tag) != lem {
			lower := strings.ToLower(k.form)
			key := lemmaKey{k.tag, lower}
			// Differently cased forms share one entry: keep the commoner.
			if old, ok := l.exceptions[key]; ok && old != lem {
				// Keep the lemma more word forms have, then the first in order.
				on, nn := lemmaCount(lemmas, lower, k.tag, old), lemmaCount(lemmas, lower, k.tag, lem)
				if on > nn || on == nn && old < lem {
					continue
				}
			}
			l.exceptions[key] = lem
		}
	}
	return l
}

// lemmaCount counts the training words, in any casing of lower with tag t,
// whose lemma is lem.
func lemmaCount(lemmas map[typ]map[string]int, lower string, t UPOS, lem string) int {
	n := 0
	for k, m := range lemmas {
		if k.tag == t && strings.ToLower(k.form) == lower {
			n += m[lem]
		}
	}
	return n
}

func lessEdit(a, b edit) bool {
	if a.cut != b.cut {
		return a.cut < b.cut
	}
	if a.add != b.add {
		return a.add < b.add
	}
	return !a.lower && b.lower
}

// write stores the lemmatizer as text: "r TAG SUFFIX LOWER CUT ADD" and
// "x TAG FORM LEMMA" lines, sorted so that the file is deterministic.
func (l *lemmatizer) write(w io.Writer) error {
	var lines []string
	for k, e := range l.rules {
		lines = append(lines, fmt.Sprintf("r\t%s\t%s\t%t\t%d\t%s", k.tag, k.form, e.lower, e.cut, e.add))
	}
	for k, lem := range l.exceptions {
		lines = append(lines, fmt.Sprintf("x\t%s\t%s\t%s", k.tag, k.form, lem))
	}
	return writeSorted(w, lines)
}

// writeSorted writes lines sorted, one per line, so that a model file is
// the same for the same model.
func writeSorted(w io.Writer, lines []string) error {
	sort.Strings(lines)
	bw := bufio.NewWriter(w)
	for _, s := range lines {
		bw.WriteString(s)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func readLemmatizer(text string) (*lemmatizer, error) {
	l := &lemmatizer{rules: map[lemmaKey]edit{}, exceptions: map[lemmaKey]string{}}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		bad := func(what string) error { return fmt.Errorf("lemmas line %d: %s: %q", i+1, what, line) }
		if len(f) < 4 {
			return nil, bad("too few fields")
		}
		t, ok := ParseUPOS(f[1])
		if !ok {
			return nil, bad("unknown tag")
		}
		switch f[0] {
		case "r":
			if len(f) != 6 {
				return nil, bad("a rule has 6 fields")
			}
			cut, err := strconv.Atoi(f[4])
			if err != nil || cut < 0 {
				return nil, bad("cut is not a count")
			}
			l.rules[lemmaKey{t, f[2]}] = edit{lower: f[3] == "true", cut: cut, add: f[5]}
		case "x":
			if len(f) != 4 {
				return nil, bad("an exception has 4 fields")
			}
			l.exceptions[lemmaKey{t, f[2]}] = f[3]
		default:
			return nil, bad("unknown kind")
		}
	}
	return l, nil
}
