package fatalities

import (
	"sync"

	"github.com/dyad-events/dyad/internal/text"
)

// Count is a reported number of dead. A nil bound is open.
type Count struct {
	Start, End int // rune offsets within the sentence of the whole phrase
	Text       string
	Min, Max   *int
}

// phrase is a number phrase found in a sentence, with its bounds.
type phrase struct {
	t0, t1   int // tokens of the whole phrase, qualifiers included
	n0, n1   int // tokens of the number itself
	min, max int // max < 0: open
	zero     bool
}

// scanner reads numbers and their ties in one tokenized sentence.
type scanner struct {
	toks []token
}

func (s *scanner) cls(i int) uint8 {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tWord {
		return 0
	}
	return s.toks[i].cls
}

func (s *scanner) punct(i int, r rune) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tPunct && s.toks[i].val == r
}

func (s *scanner) dash(i int) bool { return s.punct(i, '-') || s.punct(i, '–') || s.punct(i, '—') }

// number reads a number at i: digits ("1,200"), words ("twenty-one", "one
// hundred and five", "a dozen", "two thousand") or a vague plural
// ("dozens", "tens of thousands"). It returns the value, the token after
// it, whether the number is only a lower bound, and ok.
func (s *scanner) number(i int) (int, int, bool, bool) {
	if i >= len(s.toks) {
		return 0, i, false, false
	}
	t := &s.toks[i]
	if t.kind == tNum {
		if t.ord {
			return 0, i, false, false
		}
		v, j := int(t.val), i+1
		if s.cls(j) == clHundred || s.cls(j) == clThousand || s.cls(j) == clMillion {
			v, j = mul(v, int(s.toks[j].val)), j+1
		}
		return v, j, false, true
	}
	if t.kind != tWord {
		return 0, i, false, false
	}
	switch t.cls {
	case clVague: // "dozens", "hundreds of thousands"
		v, j := int(t.val), i+1
		if s.cls(j) == clOf && s.cls(j+1) == clVague && s.toks[j+1].val >= 200 {
			v, j = mul(v, int(s.toks[j+1].val)/2), j+2
		}
		return v, j, true, true
	case clTens2: // "tens of thousands"
		if s.cls(i+1) == clOf && s.cls(i+2) == clVague && s.toks[i+2].val >= 200 {
			return mul(20, int(s.toks[i+2].val)/2), i + 3, true, true
		}
		return 0, i, false, false
	case clHalf: // "half a dozen"
		if s.cls(i+1) == clA && s.cls(i+2) == clDozen {
			return 6, i + 3, false, true
		}
		return 0, i, false, false
	case clA: // "a dozen", "a hundred"
		switch s.cls(i + 1) {
		case clDozen, clHundred, clThousand:
			v, j := int(s.toks[i+1].val), i+2
			return v, j, false, true
		}
		return 0, i, false, false
	case clUnit, clTens:
	default:
		return 0, i, false, false
	}
	total, cur, j := 0, 0, i
	for j < len(s.toks) {
		v := int(s.toks[j].val)
		switch s.cls(j) {
		case clUnit: // after nothing, "hundred" or a round ten: "five", "twenty one"
			r := cur % 100
			if r != 0 && (r%10 != 0 || r < 20 || v >= 10) {
				return total + cur, j, false, true
			}
			cur += v
			j++
		case clTens:
			if cur%100 != 0 {
				return total + cur, j, false, true
			}
			cur += v
			j++
			if s.dash(j) && !s.toks[j].space && s.cls(j+1) == clUnit && s.toks[j+1].val > 0 && s.toks[j+1].val < 10 {
				cur += int(s.toks[j+1].val)
				j += 2
			}
		case clDozen:
			return total + mul(max(cur, 1), 12), j + 1, false, true
		case clHundred:
			if cur >= 100 {
				return total + cur, j, false, true
			}
			cur = mul(max(cur, 1), 100)
			j = s.skipAnd(j + 1)
		case clThousand, clMillion:
			total, cur = mul(total+max(cur, 1), v), 0
			j = s.skipAnd(j + 1)
		default:
			return total + cur, j, false, true
		}
	}
	return total + cur, j, false, true
}

// skipAnd skips the "and" of "one hundred and five".
func (s *scanner) skipAnd(j int) int {
	if s.cls(j) == clAnd && (s.cls(j+1) == clUnit || s.cls(j+1) == clTens) {
		return j + 1
	}
	return j
}

// mul multiplies, saturating at maxValue.
func mul(a, b int) int {
	if a != 0 && b > maxValue/a {
		return maxValue
	}
	return a * b
}

