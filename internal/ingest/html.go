package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/dyad-events/dyad/internal/event"
)

// Page is what ExtractHTML finds in a web page.
type Page struct {
	Title     string
	Byline    string
	Text      string    // the story's main text, paragraphs on their own lines
	Published time.Time // the publication day (midnight UTC), zero when the page gives none
	URL       string    // the page's canonical address, when it names one
	Lang      string    // the page's declared language (<html lang>), as written
}

// maxElements bounds the elements of a page handed to the content
// extractor; a page with more is read as plain text of its body.
const maxElements = 200000

// minText is the fewest letters of story text a page must yield.
const minText = 40

// ExtractHTML finds the story in a web page: its main text (with a
// content-extraction library, which drops menus, related links and other
// page furniture), title, byline and publication date (from og:title,
// article:published_time, JSON-LD datePublished, <time datetime> and the
// like). contentType is the HTTP Content-Type, if known; it may name the
// charset. pageURL may be empty.
func ExtractHTML(b []byte, pageURL, contentType string) (page Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			page, err = Page{}, fmt.Errorf("the page could not be parsed (%v)", r)
		}
	}()
	if len(b) > MaxArticle {
		return Page{}, fmt.Errorf("page larger than %d bytes", MaxArticle)
	}
	if binary(b) {
		return Page{}, errors.New("binary data, not HTML")
	}
	dec, err := decodeHTML(b, contentType)
	if err != nil {
		return Page{}, err
	}
	doc, err := html.Parse(bytes.NewReader(dec))
	if err != nil {
		return Page{}, fmt.Errorf("cannot parse the page: %v", strings.TrimPrefix(err.Error(), "html: "))
	}
	page, docTitle := metadata(doc)
	var base *url.URL
	if pageURL != "" {
		base, _ = url.Parse(pageURL)
	}
	if page.URL == "" {
		page.URL = pageURL
	}
	metaTitle := page.Title != ""
	n := stripFurniture(doc)
	var node *html.Node
	if n <= maxElements {
		ps := readability.NewParser()
		ps.MaxElemsToParse = maxElements
		if art, err := ps.ParseAndMutate(doc, base); err == nil {
			node = art.Node
			if !metaTitle {
				page.Title = art.Title()
			}
			if page.Byline == "" {
				page.Byline = strings.TrimSpace(art.Byline())
			}
			if page.Published.IsZero() {
				if t, err := art.PublishedTime(); err == nil {
					page.Published = dayOf(t)
				}
			}
		}
	}
	if node != nil {
		page.Text = tidyText(render.InnerText(node))
	}
	if !metaTitle {
		page.Title = cleanDocTitle(firstNonEmpty(page.Title, docTitle))
	}

	if letters(page.Text) < minText {
		// The extractor found nothing it trusts: fall back to the page's
		// <article>, <main> or <body> as it stands.
		if fb := fallbackNode(doc); fb != nil {
			page.Text = tidyText(render.InnerText(fb))
		}
	}
	if letters(page.Text) < minText {
		return page, errors.New("no article text found in the page")
	}
	return page, nil
}

// FragmentText turns a fragment of HTML (a feed item's description) into
// plain text: tags stripped, entities decoded, block elements on their own
// lines. Text that holds no markup is returned as it is, tidied.
func FragmentText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return tidyText(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return tidyText(s)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	stripFurniture(root)
	return tidyText(render.InnerText(root))
}

// metaCharset finds a charset declared in a page's first bytes.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)`)

