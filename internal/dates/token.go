package dates

import (
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/text"
)

// Token kinds.
const (
	tWord   uint8 = iota + 1
	tNum          // digits, maybe "1,200" or an ordinal "17th"
	tISO          // 2024-01-17
	tDecade       // 1990s
	tPunct
)

// token is one run of letters, number or punctuation mark of a sentence.
// A word of text.Words gives one token or, when it holds marks or both
// letters and digits ("Jan.", "Mid-January", "10:30", "a.m."), several.
type token struct {
	rs, re int    // rune offsets within the sentence, end exclusive
	bs, be int    // byte offsets within the sentence, end exclusive
	kind   uint8  // tWord, tNum, …
	id     uint16 // lexicon id of a word (0: not in the lexicon)
	val    int32  // month 1–12, weekday 0–6, number value, or the punctuation rune
	ndig   uint8  // digits in a number
	ord    bool   // number with an ordinal suffix
	upper  bool   // word starts with an upper-case letter
	space  bool   // whitespace before the token
	abbr   bool   // abbreviated month name ("Jan")
}

// fromWords builds the tokens of a sentence from its words, as text.Words
// splits it, appending to toks[:0]. Each word gives its runs of letters,
// its numbers and its marks, with offsets inside it; only an ISO date that
// the words split ("2024-01-17T08:00") is read across words. buf is scratch
// space for lower-casing; both are returned for reuse.
func fromWords(words []text.Word, toks []token, buf []byte) ([]token, []byte) {
	toks = toks[:0]
	from := 0 // byte of words[k] where its tokens resume, after an ISO date read across words
	for k := 0; k < len(words); k++ {
		w := &words[k]
		f := w.Form
		space := from == 0 && (k == 0 || words[k-1].SpaceAfter)
		i, ri := from, w.Start+from // an ISO date ends on ASCII digits: bytes are runes
		from = 0
		for i < len(f) {
			var t token
			c := f[i]
			switch {
			case c >= '0' && c <= '9':
				t = number(f, i)
			case c < utf8.RuneSelf && isASCIILetter(c) || c >= utf8.RuneSelf && isLetterAt(f, i):
				t, buf = letters(f, i, buf)
			default:
				n := 1
				r := rune(c)
				if c >= utf8.RuneSelf {
					r, n = utf8.DecodeRuneInString(f[i:])
				}
				t = token{bs: i, be: i + n, re: 1, kind: tPunct, val: r}
			}
			if t.kind == tNum && t.be == len(f) && t.be-t.bs == 4 {
				if v, e, o, ok := isoAcross(words, k, int(t.val)); ok {
					// The date ends at byte o of words[e], on a digit: its
					// runes there are its bytes.
					toks = append(toks, token{rs: ri, re: words[e].Start + o, bs: w.ByteStart + i, be: words[e].ByteStart + o,
						kind: tISO, val: int32(v), space: space})
					k, from = e-1, o
					break
				}
			}
			// Offsets of t are within f, its runes counted from 0: move them
			// into the sentence.
			t.rs, t.re = ri, ri+t.re
			ri = t.re
			i = t.be
			t.bs += w.ByteStart
			t.be += w.ByteStart
			t.space, space = space, false
			toks = append(toks, t)
		}
	}
	return toks, buf
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isDigit(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

// isLetterAt reports a letter beginning at f[i].
func isLetterAt(f string, i int) bool {
	r, _ := utf8.DecodeRuneInString(f[i:])
	return unicode.IsLetter(r)
}

// letters reads the run of letters of f starting at byte i and looks it up,
// lower-cased, in the lexicon. The token's byte offsets are within f and re
// is its length in runes.
func letters(f string, i int, buf []byte) (token, []byte) {
	end, n, upper, folds := text.LetterRun(f, i)
	t := token{bs: i, be: end, re: n, kind: tWord, upper: upper}
	var e lexEntry
	var ok bool
	if folds {
		buf = text.AppendLower(buf[:0], f[i:end])
		e, ok = lexicon[string(buf)]
	} else {
		e, ok = lexicon[f[i:end]]
	}
	if ok {
		t.id, t.val, t.abbr = e.id, int32(e.val), e.abbr
	}
	return t, buf
}

// number reads the digits of f at byte i: an ISO date, a decade ("1990s"),
// an ordinal ("17th") or a number with optional thousands commas. The
// token's offsets are within f and re is its length (in runes, as bytes).
func number(f string, i int) token {
	start := i
	v := 0
	for i < len(f) && isDigit(f, i) {
		if v < 1e8 {
			v = v*10 + int(f[i]-'0')
		}
		i++
	}
	nd := i - start
	t := token{bs: start, kind: tNum}
	// ISO 8601 calendar date: YYYY-MM-DD not followed by another digit.
	if nd == 4 && i+6 <= len(f) && f[i] == '-' && isDigit(f, i+1) && isDigit(f, i+2) &&
		f[i+3] == '-' && isDigit(f, i+4) && isDigit(f, i+5) && !isDigit(f, i+6) {
		if d, ok := isoDate(v, f[i+1], f[i+2], f[i+4], f[i+5]); ok {
			t.kind, t.val = tISO, int32(d)
			t.be = i + 6
			t.re = t.be - start
			return t
		}
	}
	// Thousands groups: 1,200 or 12,000,000.
	v, i, groups := text.ThousandsGroups(f, i, v, 1e8)
	nd += groups
	if v > 1e8 {
		v = 1e8
	}
	t.val = int32(v)
	if nd > 255 {
		nd = 255
	}
	t.ndig = uint8(nd)
	// Suffixes glued to the digits.
	if text.OrdinalSuffix(f, i) {
		t.ord = true
		i += 2
	}
	if !t.ord && nd == 4 && i < len(f) && f[i]|0x20 == 's' && (i+1 >= len(f) || !isASCIILetter(f[i+1])) {
		t.kind = tDecade
		i++
	}
	t.be = i
	t.re = i - start
	return t
}

// isoDate returns y-m-d as the number yyyymmdd when the month, digits m1
// m2, and the day, digits d1 d2, exist in year y, and y is a year news
// dates (1000 on: "0001-01-01" is a placeholder, not a date).
func isoDate(y int, m1, m2, d1, d2 byte) (int, bool) {
	if y < 1000 {
		return 0, false
	}
	m := int(m1-'0')*10 + int(m2-'0')
	d := int(d1-'0')*10 + int(d2-'0')
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return y*10000 + m*100 + d, true
}

// isoAcross reads an ISO date whose year y, four digits, ends words[k] and
// whose "-MM-DD" text.Words put into the words after it, which follow
// without a space ("x2024-01-17" → "x2024" "-" "01" "-" "17";
// "2024-01-17T08:00" → "2024" "-" "01" "-" "17T08:00"). It returns the
// date as yyyymmdd and where it ends, byte o of words[e], and ok.
func isoAcross(words []text.Word, k, y int) (v, e, o int, ok bool) {
	var b [7]byte // "-MM-DD" and the byte after
	n := 0
	j, i := k, len(words[k].Form)
	for n < len(b) {
		if i == len(words[j].Form) {
			if words[j].SpaceAfter || j+1 >= len(words) {
				break
			}
			j, i = j+1, 0
			continue
		}
		b[n] = words[j].Form[i]
		n++
		i++
		if n == 6 {
			e, o = j, i
		}
	}
	digit := func(p int) bool { return p < n && b[p] >= '0' && b[p] <= '9' }
	if n < 6 || b[0] != '-' || b[3] != '-' || !digit(1) || !digit(2) || !digit(4) || !digit(5) || digit(6) {
		return 0, 0, 0, false
	}
	v, ok = isoDate(y, b[1], b[2], b[4], b[5])
	return v, e, o, ok
}
