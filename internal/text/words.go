package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word is one token of a sentence as Universal Dependencies English splits it.
type Word struct {
	Form               string // as written
	Start, End         int    // code points within the sentence, end exclusive
	ByteStart, ByteEnd int    // bytes within the sentence, end exclusive
	SpaceAfter         bool   // whitespace follows the word
}

// Words splits one sentence into tokens the way the Universal Dependencies
// English treebanks (EWT, GUM) do:
//
//   - punctuation, quotes and brackets split off words ("said" ","), but a run
//     of one mark stays whole ("...", "--", "?!");
//   - clitics split: "Iran" "'s", "do" "n't", "ca" "n't", "wo" "n't", "they"
//     "'re", "ministers" "'" (also with ’); fused forms split as UD splits
//     them: "can" "not", "gon" "na", "do" "nt";
//   - a hyphen is a token of its own ("Iran" "-" "backed", "al" "-" "Adl")
//     except after a prefix ("non-binding", "e-mail") and within telephone
//     numbers and dates ("555-0199");
//   - abbreviations and initials keep their period ("Gen.", "J.", "e.g."),
//     also at the end of the sentence ("the U.S.", "Acme Inc."), as GUM has
//     it; there other words, single letters and words that may be either
//     give the period up ("said" ".", "Plan B" ".", "said no" ".");
//   - numbers keep their inner commas, periods, colons and slashes ("1,200",
//     "3.5", "10:30", "9/11") but lose symbols and units ("$" "5", "5" "%",
//     "5" "pm");
//   - URLs, e-mail addresses, @handles, #hashtags and file names stay whole.
//
// Every Form is a substring of s; whitespace separates words and is never
// part of one. Words allocates the slice it returns; see AppendWords.
func Words(s string) []Word {
	return AppendWords(make([]Word, 0, len(s)/5+2), s)
}

// AppendWords appends the tokens of s, as Words splits them, to dst and
// returns the extended slice, so a caller can reuse one slice across
// sentences without allocating.
func AppendWords(dst []Word, s string) []Word {
	t := wordSplitter{s: s, out: dst}
	first := len(dst)
	ascii := true
	i := 0
	for i < len(s) {
		r, n := wDecode(s, i)
		if !wIsSpace(r) {
			break
		}
		if s[i] >= utf8.RuneSelf {
			ascii = false
		}
		i += n
	}
	for i < len(s) {
		j := i
		var marks uint16
		for j < len(s) {
			c := s[j]
			if c < utf8.RuneSelf {
				f := wASCII[c]
				if f&wSpace != 0 {
					break
				}
				marks |= f
				j++
				continue
			}
			ascii = false
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		k := j
		for k < len(s) {
			r, n := wDecode(s, k)
			if !wIsSpace(r) {
				break
			}
			if s[k] >= utf8.RuneSelf {
				ascii = false
			}
			k += n
		}
		t.final = k == len(s)
		t.chunk(i, j, marks)
		if j < len(s) {
			t.out[len(t.out)-1].SpaceAfter = true
		}
		i = k
	}
	out := t.out
	if ascii {
		for k := first; k < len(out); k++ {
			out[k].Start, out[k].End = out[k].ByteStart, out[k].ByteEnd
		}
		return out
	}
	b, r := 0, 0
	for k := first; k < len(out); k++ {
		w := &out[k]
		r += wRuneCount(s[b:w.ByteStart])
		w.Start = r
		r += wRuneCount(w.Form)
		w.End = r
		b = w.ByteEnd
	}
	return out
}

// wRuneCount counts code points, a byte of invalid UTF-8 counting as one.
func wRuneCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return n + utf8.RuneCountInString(s[i:])
		}
		n++
	}
	return n
}

// Character classes of ASCII bytes.
const (
	wSpace  = 1 << iota // white space
	wLetter             // A-Z a-z
	wDigit              // 0-9
	wUpper              // A-Z
	wClose              // closing punctuation that may follow a sentence's period
	wRepeat             // a run of this mark is one token ("--", "**", "==")
	wColon              // ':', of a URL
	wAt                 // '@', of an e-mail address
	wDot                // '.', of a URL, address or file name
)

