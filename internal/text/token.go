package text

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Token is a word or punctuation mark of a sentence.
type Token struct {
	Text       string // as written (a possessive 's is not part of it)
	Norm       string // Fold(Text)
	Start, End int    // code points in the sentence, end exclusive
	Possessive bool   // the word carried a possessive 's ("Pakistan's")
	Punct      bool   // punctuation, not a word
}

// Tokenize splits a sentence into words and punctuation. It is built on
// Words, which does the character scanning: Tokenize joins the words that
// touch (no space between them) into one of its words where they make one
// ("al" "-" "Adl" → "al-Adl", "Iran" "'s" → "Iran" with Possessive, "do"
// "n't" → "don't", "gon" "na" → "gonna"), and splits a word of Words where
// it holds several of its tokens ("U.S." → "U.S" ".", "..." → "." "." ".").
//
// A word is a run of letters, decimal digits and nonspacing marks joined by
// single marks - . & ‐ ‑ or apostrophes (' ’), as in "al-Adl", "U.S",
// "Koh-e-Sabz", "AT&T", "O'Neill", or between digits by commas ("1,200");
// so "Iran-Pakistan-Afghanistan" is one word, which keeps compounds from
// reading as separate actors. A compound whose last hyphen comes before one
// of compoundSuffixes splits there ("US-led" → "US" "-" "led"): its first
// part names a party. A possessive 's or ’s is not part of a word's Text but
// sets its Possessive, and its End still counts it ("Pakistan's"). Every
// other character but white space is a punctuation token of its own, a byte
// of invalid UTF-8 reading as U+FFFD. Text is a substring of s but for those.
func Tokenize(s string) []Token {
	wp := wordBufs.Get().(*[]Word)
	ws := AppendWords((*wp)[:0], s)
	toks := TokenizeWords(s, ws)
	if cap(ws) <= 1<<12 { // keep no buffer grown on a huge text
		clear(ws)
		*wp = ws[:0]
		wordBufs.Put(wp)
	}
	return toks
}

// wordBufs keeps Tokenize's buffers of words for reuse across calls.
var wordBufs = sync.Pool{New: func() any { return new([]Word) }}

// TokenizeWords is Tokenize for a caller that already has the words of s:
// ws must be Words(s) (or what AppendWords appended for s). It saves
// splitting s into words twice.
func TokenizeWords(s string, ws []Word) []Token {
	t := tokenizer{s: s, toks: make([]Token, 0, len(ws)+len(ws)/8+2)}
	end := -1
	for k := range ws {
		w := &ws[k]
		if w.ByteStart != end {
			t.flush() // white space ends a word
		}
		end = w.ByteEnd
		t.form(w)
	}
	t.flush()
	return t.toks
}

// Character classes of ASCII bytes for Tokenize.
const (
	tWord  = 1 << iota // letter or digit
	tDigit             // digit
	tUpper             // A-Z
	tJoin              // a mark that joins two words: - . ' &
)

var tASCII = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = tWord
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = tWord | tUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = tWord | tDigit
	}
	for _, c := range "-.'&" {
		t[c] = tJoin
	}
	return t
}()

// tokenizer holds the state of one TokenizeWords call: the word being
// built, s[a:b] (code points ra to rb), and a mark after it that joins it
// to the next run of letters, if one follows.
type tokenizer struct {
	s    string
	toks []Token

	in     bool // a word is being built
	a, b   int
	ra, rb int
	digit  bool // the word ends in a decimal digit
	upper  bool // it has a letter A-Z
	wide   bool // it has a character beyond ASCII
	hy     int  // its last hyphen, or -1
	hyr    int  // that hyphen's code point
	hyn    int  // its length in bytes
	hyc    rune // the hyphen

	pend bool // a joining mark follows the word, s[p:p+pn] at code point pr
	p    int
	pn   int
	pr   int
	pc   rune // the mark

	lower   string // s[lowerAt:] with A-Z lower-cased, for the words' Norms
	lowerAt int
}

