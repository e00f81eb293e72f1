package text

import (
	"regexp"
	"strings"
	"unicode"
)

// boilerplate matches whole lines that are page furniture, not story.
var boilerplate = []*regexp.Regexp{
	// Photo and video credits and captions.
	regexp.MustCompile(`(?i)^(image|images|photo|photos|picture|pictured|photograph|illustration|graphic|video|credit|photo credit|image credit|source|file photo|caption)\s*(:|\||—|–|-)`),
	regexp.MustCompile(`(?i)^\(?(photo|photograph|picture|image|video|file photo)s?\s+(by|courtesy of|credit)\b.{0,120}$`),
	regexp.MustCompile(`(?i)^[\p{L} .'’-]{2,40}\s*/\s*(getty images|afp|ap|reuters|epa|epa-efe|bloomberg|anadolu( agency)?|xinhua|shutterstock|alamy|sipa|zuma( press)?|pool)(\s+via\s+getty images)?\.?$`),
	regexp.MustCompile(`(?i)^(reuters|afp|ap|epa|epa-efe|getty images|anadolu( agency)?|xinhua|ap photo)\s*/\s*[\p{L} .'’-]{2,60}\.?$`),
	regexp.MustCompile(`(?i)^.{0,80}\bvia getty images\.?$`),
	// Share, follow and subscribe lines.
	regexp.MustCompile(`(?i)^(share|share this|share on|share on social media|follow us|subscribe|sign up|advertisement|read more|related|related articles|more stories|click here|tweet|print|email|comments?)\b.{0,40}$`),
	regexp.MustCompile(`(?i)^(subscribe|sign up|sign-up|register|get|receive|join)\b.{0,200}\b(newsletters?|inbox|e-?mail alerts?|alerts|briefings?|updates)\b.{0,80}$`),
	regexp.MustCompile(`(?i)^follow (us|@\w+|[\p{L} ]{1,30}) on (twitter|x|facebook|instagram|telegram|linkedin|tiktok|youtube|whatsapp|threads|bluesky)\b.{0,80}$`),
	regexp.MustCompile(`(?i)^(click|tap) (here )?to (share|subscribe|read|follow|download|email|print)\b.{0,80}$`),
	regexp.MustCompile(`(?i)^(read more|read also|also read|see also|watch|listen|more on this story|most read)\s*:`),
	regexp.MustCompile(`(?i)\(opens in (a )?new window\)\s*$`),
	// Rights and agency credit lines.
	regexp.MustCompile(`(?i)^(copyright|©|\(c\) \d{4}|all rights reserved)`),
	// Cookie and consent banners.
	regexp.MustCompile(`(?i)^(this (site|website) uses cookies|we use cookies|accept (all )?cookies)`),
	regexp.MustCompile(`(?i)^we and our (partners|vendors)\b`),
	regexp.MustCompile(`(?i)^(accept|reject|allow|decline|manage|customi[sz]e)( all)?( cookies| preferences| settings| choices| options)?\.?$`),
}

// cookieWord and consentWord together mark a line of a cookie banner:
// "By continuing to browse you agree to our use of cookies."
var (
	cookieWord  = regexp.MustCompile(`(?i)\bcookies?\b`)
	consentWord = regexp.MustCompile(`(?i)\b(accept|consent|cookie (policy|settings|preferences|notice)|privacy (policy|settings)|your (preferences|choices|experience)|agree|continu(e|ing) to (use|browse)|browsing|we use|this (site|website) uses|opt out)\b`)
)

// shareWords are the words of a line that is only sharing buttons:
// "Facebook Twitter WhatsApp Email".
var shareWords = map[string]bool{"share": true, "facebook": true, "twitter": true, "x": true, "whatsapp": true,
	"email": true, "e": true, "mail": true, "linkedin": true, "reddit": true, "telegram": true, "messenger": true,
	"copy": true, "link": true, "print": true, "pinterest": true, "flipboard": true, "bluesky": true, "threads": true,
	"sms": true, "tweet": true, "pin": true, "save": true, "comments": true, "comment": true, "on": true, "this": true,
	"article": true, "story": true, "via": true, "the": true}

// credit matches a photo credit inside a line: "(Photo by …)",
// "(Image: …)". A short line that ends with one is a caption.
var credit = regexp.MustCompile(`\s*\((?i:photo|photograph|picture|image|video|file photo|credit)s?(?:\s+by|\s*:|\s+credit:?|\s+courtesy of)\s[^()]{0,120}\)`)

// footnote matches a line that starts with a bracketed note number, as
// footnotes carried over from other stories do: "[1] U.S. sources …".
var footnote = regexp.MustCompile(`^\s*\[\d{1,3}\]\s`)