var wASCII = func() (t [128]uint16) {
	for _, c := range " \t\n\v\f\r" {
		t[c] |= wSpace
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] |= wLetter
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] |= wLetter | wUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] |= wDigit
	}
	for _, c := range ")]}\"'" {
		t[c] |= wClose
	}
	for _, c := range "-*=<>_~^`'#+/\\|" {
		t[c] |= wRepeat
	}
	t[':'] |= wColon
	t['@'] |= wAt
	t['.'] |= wDot
	return t
}()

// s1dot reports a chunk whose only period ends it ("said.").
func s1dot(c string) bool {
	return c[len(c)-1] == '.' && strings.IndexByte(c[:len(c)-1], '.') < 0
}

// wDecode decodes the code point at s[i]; a bad byte is U+FFFD of width 1.
func wDecode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func wIsSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return wASCII[r]&wSpace != 0
	}
	return unicode.IsSpace(r)
}

// wIsWord reports a code point that belongs inside a word: letters, digits
// and other numbers, and combining marks.
func wIsWord(r rune) bool {
	if r < utf8.RuneSelf {
		return wASCII[r]&(wLetter|wDigit) != 0
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func wIsDigitAt(s string, i int) bool {
	return i >= 0 && i < len(s) && s[i] < utf8.RuneSelf && wASCII[s[i]]&wDigit != 0
}

func wIsApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '`' }

func wIsHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// wordSplitter holds the state of one AppendWords call.
type wordSplitter struct {
	s          string
	out        []Word
	final      bool // the chunk being split is the last of the sentence
	chunkStart int  // where that chunk begins
}

func (t *wordSplitter) emit(a, b int) {
	t.out = append(t.out, Word{Form: t.s[a:b], ByteStart: a, ByteEnd: b})
}

// chunk splits the whitespace-free stretch s[a:b].
func (t *wordSplitter) chunk(a, b int, marks uint16) {
	t.chunkStart = a
	if marks&(wColon|wAt|wDot) == 0 || marks&(wColon|wAt) == 0 && s1dot(t.s[a:b]) {
		t.pieces(a, b, b) // no URL: "word", "word."
		return
	}
	if ua, ub := t.urlSpan(a, b); ua < ub {
		t.pieces(a, ua, b)
		t.emit(ua, ub)
		t.pieces(ub, b, b)
		return
	}
	t.pieces(a, b, b)
}

// pieces splits s[a:b] of a chunk ending at end.
func (t *wordSplitter) pieces(a, b, end int) {
	for i := a; i < b; {
		r, n := wDecode(t.s, i)
		if wIsWord(r) {
			i = t.word(i, i, b, end)
		} else {
			i = t.punct(i, b, end, r, n)
		}
	}
}

// urlSpan finds a URL, e-mail address, @handle or file name in the chunk
// s[a:b], returning its bounds, or ua == ub when there is none.
func (t *wordSplitter) urlSpan(a, b int) (ua, ub int) {
	c := t.s[a:b]
	if len(c) < 3 {
		return 0, 0
	}
	start := -1
	if k := strings.Index(c, "://"); k > 0 {
		start = k
		for start > 0 && c[start-1] < utf8.RuneSelf && wASCII[c[start-1]]&wLetter != 0 {
			start--
		}
		if start == k {
			return 0, 0
		}
	} else if k := strings.Index(c, "www."); k >= 0 && (k == 0 || !wIsWordByte(c[k-1])) && k+4 < len(c) && wIsWordByte(c[k+4]) {
		start = k
	} else if k := strings.IndexByte(c, '@'); k >= 0 && k+1 < len(c) && (c[k+1] >= utf8.RuneSelf || wASCII[c[k+1]]&wLetter != 0 || c[k+1] == '_') {
		// "name@example.org", "Name@OFFICE", "@handle"
		start = k
		for start > 0 && (wIsWordByte(c[start-1]) || strings.IndexByte("._-+%", c[start-1]) >= 0) {
			start--
		}
		for start < k && !wIsWordByte(c[start]) {
			start++
		}
		if start >= 7 && c[start-7:start] == "mailto:" {
			start -= 7
		}
		d := k + 1
		for d < len(c) && (wIsWordByte(c[d]) || c[d] == '.' || c[d] == '-' || c[d] == '_') {
			d++
		}
		for c[d-1] == '.' || c[d-1] == '-' {
			d--
		}
		return a + start, a + d
	} else if e := wFileExt(c); e > 0 {
		// "report-v2.doc"
		start = 0
		for start < e && strings.IndexByte("<([{\"'", c[start]) >= 0 {
			start++
		}
		if start == e {
			return 0, 0
		}
		return a + start, a + e
	} else {
		return 0, 0
	}
	end := len(c)
	for end > start {
		r, n := utf8.DecodeLastRuneInString(c[:end])
		if r < utf8.RuneSelf && strings.IndexByte(".,;:!?)]}>\"'", byte(r)) >= 0 || r == '”' || r == '’' || r == '»' {
			if r == ')' && strings.IndexByte(c[start:end], '(') >= 0 {
				break
			}
			end -= n
			continue
		}
		break
	}
	if end <= start {
		return 0, 0
	}
	return a + start, a + end
}

// wFileExt returns the end of a file name that the chunk c ends with, before
// any closing punctuation, or 0.
func wFileExt(c string) int {
	e := len(c)
	for e > 0 && strings.IndexByte(".,;:!?)]}>\"'", c[e-1]) >= 0 {
		e--
	}
	d := strings.LastIndexByte(c[:e], '.')
	if d <= 0 || e-d < 3 || e-d > 5 || !wIsWordByte(c[d-1]) {
		return 0
	}
	var buf [4]byte
	for i := d + 1; i < e; i++ {
		ch := c[i]
		if ch >= utf8.RuneSelf || wASCII[ch]&(wLetter|wDigit) == 0 {
			return 0
		}
		buf[i-d-1] = ch | 0x20
	}
	if wFileExts[string(buf[:e-d-1])] {
		return e
	}
	return 0
}

var wFileExts = map[string]bool{
	"doc": true, "docx": true, "xls": true, "xlsx": true, "ppt": true,
	"pptx": true, "pdf": true, "txt": true, "rtf": true, "csv": true,
	"jpg": true, "jpeg": true, "png": true, "gif": true, "zip": true,
	"exe": true, "mp3": true, "mp4": true, "htm": true, "html": true,
}

func wIsWordByte(c byte) bool {
	return c >= utf8.RuneSelf || wASCII[c]&(wLetter|wDigit) != 0
}

// word scans the word starting at a (whose scanning resumes at j) within
// s[:b], emits it and any clitic split off it, and returns where it ended.
func (t *wordSplitter) word(a, j, b, end int) int {
	s := t.s
	dots := false
	for {
		for j < b {
			if c := s[j]; c < utf8.RuneSelf {
				if wASCII[c]&(wLetter|wDigit) == 0 {
					break
				}
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[j:])
			if !wIsWord(r) {
				break
			}
			j += n
		}
		if j >= b {
			break
		}
		r, n := wDecode(s, j)
		k := j + n
		if k >= b {
			break
		}
		nr, _ := wDecode(s, k)
		if !wIsWord(nr) {
			break
		}
		switch {
		case r == '.':
			if t.dotJoins(a, j, k, b) {
				dots = true
				j = k
				continue
			}
		case r == ',':
			// "1,200" but not "13,14".
			if wIsDigitAt(s, j-1) && wIsDigitAt(s, k) && wIsDigitAt(s, k+1) && wIsDigitAt(s, k+2) && !wIsDigitAt(s, k+3) {
				j = k
				continue
			}
		case r == ':' || r == '/':
			if wIsDigitAt(s, j-1) && wIsDigitAt(s, k) {
				j = k
				continue
			}
		case r == '&' || r == '_' || r == '\u200c' || r == '\u200d' || r == '\u00ad':
			j = k // "AT&T", "file_name"; ZWNJ, ZWJ, soft hyphen
			continue
		case wIsHyphen(r):
			if wIsDigitAt(s, j-1) && wIsDigitAt(s, k) {
				if e := wPhone(s, a, b); e > j {
					j = e // "555-1234", "1-800-555-0199", "12-31-2020"
					continue
				}
				break
			}
			if wPrefix(s[a:j]) && !t.afterHyphen(a) {
				j = k
				continue
			}
		case wIsApostrophe(r):
			if wIsDigitAt(s, k) {
				break // 5'10"
			}
			m := k
			for m < b {
				r, n := wDecode(s, m)
				if !wIsWord(r) {
					break
				}
				m += n
			}
			switch wClitic(s[k:m]) {
			case 1:
				if (s[k] == 's' || s[k] == 'S') && wDecade(s[a:j]) {
					break // "1990's", "60's"
				}
				t.emit(a, j)
				t.emit(j, m)
				return m
			case 2:
				if j-1 > a && (s[j-1] == 'n' || s[j-1] == 'N') {
					t.emit(a, j-1)
					t.emit(j-1, m)
					return m
				}
			}
			j = m
			continue
		}
		break
	}
	unit := false
	if x := wUnitSplit(s, a, j); x > a {
		t.emit(a, x) // "5" of "5pm"
		a, unit = x, true
	}
	if !dots && t.contraction(a, j) {
		return j
	}
	if j < b && s[j] == '.' && !(j+1 < b && s[j+1] == '.') && t.abbreviation(a, j, dots, end) {
		j++
	} else if j+1 == end && s[j] == '-' && !unit && j-a <= 2 && !wIsDigitAt(s, a) && !wIsDigitAt(s, j-1) {
		j++ // a word broken off ("th- there"), but "five -" "and six-year"
	}
	t.emit(a, j)
	return j
}

// wClitic classifies the letters after an apostrophe: 1 for a clitic split
// off at the apostrophe ('s 're 've 'll 'd 'm), 2 for the t of n't, else 0.
func wClitic(c string) int {
	switch len(c) {
	case 1:
		switch c[0] {
		case 's', 'S', 'd', 'D', 'm', 'M':
			return 1
		case 't', 'T':
			return 2
		}
	case 2:
		if strings.EqualFold(c, "re") || strings.EqualFold(c, "ve") || strings.EqualFold(c, "ll") {
			return 1
		}
	}
	return 0
}

// contraction splits a word written without its apostrophe or fused as UD
// splits it ("cannot" → "can" "not", "gonna" → "gon" "na", "dont" → "do"
// "nt"), reporting whether it did.
func (t *wordSplitter) contraction(a, j int) bool {
	w := t.s[a:j]
	if len(w) < 2 || len(w) > 8 {
		return false
	}
	if len(w) == 3 && (w[0]|0x20) == 'i' && (w[1]|0x20) == 't' && (w[2]|0x20) == 's' && t.itIs(j) {
		t.emit(a, a+2) // "its a shame": "it" "s"
		t.emit(a+2, j)
		return true
	}
	// Most words fail on their first and last letters.
	f, l := w[0]|0x20, w[len(w)-1]|0x20
	if f < 'a' || f > 'z' || l < 'a' || l > 'z' || wContractionEnds[len(w)][f-'a']&(1<<(l-'a')) == 0 {
		return false
	}
	var buf [8]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || wASCII[c]&wLetter == 0 {
			return false
		}
		buf[i] = c | 0x20
	}
	cut, ok := wContractions[string(buf[:len(w)])]
	if !ok {
		return false
	}
	t.emit(a, a+cut)
	t.emit(a+cut, j)
	return true
}