// form reads the word w of Words, a run of letters (in the sense of
// Tokenize: letters, decimal digits and nonspacing marks) at a time and each
// other character on its own.
func (t *tokenizer) form(w *Word) {
	f := w.Form
	at, r := w.ByteStart, w.Start // f[i] is code point r of the sentence
	run, runR := -1, 0            // the letters since f[run], code point runR
	var first, last, upper, wide bool
	for i := 0; i < len(f); {
		c := f[i]
		ch, n := rune(c), 1
		if c < utf8.RuneSelf {
			if k := tASCII[c]; k&tWord != 0 {
				if run < 0 {
					run, runR, first, upper, wide = i, r, k&tDigit != 0, false, false
				}
				last = k&tDigit != 0
				upper = upper || k&tUpper != 0
				i++
				r++
				continue
			}
		} else {
			ch, n = utf8.DecodeRuneInString(f[i:])
			if unicode.IsLetter(ch) || unicode.IsDigit(ch) || unicode.Is(unicode.Mn, ch) {
				d := unicode.IsDigit(ch)
				if run < 0 {
					run, runR, first, upper = i, r, d, false
				}
				last, wide = d, true
				i += n
				r++
				continue
			}
		}
		if run >= 0 {
			t.run(at+run, at+i, runR, r, first, last, upper, wide)
			run = -1
		}
		t.mark(at+i, n, r, ch)
		i += n
		r++
	}
	if run >= 0 {
		t.run(at+run, at+len(f), runR, r, first, last, upper, wide)
	}
}

// run takes the letters s[a:b] (code points ra to rb), which touch what was
// read before them; first and last tell whether they begin and end with a
// decimal digit, upper and wide whether they hold A-Z or non-ASCII.
func (t *tokenizer) run(a, b, ra, rb int, first, last, upper, wide bool) {
	if t.in {
		if !t.pend || t.pc != ',' || first {
			// Letters go on the word, after a joining mark if one is
			// pending: "al" "-" "Adl", "1" "," "200", "gon" "na".
			if t.pend && (t.pc == '-' || t.pc == '‐' || t.pc == '‑') {
				t.hy, t.hyr, t.hyn, t.hyc = t.p, t.pr, t.pn, t.pc
			}
			if t.pend && t.pn > 1 {
				t.wide = true // "’" of "O’Brien"
			}
			t.pend = false
			t.b, t.rb, t.digit = b, rb, last
			t.upper = t.upper || upper
			t.wide = t.wide || wide
			return
		}
		t.flush() // "1" "," "a": the comma joins digits only
	}
	t.in = true
	t.a, t.b, t.ra, t.rb = a, b, ra, rb
	t.digit, t.upper, t.wide = last, upper, wide
	t.hy = -1
}

// mark takes the character c, of n bytes at s[i] and code point r, which is
// not a letter.
func (t *tokenizer) mark(i, n, r int, c rune) {
	if t.in && !t.pend {
		join := c < utf8.RuneSelf && tASCII[c]&tJoin != 0 || c == '’' || c == '‐' || c == '‑' || c == ',' && t.digit
		if join {
			t.pend, t.p, t.pn, t.pr, t.pc = true, i, n, r, c
			return
		}
	}
	t.flush()
	t.punct(i, n, r, c)
}

// flush ends the word being built, and a mark after it that joined nothing.
func (t *tokenizer) flush() {
	if t.in {
		t.in = false
		a, ra := t.a, t.ra
		if t.hy >= 0 && compoundSuffix(t.s[t.hy+t.hyn:t.b]) {
			// "US-led", "UK-based": the first part names a party.
			t.word(a, t.hy, ra, t.hyr)
			t.punct(t.hy, t.hyn, t.hyr, t.hyc)
			a, ra = t.hy+t.hyn, t.hyr+1
		}
		t.word(a, t.b, ra, t.rb)
	}
	if t.pend {
		t.pend = false
		t.punct(t.p, t.pn, t.pr, t.pc)
	}
}

