package coding

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/dyad-events/dyad/internal/text"
)

// Pattern is one line of a verbs/patterns file.
type Pattern struct {
	Code     string
	Kind     string     // verb, noun or phrase
	Elements [][]string // alternatives per element, each a space-joined folded word sequence
	Source   string     // "file:line" for --explain
	Text     string     // the pattern as written
	// words holds each element's alternatives split into words, once.
	words [][][]string
}

// Verbs recognises event triggers in tokenised sentences.
type Verbs struct {
	Patterns []*Pattern
	// index maps a first word to the pattern alternatives starting with it.
	index map[string][]start
}

type start struct {
	p     *Pattern
	words []string // the first element's words, inflected
}

// Trigger is a pattern matched in a sentence.
type Trigger struct {
	Pattern    *Pattern
	Start, End int   // tokens of the whole match
	HeadEnd    int   // end of the first element (the verb or noun itself)
	Spans      []int // token start/end pairs of each element
	// Linked: an element was found beyond maxGap where the tree joins it
	// to the verb (FindLinked); the words between are not the pattern's.
	Linked bool
}

// covers reports that token k is one of the words the pattern matched
// (not a word in a gap between its elements).
func (t *Trigger) covers(k int) bool {
	for i := 0; i+1 < len(t.Spans); i += 2 {
		if t.Spans[i] <= k && k < t.Spans[i+1] {
			return true
		}
	}
	return false
}

// specificity ranks a match: more elements, then more words matched.
func (t *Trigger) specificity() int {
	n := len(t.Pattern.Elements) * 100
	for k := 0; k < len(t.Spans); k += 2 {
		n += t.Spans[k+1] - t.Spans[k]
	}
	return n
}

// irregular holds inflections that the regular rules get wrong.
type irregular struct{ past, participle, third, gerund []string }

