package places

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold reduces a name to its matching key: lower case, Latin accents
// removed (Sarāvān → saravan), apostrophes dropped (Sana'a → sanaa), and
// words separated by single spaces (Koh-e-Sabz → koh e sabz). A trailing
// possessive 's is removed from each word (Pakistan's → pakistan).
func Fold(s string) string {
	if k, ok := foldFast(s); ok {
		return k
	}
	toks := tokenize(s)
	if len(toks) == 0 {
		return ""
	}
	if len(toks) == 1 {
		return toks[0].key
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.key)
	}
	return b.String()
}

// token is one word of a text.
type token struct {
	start, end int    // rune offsets, end exclusive
	key        string // folded
	capital    bool   // starts with an upper-case letter
	allCaps    bool   // every letter upper case (and at least two)
	poss       bool   // followed by a possessive 's (not part of start..end)
	sentStart  bool   // first word of a sentence
	gap        string // non-space characters between the previous word and this one
}

func isApos(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == 'ʻ' || r == '`' || r == '´'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// foldRune appends the folded form of r.
func foldRune(b *strings.Builder, r rune) {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	case unicode.Is(unicode.Mn, r):
		// combining mark: dropped
	default:
		if s, ok := foldTable[r]; ok {
			b.WriteString(s)
			return
		}
		b.WriteRune(unicode.ToLower(r))
	}
}

// tokenize splits text into words with rune offsets. Hyphens and other
// punctuation separate words; apostrophes inside a word are dropped and a
// final 's after one marks a possessive; dotted abbreviations (U.S., U.A.E.)
// become one word.
func tokenize(text string) []token {
	rs := []rune(text)
	var toks []token
	var gap strings.Builder
	sentStart := true
	var b strings.Builder
	for i := 0; i < len(rs); {
		r := rs[i]
		if !isWordRune(r) {
			if r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' || r == ';' {
				sentStart = true
			}
			if !unicode.IsSpace(r) && gap.Len() < 8 {
				gap.WriteRune(r)
			}
			i++
			continue
		}
		// Dotted abbreviation: L.L. (letters each followed by a dot).
		if j := abbrevEnd(rs, i); j > i {
			b.Reset()
			caps := true
			for k := i; k < j; k++ {
				if rs[k] != '.' {
					foldRune(&b, rs[k])
					caps = caps && unicode.IsUpper(rs[k])
				}
			}
			toks = append(toks, token{start: i, end: j, key: b.String(), capital: caps, allCaps: caps,
				sentStart: sentStart, gap: gap.String()})
			gap.Reset()
			sentStart = false
			i = j
			// A final dot of an abbreviation does not end the sentence.
			continue
		}
		b.Reset()
		start := i
		upper, lower := 0, 0
		end := i
		poss := false
		for i < len(rs) {
			r := rs[i]
			if isWordRune(r) {
				if unicode.IsUpper(r) {
					upper++
				} else if unicode.IsLower(r) {
					lower++
				}
				foldRune(&b, r)
				i++
				end = i
				continue
			}
			if isApos(r) && i+1 < len(rs) && isWordRune(rs[i+1]) {
				// Possessive: 's at the end of the word.
				if (rs[i+1] == 's' || rs[i+1] == 'S') && (i+2 >= len(rs) || !isWordRune(rs[i+2])) {
					poss = true
					i += 2
					break
				}
				i++ // internal apostrophe: dropped
				continue
			}
			break
		}
		first := rs[start]
		toks = append(toks, token{start: start, end: end, key: b.String(),
			capital: unicode.IsUpper(first) || unicode.IsTitle(first), allCaps: upper >= 2 && lower == 0,
			poss: poss, sentStart: sentStart, gap: gap.String()})
		gap.Reset()
		sentStart = false
	}
	return toks
}

// abbrevEnd returns the end of a dotted abbreviation starting at i (two or
// more single letters each followed by '.'), or i if there is none.
func abbrevEnd(rs []rune, i int) int {
	j, n := i, 0
	for j+1 < len(rs) && unicode.IsLetter(rs[j]) && rs[j+1] == '.' && (j == i || rs[j-1] == '.') {
		j += 2
		n++
	}
	if n < 2 || (j < len(rs) && isWordRune(rs[j])) {
		return i
	}
	if i > 0 && isWordRune(rs[i-1]) {
		return i
	}
	return j
}

// foldFast is Fold for strings without dots, in one pass and one
// allocation; ok is false when the full tokenizer is needed.
func foldFast(s string) (string, bool) {
	var buf [128]byte
	b := buf[:0]
	space := false // a separator is pending
	rs := s
	for i := 0; i < len(rs); {
		c := rs[i]
		if c < 0x80 {
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				if space && len(b) > 0 {
					b = append(b, ' ')
				}
				space = false
				b = append(b, c)
			case 'A' <= c && c <= 'Z':
				if space && len(b) > 0 {
					b = append(b, ' ')
				}
				space = false
				b = append(b, c+'a'-'A')
			case c == '.':
				return "", false
			case c == '\'' || c == '`':
				if !apostropheInWord(rs, i, 1) {
					space = true
				} else if possessiveAt(rs, i+1) {
					i += 2
					space = true
					continue
				}
			default:
				space = true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(rs[i:])
		switch {
		case isApos(r):
			if !apostropheInWord(rs, i, n) {
				space = true
			} else if possessiveAt(rs, i+n) {
				i += n + 1
				space = true
				continue
			}
		case unicode.Is(unicode.Mn, r):
		case isWordRune(r):
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			if f, ok := foldTable[r]; ok {
				b = append(b, f...)
			} else {
				b = utf8.AppendRune(b, unicode.ToLower(r))
			}
		default:
			space = true
		}
		i += n
	}
	return string(b), true
}

// apostropheInWord reports whether the apostrophe of n bytes at i stands
// between two word characters.
func apostropheInWord(s string, i, n int) bool {
	if i == 0 || i+n >= len(s) {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(s[:i])
	q, _ := utf8.DecodeRuneInString(s[i+n:])
	return isWordRune(p) && isWordRune(q)
}

// possessiveAt reports whether s[i:] starts with an s ending the word.
func possessiveAt(s string, i int) bool {
	if i >= len(s) || (s[i] != 's' && s[i] != 'S') {
		return false
	}
	if i+1 == len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i+1:])
	return !isWordRune(r)
}
