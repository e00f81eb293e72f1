package fatalities

import (
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/text"
)

// Token kinds.
const (
	tWord uint8 = iota + 1
	tNum
	tPunct
)

// token is one run of letters, number or punctuation mark. A word of
// text.Words gives one token or, when it holds marks or both letters and
// digits ("U.S.", "10:30", "al-Adl's" → "al" "-" "Adl" and "'" "s"), several.
type token struct {
	rs, re int   // rune offsets within the sentence, end exclusive
	bs, be int   // byte offsets within the sentence, end exclusive
	kind   uint8 // tWord, tNum, tPunct
	cls    uint8 // word class (cl…)
	val    int32 // number value, word value or punctuation rune
	ndig   uint8 // digits in a number, commas excluded
	ord    bool  // "17th"
	upper  bool  // word starts upper-case
	space  bool  // whitespace before the token
	glued  bool  // letters follow the digits ("3pm", "1990s")
}

func isASCIILetter(c byte) bool    { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

// maxValue caps numbers so that ranges never overflow.
const maxValue = 1_000_000_000

// fromWords builds the tokens of a sentence from its words, as text.Words
// splits it, appending to toks[:0]. Each word gives its runs of letters,
// its numbers and its marks, with offsets inside it; a number that ends its
// word is glued when the next word follows without a space and begins with
// a letter ("3" "pm"). buf is scratch space for lower-casing; both are
// returned for reuse.
func fromWords(words []text.Word, toks []token, buf []byte) ([]token, []byte) {
	toks = toks[:0]
	for k := range words {
		w := &words[k]
		f := w.Form
		space := k == 0 || words[k-1].SpaceAfter
		ri := w.Start
		for i := 0; i < len(f); {
			var t token
			c := f[i]
			switch {
			case c >= '0' && c <= '9':
				t = number(f, i)
				if t.be == len(f) && !w.SpaceAfter && k+1 < len(words) && words[k+1].Form != "" && isASCIILetter(words[k+1].Form[0]) {
					t.glued = true // "3" of "3" "pm"
				}
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

// isLetterAt reports a letter beginning at f[i].
func isLetterAt(f string, i int) bool {
	r, _ := utf8.DecodeRuneInString(f[i:])
	return unicode.IsLetter(r)
}

// number reads the digits of f at byte i, with thousands commas ("1,200")
// and an ordinal suffix ("17th"). The token's offsets are within f and re
// is its length (in runes, as bytes).
func number(f string, i int) token {
	t := token{bs: i, kind: tNum}
	v, nd := 0, 0
	for isDigit(f, i) {
		if v < maxValue {
			v = v*10 + int(f[i]-'0')
		}
		i++
		nd++
	}
	v, i, groups := text.ThousandsGroups(f, i, v, maxValue)
	nd += groups
	if text.OrdinalSuffix(f, i) {
		t.ord = true
		i += 2
	}
	if i < len(f) && isASCIILetter(f[i]) {
		t.glued = true
	}
	t.val, t.ndig = int32(min(v, maxValue)), uint8(min(nd, 255))
	t.be, t.re = i, i-t.bs
	return t
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
		t.cls, t.val = e.cls, e.val
	}
	return t, buf
}