// LoadVerbs reads verbs/irregular.tsv and every verbs/patterns*.tsv in fsys,
// then users' pattern files (a file, or every .tsv in a directory).
func LoadVerbs(fsys fs.FS, user ...string) (*Verbs, error) {
	irr := map[string]irregular{}
	if _, err := fs.Stat(fsys, "verbs/irregular.tsv"); err == nil {
		err := eachLine(fsys, "verbs/irregular.tsv", func(_ int, f []string) error {
			if len(f) < 3 || len(f) > 5 {
				return fmt.Errorf("want 3 to 5 fields (lemma, past, participle[, third, gerund]), got %d", len(f))
			}
			ir := irregular{past: splitAlt(f[1]), participle: splitAlt(f[2])}
			if len(f) > 3 {
				ir.third = splitAlt(f[3])
			}
			if len(f) > 4 {
				ir.gerund = splitAlt(f[4])
			}
			irr[strings.ToLower(f[0])] = ir
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	v := &Verbs{index: map[string][]start{}}
	bundled := true
	load := func(fsys fs.FS, files []string) error {
		sort.Strings(files)
		for _, name := range files {
			err := eachLine(fsys, name, func(line int, f []string) error {
				p, err := parsePattern(f)
				if err != nil {
					return err
				}
				p.Source = fmt.Sprintf("%s:%d", name, line)
				if !bundled {
					// A user's pattern replaces a bundled one written the
					// same way: that is how a user recodes a verb.
					v.drop(p)
				}
				v.add(p, irr)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	files, _ := fs.Glob(fsys, "verbs/patterns*.tsv")
	if err := load(fsys, files); err != nil {
		return nil, err
	}
	bundled = false
	for _, p := range user {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("load verbs: %w", err)
		}
		if st.IsDir() {
			dir := os.DirFS(p)
			files, _ := fs.Glob(dir, "*.tsv")
			if err := load(dir, files); err != nil {
				return nil, fmt.Errorf("load verbs %s: %w", p, err)
			}
			continue
		}
		if err := load(os.DirFS(filepath.Dir(p)), []string{filepath.Base(p)}); err != nil {
			return nil, fmt.Errorf("load verbs %s: %w", filepath.Dir(p), err)
		}
	}
	return v, nil
}

func splitAlt(s string) []string {
	var out []string
	for _, a := range strings.Split(s, "|") {
		if a = strings.TrimSpace(strings.ToLower(a)); a != "" && a != "-" {
			out = append(out, a)
		}
	}
	return out
}

func parsePattern(f []string) (*Pattern, error) {
	if len(f) != 3 {
		return nil, fmt.Errorf("want 3 fields (code, kind, pattern), got %d", len(f))
	}
	if err := checkCode(f[0]); err != nil {
		return nil, fmt.Errorf("code: %w", err)
	}
	switch f[1] {
	case "verb", "noun", "phrase":
	default:
		return nil, fmt.Errorf("kind: %q is not verb, noun or phrase", f[1])
	}
	p := &Pattern{Code: f[0], Kind: f[1], Text: f[2]}
	for _, el := range strings.Fields(f[2]) {
		var alts []string
		for _, a := range strings.Split(el, "|") {
			if a == "" {
				return nil, fmt.Errorf("pattern: empty alternative in %q", el)
			}
			var words []string
			for _, t := range text.Tokenize(strings.ReplaceAll(a, "_", " ")) {
				words = append(words, t.Norm)
			}
			if len(words) == 0 {
				return nil, fmt.Errorf("pattern: no words in %q", a)
			}
			alts = append(alts, strings.Join(words, " "))
		}
		p.Elements = append(p.Elements, alts)
	}
	if len(p.Elements) == 0 {
		return nil, fmt.Errorf("pattern: empty")
	}
	for _, alts := range p.Elements {
		var ws [][]string
		for _, a := range alts {
			ws = append(ws, strings.Fields(a))
		}
		p.words = append(p.words, ws)
	}
	return p, nil
}

// drop removes the patterns of p's kind whose elements are p's, so that
// p takes their place.
func (v *Verbs) drop(p *Pattern) {
	same := func(q *Pattern) bool {
		return q.Kind == p.Kind && slices.EqualFunc(q.Elements, p.Elements, slices.Equal[[]string])
	}
	if !slices.ContainsFunc(v.Patterns, same) {
		return
	}
	v.Patterns = slices.DeleteFunc(v.Patterns, same)
	for w, ss := range v.index {
		v.index[w] = slices.DeleteFunc(ss, func(s start) bool { return same(s.p) })
	}
}

func (v *Verbs) add(p *Pattern, irr map[string]irregular) {
	v.Patterns = append(v.Patterns, p)
	for _, alt := range p.Elements[0] {
		words := strings.Fields(alt)
		var forms []string
		switch p.Kind {
		case "verb":
			forms = verbForms(words[0], irr)
		case "noun":
			if len(words) == 1 {
				forms = nounForms(words[0])
			} else {
				// Multi-word noun: inflect the last word.
				last := len(words) - 1
				for _, f := range nounForms(words[last]) {
					w := append(append([]string{}, words[:last]...), f)
					v.index[w[0]] = append(v.index[w[0]], start{p: p, words: w})
				}
				continue
			}
		default:
			forms = []string{words[0]}
		}
		for _, f := range forms {
			w := append([]string{f}, words[1:]...)
			v.index[f] = append(v.index[f], start{p: p, words: w})
		}
	}
}

// verbForms lists the inflections of a verb lemma.
func verbForms(lemma string, irr map[string]irregular) []string {
	forms := []string{lemma}
	ir, ok := irr[lemma]
	add := func(given []string, regular string) {
		if len(given) > 0 {
			forms = append(forms, given...)
		} else {
			forms = append(forms, regular)
		}
	}
	add(ir.third, third(lemma))
	if ok {
		forms = append(forms, ir.past...)
		forms = append(forms, ir.participle...)
	} else {
		forms = append(forms, past(lemma))
	}
	add(ir.gerund, gerund(lemma))
	return dedupe(forms)
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

func third(w string) string {
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") ||
		strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "o"):
		return w + "es"
	case len(w) > 1 && w[len(w)-1] == 'y' && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

func past(w string) string {
	switch {
	case strings.HasSuffix(w, "e"):
		return w + "d"
	case len(w) > 1 && w[len(w)-1] == 'y' && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ied"
	}
	return w + "ed"
}

func gerund(w string) string {
	switch {
	case strings.HasSuffix(w, "ie"):
		return w[:len(w)-2] + "ying"
	case strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee") && !strings.HasSuffix(w, "ye") && !strings.HasSuffix(w, "oe") && len(w) > 2:
		return w[:len(w)-1] + "ing"
	}
	return w + "ing"
}

func nounForms(w string) []string {
	return dedupe([]string{w, pluralOf(w)})
}

func pluralOf(w string) string {
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		return w + "es"
	case len(w) > 1 && w[len(w)-1] == 'y' && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

// maxGap is how many other words may stand between a pattern's elements.
const maxGap = 5

// Find returns the triggers in a sentence: at each place the most specific
// pattern, and no two triggers sharing a word.
func (v *Verbs) Find(toks []text.Token) []Trigger { return v.FindLinked(toks, Links{}) }

// Links is what a sentence's tree says of a verb pattern's later
// elements; either function may be nil.
type Links struct {
	// Joined reports that the word at token k is joined to the verb at
	// token v as what is said of the verb's object (see FindLinked).
	Joined func(v, k int) bool
	// Elsewhere reports that the preposition at token k belongs to a noun
	// inside the verb at token v's object ("calling the raid on its
	// consulate …"), so it is no particle of an appeal ("call on").
	Elsewhere func(v, k int) bool
	// Beside reports a noun at token k that the tree gives a preposition
	// of nearness ("near the village"): where the act was, not what it was
	// done to.
	Beside func(k int) bool
}

// rankedTrigger is a candidate trigger with its rank in Find's choice.
type rankedTrigger struct {
	Trigger
	prio int
}

// maxLinked is how far a verb pattern's later element may stand when the
// tree joins it to the verb (see FindLinked).
const maxLinked = 25

// FindLinked is Find that reads the sentence's tree through links: a verb
// pattern's later element may stand beyond maxGap words, within
// maxLinked, where links.Joined says the tree joins it to the verb
// ("described Peru's presence on the disputed island as an occupation"),
// and a particle that links.Elsewhere gives to a noun of the object is
// not the verb's.
func (v *Verbs) FindLinked(toks []text.Token, links Links) []Trigger {
	var cands []Trigger
	for i := range toks {
		if toks[i].Punct {
			continue
		}
		capital := i > 0 && isTitle(toks[i].Text) && !isTitle(toks[i-1].Text) && toks[i-1].Text != "\"" && toks[i-1].Text != "“"
		// "the occupied West Bank", "a disputed region": a participle after
		// a determiner is an adjective.
		adjectival := i > 0 && (determiners[toks[i-1].Norm] || toks[i-1].Possessive) &&
			(strings.HasSuffix(toks[i].Norm, "ed") || strings.HasSuffix(toks[i].Norm, "en") || toks[i-1].Possessive && strings.HasSuffix(toks[i].Norm, "ing"))
		for _, st := range v.index[toks[i].Norm] {
			if (capital || adjectival || raising(toks, i)) && (st.p.Kind == "verb" || st.p.Kind == "phrase" && adjectival) {
				// "March", "Rob", "Hope" in mid-sentence are names.
				continue
			}
			end, ok := seqAt(toks, i, st.words)
			if !ok {
				continue
			}
			tr := Trigger{Pattern: st.p, Start: i, End: end, HeadEnd: end, Spans: []int{i, end}}
			pos := end
			matched := true
			gap := maxGap
			if st.p.Kind == "phrase" {
				gap = 0 // a phrase's words stand together
			}
			for ei, alts := range st.p.Elements[1:] {
				s, e, ok := findElement(toks, pos, st.p.words[ei+1], gap)
				if ok && s > pos && links.Elsewhere != nil && st.p.Kind == "verb" && strings.HasPrefix(st.p.Code, "02") && particle(alts) && links.Elsewhere(i, s) {
					// An appeal's particle names who is asked ("called on
					// Chile to …"); "calling the raid on its consulate a
					// farce" asks no one. (Other verbs keep a particle the
					// parser hangs lower: their objects' attachments are
					// the parser's weakest.)
					ok = false
				}
				if ok && links.Beside != nil && st.p.Kind == "verb" && !particle(alts) && !placePrep(st.p.Elements[ei]) && links.Beside(s) {
					ok = false // "attacked police near the village" attacked no village
				}
				if !ok && links.Joined != nil && st.p.Kind == "verb" {
					s, e, ok = findLinked(toks, i, pos, st.p.words[ei+1], links.Joined)
					tr.Linked = ok
				}
				if ok && particle(alts) && e < len(toks) && timeWord(toks[e].Norm) {
					// "called his counterpart on Tuesday": "on" opens a date,
					// it is not the verb's particle.
					ok = false
				}
				if !ok {
					matched = false
					break
				}
				tr.Spans = append(tr.Spans, s, e)
				pos, tr.End = e, e
			}
			if matched {
				cands = append(cands, tr)
			}
		}
	}
	// A noun that a verb pattern ends with is what the verb says of its
	// object ("called the arrests a violation of international law"): the
	// verb's pattern outranks the noun's, however long.
	prio := make([]int, len(cands))
	for i := range cands {
		prio[i] = cands[i].specificity()
	}
	for i, v := range cands {
		if v.Pattern.Kind != "verb" || len(v.Spans) < 4 {
			continue
		}
		last := v.Spans[len(v.Spans)-2]
		for j, n := range cands {
			if n.Pattern.Kind == "noun" && n.Start == last && cands[j].specificity() >= prio[i] {
				prio[i] = n.specificity() + 1
			}
		}
	}
	ranked := make([]rankedTrigger, len(cands))
	for i := range cands {
		ranked[i] = rankedTrigger{cands[i], prio[i]}
	}
	sort.SliceStable(ranked, func(a, b int) bool {
		if ranked[a].prio != ranked[b].prio {
			return ranked[a].prio > ranked[b].prio
		}
		if ca, cb := ranked[a].Trigger, ranked[b].Trigger; ca.Start == cb.Start && ca.Pattern.Kind != cb.Pattern.Kind {
			// One word, a noun and a verb reading: "would boycott" is the
			// verb, "a boycott" the noun.
			if verbSlot(toks, ca.Start) && !(ca.Start > 0 && strings.HasSuffix(toks[ca.Start-1].Norm, "ed")) {
				return ca.Pattern.Kind == "verb"
			}
			return ca.Pattern.Kind == "noun" // "rejected calls for", "a boycott"
		}
		return ranked[a].Start < ranked[b].Start
	})
	for i := range ranked {
		cands[i] = ranked[i].Trigger
	}
	used := map[int]bool{}
	var out []Trigger
	for _, c := range cands {
		clash := false
		for k := 0; k < len(c.Spans); k += 2 {
			for t := c.Spans[k]; t < c.Spans[k+1]; t++ {
				if used[t] {
					clash = true
				}
			}
		}
		if clash {
			continue
		}
		// The words between a pattern's elements belong to it too: "offered
		// to host talks" is one act, not an offer and a hosting. Not so
		// across a long object the tree spans ("called the seizure of two
		// trawlers by the navy a violation …"): the seizure is an act.
		for t := c.Start; t < c.End; t++ {
			if !c.Linked || c.covers(t) {
				used[t] = true
			}
		}
		out = append(out, c)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

func seqAt(toks []text.Token, i int, words []string) (int, bool) {
	if i+len(words) > len(toks) {
		return 0, false
	}
	for k, w := range words {
		if toks[i+k].Norm != w {
			return 0, false
		}
		if k < len(words)-1 && toks[i+k].Possessive {
			return 0, false
		}
	}
	return i + len(words), true
}

// findElement finds one of alts within gap words after pos, not
// crossing clause punctuation.
func findElement(toks []text.Token, pos int, alts [][]string, gap int) (int, int, bool) {
	for k := pos; k < len(toks) && k <= pos+gap; k++ {
		if toks[k].Punct && strings.ContainsAny(toks[k].Text, ";:,()[]") {
			return 0, 0, false
		}
		for _, a := range alts {
			if a[0] != toks[k].Norm {
				continue
			}
			if e, ok := seqAt(toks, k, a); ok {
				return k, e, true
			}
		}
	}
	return 0, 0, false
}

// findLinked finds one of alts after pos, within maxLinked words and
// before the sentence's next semicolon, that the tree joins to the verb at
// token verb.
func findLinked(toks []text.Token, verb, pos int, alts [][]string, linked func(verb, word int) bool) (int, int, bool) {
	for k := pos; k < len(toks) && k <= pos+maxLinked; k++ {
		if toks[k].Text == ";" {
			break
		}
		for _, a := range alts {
			if a[0] != toks[k].Norm {
				continue
			}
			e, ok := seqAt(toks, k, a)
			if !ok {
				continue
			}
			for w := k; w < e; w++ {
				if linked(verb, w) { // "witch" in "a witch hunt" hangs on "hunt"
					return k, e, true
				}
			}
		}
	}
	return 0, 0, false
}

var determiners = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true,
	"his": true, "her": true, "this": true, "that": true, "these": true, "those": true, "our": true}

var particles = map[string]bool{"on": true, "upon": true, "in": true, "off": true, "out": true,
	"up": true, "down": true, "for": true, "with": true, "to": true, "at": true, "into": true,
	"against": true, "over": true, "back": true, "away": true, "of": true, "from": true, "by": true}

// placePrep reports an element that names where ("gather outside|at
// parliament"): the noun after it may well be beside something.
func placePrep(alts []string) bool {
	for _, a := range alts {
		if w, _, _ := strings.Cut(a, " "); nearbyWords[w] || w == "in" || w == "at" {
			return true
		}
	}
	return false
}

// nearbyWords are the first words of prepositions of nearness.
var nearbyWords = map[string]bool{"near": true, "outside": true, "around": true, "beside": true, "nearby": true}

// particle reports an element made only of prepositions and particles.
func particle(alts []string) bool {
	for _, a := range alts {
		if !particles[a] {
			return false
		}
	}
	return true
}

// timeWord reports a word that starts a time expression after a preposition.
func timeWord(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
		"sept", "oct", "nov", "dec", "the", "this", "that", "last", "next", "friday's", "time":
		return w != "the" && w != "that"
	}
	for _, r := range w {
		return r >= '0' && r <= '9'
	}
	return false
}

// raising reports "is scheduled to", "was expected to", "is set to": a
// passive verb followed by "to" that only frames the verb after it.
func raising(toks []text.Token, i int) bool {
	if i == 0 || i+1 >= len(toks) || toks[i+1].Norm != "to" || !strings.HasSuffix(toks[i].Norm, "ed") {
		return false
	}
	switch toks[i-1].Norm {
	case "is", "was", "are", "were", "been", "be", "being":
		return true
	}
	return false
}

// verbSlot reports whether the word at i stands where a verb goes: after a
// modal, "to", a pronoun or a negation.
func verbSlot(toks []text.Token, i int) bool {
	if i == 0 {
		return false
	}
	switch toks[i-1].Norm {
	case "will", "would", "could", "can", "may", "might", "should", "must", "shall", "to", "they", "we",
		"he", "she", "it", "i", "not", "never", "also", "didn't", "don't", "won't", "did", "do", "does":
		return true
	}
	return false
}

// isTitle reports a word written with a capital and then lower case.
func isTitle(w string) bool {
	rs := []rune(w)
	if len(rs) < 2 || !unicode.IsUpper(rs[0]) {
		return false
	}
	for _, r := range rs[1:] {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