// wContractionEnds[n][f] has bit l set when a word of wContractions has n
// letters, the first f and the last l (counting from 'a').
var wContractionEnds = func() (t [9][26]uint32) {
	for w := range wContractions {
		t[len(w)][w[0]-'a'] |= 1 << (w[len(w)-1] - 'a')
	}
	return t
}()

// wContractions maps fused words to where UD English splits them.
var wContractions = map[string]int{
	"cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3, "outta": 3,
	"dont": 2, "wont": 2, "cant": 2, "didnt": 3, "doesnt": 4, "couldnt": 5,
	"wouldnt": 5, "shouldnt": 6, "aint": 2, "isnt": 2, "wasnt": 3, "arent": 3,
	"werent": 4, "hasnt": 3, "havent": 4, "hadnt": 3,
	"youre": 3, "theyre": 4, "youll": 3, "itll": 2, "thats": 4, "whats": 4,
	"theres": 5, "heres": 4, "im": 1, "ive": 1, "hes": 2, "elses": 4,
	"arnt": 2,
}

// abbreviation reports whether the period at s[p] belongs to the word s[a:p]
// of a chunk ending at end.
func (t *wordSplitter) abbreviation(a, p int, dots bool, end int) bool {
	s := t.s
	w := s[a:p]
	// Is the period the sentence's last (only closing marks follow)?
	final := false
	if t.final {
		final = true
		for k := p + 1; k < end; {
			r, n := wDecode(s, k)
			if !(r < utf8.RuneSelf && wASCII[r]&wClose != 0 || r == '”' || r == '’' || r == '»') {
				final = false
				break
			}
			k += n
		}
	}
	if dots {
		// "U.S", "e.g", "Ph.D": short letter groups.
		seg := 0
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c == '.' {
				seg = 0
				continue
			}
			if c >= utf8.RuneSelf || wASCII[c]&wLetter == 0 {
				return false
			}
			seg++
			if seg > 2 {
				return false
			}
		}
		return true // also at the end of the sentence, as GUM has it
	}
	r, n := utf8.DecodeRuneInString(w)
	if n == len(w) {
		// An initial ("J."), or "c." (circa), "p." (page); at the end of the
		// sentence rather a letter ("Plan B.").
		return !final && unicode.IsLetter(r)
	}
	if len(w) > 6 {
		return false
	}
	var buf [6]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return false
		}
		buf[i] = c
		if wASCII[c]&wUpper != 0 {
			buf[i] = c | 0x20
		}
	}
	kind, ok := wAbbrevs[string(buf[:len(w)])]
	if !ok {
		return false
	}
	return kind == 1 || kind == 2 && !final
}

