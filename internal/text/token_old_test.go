package text

import (
	"strings"
	"unicode"
)

// oldTokenize is Tokenize as it was before it was built on Words: a
// character scanner of its own. TestTokenizeMatchesOld and
// FuzzTokenizeMatchesOld hold Tokenize to its output.
func oldTokenize(s string) []Token {
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
		if h := oldSplitAt(rs[i:j]); h > 0 {
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

// oldSplitAt is splitAt as oldTokenize used it.
func oldSplitAt(w []rune) int {
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
