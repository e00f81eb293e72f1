package places

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/text"
)

// Fold reduces a name to its matching key: the keys of the tokens Find
// reads in it, joined by single spaces. A key is lower case with Latin
// accents removed (Sarāvān → saravan) and apostrophes inside a word
// dropped (Sana'a → sanaa, Ta‘izz → taizz); hyphens and other marks
// separate words (Koh-e-Sabz → koh e sabz), a possessive 's is removed
// (Pakistan's → pakistan), dotted abbreviations close up (U.S. → us), and
// a word that Universal Dependencies splits is split (Cannot → can not).
// Names are folded as text is read, so a name written in a text is found
// under the key it was indexed by.
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

// foldFast is Fold for a name that text.Sentences leaves whole (no '.',
// '!', '?', '…' or newline, so its one sentence's words are text.Words of
// the name): the keys of its tokens, joined in one allocation. ok is false
// for other names.
func foldFast(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', '!', '?', '\n':
			return "", false
		case "…"[0]:
			if strings.HasPrefix(s[i:], "…") {
				return "", false
			}
		}
	}
	t := getTokenizer()
	defer putTokenizer(t)
	t.reset(s)
	t.words = text.AppendWords(t.words[:0], s)
	t.sentence(t.words, 0, 0)
	if len(t.toks) <= 1 {
		return string(t.keys), true
	}
	var b strings.Builder
	b.Grow(len(t.keys) + len(t.ends) - 1)
	a := 0
	for i, e := range t.ends {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(t.keys[a:e])
		a = int(e)
	}
	return b.String(), true
}

// token is what the matcher reads of a text: a word as text.Words splits
// it, or a part of one. A word gives a token for each of its runs of
// letters, digits and combining marks ("non-binding" → non, binding;
// "10:30" → 10, 30; "U.S.-led" is three words and gives us, led), with
// apostrophes inside a run dropped (Sana'a) and a possessive 's after it
// taken as an attribute; a dotted abbreviation ("U.S.", "a.m.") is one
// token, and a word of punctuation alone gives none. Where UD splits a
// word at an apostrophe, the tokenizer takes it back (see sentence).
type token struct {
	start, end         int    // code points within the text, end exclusive
	byteStart, byteEnd int    // bytes within the text, end exclusive
	key                string // folded
	capital            bool   // starts with an upper-case letter
	allCaps            bool   // every letter upper case (and at least two)
	poss               bool   // followed by a possessive 's (not part of start..end)
	sentStart          bool   // first word of a sentence
	// gap is the text from the first to the last punctuation mark between
	// the previous token and this one ("", "-", ", ("): punctuation words
	// and the marks inside a word. The period of an abbreviation ("St.",
	// "Gen.") belongs to its word and is no gap.
	gap string
}

func isApos(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == 'ʻ' || r == '`' || r == '´'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	return t
}()

// decode returns the code point at s[i] and its width.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// wordAt reports whether a letter, digit or combining mark begins at s[i].
func wordAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return asciiWord[c]
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

// piece finds the first token of the word form f at or after byte i. It
// returns the token's bytes f[a:b] and where scanning goes on: b, or past
// a possessive 's (poss). abbrev marks a dotted abbreviation, whose
// periods are inside a..b. a == len(f) when no token is left.
func piece(f string, i int) (a, b, next int, poss, abbrev bool) {
	for i < len(f) && !wordAt(f, i) {
		_, n := decode(f, i)
		i += n
	}
	if i == len(f) {
		return i, i, i, false, false
	}
	a = i
	if j := abbrevEnd(f, a); j > a {
		return a, j, j, false, true
	}
	for i < len(f) {
		if c := f[i]; c < utf8.RuneSelf && asciiWord[c] {
			i++
			continue
		}
		r, n := decode(f, i)
		if isWordRune(r) {
			i += n
			continue
		}
		if isApos(r) && wordAt(f, i+n) {
			if c := f[i+n]; (c == 's' || c == 'S') && !wordAt(f, i+n+1) {
				return a, i, i + n + 1, true, false // possessive: "1990's"
			}
			i += n // inside a word: dropped
			continue
		}
		break
	}
	return a, i, i, false, false
}

