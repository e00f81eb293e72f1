// Package text owns the words of an article: cleaning raw article text of
// boilerplate, splitting it into sentences and sentences into tokens, with
// every offset counted in Unicode code points of the cleaned text.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s and strips diacritics ("Sarāvān" → "saravan"), and
// maps typographic apostrophes and dashes to ASCII, for dictionary lookup.
func Fold(s string) string {
	lower, ascii := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			lower = false
		}
	}
	if ascii {
		if lower {
			return s
		}
		return strings.ToLower(s) // no diacritics to strip
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '’' || r == '‘' || r == 'ʼ' || r == '`':
			r = '\''
		case r == '‐' || r == '‑' || r == '–' || r == '—':
			r = '-'
		case r == 'ı':
			r = 'i'
		case r == 'ø' || r == 'Ø':
			r = 'o'
		case r == 'ł' || r == 'Ł':
			r = 'l'
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case r == 'ß':
			b.WriteString("ss")
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// RuneLen is the length of s in Unicode code points.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// Capitalised reports a word that starts with a capital letter A-Z.
func Capitalised(w string) bool {
	return w != "" && w[0] >= 'A' && w[0] <= 'Z'
}

// UpperInitial reports a word whose first letter is a capital in any
// script ("Łukasz", "Ömer"); Capitalised, which the actor matcher uses,
// knows only A-Z.
func UpperInitial(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