// wAbbrevs lists abbreviations that keep their period: 1 always, 2 unless
// the period ends the sentence (the word is also an ordinary word).
var wAbbrevs = map[string]uint8{
	// titles
	"mr": 1, "mrs": 1, "ms": 1, "dr": 1, "prof": 1, "sr": 1, "jr": 1, "st": 1,
	"gen": 1, "lt": 1, "col": 2, "maj": 1, "capt": 1, "sgt": 1, "cpl": 1,
	"adm": 1, "cmdr": 1, "gov": 1, "sen": 1, "rep": 2, "rev": 1, "hon": 1,
	"pres": 1, "supt": 1, "insp": 1, "det": 1, "atty": 1, "messrs": 1,
	"fr": 1, "pvt": 1, "brig": 1, "cdr": 1, "esq": 1, "amb": 1, "govs": 1,
	"msgr": 1, "sgts": 1,
	// months and days
	"jan": 1, "feb": 1, "mar": 2, "apr": 1, "jun": 1, "jul": 1, "aug": 1,
	"sep": 1, "sept": 1, "oct": 1, "nov": 1, "dec": 1,
	"mon": 1, "tue": 1, "tues": 1, "wed": 2, "thu": 1, "thur": 1, "thurs": 1,
	"fri": 1, "sat": 2, "sun": 2,
	// organisations and places
	"inc": 1, "corp": 1, "co": 1, "ltd": 1, "bros": 1, "cos": 1, "assn": 1,
	"dept": 1, "univ": 1, "intl": 1, "ave": 1, "blvd": 1, "rd": 1, "mt": 1,
	"ft": 1, "hwy": 1,
	// US states
	"ala": 1, "ariz": 1, "ark": 2, "calif": 1, "colo": 1, "conn": 1, "del": 2,
	"fla": 1, "ga": 1, "ill": 2, "ind": 2, "kan": 1, "kans": 1, "ky": 1,
	"la": 2, "md": 1, "mass": 2, "mich": 1, "minn": 1, "miss": 2, "mo": 2,
	"mont": 1, "neb": 1, "nev": 1, "okla": 1, "ore": 2, "pa": 2, "tenn": 1,
	"tex": 1, "va": 1, "vt": 1, "wash": 2, "wis": 1, "wyo": 1,
	// Latin and others
	"etc": 2, "vs": 1, "viz": 1, "cf": 1, "al": 1, "approx": 1, "esp": 1,
	"est": 2, "fig": 2, "no": 2, "nos": 1, "vol": 1, "vols": 1, "pp": 1,
	"ed": 2, "eds": 1, "ch": 1, "incl": 1, "misc": 1, "tel": 1, "ext": 1,
	"ca": 1, "govt": 1, "yrs": 1, "hrs": 1, "mins": 1, "eg": 1, "ie": 1,
	"lb": 1, "lbs": 1, "oz": 1, "attn": 1, "reps": 1, "sens": 1, "gens": 1,
	"div": 1, "conf": 1, "que": 1, "mlle": 1, "mme": 1, "nr": 1, "sq": 1,
}

