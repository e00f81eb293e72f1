package dates

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	tWord   uint8 = iota + 1
	tNum          // digits, maybe "1,200" or an ordinal "17th"
	tISO          // 2024-01-17
	tDecade       // 1990s
	tPunct
)

// token is one word, number or punctuation mark of a sentence.
type token struct {
	rs, re int    // rune offsets, end exclusive
	bs, be int    // byte offsets, end exclusive
	kind   uint8  // tWord, tNum, …
	id     uint16 // lexicon id of a word (0: not in the lexicon)
	val    int32  // month 1–12, weekday 0–6, number value, or the punctuation rune
	ndig   uint8  // digits in a number
	ord    bool   // number with an ordinal suffix
	upper  bool   // word starts with an upper-case letter
	space  bool   // whitespace before the token
	abbr   bool   // abbreviated month name ("Jan")
}

// tokenize splits s into tokens, appending to toks[:0]. buf is scratch space
// for lower-casing; both are returned for reuse.
func tokenize(s string, toks []token, buf []byte) ([]token, []byte) {
	toks = toks[:0]
	ri := 0 // rune index of byte i
	space := true
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			space = true
			i++
			ri++
		case c >= '0' && c <= '9':
			t, ni, nri := scanNumber(s, i, ri)
			t.space = space
			toks = append(toks, t)
			i, ri, space = ni, nri, false
		case c < utf8.RuneSelf:
			if isASCIILetter(c) {
				var t token
				t, buf, i, ri = scanWord(s, i, ri, buf)
				t.space = space
				toks = append(toks, t)
				space = false
				continue
			}
			toks = append(toks, token{rs: ri, re: ri + 1, bs: i, be: i + 1, kind: tPunct, val: int32(c), space: space})
			i++
			ri++
			space = false
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case unicode.IsLetter(r):
				var t token
				t, buf, i, ri = scanWord(s, i, ri, buf)
				t.space = space
				toks = append(toks, t)
				space = false
			case unicode.IsSpace(r):
				space = true
				i += n
				ri++
			default:
				toks = append(toks, token{rs: ri, re: ri + 1, bs: i, be: i + n, kind: tPunct, val: int32(r), space: space})
				i += n
				ri++
				space = false
			}
		}
	}
	return toks, buf
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isDigit(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

// scanWord reads a run of letters starting at byte i (rune index ri) and
// looks it up, lower-cased, in the lexicon.
func scanWord(s string, i, ri int, buf []byte) (token, []byte, int, int) {
	t := token{bs: i, rs: ri, kind: tWord}
	buf = buf[:0]
	first := true
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				break
			}
			if first {
				t.upper = c <= 'Z'
			}
			buf = append(buf, c|0x20)
			i++
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) {
				break
			}
			if first {
				t.upper = unicode.IsUpper(r)
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			i += n
		}
		first = false
		ri++
	}
	t.be, t.re = i, ri
	if e, ok := lexicon[string(buf)]; ok {
		t.id, t.val, t.abbr = e.id, int32(e.val), e.abbr
	}
	return t, buf, i, ri
}

// scanNumber reads digits at byte i: an ISO date, a decade ("1990s"), an
// ordinal ("17th") or a number with optional thousands commas.
func scanNumber(s string, i, ri int) (token, int, int) {
	start := i
	v := 0
	for i < len(s) && isDigit(s, i) {
		if v < 1e8 {
			v = v*10 + int(s[i]-'0')
		}
		i++
	}
	nd := i - start
	t := token{bs: start, rs: ri, kind: tNum}
	// ISO 8601 calendar date: YYYY-MM-DD not followed by another digit.
	if nd == 4 && i+6 <= len(s) && s[i] == '-' && isDigit(s, i+1) && isDigit(s, i+2) &&
		s[i+3] == '-' && isDigit(s, i+4) && isDigit(s, i+5) && !isDigit(s, i+6) {
		m := int(s[i+1]-'0')*10 + int(s[i+2]-'0')
		d := int(s[i+4]-'0')*10 + int(s[i+5]-'0')
		if m >= 1 && m <= 12 && d >= 1 && d <= daysIn(v, m) {
			t.kind = tISO
			t.val = int32(v*10000 + m*100 + d)
			i += 6
			t.be, t.re = i, ri+(i-start)
			return t, i, t.re
		}
	}
	// Thousands groups: 1,200 or 12,000,000.
	for i+3 < len(s) && s[i] == ',' && isDigit(s, i+1) && isDigit(s, i+2) && isDigit(s, i+3) && !isDigit(s, i+4) {
		v = v*1000 + int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0')
		if v > 1e8 {
			v = 1e8
		}
		nd += 3
		i += 4
	}
	if v > 1e8 {
		v = 1e8
	}
	t.val = int32(v)
	if nd > 255 {
		nd = 255
	}
	t.ndig = uint8(nd)
	// Suffixes glued to the digits.
	if i+1 < len(s) && isASCIILetter(s[i]) {
		a, b := s[i]|0x20, s[i+1]|0x20
		after := i + 2
		endsWord := after >= len(s) || !isASCIILetter(s[after])
		switch {
		case endsWord && (a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h'):
			t.ord = true
			i = after
		}
	}
	if !t.ord && nd == 4 && i < len(s) && s[i]|0x20 == 's' && (i+1 >= len(s) || !isASCIILetter(s[i+1])) {
		t.kind = tDecade
		i++
	}
	t.be, t.re = i, ri+(i-start)
	return t, i, t.re
}
