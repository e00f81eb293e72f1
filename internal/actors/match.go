package actors

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/dyad-events/dyad/internal/text"
)

// Dictionary recognises actor names in tokenised sentences. It is a trie
// over folded words, so lookup cost does not grow with its size. It is safe
// for concurrent use once built.
type Dictionary struct {
	root    *node
	Entries []Entry
	names   int
}

type node struct {
	next map[string]*node
	hits []hit
}

type hit struct {
	entry int32
	layer int
	raw   []string // exact words, for names matched case-sensitively
	caps  uint64   // words of the name written with a capital, which the text must capitalise too
	poss  uint64   // words of the name written with a possessive ("People's Republic")
}

// New builds a dictionary from layers of entries. A name in a later layer
// replaces the same name (after folding) in earlier layers, so users'
// dictionaries override the bundled one.
func New(layers ...[]Entry) *Dictionary {
	d := &Dictionary{root: &node{}}
	for li, layer := range layers {
		for _, e := range layer {
			idx := int32(len(d.Entries))
			d.Entries = append(d.Entries, e)
			for _, name := range e.Names {
				d.add(name, hit{entry: idx, layer: li})
			}
		}
	}
	return d
}

// Size is the number of names the dictionary holds.
func (d *Dictionary) Size() int { return d.names }

func (d *Dictionary) add(name string, h hit) {
	toks := text.Tokenize(name)
	if len(toks) == 0 {
		return
	}
	if caseSensitive(name) {
		for _, t := range toks {
			h.raw = append(h.raw, t.Text)
		}
	}
	for i, t := range toks {
		if i < 64 && text.Capitalised(t.Text) {
			h.caps |= 1 << i
		}
		if i < 64 && t.Possessive {
			h.poss |= 1 << i
		}
	}
	n := d.root
	for _, t := range toks {
		if n.next == nil {
			n.next = map[string]*node{}
		}
		c := n.next[t.Norm]
		if c == nil {
			c = &node{}
			n.next[t.Norm] = c
		}
		n = c
	}
	// A later layer replaces earlier layers' readings of this name.
	kept := n.hits[:0]
	for _, old := range n.hits {
		if old.layer >= h.layer {
			kept = append(kept, old)
		}
	}
	n.hits = append(kept, h)
	d.names++
}

// caseSensitive reports whether a name must match in capitals: one written
// all in capitals with at most four letters ("US", "UN", "BLA").
func caseSensitive(name string) bool {
	letters := 0
	for _, r := range name {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0 && letters <= 4
}

// Match is a dictionary name found in a sentence: tokens [Start, End).
type Match struct {
	Start, End int
	Entry      *Entry
}

// Lookup finds the longest dictionary names in toks, left to right, that
// are valid on day (zero: ignore terms of office).
func (d *Dictionary) Lookup(toks []text.Token, day time.Time) []Match {
	var out []Match
	for i := 0; i < len(toks); {
		best, bestEnd := -1, 0
		n := d.root
		when := pastMarker(toks, i)
		for j := i; j < len(toks) && n != nil; j++ {
			if toks[j].Punct && toks[j].Text != "." {
				// Punctuation ends a name, except inside abbreviations.
				break
			}
			n = n.next[toks[j].Norm]
			if n == nil {
				break
			}
			e := d.pick(n.hits, toks[i:j+1], day, i > 0 && titles[toks[i-1].Norm])
			if when != "" && (e < 0 || when == "then") {
				// "then-Speaker X", "former minister Y": the term the
				// person held before.
				if pe := d.pastTerm(n.hits, toks[i:j+1], day); pe >= 0 {
					e = pe
				}
			}
			if e >= 0 {
				best, bestEnd = e, j+1
			}
		}
		if best < 0 || partOfLongerName(&d.Entries[best], toks, bestEnd) || namedAfter(&d.Entries[best], toks, i) {
			i++
			continue
		}
		entry := &d.Entries[best]
		if !entry.ValidOn(day) && when == "former" {
			// A former office-holder is no longer the state: one of the
			// country's elite (CAMEO's ELI).
			c := *entry
			c.Agent, c.From, c.To = "ELI", time.Time{}, time.Time{}
			entry = &c
		}
		out = append(out, Match{Start: i, End: bestEnd, Entry: entry})
		i = bestEnd
	}
	return out
}

// pastMarker says how the words just before a name at token i place
// the person in time (an apposition too: "the former minister, X"):
// "then" ("then-Speaker", "the then president"),
// "former" ("former", "ex-", "ex-president"), or "".
func pastMarker(toks []text.Token, i int) string {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if toks[k].Punct && toks[k].Text != "-" && toks[k].Text != "," {
			return ""
		}
		w := toks[k].Norm
		switch {
		case w == "then" || strings.HasPrefix(w, "then-"):
			return "then"
		case w == "former" || w == "ex" || strings.HasPrefix(w, "ex-"):
			return "former"
		}
	}
	return ""
}