// wPrefix reports a word part that a hyphen does not split from what
// follows ("non-", "e-", "re-").
func wPrefix(w string) bool {
	if len(w) > 7 {
		return false
	}
	var buf [7]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return false
		}
		buf[i] = c | 0x20
	}
	return wPrefixes[string(buf[:len(w)])]
}

var wPrefixes = map[string]bool{
	"non": true, "e": true, "mid": true, "re": true, "anti": true, "pre": true,
	"co": true, "pro": true, "cross": true, "post": true, "over": true,
	"multi": true, "ex": true, "sub": true, "counter": true, "semi": true,
	"mini": true, "socio": true, "psycho": true, "inter": true, "intra": true,
	"arch": true,
}

// afterHyphen reports whether a hyphen token ends right where s[a:] begins
// ("e" of "Koh-e-Sabz" is no prefix).
func (t *wordSplitter) afterHyphen(a int) bool {
	if len(t.out) == 0 {
		return false
	}
	w := t.out[len(t.out)-1]
	if w.ByteEnd != a {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w.Form)
	return wIsHyphen(r)
}

// wPhone returns the end of a telephone number, zip code or date whose first
// group of digits starts at a ("555-1234", "1-800-555-0199", "20500-0003",
// "12-31-2020"), or a if the hyphens of the digits there are to be split
// ("1990-95", "2000-2010", "9-6").
func wPhone(s string, a, b int) int {
	groups, first, last := 0, 0, 0
	i := a
	if i < b && s[i] == '+' {
		i++
	}
	for {
		g := i
		for i < b && wIsDigitAt(s, i) {
			i++
		}
		if i == g {
			return a
		}
		if groups == 0 {
			first = i - g
		}
		last = i - g
		groups++
		if groups == 6 {
			return i // no need to look further
		}
		if i+1 < b && (s[i] == '-' || s[i] == '/') && wIsDigitAt(s, i+1) {
			i++
			continue
		}
		if i < b {
			if r, _ := wDecode(s, i); wIsWord(r) {
				return a
			}
		}
		break
	}
	if groups >= 3 || groups == 2 && last == 4 && first != 2 && first != 4 {
		return i
	}
	return a
}