// abbrevEnd returns the end of a dotted abbreviation starting at f[i] (two
// or more single letters each followed by '.', the last also at the end
// of f, and no letter or digit after them), or i if there is none. The
// last period may be missing where UD split it off with others ("U.S" of
// "the U.S..").
func abbrevEnd(f string, i int) int {
	if e := i + utf8.UTFMax + 1; e < len(f) && strings.IndexByte(f[i:e], '.') < 0 {
		return i // no period after the first letter
	}
	j, n := i, 0
	for j < len(f) {
		r, w := decode(f, j)
		if !unicode.IsLetter(r) {
			break
		}
		if j+w == len(f) && n > 0 {
			j += w
			n++
			break
		}
		if j+w >= len(f) || f[j+w] != '.' {
			break
		}
		j += w + 1
		n++
	}
	if n < 2 || wordAt(f, j) {
		return i
	}
	return j
}

// foldPiece appends the folded letters and digits of f to dst, dropping
// apostrophes, periods and combining marks, and counts the upper- and
// lower-case letters.
func foldPiece(dst []byte, f string) (key []byte, upper, lower int) {
	for i := 0; i < len(f); {
		c := f[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z':
				dst = append(dst, c)
				lower++
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
				upper++
			case '0' <= c && c <= '9':
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(f[i:])
		i += n
		if !isWordRune(r) || unicode.Is(unicode.Mn, r) {
			continue
		}
		if unicode.IsUpper(r) {
			upper++
		} else if unicode.IsLower(r) {
			lower++
		}
		if k, ok := foldTable[r]; ok {
			dst = append(dst, k...)
		} else {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst, upper, lower
}

// isPossessive reports a word that is a possessive clitic: "'s", "’s".
func isPossessive(f string) bool {
	if len(f) < 2 || (f[len(f)-1] != 's' && f[len(f)-1] != 'S') {
		return false
	}
	r, n := decode(f, 0)
	return n == len(f)-1 && isApos(r)
}

// sentenceEnd reports punctuation that ends a sentence or clause.
func sentenceEnd(f string) bool { return strings.ContainsAny(f, ".!?:;") }

// tokenizer builds tokens from words.
type tokenizer struct {
	s         string  // the text the tokens' offsets index
	toks      []token // keys are set by done
	keys      []byte  // the tokens' keys, one after another
	ends      []int32 // where each token's key ends in keys
	gapA      int     // bytes of s: the pending gap, none if gapA > gapB
	gapB      int
	sentStart bool
	join      bool // the next word's first run continues the last token
	upper     int  // upper-case letters of the last token
	lower     int  // lower-case letters of the last token

	words []text.Word // tokenize's buffer
}

// reset prepares t for the text s.
func (t *tokenizer) reset(s string) {
	t.s = s
	t.toks, t.keys, t.ends = t.toks[:0], t.keys[:0], t.ends[:0]
	t.gapA, t.gapB = 1, 0
	t.join = false
}

// gapMark adds s[a:b] to the pending gap.
func (t *tokenizer) gapMark(a, b int) {
	if t.gapA > t.gapB {
		t.gapA = a
	}
	t.gapB = b
}

// sentence appends the tokens of one sentence's words, whose offsets plus
// db bytes and dr code points index t.s. Its first word starts a sentence.
//
// A word that UD splits off at an apostrophe is taken back into the token
// before it, as an apostrophe inside a run is: a possessive "'s" marks that
// token (Iran's); "'d", "'m" and the like (Val'd, transliterated) and a run
// after a lone ‘ or ´ that UD takes for a quote (Ta‘izz) continue it.
func (t *tokenizer) sentence(words []text.Word, db, dr int) {
	t.sentStart = true
	t.join = false
	prevEnd := -1 // byte end of the previous word in t.s
	for k := range words {
		w := &words[k]
		f := w.Form
		wb, wr := w.ByteStart+db, w.Start+dr
		if prevEnd >= 0 && wb > prevEnd && strings.IndexByte(t.s[prevEnd:wb], '\n') >= 0 {
			t.sentStart = true
		}
		adjacent := wb == prevEnd
		prevEnd = wb + len(f)
		if t.join && !adjacent {
			t.join = false
		}
		// skip is the apostrophe before a run that continues the last token.
		skip := -1
		if t.join {
			skip = 0
		} else if adjacent && len(t.toks) > 0 && t.gapA > t.gapB {
			last := &t.toks[len(t.toks)-1]
			if isPossessive(f) {
				last.poss = true // also after "U.S."
				continue
			}
			if r, n := decode(f, 0); last.byteEnd == wb && !last.poss && isApos(r) {
				if n < len(f) {
					skip = n // "Val" "'d"
				} else if k+1 < len(words) && words[k+1].ByteStart == w.ByteEnd {
					if a, _, _, _, abbrev := piece(words[k+1].Form, 0); a == 0 && !abbrev {
						t.join = true // "Ta" "‘" "izz"
						continue
					}
				}
			}
		}
		t.join = false
		ascii := w.End-w.Start == len(f) // bytes are code points
		bi, ri := 0, wr                  // a byte of f and its code point in t.s
		found := false
		for i := 0; ; {
			a, b, next, poss, abbrev := piece(f, i)
			if a == skip && !abbrev && a < len(f) {
				// The run continues the last token.
				last := &t.toks[len(t.toks)-1]
				if b == a+1 && (f[a] == 's' || f[a] == 'S') {
					last.poss = true
				} else {
					var upper, lower int
					t.keys, upper, lower = foldPiece(t.keys, f[a:b])
					t.ends[len(t.ends)-1] = int32(len(t.keys))
					t.upper += upper
					t.lower += lower
					last.allCaps = t.upper >= 2 && t.lower == 0
					last.byteEnd, last.poss = wb+b, poss
					if ascii {
						last.end = wr + b
					} else {
						ri += utf8.RuneCountInString(f[:b])
						last.end, bi = ri, b
					}
				}
				found = true
				i = next
				continue
			}
			if a > i {
				if a == len(f) && found && f[i:] == "." {
					// The period UD leaves on an abbreviation: "St.", "Gen.".
				} else {
					t.gapMark(wb+i, wb+a)
					if !found && a == len(f) && sentenceEnd(f) {
						t.sentStart = true
					}
				}
			}
			if a == len(f) {
				break
			}
			found = true
			var upper, lower int
			t.keys, upper, lower = foldPiece(t.keys, f[a:b])
			t.ends = append(t.ends, int32(len(t.keys)))
			t.upper, t.lower = upper, lower
			tk := token{byteStart: wb + a, byteEnd: wb + b, poss: poss, sentStart: t.sentStart}
			if ascii {
				tk.start, tk.end = wr+a, wr+b
			} else {
				ri += utf8.RuneCountInString(f[bi:a])
				tk.start = ri
				ri += utf8.RuneCountInString(f[a:b])
				tk.end = ri
				bi = b
			}
			if abbrev {
				// Every letter upper case.
				tk.capital = lower == 0 && upper == utf8.RuneCountInString(f[a:b])-strings.Count(f[a:b], ".")
				tk.allCaps = tk.capital
			} else {
				first, _ := decode(f, a)
				tk.capital = unicode.IsUpper(first) || unicode.IsTitle(first)
				tk.allCaps = upper >= 2 && lower == 0
			}
			if t.gapA <= t.gapB {
				tk.gap = t.s[t.gapA:t.gapB]
				t.gapA, t.gapB = 1, 0
			}
			t.sentStart = false
			t.toks = append(t.toks, tk)
			i = next
		}
	}
}

// done sets the tokens' keys and returns the tokens.
func (t *tokenizer) done() []token {
	if len(t.toks) == 0 {
		return t.toks
	}
	keys := string(t.keys)
	a := 0
	for i := range t.toks {
		b := int(t.ends[i])
		t.toks[i].key = keys[a:b]
		a = b
	}
	return t.toks
}

// tokenize splits s into sentences (text.Sentences) and those into words
// (text.Words), and returns the words' tokens with offsets in s.
func (t *tokenizer) tokenize(s string) []token {
	t.reset(s)
	for _, sent := range text.Sentences(s) {
		t.words = text.AppendWords(t.words[:0], sent.Text)
		t.sentence(t.words, sent.ByteStart, sent.Start)
	}
	return t.done()
}

// tokenize is tokenizer.tokenize with a tokenizer of its own.
func tokenize(s string) []token {
	var t tokenizer
	return t.tokenize(s)
}

// tokenizers keeps tokenizers' buffers for reuse across calls.
var tokenizers = sync.Pool{New: func() any { return new(tokenizer) }}

func getTokenizer() *tokenizer { return tokenizers.Get().(*tokenizer) }

// putTokenizer returns t to the pool, its tokens no longer in use.
func putTokenizer(t *tokenizer) {
	if cap(t.toks) > 1<<14 {
		return // keep no buffers grown on a huge text
	}
	clear(t.toks)
	clear(t.words)
	t.s = ""
	tokenizers.Put(t)
}
