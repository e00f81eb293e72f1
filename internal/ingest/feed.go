package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/dyad-events/dyad/internal/event"
)

// readFeed reads an RSS or Atom feed: each item is an article, its text
// the item's content (else its description) with the HTML stripped, its
// date the item's publication (else update) date, else the feed's, else
// opt.Published. A feed document is parsed whole, so it is capped at
// MaxFeed bytes.
func readFeed(name string, br *bufio.Reader, opt Options, emit func(event.Article) error, bad func(Problem)) error {
	b, tooBig, err := readAllCapped(br, MaxFeed)
	if err != nil {
		bad(Problem{File: name, Err: inputError(err)})
		return nil
	}
	if tooBig {
		bad(Problem{File: name, Err: fmt.Errorf("feed larger than %d bytes; not read", MaxFeed)})
		return nil
	}
	items, err := ParseFeed(b)
	if err != nil {
		bad(Problem{File: name, Err: err})
		return nil
	}
	if len(items) == 0 {
		bad(Problem{File: name, Err: errors.New("feed has no items")})
		return nil
	}
	for _, it := range items {
		if it.TooBig {
			bad(Problem{File: name, Line: it.N, Field: "content", Err: fmt.Errorf("item larger than %d bytes", MaxArticle)})
			continue
		}
		a := event.Article{URL: it.Link, Title: it.Title, Text: it.Text, Byline: it.Byline, Origin: fmt.Sprintf("%s:%d", name, it.N)}
		if strings.TrimSpace(a.Text) == "" {
			bad(Problem{File: name, Line: it.N, Field: "description", Err: errors.New("item has no text (neither content nor description)")})
			continue
		}
		switch {
		case !it.Published.IsZero():
			a.Published = it.Published
		case !opt.Published.IsZero():
			a.Published = opt.Published
		default:
			bad(Problem{File: name, Line: it.N, Field: "pubDate", Err: errors.New("item has no date and neither has the feed; give --published YYYY-MM-DD")})
			continue
		}
		a.ID = it.GUID
		if a.ID == "" {
			a.ID = StableID(a.URL, a.Text)
		}
		if err := emit(a); err != nil {
			return err
		}
	}
	return nil
}

// FeedItem is one item of a feed: where the story is, and what the feed
// itself says of it.
type FeedItem struct {
	N                 int // its place in the feed, from 1
	GUID, Link, Title string
	Text              string    // the item's content, else its description, as plain text
	Byline            string    // its authors, joined with ", "
	Published         time.Time // the item's day, else the feed's; zero when neither has one
	TooBig            bool      // content or description over MaxArticle bytes (Text left empty)
}

// ParseFeed reads an RSS or Atom document (at most MaxFeed bytes) into its
// items, in the feed's order.
func ParseFeed(b []byte) ([]FeedItem, error) {
	if len(b) > MaxFeed {
		return nil, fmt.Errorf("feed larger than %d bytes", MaxFeed)
	}
	if binary(b) {
		return nil, errors.New("binary file, not a feed")
	}
	feed, err := parseFeed(string(b))
	if err != nil {
		return nil, fmt.Errorf("not an RSS or Atom feed: %v", err)
	}
	feedDate := firstTime(feed.PublishedParsed, feed.UpdatedParsed)
	var out []FeedItem
	for i, it := range feed.Items {
		if it == nil {
			continue
		}
		fi := FeedItem{N: i + 1, GUID: strings.TrimSpace(it.GUID), Link: strings.TrimSpace(it.Link), Title: FragmentText(it.Title)}
		if len(it.Content) > MaxArticle || len(it.Description) > MaxArticle {
			fi.TooBig = true
		} else if fi.Text = FragmentText(it.Content); fi.Text == "" {
			fi.Text = FragmentText(it.Description)
		}
		var authors []string
		for _, p := range it.Authors {
			if p != nil && strings.TrimSpace(p.Name) != "" {
				authors = append(authors, strings.TrimSpace(p.Name))
			}
		}
		fi.Byline = strings.Join(authors, ", ")
		if t := firstTime(it.PublishedParsed, it.UpdatedParsed, &feedDate); !t.IsZero() {
			fi.Published = dayOf(t)
		}
		out = append(out, fi)
	}
	return out, nil
}

// parseFeed parses a feed, turning a panic in the parser into an error.
func parseFeed(s string) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("feed parser failed: %v", r)
		}
	}()
	f, err = gofeed.NewParser().ParseString(s)
	if err == nil && f == nil {
		err = errors.New("empty feed")
	}
	return f, err
}

func firstTime(ts ...*time.Time) time.Time {
	for _, t := range ts {
		if t != nil && !t.IsZero() {
			return *t
		}
	}
	return time.Time{}
}