// wUnitSplit returns where a unit written onto a number begins ("pm" of
// "5pm", "km" of "3.5km"), or a if s[a:j] is no such word.
func wUnitSplit(s string, a, j int) int {
	x := a
	for x < j {
		if wIsDigitAt(s, x) {
			x++
		} else if (s[x] == '.' || s[x] == ',' || s[x] == ':') && x > a && wIsDigitAt(s, x+1) {
			x++
		} else {
			break
		}
	}
	if x == a || x == j || j-x > 4 {
		return a
	}
	var buf [4]byte
	for k := x; k < j; k++ {
		c := s[k]
		if c >= utf8.RuneSelf || wASCII[c]&wLetter == 0 {
			return a
		}
		buf[k-x] = c | 0x20
	}
	if wUnits[string(buf[:j-x])] {
		return x
	}
	return a
}

// wUnits are units and times of day that UD splits from a number.
var wUnits = map[string]bool{
	"am": true, "pm": true, "k": true, "m": true, "b": true, "bn": true,
	"mn": true, "cm": true, "mm": true, "km": true, "kg": true, "kb": true,
	"mb": true, "gb": true, "tb": true, "ft": true, "lb": true, "lbs": true,
	"oz": true, "hz": true, "khz": true, "mhz": true, "ghz": true, "min": true,
	"mins": true, "hr": true, "hrs": true, "sec": true, "secs": true, "x": true,
	"mph": true, "kph": true, "kmh": true, "kw": true, "mw": true, "gw": true,
	"kwh": true, "sqft": true, "c": true, "f": true,
}