// pastTerm returns, among the person readings of a name, the one whose
// term of office ended last before day, or -1.
func (d *Dictionary) pastTerm(hits []hit, toks []text.Token, day time.Time) int {
	best := -1
	for _, h := range hits {
		e := &d.Entries[h.entry]
		if e.Kind != KindPerson || e.To.IsZero() || day.IsZero() || !e.To.Before(day) || !capsMatch(h.caps, toks) {
			continue
		}
		if best < 0 || e.To.After(d.Entries[best].To) {
			best = int(h.entry)
		}
	}
	return best
}

// partOfLongerName reports a newspaper's or broadcaster's name read at the
// start of a longer name: "The Nation" in "The Nation Media Group", a
// paper's name opening the name of a state body.
func partOfLongerName(e *Entry, toks []text.Token, end int) bool {
	if e.Agent != "MED" || end >= len(toks) {
		return false
	}
	next := toks[end]
	return !next.Punct && text.Capitalised(next.Text) && !calendarWord[next.Norm]
}

// namedAfter reports a country's name inside a place named after it
// ("West New Britain", "New Ireland") where the dictionaries do not know
// the longer name.
func namedAfter(e *Entry, toks []text.Token, start int) bool {
	return (e.Kind == KindCountry || e.Kind == KindAdj) && start > 0 && toks[start-1].Text == "New"
}

// calendarWord are capitalised words that may follow any name ("The
// Guardian Tuesday").
var calendarWord = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true}

func (d *Dictionary) pick(hits []hit, toks []text.Token, day time.Time, afterTitle bool) int {
	best := -1
	for _, h := range hits {
		if h.raw != nil {
			if len(h.raw) != len(toks) {
				continue
			}
			ok := true
			for k, w := range h.raw {
				if toks[k].Text != w {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
		}
		if !capsMatch(h.caps, toks) || !possMatch(h.poss, toks) {
			continue
		}
		e := &d.Entries[h.entry]
		if e.Kind == KindPerson && len(toks) == 1 && !text.Capitalised(toks[0].Text) && !afterTitle {
			continue // "the bush burned" is not the president; "president obama" is
		}
		if !e.ValidOn(day) {
			continue
		}
		if best < 0 || rank(e) > rank(&d.Entries[best]) {
			best = int(h.entry)
		}
	}
	return best
}

// rank prefers, among readings of one name, those bound to a term of office
// and those with a country.
func rank(e *Entry) int {
	r := 0
	if !e.From.IsZero() || !e.To.IsZero() {
		r += 2
	}
	if e.Country != "" {
		r++
	}
	return r
}

// String describes an entry for `dyad actors` and --explain.
func (e *Entry) String() string {
	return fmt.Sprintf("%s %s %s:%d", strings.TrimSpace(e.Code()), e.Kind, e.File, e.Line)
}

// capsMatch reports whether a multi-word name's capitalised words are
// capitalised in the text too, so "Russia today" is not the broadcaster
// "Russia Today". One-word names match in any case.
func capsMatch(caps uint64, toks []text.Token) bool {
	if len(toks) < 2 {
		return true
	}
	for i, t := range toks {
		if i < 64 && caps&(1<<i) != 0 && !text.Capitalised(t.Text) && t.Text != "." {
			return false
		}
	}
	return true
}

// possMatch reports whether the text has a possessive exactly where the
// name does, but for its last word ("Pakistan's" matches "Pakistan";
// "People's Republic" needs the possessive; "Pakistan's Army" is not the
// name "Pakistan Army").
func possMatch(poss uint64, toks []text.Token) bool {
	for i, t := range toks {
		if i >= 64 || i == len(toks)-1 {
			break
		}
		if t.Possessive != (poss&(1<<i) != 0) {
			return false
		}
	}
	return true
}

// titles before a lower-case surname still make it a name ("president obama").
var titles = map[string]bool{"president": true, "minister": true, "premier": true, "king": true,
	"queen": true, "chancellor": true, "secretary": true, "leader": true, "general": true, "gen": true,
	"senator": true, "ambassador": true, "envoy": true, "emir": true, "sheikh": true, "prince": true}