// decodeHTML turns a page into UTF-8: by its byte-order mark, else as
// UTF-8 when it is valid UTF-8 (whatever it declares: mislabelled UTF-8 is
// common), else by its declared charset, else as Windows-1252 (as
// browsers do). A declared charset that is unknown is an error.
func decodeHTML(b []byte, contentType string) ([]byte, error) {
	e, name, certain := charset.DetermineEncoding(b, contentType)
	bom := certain && (bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}) || bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}))
	if !bom {
		if utf8.Valid(b) {
			return b, nil
		}
		var label string
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			label = params["charset"]
		}
		if label == "" {
			head := b
			if len(head) > 1024 {
				head = head[:1024]
			}
			if m := metaCharset.FindSubmatch(head); m != nil {
				label = string(m[1])
			}
		}
		if label != "" {
			if le, _ := charset.Lookup(label); le == nil {
				return nil, fmt.Errorf("unknown charset %q; cannot decode the page", label)
			}
		}
	}
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return nil, fmt.Errorf("cannot decode the page as %s: %v", name, err)
	}
	if bad := bytes.Count(out, []byte("\ufffd")); bad > 16 && bad > utf8.RuneCount(out)/10 {
		return nil, fmt.Errorf("the page is not in its charset %s (%d undecodable characters)", name, bad)
	}
	return out, nil
}

// furnitureTag are elements that never hold the story.
var furnitureTag = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Aside: true, atom.Form: true, atom.Button: true,
	atom.Iframe: true, atom.Svg: true, atom.Figure: true, atom.Figcaption: true,
	atom.Select: true, atom.Dialog: true,
}

// furnitureRole are ARIA roles of page furniture.
var furnitureRole = map[string]bool{"navigation": true, "banner": true, "dialog": true, "alertdialog": true,
	"complementary": true, "contentinfo": true, "search": true, "menu": true, "menubar": true}

// furnitureClass matches class and id names of page furniture.
var furnitureClass = regexp.MustCompile(`(?i)(^|[-_\s])(cookies?|consent|gdpr|share|sharing|social|newsletter|subscribe|subscription|related|recommended|promo|advert|ads?|sponsored|popup|modal|breadcrumbs?|comments?|paywall|outbrain|taboola|most-?read|trending)($|[-_\s])`)

// metaClass matches class and id names of the small elements around a
// story that are not story: bylines, datelines, captions, credits.
var metaClass = regexp.MustCompile(`(?i)(^|[-_\s])(byline|dateline|author|authors|timestamp|published|date|caption|credit|credits)($|[-_\s])`)

// stripFurniture removes elements that are page furniture (scripts,
// menus, forms, figures and their captions, cookie banners, share bars,
// related links) and returns how many elements remain. An element is only
// removed for its class or id when it holds little text, so a page whose
// every wrapper is called "social-…" keeps its story.
func stripFurniture(root *html.Node) int {
	count := 0
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.CommentNode {
				n.RemoveChild(c)
			} else if c.Type == html.ElementNode {
				if isFurniture(c) {
					n.RemoveChild(c)
				} else {
					count++
					stack = append(stack, c)
				}
			}
			c = next
		}
	}
	return count
}

func isFurniture(n *html.Node) bool {
	if furnitureTag[n.DataAtom] {
		return true
	}
	if n.DataAtom == atom.Body || n.DataAtom == atom.Html || n.DataAtom == atom.Article || n.DataAtom == atom.Main {
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			if furnitureRole[strings.ToLower(strings.TrimSpace(a.Val))] {
				return true
			}
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "class", "id":
			if furnitureClass.MatchString(a.Val) && textLen(n, 1500) < 1500 {
				return true
			}
			if metaClass.MatchString(a.Val) && textLen(n, 300) < 300 {
				return true
			}
		}
	}
	return false
}

// textLen counts the text under n, stopping once it passes limit.
func textLen(n *html.Node, limit int) int {
	total := 0
	stack := []*html.Node{n}
	for len(stack) > 0 && total <= limit {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x.Type == html.TextNode {
			total += len(strings.TrimSpace(x.Data))
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, c)
		}
	}
	return total
}

// fallbackNode is the element to read when the extractor finds nothing:
// the longest <article>, else <main>, else <body>.
func fallbackNode(doc *html.Node) *html.Node {
	var best, main, body *html.Node
	bestLen := -1
	walk(doc, func(n *html.Node) {
		switch n.DataAtom {
		case atom.Article:
			if l := textLen(n, 1<<30); l > bestLen {
				best, bestLen = n, l
			}
		case atom.Main:
			if main == nil {
				main = n
			}
		case atom.Body:
			body = n
		}
	})
	switch {
	case best != nil:
		return best
	case main != nil:
		return main
	}
	return body
}

