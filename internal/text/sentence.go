package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence of a text with its position in that text.
type Sentence struct {
	Text               string
	Start, End         int // code points, end exclusive
	ByteStart, ByteEnd int // bytes, end exclusive
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "col": true,
	"lt": true, "sgt": true, "capt": true, "cpt": true, "maj": true, "adm": true, "gov": true,
	"sen": true, "rep": true, "rev": true, "st": true, "sr": true, "jr": true, "no": true,
	"vs": true, "etc": true, "inc": true, "corp": true, "ltd": true, "co": true, "cmdr": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "approx": true,
	"mt": true, "ft": true, "pres": true, "amb": true, "dept": true, "est": true, "fig": true,
	"i.e": true, "e.g": true, "u.s": true, "u.n": true, "u.k": true, "a.m": true, "p.m": true,
}

// Sentences splits text into sentences. A newline always ends one; so does
// '.', '!', '?' or '…' followed by space and a capital, digit or opening
// quote, except after abbreviations and initials.
func Sentences(s string) []Sentence {
	var out []Sentence
	start, runeStart, runes := 0, 0, 0
	emit := func(endByte, endRune int) {
		raw := s[start:endByte]
		trimmed := strings.TrimLeft(raw, " \t")
		lead := len(raw) - len(trimmed)
		leadRunes := utf8.RuneCountInString(raw[:lead])
		trimmed = strings.TrimRight(trimmed, " \t\n")
		if trimmed != "" {
			bs := start + lead
			rs := runeStart + leadRunes
			out = append(out, Sentence{Text: trimmed, ByteStart: bs, ByteEnd: bs + len(trimmed),
				Start: rs, End: rs + utf8.RuneCountInString(trimmed)})
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		next := i + size
		runes++
		switch {
		case r == '\n':
			emit(i, runes-1)
			start, runeStart = next, runes
		case r == '.' || r == '!' || r == '?' || r == '…':
			// Take closing quotes and brackets with the sentence.
			j, jr := next, runes
			for j < len(s) {
				c, sz := utf8.DecodeRuneInString(s[j:])
				if !strings.ContainsRune("\"”’')]»", c) {
					break
				}
				j += sz
				jr++
			}
			if j < len(s) && (s[j] == ' ' || s[j] == '\t') && startsSentence(s[j:]) && !(r == '.' && abbreviationBefore(s[:i])) {
				emit(j, jr)
				start, runeStart = j, jr
				i, runes = j, jr
				continue
			}
		}
		i = next
	}
	emit(len(s), runes)
	return out
}

// startsSentence reports whether the text after a space opens a sentence.
func startsSentence(s string) bool {
	s = strings.TrimLeft(s, " \t")
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'([«", r)
}

// abbreviationBefore reports whether the word ending just before a period is
// an abbreviation or an initial.
func abbreviationBefore(s string) bool {
	j := len(s)
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		j -= size
	}
	w := s[j:]
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r) // an initial: "J. Smith"
	}
	if initials(w) {
		return true // "P.V. Narasimha Rao", "B.J. Habibie"
	}
	return abbreviations[strings.ToLower(w)]
}

// initials reports a word of single capital letters joined by periods
// ("P.V", "B.J"), whose final period does not end a sentence.
func initials(w string) bool {
	parts := strings.Split(w, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		r, size := utf8.DecodeRuneInString(p)
		if size != len(p) || !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
