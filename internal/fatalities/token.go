package fatalities

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	tWord uint8 = iota + 1
	tNum
	tPunct
)

// token is one word, number or punctuation mark.
type token struct {
	rs, re int   // rune offsets, end exclusive
	bs, be int   // byte offsets, end exclusive
	kind   uint8 // tWord, tNum, tPunct
	cls    uint8 // word class (cl…)
	val    int32 // number value, word value or punctuation rune
	ndig   uint8 // digits in a number, commas excluded
	ord    bool  // "17th"
	upper  bool  // word starts upper-case
	space  bool  // whitespace before the token
	glued  bool  // letters follow the digits ("3pm", "16-year")
}

func isASCIILetter(c byte) bool    { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

// maxValue caps numbers so that ranges never overflow.
const maxValue = 1_000_000_000

// tokenize splits s into tokens, appending to toks[:0]; buf is scratch.
func tokenize(s string, toks []token, buf []byte) ([]token, []byte) {
	toks = toks[:0]
	ri := 0
	space := true
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			space, i, ri = true, i+1, ri+1
		case c >= '0' && c <= '9':
			t := token{bs: i, rs: ri, kind: tNum, space: space}
			v, nd := 0, 0
			for isDigit(s, i) {
				if v < maxValue {
					v = v*10 + int(s[i]-'0')
				}
				i++
				nd++
			}
			for i+3 < len(s) && s[i] == ',' && isDigit(s, i+1) && isDigit(s, i+2) && isDigit(s, i+3) && !isDigit(s, i+4) {
				v = v*1000 + int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0')
				i += 4
				nd += 3
			}
			if i+1 < len(s) && isASCIILetter(s[i]) {
				a, b := s[i]|0x20, s[i+1]|0x20
				if (a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h') && (i+2 >= len(s) || !isASCIILetter(s[i+2])) {
					t.ord = true
					i += 2
				}
			}
			if i < len(s) && isASCIILetter(s[i]) {
				t.glued = true
			}
			t.val, t.ndig = int32(min(v, maxValue)), uint8(min(nd, 255))
			t.be, t.re = i, ri+(i-t.bs)
			ri = t.re
			toks = append(toks, t)
			space = false
		default:
			r, n := rune(c), 1
			if c >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
			switch {
			case c < utf8.RuneSelf && isASCIILetter(c) || c >= utf8.RuneSelf && unicode.IsLetter(r):
				t := token{bs: i, rs: ri, kind: tWord, space: space}
				buf = buf[:0]
				first := true
				for i < len(s) {
					r, n := rune(s[i]), 1
					if s[i] >= utf8.RuneSelf {
						r, n = utf8.DecodeRuneInString(s[i:])
					}
					if !unicode.IsLetter(r) {
						break
					}
					if first {
						t.upper = unicode.IsUpper(r)
						first = false
					}
					if r < utf8.RuneSelf {
						buf = append(buf, byte(r)|0x20)
					} else {
						buf = utf8.AppendRune(buf, unicode.ToLower(r))
					}
					i += n
					ri++
				}
				t.be, t.re = i, ri
				if e, ok := lexicon[string(buf)]; ok {
					t.cls, t.val = e.cls, e.val
				}
				toks = append(toks, t)
			case unicode.IsSpace(r):
				space = true
				i += n
				ri++
				continue
			default:
				toks = append(toks, token{bs: i, be: i + n, rs: ri, re: ri + 1, kind: tPunct, val: r, space: space})
				i += n
				ri++
			}
			space = false
		}
	}
	return toks, buf
}