// punct emits the non-word token starting at s[i] (rune r of n bytes) and
// returns where it ended.
func (t *wordSplitter) punct(i, b, end int, r rune, n int) int {
	s := t.s
	j := i + n
	if t.chunkStart == i {
		if e := wEmoticon(s[i:b]); e > 0 {
			t.emit(i, i+e)
			return i + e
		}
	}
	switch {
	case r == '#' && j < b && s[j] < utf8.RuneSelf && wASCII[s[j]]&wLetter != 0:
		return t.word(i, j, b, end) // a hashtag
	case r == '.' || r == '!' || r == '?' || r == '…':
		if r == '.' && wIsDigitAt(s, j) {
			return t.word(i, j, b, end) // ".45"
		}
		// "...", "?!", ".?" are one token; "...?" and "!." two.
		dots, marks := 0, false
		switch r {
		case '.':
			dots = 1
		case '…':
			dots = 2
		default:
			marks = true
		}
		for j < b {
			r, n := wDecode(s, j)
			if r == '.' || r == '…' {
				if marks {
					break
				}
				dots++
				if r == '…' {
					dots++
				}
			} else if r == '!' || r == '?' {
				if dots >= 2 {
					break
				}
				marks = true
			} else {
				break
			}
			j += n
		}
	case r == '+' && wIsDigitAt(s, j):
		k := j
		for wIsDigitAt(s, k) {
			k++
		}
		if !(k+1 < b && (s[k] == '.' || s[k] == ',') && wIsDigitAt(s, k+1)) {
			return t.word(i, j, b, end) // "+44", but "+" "7.2"
		}
	case wIsApostrophe(r):
		m := j
		for m < b {
			r, n := wDecode(s, m)
			if !wIsWord(r) {
				break
			}
			m += n
		}
		if m > j {
			if len(t.out) > 0 && t.out[len(t.out)-1].ByteEnd == i && wClitic(s[j:m]) == 1 {
				t.emit(i, m) // "U.S.'s"
				return m
			}
			if i == t.chunkStart || !wIsWordByte(s[i-1]) {
				if wIsDigitAt(s, j) || wProclitic(s[j:m]) {
					return t.word(i, j, b, end) // "'90s", "'em"
				}
			}
		}
		if r == '\'' || r == '`' {
			for j < b && rune(s[j]) == r {
				j++
			}
		} else {
			for j < b {
				r, n := wDecode(s, j)
				if r != '’' && r != '‘' {
					break
				}
				j += n
			}
		}
	case r == '‘':
		for j < b {
			r, n := wDecode(s, j)
			if r != '’' && r != '‘' {
				break
			}
			j += n
		}
	case r < utf8.RuneSelf && wASCII[r]&wRepeat != 0:
		for j < b && rune(s[j]) == r {
			j++
		}
	case wIsHyphen(r) || r == '—' || r == '–':
	default:
		// A symbol with its modifiers: "👍🏽", "❤️", "👨‍👩‍👧", "🇺🇸".
		if r >= 0x1f1e6 && r <= 0x1f1ff && j < b {
			if r2, n2 := wDecode(s, j); r2 >= 0x1f1e6 && r2 <= 0x1f1ff {
				j += n2
			}
		}
		for j < b {
			r, n := wDecode(s, j)
			if unicode.IsMark(r) || r == '\u200d' || (r >= 0x1f3fb && r <= 0x1f3ff) || (r >= 0xfe00 && r <= 0xfe0f) {
				j += n
				if r == '\u200d' && j < b {
					_, n = wDecode(s, j)
					j += n
				}
				continue
			}
			break
		}
	}
	t.emit(i, j)
	return j
}

// wEmoticon returns the length of the emoticon s begins with, or 0.
func wEmoticon(s string) int {
	if len(s) < 2 {
		return 0
	}
	switch s[0] {
	case ':', ';', '=', '(', '^':
	default:
		return 0
	}
	for _, e := range wEmoticons {
		if strings.HasPrefix(s, e) && (len(s) == len(e) || !wIsWordByte(s[len(e)])) {
			return len(e)
		}
	}
	return 0
}

var wEmoticons = []string{":-)", ":-(", ":-D", ":-P", ";-)", ":')", ":'(", ":)", ":(", ":D", ":P", ":p",
	":/", ":O", ":o", ";)", "=)", "=(", "=D", "(:", "^_^", "^^"}

// wDecade reports digits that an 's pluralises rather than possesses
// ("1990's", "60's").
func wDecade(w string) bool {
	for i := 0; i < len(w); i++ {
		if !wIsDigitAt(w, i) {
			return false
		}
	}
	return len(w) == 2 || len(w) > 0 && w[len(w)-1] == '0'
}