// word appends the word s[a:b], code points ra to rb.
func (t *tokenizer) word(a, b, ra, rb int) {
	w := t.s[a:b]
	tk := Token{Start: ra, End: rb}
	if len(w) > 3 && strings.HasSuffix(w, "'s") {
		w, tk.Possessive = w[:len(w)-2], true
	} else if len(w) > len("’s")+1 && strings.HasSuffix(w, "’s") {
		w, tk.Possessive = w[:len(w)-len("’s")], true
	}
	tk.Text = w
	switch {
	case t.wide:
		tk.Norm = Fold(w)
	case t.upper:
		// Lower-case the rest of the sentence once rather than every
		// capitalised word on its own.
		if t.lower == "" {
			var sb strings.Builder
			sb.Grow(len(t.s) - a)
			k := a
			for i := a; i < len(t.s); i++ {
				if c := t.s[i]; 'A' <= c && c <= 'Z' {
					sb.WriteString(t.s[k:i])
					sb.WriteByte(c + 'a' - 'A')
					k = i + 1
				}
			}
			sb.WriteString(t.s[k:])
			t.lower, t.lowerAt = sb.String(), a
		}
		tk.Norm = t.lower[a-t.lowerAt : a-t.lowerAt+len(w)]
	default:
		tk.Norm = w
	}
	t.toks = append(t.toks, tk)
}

// punct appends the punctuation mark c, of n bytes at s[i] and code point r.
func (t *tokenizer) punct(i, n, r int, c rune) {
	tk := Token{Start: r, End: r + 1, Punct: true}
	switch {
	case n == 1 && c < utf8.RuneSelf:
		tk.Text = t.s[i : i+1]
		tk.Norm = tk.Text
	case c == utf8.RuneError && n == 1:
		tk.Text, tk.Norm = "\uFFFD", "\uFFFD" // a byte of invalid UTF-8
	default:
		tk.Text = t.s[i : i+n]
		if f, ok := foldedMarks[c]; ok {
			tk.Norm = f
		} else if unicode.ToLower(c) == c && norm.NFD.PropertiesString(tk.Text).Decomposition() == nil {
			tk.Norm = tk.Text // Fold would change nothing: "👍", "€"
		} else {
			tk.Norm = Fold(tk.Text)
		}
	}
	t.toks = append(t.toks, tk)
}

// foldedMarks holds Fold of common punctuation beyond ASCII, among them all
// the marks that Fold maps to others (’ to ', — to -); punct relies on that.
var foldedMarks = func() map[rune]string {
	m := map[rune]string{}
	for _, c := range "‘’“”„«»‹›–—‐‑―…•·€£¥°§©®™\u200b\u200c\u200d\u00ad\ufeff\ufffd" {
		m[c] = Fold(string(c))
	}
	return m
}()

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
// "US-led coalition", "UK-based group", "Iranian-backed militia",
// "Liberian-flagged tanker".
var compoundSuffixes = map[string]bool{"led": true, "based": true, "backed": true, "born": true,
	"owned": true, "run": true, "funded": true, "allied": true, "sponsored": true, "controlled": true,
	"administered": true, "brokered": true, "aligned": true, "ruled": true, "dominated": true,
	"supported": true, "armed": true, "trained": true, "linked": true, "affiliated": true,
	"installed": true, "imposed": true, "mediated": true, "proposed": true, "drafted": true,
	"flagged": true, "registered": true}

// compoundSuffix reports whether the part w of a word after its last hyphen
// is one of compoundSuffixes, in any case.
func compoundSuffix(w string) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return compoundSuffixes[strings.ToLower(w)]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return compoundSuffixes[strings.ToLower(w)] // "BAC\u212aED" (a Kelvin sign)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return compoundSuffixes[string(buf[:len(w)])]
}
