package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is a word or punctuation mark of a sentence.
type Token struct {
	Text       string // as written (a possessive 's is not part of it)
	Norm       string // Fold(Text)
	Start, End int    // code points in the sentence, end exclusive
	Possessive bool   // the word carried a possessive 's ("Pakistan's")
	Punct      bool   // punctuation, not a word
}

// Tokenize splits a sentence into words and punctuation. A word is a run of
// letters and digits joined by single '-', '.', '\”, '’' or '&' marks
// ("al-Adl", "U.S", "Koh-e-Sabz", "1,200"); so "Iran-Pakistan-Afghanistan" is
// one word, which keeps compounds from reading as separate actors.
func Tokenize(s string) []Token {
	toks := make([]Token, 0, len(s)/5+1)
	rs := []rune(s)
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	for i := 0; i < len(rs); {
		r := rs[i]
		if unicode.IsSpace(r) {
			i++
			continue
		}
		if !isWord(r) {
			toks = append(toks, Token{Text: string(r), Norm: Fold(string(r)), Start: i, End: i + 1, Punct: true})
			i++
			continue
		}
		j := i + 1
		for j < len(rs) {
			if isWord(rs[j]) {
				j++
				continue
			}
			if j+1 < len(rs) && strings.ContainsRune("-.'’&‐‑", rs[j]) && isWord(rs[j+1]) {
				j += 2
				continue
			}
			if rs[j] == ',' && j+1 < len(rs) && unicode.IsDigit(rs[j-1]) && unicode.IsDigit(rs[j+1]) {
				j += 2
				continue
			}
			break
		}
		if h := splitAt(rs[i:j]); h > 0 {
			// "US-led", "UK-based": the first part names a party.
			j = i + h
		}
		t := Token{Start: i, End: j}
		word := string(rs[i:j])
		for _, suf := range []string{"'s", "’s"} {
			if len(word) > len(suf)+1 && strings.HasSuffix(word, suf) {
				word = word[:len(word)-len(suf)]
				t.Possessive = true
				break
			}
		}
		t.Text = word
		t.Norm = Fold(word)
		toks = append(toks, t)
		i = j
	}
	return toks
}

// Slice returns the code points [start, end) of s.
func Slice(s string, start, end int) string {
	if start < 0 {
		start = 0
	}
	b, n := 0, 0
	for n < start && b < len(s) {
		_, size := utf8.DecodeRuneInString(s[b:])
		b += size
		n++
	}
	e := b
	for n < end && e < len(s) {
		_, size := utf8.DecodeRuneInString(s[e:])
		e += size
		n++
	}
	return s[b:e]
}

// compoundSuffixes after a hyphen make the first part a name of its own:
// "US-led coalition", "UK-based group", "Iranian-backed militia".
var compoundSuffixes = map[string]bool{"led": true, "based": true, "backed": true, "born": true,
	"owned": true, "run": true, "funded": true, "allied": true, "sponsored": true, "controlled": true,
	"administered": true, "brokered": true, "aligned": true, "ruled": true, "dominated": true,
	"supported": true, "armed": true, "trained": true, "linked": true, "affiliated": true,
	"installed": true, "imposed": true, "mediated": true, "proposed": true, "drafted": true}

// splitAt returns where to end a hyphenated word so that its first part
// stands alone ("US" of "US-led"), or 0 to keep it whole.
func splitAt(w []rune) int {
	h := -1
	for k := len(w) - 1; k > 0; k-- {
		if w[k] == '-' || w[k] == '‐' || w[k] == '‑' {
			h = k
			break
		}
	}
	if h <= 0 || !compoundSuffixes[strings.ToLower(string(w[h+1:]))] {
		return 0
	}
	return h
}
