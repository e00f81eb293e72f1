package text

import (
	"regexp"
	"strings"
)

// boilerplate matches whole lines that are page furniture, not story.
var boilerplate = []*regexp.Regexp{
	regexp.MustCompile(`(?i)^(image|photo|picture|photograph|video|credit|source|file photo|caption)\s*(:|\||—|-)`),
	regexp.MustCompile(`(?i)^(share|share this|share on|share on social media|follow us|subscribe|sign up|advertisement|read more|related|related articles|more stories|click here|tweet|print|email|comments?)\b.{0,40}$`),
	regexp.MustCompile(`(?i)^(copyright|©|all rights reserved)`),
	regexp.MustCompile(`(?i)^(this (site|website) uses cookies|we use cookies|accept (all )?cookies)`),
}

// footnote matches a line that starts with a bracketed note number, as
// footnotes carried over from other stories do: "[1] U.S. sources …".
var footnote = regexp.MustCompile(`^\s*\[\d{1,3}\]\s`)

// Cleaned is an article's text after cleaning, with what was removed.
type Cleaned struct {
	Text    string   // the text events are coded from; offsets refer to it
	Dropped []string // lines removed, for reporting
}

// Clean removes boilerplate lines (captions, credits, share and subscribe
// lines, footnotes of other stories), a lead paragraph repeated at the end,
// and a last paragraph cut off mid-sentence. Paragraph breaks are kept as
// single newlines.
func Clean(raw string) Cleaned {
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	raw = strings.ReplaceAll(raw, "\r", "\n")
	var kept, dropped []string
	seen := map[string]bool{}
	for _, line := range strings.Split(raw, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if isBoilerplate(line) {
			dropped = append(dropped, line)
			continue
		}
		key := Fold(line)
		if seen[key] && len(line) > 40 {
			// A paragraph told twice (a lead repeated at the foot of the
			// page) is told once.
			dropped = append(dropped, line)
			continue
		}
		seen[key] = true
		kept = append(kept, line)
	}
	// A final paragraph cut off mid-sentence keeps only its whole sentences.
	if n := len(kept); n > 0 && truncated(kept[n-1]) {
		last := kept[n-1]
		if i := lastSentenceEnd(last); i > 0 {
			dropped = append(dropped, strings.TrimSpace(last[i:]))
			kept[n-1] = strings.TrimSpace(last[:i])
		} else {
			dropped = append(dropped, last)
			kept = kept[:n-1]
		}
	}
	return Cleaned{Text: strings.Join(kept, "\n"), Dropped: dropped}
}

func isBoilerplate(line string) bool {
	if footnote.MatchString(line) {
		return true
	}
	for _, re := range boilerplate {
		if re.MatchString(line) {
			return true
		}
	}
	return false
}

// truncated reports whether a paragraph stops without closing punctuation
// and is long enough to be prose rather than a heading.
func truncated(p string) bool {
	p = strings.TrimRight(p, " \t\"”’')")
	if p == "" {
		return false
	}
	switch p[len(p)-1] {
	case '.', '!', '?', ':':
		return false
	}
	if strings.HasSuffix(p, "…") {
		return false
	}
	return len(strings.Fields(p)) > 12
}

func lastSentenceEnd(p string) int {
	end := -1
	for _, s := range Sentences(p) {
		t := strings.TrimRight(s.Text, " \"”’')")
		if t != "" && strings.ContainsAny(t[len(t)-1:], ".!?") {
			end = s.ByteEnd
		}
	}
	return end
}