// dotJoins decides whether the period at s[j] of the word begun at a joins
// it to the word characters at s[k:] ("U.S", "3.5", "example.com") or ends
// it where a space is missing ("Dr.Smith", "N.Korea", "Nov.28", "end.The").
func (t *wordSplitter) dotJoins(a, j, k, b int) bool {
	s := t.s
	// The segment before the period.
	p := j
	for p > a && s[p-1] != '.' {
		p--
	}
	if r := s[k]; r >= utf8.RuneSelf || wASCII[r]&(wUpper|wDigit) == 0 {
		return true // "news.world", "example.com"
	}
	if wIsDigitAt(s, k) && j-p >= 3 {
		// A footnote after a word: "reported.12", but "Doc.6", "v1.2".
		lower := true
		for i := p; i < j; i++ {
			if s[i] < 'a' || s[i] > 'z' {
				lower = false
				break
			}
		}
		if lower {
			return false
		}
	}
	if p == a && j-a > 1 {
		var buf [6]byte
		if j-a <= len(buf) {
			n := 0
			for i := a; i < j; i++ {
				c := s[i]
				if c >= utf8.RuneSelf || wASCII[c]&wLetter == 0 {
					n = -1
					break
				}
				buf[n] = c | 0x20
				n++
			}
			if n > 0 && wAbbrevs[string(buf[:n])] != 0 {
				return false // "Dr.Smith", "Nov.28"
			}
		}
	}
	// A capitalised word after the period starts a new token.
	if s[k] >= 'A' && s[k] <= 'Z' {
		lower := false
		e := k + 1
		for e < b && s[e] < utf8.RuneSelf && wASCII[s[e]]&wLetter != 0 {
			if wASCII[s[e]]&wUpper == 0 {
				lower = true
			}
			e++
		}
		if lower && e-k >= 3 && (e == b || !wIsWordByte(s[e])) {
			return false
		}
	}
	return true
}

// wProclitic reports the letters of an elided word that keeps its leading
// apostrophe ("'em", "'til").
func wProclitic(w string) bool {
	switch w {
	case "em", "n", "cause", "til", "bout", "tis", "twas":
		return true
	}
	return false
}

// itIs reports whether the word after s[:j] shows a preceding "its" to be a
// misspelt "it's" ("its not", "its a"), not the possessive.
func (t *wordSplitter) itIs(j int) bool {
	s := t.s
	if j >= len(s) || s[j] >= utf8.RuneSelf || wASCII[s[j]]&wSpace == 0 {
		return false
	}
	for j < len(s) && s[j] < utf8.RuneSelf && wASCII[s[j]]&wSpace != 0 {
		j++
	}
	k := j
	for k < len(s) && s[k] < utf8.RuneSelf && wASCII[s[k]]&wLetter != 0 {
		k++
	}
	if k-j > 10 || k < len(s) && wIsWordByte(s[k]) {
		return false
	}
	var buf [10]byte
	for i := j; i < k; i++ {
		buf[i-j] = s[i] | 0x20
	}
	return wItIsNext[string(buf[:k-j])]
}

// wItIsNext are words that follow "it is" but never the possessive "its".
var wItIsNext = map[string]bool{
	"not": true, "a": true, "an": true, "the": true, "really": true,
	"simply": true, "definitely": true, "probably": true, "actually": true,
	"been": true, "being": true, "getting": true, "going": true, "gonna": true,
	"now": true, "also": true, "always": true, "never": true, "pretty": true,
	"quite": true, "so": true, "too": true, "ok": true, "okay": true,
	"just": true, "still": true,
}

// DatelineWords counts the leading words that form a wire dateline
// ("KABUL —", "NAIROBI, Kenya (AP) —", "Lagos -"), dash included, or
// returns 0 when there is none. A dateline is outside the grammar of what
// follows it, so the parser skips it.
func DatelineWords(words []Word) int {
	for i, w := range words {
		if i > 8 {
			return 0
		}
		switch w.Form {
		case "—", "–", "-", "--":
			if i == 0 {
				return 0
			}
			return i + 1
		case ",", "(", ")", ".":
			continue
		}
		r := []rune(w.Form)
		if len(r) == 0 || !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) {
			return 0
		}
	}
	return 0
}