// walk calls fn on every element under n, in document order, without
// recursion.
func walk(n *html.Node, fn func(*html.Node)) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x.Type == html.ElementNode {
			fn(x)
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
}

// metadata reads a page's title, byline, date, canonical URL and language
// from its <head>, JSON-LD and <time> elements. The <title> is returned
// apart: the extractor's reading of it (without the site's name) is
// better.
func metadata(doc *html.Node) (Page, string) {
	var p Page
	var (
		ogTitle, twTitle, docTitle, ldTitle string
		metaAuthor, ldAuthor                string
		ldDate, metaDate, otherDate         string
		timeDate, pubTimeDate               string
		canonical, ogURL                    string
	)
	walk(doc, func(n *html.Node) {
		switch n.DataAtom {
		case atom.Html:
			p.Lang = attr(n, "lang")
		case atom.Title:
			if docTitle == "" && n.FirstChild != nil {
				docTitle = n.FirstChild.Data
			}
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") {
				canonical = attr(n, "href")
			}
		case atom.Meta:
			key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
			val := strings.TrimSpace(attr(n, "content"))
			if val == "" {
				return
			}
			switch key {
			case "og:title":
				ogTitle = val
			case "twitter:title":
				twTitle = val
			case "og:url":
				ogURL = val
			case "author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author":
				if metaAuthor == "" && !strings.HasPrefix(val, "http") {
					metaAuthor = val
				}
			case "article:published_time", "datepublished", "og:published_time":
				if metaDate == "" {
					metaDate = val
				}
			case "date", "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.date",
				"dcterms.created", "parsely-pub-date", "sailthru.date", "article.published", "original-publish-date":
				if otherDate == "" {
					otherDate = val
				}
			}
		case atom.Time:
			dt := attr(n, "datetime")
			if dt == "" {
				return
			}
			if timeDate == "" {
				timeDate = dt
			}
			if pubTimeDate == "" && (hasAttr(n, "pubdate") || strings.EqualFold(attr(n, "itemprop"), "datePublished")) {
				pubTimeDate = dt
			}
		case atom.Script:
			if !strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") || n.FirstChild == nil {
				return
			}
			ld := jsonLD(n.FirstChild.Data)
			if ldDate == "" {
				ldDate = ld.date
			}
			if ldTitle == "" {
				ldTitle = ld.title
			}
			if ldAuthor == "" {
				ldAuthor = ld.author
			}
		}
	})
	p.Title = firstNonEmpty(ogTitle, ldTitle, twTitle)
	p.Byline = firstNonEmpty(ldAuthor, metaAuthor)
	p.URL = firstNonEmpty(canonical, ogURL)
	for _, d := range []string{ldDate, metaDate, pubTimeDate, otherDate, timeDate} {
		if t, ok := parseLooseDate(d); ok {
			p.Published = t
			break
		}
	}
	return p, docTitle
}

// cleanDocTitle drops a " | Site" or " - Site" tail from a <title>, when
// the tail is shorter than what it follows.
func cleanDocTitle(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: "} {
		if i := strings.LastIndex(s, sep); i > 0 {
			if tail := s[i+len(sep):]; len(tail) < i && len(tail) <= 40 {
				return s[:i]
			}
		}
	}
	return s
}

// ldInfo is what dyad reads from JSON-LD.
type ldInfo struct{ date, title, author string }

var articleTypes = map[string]bool{"NewsArticle": true, "Article": true, "ReportageNewsArticle": true,
	"AnalysisNewsArticle": true, "BlogPosting": true, "WebPage": true, "Report": true, "LiveBlogPosting": true}

