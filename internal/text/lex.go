package text

import (
	"unicode"
	"unicode/utf8"
)

// The lexical helpers below are shared by the stages that read numbers
// and words inside text.Words's words (dates, fatalities).

// LetterRun measures the run of letters of f that starts at byte i: its
// end (a byte offset), its length in code points, whether its first letter
// is upper-case, and whether lower-casing changes it (it has an upper-case
// or a non-ASCII letter).
func LetterRun(f string, i int) (end, runes int, upper, folds bool) {
	start := i
	for i < len(f) {
		c := f[i]
		if c < utf8.RuneSelf {
			if c|0x20 < 'a' || c|0x20 > 'z' {
				break
			}
			folds = folds || c <= 'Z'
			i++
		} else {
			r, w := utf8.DecodeRuneInString(f[i:])
			if !unicode.IsLetter(r) {
				break
			}
			folds = true
			i += w
		}
		runes++
	}
	if i > start {
		if c := f[start]; c < utf8.RuneSelf {
			upper = c <= 'Z'
		} else {
			r, _ := utf8.DecodeRuneInString(f[start:])
			upper = unicode.IsUpper(r)
		}
	}
	return i, runes, upper, folds
}

// AppendLower appends the letters of w, lower-cased, to buf.
func AppendLower(buf []byte, w string) []byte {
	for k := 0; k < len(w); {
		c := w[k]
		if c < utf8.RuneSelf {
			buf = append(buf, c|0x20)
			k++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[k:])
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		k += n
	}
	return buf
}

func digitAt(f string, i int) bool { return i < len(f) && f[i] >= '0' && f[i] <= '9' }

// ThousandsGroups reads the ",ddd" groups of f from byte i ("1,200,000"
// after the "1"), adding them to the value v read so far and capping it at
// limit. It returns the value, where the groups end and how many digits
// they held. A group must be exactly three digits.
func ThousandsGroups(f string, i, v, limit int) (val, end, digits int) {
	for i+3 < len(f) && f[i] == ',' && digitAt(f, i+1) && digitAt(f, i+2) && digitAt(f, i+3) && !digitAt(f, i+4) {
		v = min(v*1000+int(f[i+1]-'0')*100+int(f[i+2]-'0')*10+int(f[i+3]-'0'), limit)
		digits += 3
		i += 4
	}
	return v, i, digits
}

// OrdinalSuffix reports whether an ordinal suffix ("st", "nd", "rd" or
// "th", in any case) stands at byte i of f and ends its word ("17th").
func OrdinalSuffix(f string, i int) bool {
	if i+1 >= len(f) {
		return false
	}
	a, b := f[i]|0x20, f[i+1]|0x20
	if i+2 < len(f) && f[i+2]|0x20 >= 'a' && f[i+2]|0x20 <= 'z' {
		return false
	}
	return a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h'
}