// captionMax is the longest line taken for a caption when it ends with a
// photo credit; longer lines lose the credit only.
const captionMax = 300

// Cleaned is an article's text after cleaning, with what was removed.
type Cleaned struct {
	Text    string   // the text events are coded from; offsets refer to it
	Dropped []string // lines removed, for reporting
}

// Clean removes boilerplate lines (photo captions and credits, share,
// follow and subscribe lines, cookie and consent banners, agency credit
// lines, footnotes of other stories), photo credits inside a line, a lead
// paragraph repeated at the end, and a last paragraph cut off
// mid-sentence. Paragraph breaks are kept as
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
		if !mayHaveCredit(line) {
			// No "(photo", "(image"…: no credit in it; skip the regexp.
		} else if loc := credit.FindAllStringIndex(line, -1); loc != nil {
			last := loc[len(loc)-1]
			if last[1] == len(strings.TrimRight(line, " .")) && len(line) <= captionMax {
				dropped = append(dropped, line) // a caption
				continue
			}
			for _, m := range loc {
				dropped = append(dropped, strings.TrimSpace(line[m[0]:m[1]]))
			}
			line = strings.TrimSpace(credit.ReplaceAllString(line, ""))
			if line == "" {
				continue
			}
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
	if n := len(kept); n > 1 && truncated(kept[n-1]) {
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

// mayHaveCredit is a cheap test for a parenthesised photo credit.
func mayHaveCredit(line string) bool {
	i := strings.IndexByte(line, '(')
	for i >= 0 {
		rest := strings.ToLower(line[i+1 : min(len(line), i+12)])
		for _, w := range []string{"photo", "picture", "image", "video", "file photo", "credit"} {
			if strings.HasPrefix(rest, w) {
				return true
			}
		}
		j := strings.IndexByte(line[i+1:], '(')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// furnitureMax is the longest line read as page furniture: captions,
// credits, share and cookie lines are short, paragraphs of a story long.
const furnitureMax = 400

func isBoilerplate(line string) bool {
	if strings.HasPrefix(strings.TrimSpace(line), "[") && footnote.MatchString(line) {
		return true
	}
	if len(line) > furnitureMax {
		return false
	}
	for _, re := range boilerplate {
		if re.MatchString(line) {
			return true
		}
	}
	if strings.Contains(strings.ToLower(line), "cookie") && cookieWord.MatchString(line) && consentWord.MatchString(line) {
		return true
	}
	return onlyShareWords(line) || agencyCredit(line) || isByline(line)
}

// bylineStart starts an author line: "By Ana Ruiz".
var bylineStart = regexp.MustCompile(`^(?i:by)\s+\p{Lu}`)

// isByline reports whether a line is an author line left by a web page
// ("By Ana Ruiz · 5 March 2024"): short, starting "By Name", and not
// ending a sentence (which "By Tuesday, the rebels had left." does).
func isByline(line string) bool {
	if len(line) > 100 || !bylineStart.MatchString(line) || len(strings.Fields(line)) > 12 {
		return false
	}
	return !strings.ContainsAny(line[len(line)-1:], ".!?\"”")
}

// byLine starts an agency's credit line: "Reporting by …".
var byLine = regexp.MustCompile(`^\(?(?i:additional reporting|reporting|writing|editing|compiled|translated) by\s+\p{Lu}`)

// agencyCredit reports whether a line credits reporters and editors
// ("Reporting by Ana Ruiz in Lima; Editing by Tom Hale"), as opposed to a
// sentence that starts the same way ("Reporting by state media
// suggested…").
func agencyCredit(line string) bool {
	if len(line) > 250 || !byLine.MatchString(line) {
		return false
	}
	return strings.Contains(line, ";") || strings.HasSuffix(line, ")") ||
		strings.Contains(strings.ToLower(line), "editing by") || (len(line) <= 80 && !strings.HasSuffix(line, "."))
}

// onlyShareWords reports whether a short line is nothing but sharing
// buttons.
func onlyShareWords(line string) bool {
	if len(line) > 120 {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(line), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) < 2 {
		return false
	}
	networks := 0
	for _, w := range words {
		if !shareWords[w] {
			return false
		}
		switch w {
		case "facebook", "twitter", "whatsapp", "linkedin", "reddit", "telegram", "email", "pinterest", "share", "tweet":
			networks++
		}
	}
	return networks >= 2
}

// truncated reports whether a paragraph stops without closing punctuation
// and is long enough to be prose rather than a heading.
func truncated(p string) bool {
	p = strings.TrimRight(p, " \t\"”’')}]")
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
