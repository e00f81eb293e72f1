package syntax

import (
	"unicode"
	"unicode/utf8"
)

// word holds the hashed lexical features of one token, computed once per
// sentence and shared by the tagger, the parser and the labeller.
type word struct {
	form                   uint64 // the form as written
	lower                  uint64 // the form lower-cased
	shape                  uint64 // Xx, X.X., d,d, x-Xx…
	pre1, pre2, pre3       uint64
	suf1, suf2, suf3, suf4 uint64
	lex                    uint64 // the lexicon's classes (Lexicon.class)
	upper                  bool   // starts with an upper-case letter
}

// Hash values standing for a position outside the sentence.
const (
	hNone  uint64 = 0x5bd1e9955bd1e995
	hStart uint64 = 0x2545f4914f6cdd1d
	hEnd   uint64 = 0x9e3779b97f4a7c13
)

// fnv hashes bytes (FNV-1a, 64 bits), mixed so that short keys spread.
func fnv(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return mix(h)
}

// fnvString is fnv of a string's bytes.
func fnvString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return mix(h ^ 0xcafe)
}

// lexical computes a token's word features; lx may be nil. buf is scratch
// space, returned for reuse.
func lexical(form string, buf []byte, lx *Lexicon) (word, []byte) {
	var w word
	buf = buf[:0]
	var shape [24]byte
	ns := 0
	var last byte
	first := true
	for _, r := range form {
		var cls byte
		switch {
		case unicode.IsUpper(r):
			cls = 'X'
			if first {
				w.upper = true
			}
		case unicode.IsLetter(r):
			cls = 'x'
		case unicode.IsDigit(r):
			cls = 'd'
		case r < utf8.RuneSelf:
			cls = byte(r)
		default:
			cls = '*'
		}
		first = false
		if cls != last && ns < len(shape) {
			shape[ns] = cls
			ns++
			last = cls
		}
		if r < utf8.RuneSelf {
			c := byte(r)
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		} else {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
	}
	w.lower = fnv(buf)
	w.lex = lx.class(buf)
	w.form = fnvString(form)
	w.shape = fnv(shape[:ns]) ^ 0x51
	// Prefixes and suffixes by code points.
	w.pre1, w.pre2, w.pre3 = affix(buf, 1, true), affix(buf, 2, true), affix(buf, 3, true)
	w.suf1, w.suf2, w.suf3, w.suf4 = affix(buf, 1, false), affix(buf, 2, false), affix(buf, 3, false), affix(buf, 4, false)
	return w, buf
}

// affix hashes the first (pre) or last n code points of b; a word shorter
// than n has none.
func affix(b []byte, n int, pre bool) uint64 {
	if pre {
		i := 0
		for k := 0; k < n; k++ {
			if i >= len(b) {
				return hNone
			}
			_, size := utf8.DecodeRune(b[i:])
			i += size
		}
		return fnv(b[:i]) ^ uint64(n)<<56 ^ 0x77
	}
	j := len(b)
	for k := 0; k < n; k++ {
		if j <= 0 {
			return hNone
		}
		_, size := utf8.DecodeLastRune(b[:j])
		j -= size
	}
	return fnv(b[j:]) ^ uint64(n)<<56 ^ 0x99
}