// ParseNumber reads a whole number phrase — "five", "twenty-one", "1,200",
// "one hundred and five", "a dozen", "dozens", "hundreds" — and returns its
// value; a vague plural returns its lower bound (dozens 24, scores 40,
// hundreds 200, thousands 2000). ok is false unless the whole phrase is one
// number.
func ParseNumber(s string) (int, bool) {
	x := scratchPool.Get().(*scratch)
	defer scratchPool.Put(x)
	x.words = text.AppendWords(x.words[:0], s)
	return x.parseNumber(x.words)
}

// ParseNumberWords is ParseNumber for a phrase already split into words:
// words are as text.Words returns them for the phrase, or the run of a
// sentence's words that holds it.
func ParseNumberWords(words []text.Word) (int, bool) {
	x := scratchPool.Get().(*scratch)
	defer scratchPool.Put(x)
	return x.parseNumber(words)
}

// scratch holds the slices Find and ParseNumber reuse; scratchPool keeps
// them from one call to the next.
type scratch struct {
	words []text.Word // for Find and ParseNumber, which split the text themselves
	toks  []token
	buf   []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// parseNumber is ParseNumberWords.
func (x *scratch) parseNumber(words []text.Word) (int, bool) {
	x.toks, x.buf = fromWords(words, x.toks, x.buf)
	toks := x.toks
	if len(toks) == 0 {
		return 0, false
	}
	sc := scanner{toks: toks}
	v, j, _, ok := sc.number(0)
	if !ok || j != len(toks) {
		return 0, false
	}
	return v, true
}

// notACount reports whether the number at tokens [n0,n1) is a date, a
// year, a time, a designation or a quantity of things.
func (s *scanner) notACount(n0, n1 int) bool {
	t := &s.toks[n0]
	if t.kind == tNum {
		if t.glued || t.ord {
			return true // "3pm", "16th"
		}
		// Years: "in 1988", "2024".
		if t.ndig == 4 && t.val >= 1800 && t.val <= 2200 && n1 == n0+1 && (s.cls(n0-1) == clPrepYear || s.cls(n0-1) == clMonth || s.punct(n0-1, ',')) {
			return true
		}
		// Decimals, times, ratios and codes: 3.5, 3:30, 1/2, F-16.
		if n := n0 + 1; n+1 < len(s.toks) && !s.toks[n].space && (s.punct(n, '.') || s.punct(n, ':') || s.punct(n, '/')) && s.toks[n+1].kind == tNum && !s.toks[n+1].space {
			return true
		}
		if p := n0 - 1; p >= 0 && !t.space && (s.punct(p, '.') || s.punct(p, ':') || s.punct(p, '/') || s.punct(p, '$') || s.punct(p, '£') || s.punct(p, '€') || s.punct(p, '#') || s.punct(p, '+')) {
			return true
		}
		if p := n0 - 1; p >= 1 && !t.space && s.dash(p) && !s.toks[p].space && s.toks[p-1].kind == tWord {
			return true // F-16, 555-0100
		}
		if s.punct(n1, '%') {
			return true
		}
	}
	// Designations: "Resolution 242", "No. 5", "Route 9".
	if s.cls(n0-1) == clDesig || s.punct(n0-1, '.') && s.cls(n0-2) == clNo {
		return true
	}
	// Dates: "17 January", "January 17".
	if s.cls(n0-1) == clMonth && s.toks[n0-1].upper || s.cls(n1) == clMonth && s.toks[n1].upper || s.cls(n1) == clOf && s.cls(n1+1) == clMonth {
		return true
	}
	// Quantities of things: "12 missiles", "5 km", "16-year-old".
	j := n1
	if s.dash(j) {
		j++
	}
	if s.cls(j) == clThing || s.cls(j) == clMillion {
		return true
	}
	return false
}

// qualify reads the qualifiers around the number at [n0,n1) and returns the phrase.
func (s *scanner) qualify(n0, n1, v int, vague bool) phrase {
	p := phrase{t0: n0, t1: n1, n0: n0, n1: n1, min: v, max: v}
	if vague {
		p.max = -1
	}
	b := n0
	// Before the number.
	switch {
	case s.cls(b-2) == clUp && s.cls(b-1) == clTo: // up to five
		p.t0, p.min = b-2, 0
	case s.cls(b-3) == clAs && s.cls(b-2) == clMany && s.cls(b-1) == clAs: // as many as
		p.t0, p.min = b-3, 0
	case s.cls(b-2) == clAt && s.cls(b-1) == clLeast: // at least
		p.t0, p.max = b-2, -1
	case s.cls(b-2) == clAt && s.cls(b-1) == clMost: // at most
		p.t0, p.min = b-2, 0
	case s.cls(b-3) == clNo && (s.cls(b-2) == clFewer || s.cls(b-2) == clMore) && s.cls(b-1) == clThan:
		p.t0 = b - 3
		if s.cls(b-2) == clFewer { // no fewer than 10
			p.max = -1
		} else { // no more than 10
			p.min = 0
		}
	case s.cls(b-2) == clMore && s.cls(b-1) == clThan, s.cls(b-1) == clOver, s.cls(b-2) == clUp && s.cls(b-1) == clOf:
		p.t0 = b - 1
		if s.cls(b-1) == clThan || s.cls(b-1) == clOf {
			p.t0 = b - 2
		}
		p.min, p.max = v+1, -1
	case s.cls(b-2) == clFewer && s.cls(b-1) == clThan, s.cls(b-1) == clUnder:
		p.t0 = b - 1
		if s.cls(b-1) == clThan {
			p.t0 = b - 2
		}
		p.min, p.max = 0, max(v-1, 0)
	case s.cls(b-1) == clAbout: // about 30, an estimated 30
		p.t0 = b - 1
		if s.cls(b-2) == clA {
			p.t0 = b - 2
		}
	case s.cls(b-2) == clAbout && s.cls(b-1) == clTo: // close to 30
		p.t0 = b - 2
	case s.cls(b-1) == clBetween:
		if s.cls(n1) == clAnd {
			if w, e, _, ok := s.number(n1 + 1); ok && w > v {
				p.t0, p.t1, p.max = b-1, e, w
				return p
			}
		}
	}
	// After the number: "seven to nine", "7-9", "five or six", "12 or more".
	j := n1
	switch {
	case s.cls(j) == clTo || s.cls(j) == clOr || s.dash(j) && s.toks[n0].kind == tNum:
		if s.cls(j) == clOr && s.cls(j+1) == clMore {
			p.t1, p.max = j+2, -1
			return p
		}
		if w, e, _, ok := s.number(j + 1); ok && w > v && !s.notACount(j+1, e) {
			p.t1, p.max = e, w
		}
	}
	return p
}

// Tie of a number to a predicate.
const (
	tieNone = iota
	tieDeath
	tieOther
)

// predicate classifies token k: a death word, another predicate, or neither.
func (s *scanner) predicate(k int) int {
	switch s.cls(k) {
	case clDeath:
		return tieDeath
	case clOther:
		return tieOther
	}
	return tieNone
}

// stop reports whether token k ends a clause for ties.
func (s *scanner) stop(k int) bool {
	t := &s.toks[k]
	if t.kind == tPunct {
		switch t.val {
		case ';', ':', '(', ')', '[', ']', '?', '!':
			return true
		case '.':
			return k+1 >= len(s.toks) || s.toks[k+1].space
		case ',': // ", and …" opens another clause
			return s.cls(k+1) == clAnd || s.cls(k+1) == clStop
		}
		return false
	}
	return t.kind == tWord && t.cls == clStop
}

// tie decides whether the phrase p reports deaths: a death word just
// before it ("killing three", "death toll rose to 30"), else the first
// predicate after it in its clause ("nine people were killed"), else a death
// word earlier in the clause when the number names people or ends the clause.
func (s *scanner) tie(p phrase) bool {
	// Directly before: only links between.
	for k := p.t0 - 1; k >= 0 && k >= p.t0-5; k-- {
		if pr := s.predicate(k); pr != tieNone {
			return pr == tieDeath
		}
		if s.cls(k) != clLink && s.cls(k) != clOf && s.cls(k) != clTo && s.cls(k) != clAt {
			break
		}
	}
	// After, in the clause.
	for k := p.t1; k < len(s.toks) && k < p.t1+14; k++ {
		if s.stop(k) {
			break
		}
		if pr := s.predicate(k); pr != tieNone {
			return pr == tieDeath
		}
	}
	// Earlier in the clause, for "killed in the raid were 12" or "left 30".
	next := p.t1
	if !(next >= len(s.toks) || s.toks[next].kind == tPunct || s.cls(next) == clPeople || s.toks[next].upper) {
		return false
	}
	for k := p.t0 - 1; k >= 0 && k >= p.t0-10; k-- {
		if s.stop(k) {
			break
		}
		if pr := s.predicate(k); pr != tieNone {
			return pr == tieDeath
		}
	}
	return false
}

// zeroAt reads "no one", "nobody", "none", "no deaths", "no casualties" at i
// and whether a death word ties it.
func (s *scanner) zeroAt(i int) (phrase, bool) {
	switch s.cls(i) {
	case clNobody:
		p := phrase{t0: i, t1: i + 1, n0: i, n1: i + 1, zero: true}
		return p, s.tieZero(p)
	case clNo:
		switch {
		case s.cls(i+1) == clUnit && s.toks[i+1].val == 1: // no one
			p := phrase{t0: i, t1: i + 2, n0: i, n1: i + 2, zero: true}
			return p, s.tieZero(p)
		case s.cls(i+1) == clDeath || s.cls(i+1) == clDeathN: // no deaths, no casualties
			return phrase{t0: i, t1: i + 2, n0: i, n1: i + 2, zero: true}, true
		case s.cls(i+2) == clDeath || s.cls(i+2) == clDeathN: // no immediate casualties
			if s.toks[i+1].kind == tWord && s.cls(i+1) == 0 {
				return phrase{t0: i, t1: i + 3, n0: i, n1: i + 3, zero: true}, true
			}
		}
	}
	return phrase{}, false
}

// tieZero reports whether "no one" / "nobody" is the subject or the
// object of a death word ("no one died", "killing nobody").
func (s *scanner) tieZero(p phrase) bool {
	if s.predicate(p.t0-1) == tieDeath {
		return true
	}
	for k := p.t1; k < len(s.toks) && k < p.t1+6; k++ {
		if s.stop(k) || s.toks[k].kind == tPunct {
			return false
		}
		if pr := s.predicate(k); pr != tieNone {
			return pr == tieDeath
		}
	}
	return false
}

// subset reports whether the counted phrase p is a part of another counted
// phrase: it follows "including" / "among them" / "of whom", or it is
// followed by "among" and another count.
func (s *scanner) subset(p phrase, idx int, counted []phrase) bool {
	for k := p.t0 - 1; k >= 0 && k >= p.t0-3; k-- {
		c := s.cls(k)
		if c == clSubset || c == clWhom && (s.cls(k-1) == clAmong || s.cls(k-1) == clOf) {
			return idx > 0
		}
		if s.toks[k].kind == tPunct && s.toks[k].val != ',' {
			break
		}
	}
	for k := p.t1; k < len(s.toks) && k < p.t1+5; k++ {
		if s.cls(k) == clAmong {
			for _, q := range counted[idx+1:] {
				if q.t0 > k && q.t0 <= k+4 {
					return true
				}
			}
			return false
		}
		if s.stop(k) {
			break
		}
	}
	return false
}

// Find returns the counts of dead reported in a sentence, in text order.
// It splits the sentence with text.Words; a caller that has its words
// already calls FindWords.
func Find(sentence string) []Count {
	x := scratchPool.Get().(*scratch)
	defer scratchPool.Put(x)
	x.words = text.AppendWords(x.words[:0], sentence)
	return x.find(sentence, x.words)
}

// FindWords is Find for a sentence already split into words: words are
// the words of sentence as text.Words returns them, or a run of them (a
// clause), and counts are looked for in those words only. The counts'
// offsets are within sentence, as the words' are.
func FindWords(sentence string, words []text.Word) []Count {
	x := scratchPool.Get().(*scratch)
	defer scratchPool.Put(x)
	return x.find(sentence, words)
}

// find is FindWords.
func (x *scratch) find(sentence string, words []text.Word) []Count {
	x.toks, x.buf = fromWords(words, x.toks, x.buf)
	toks := x.toks
	s := scanner{toks: toks}
	var counted []phrase
	for i := 0; i < len(toks); {
		if p, ok := s.zeroAt(i); p.t1 > 0 {
			if ok {
				counted = append(counted, p)
			}
			i = p.t1
			continue
		}
		v, j, vague, ok := s.number(i)
		if !ok || j <= i {
			i++
			continue
		}
		if s.notACount(i, j) {
			i = j
			continue
		}
		p := s.qualify(i, j, v, vague)
		if s.tie(p) {
			counted = append(counted, p)
		}
		i = max(p.t1, i+1)
	}
	if len(counted) == 0 {
		return nil
	}
	out := make([]Count, 0, len(counted))
	for idx, p := range counted {
		if s.subset(p, idx, counted) {
			continue
		}
		c := Count{Start: toks[p.t0].rs, End: toks[p.t1-1].re, Text: sentence[toks[p.t0].bs:toks[p.t1-1].be]}
		lo := p.min
		c.Min = &lo
		if p.max >= 0 {
			hi := p.max
			c.Max = &hi
		}
		out = append(out, c)
	}
	return out
}