// jsonLD reads the first article-like object of a JSON-LD block (a
// single object, a list, or an @graph).
func jsonLD(s string) ldInfo {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(s)), &v); err != nil {
		return ldInfo{}
	}
	var found ldInfo
	var visit func(v any, depth int) bool
	visit = func(v any, depth int) bool {
		if depth > 8 {
			return false
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				if visit(e, depth+1) {
					return true
				}
			}
		case map[string]any:
			if g, ok := x["@graph"]; ok && visit(g, depth+1) {
				return true
			}
			date, _ := x["datePublished"].(string)
			isArticle := false
			switch t := x["@type"].(type) {
			case string:
				isArticle = articleTypes[t]
			case []any:
				for _, e := range t {
					if s, ok := e.(string); ok && articleTypes[s] {
						isArticle = true
					}
				}
			}
			if date == "" && !isArticle {
				return false
			}
			found.date = date
			found.title, _ = x["headline"].(string)
			found.author = ldName(x["author"], 0)
			return date != ""
		}
		return false
	}
	visit(v, 0)
	return found
}

// ldName reads an author: a string, a Person, or a list of them.
func ldName(v any, depth int) string {
	if depth > 4 {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		s, _ := x["name"].(string)
		return s
	case []any:
		var names []string
		for _, e := range x {
			if s := ldName(e, depth+1); s != "" {
				names = append(names, s)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

// looseLayouts are the date forms found in page metadata.
var looseLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00",
	"2006-01-02T15:04", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05", "2006-01-02",
	"20060102", "2006/01/02", time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "January 2, 2006", "2 January 2006",
	"Jan 2, 2006",
}

// parseLooseDate reads a publication date in any of the usual metadata
// forms, as the day it names.
func parseLooseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, l := range looseLayouts {
		if t, err := time.Parse(l, s); err == nil && t.Year() >= 1900 && t.Year() < 2200 {
			return dayOf(t), true
		}
	}
	return time.Time{}, false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			return s
		}
	}
	return ""
}

// tidyText trims each line, drops blank lines and collapses runs of
// spaces: one paragraph a line.
func tidyText(s string) string {
	var b strings.Builder
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(make([]byte, 0, 64<<10), MaxArticle+1)
	for sc.Scan() {
		line := strings.Join(strings.Fields(strings.ReplaceAll(sc.Text(), "\u00a0", " ")), " ")
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
	return b.String()
}

// letters counts the letters in s, up to a point.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if r > ' ' && !strings.ContainsRune(".,;:!?-–—()[]{}\"'|/*#", r) {
			n++
			if n > 1000 {
				break
			}
		}
	}
	return n
}

// readHTMLFile reads one HTML page as one article.
func readHTMLFile(name, kindName string, br *bufio.Reader, opt Options, emit func(event.Article) error, bad func(Problem)) error {
	b, tooBig, err := readAllCapped(br, MaxArticle)
	if err != nil {
		bad(Problem{File: name, Err: inputError(err)})
		return nil
	}
	if tooBig {
		bad(Problem{File: name, Err: fmt.Errorf("page larger than %d bytes; not read", MaxArticle)})
		return nil
	}
	a, p := pageArticle(b, "", "", opt)
	if p != nil {
		p.File = name
		bad(*p)
		return nil
	}
	a.ID = baseID(kindName)
	a.Origin = name
	return emit(a)
}

// pageArticle turns a page into an article, dated by its metadata or
// else by opt.Published. The id is left to the caller.
func pageArticle(b []byte, pageURL, contentType string, opt Options) (event.Article, *Problem) {
	page, err := ExtractHTML(b, pageURL, contentType)
	if err != nil {
		return event.Article{}, &Problem{Err: err}
	}
	a := event.Article{URL: page.URL, Title: page.Title, Byline: page.Byline, Text: page.Text, Published: page.Published}
	if a.Published.IsZero() {
		if opt.Published.IsZero() {
			return a, &Problem{Field: "published", Err: errors.New("the page gives no publication date; give --published YYYY-MM-DD")}
		}
		a.Published = opt.Published
	}
	return a, nil
}
