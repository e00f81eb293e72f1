package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// readFeed reads an RSS or Atom feed: each item is an article, its text
// the item's content (else its description) with the HTML stripped, its
// date the item's publication (else update) date, else the feed's, else
// opt.Published. A feed document is parsed whole, so it is capped at
// MaxFeed bytes.
func readFeed(name string, br *bufio.Reader, opt Options, emit func(Article) error, bad func(Problem)) error {
	b, tooBig, err := readAllCapped(br, MaxFeed)
	if err != nil {
		bad(Problem{File: name, Err: inputError(err)})
		return nil
	}
	if tooBig {
		bad(Problem{File: name, Err: fmt.Errorf("feed larger than %d bytes; not read", MaxFeed)})
		return nil
	}
	if binary(b) {
		bad(Problem{File: name, Err: errors.New("binary file, not a feed")})
		return nil
	}
	feed, err := parseFeed(string(b))
	if err != nil {
		bad(Problem{File: name, Err: fmt.Errorf("not an RSS or Atom feed: %v", err)})
		return nil
	}
	if len(feed.Items) == 0 {
		bad(Problem{File: name, Err: errors.New("feed has no items")})
		return nil
	}
	feedDate := firstTime(feed.PublishedParsed, feed.UpdatedParsed)
	for i, it := range feed.Items {
		n := i + 1
		if it == nil {
			continue
		}
		if len(it.Content) > MaxArticle || len(it.Description) > MaxArticle {
			bad(Problem{File: name, Line: n, Field: "content", Err: fmt.Errorf("item larger than %d bytes", MaxArticle)})
			continue
		}
		text := FragmentText(it.Content)
		if text == "" {
			text = FragmentText(it.Description)
		}
		a := Article{
			URL:    strings.TrimSpace(it.Link),
			Title:  FragmentText(it.Title),
			Text:   text,
			Origin: fmt.Sprintf("%s:%d", name, n),
		}
		var authors []string
		for _, p := range it.Authors {
			if p != nil && strings.TrimSpace(p.Name) != "" {
				authors = append(authors, strings.TrimSpace(p.Name))
			}
		}
		a.Byline = strings.Join(authors, ", ")
		if strings.TrimSpace(a.Text) == "" {
			bad(Problem{File: name, Line: n, Field: "description", Err: errors.New("item has no text (neither content nor description)")})
			continue
		}
		switch t := firstTime(it.PublishedParsed, it.UpdatedParsed); {
		case !t.IsZero():
			a.Published = dayOf(t)
		case !feedDate.IsZero():
			a.Published = dayOf(feedDate)
		case !opt.Published.IsZero():
			a.Published = opt.Published
		default:
			bad(Problem{File: name, Line: n, Field: "pubDate", Err: errors.New("item has no date and neither has the feed; give --published YYYY-MM-DD")})
			continue
		}
		a.ID = strings.TrimSpace(it.GUID)
		if a.ID == "" {
			a.ID = StableID(a.URL, a.Text)
		}
		if err := emit(a); err != nil {
			return err
		}
	}
	return nil
}

// FeedItem is one item of a feed as a watcher reads it: where the story
// is, and what the feed itself says of it.
type FeedItem struct {
	GUID, Link, Title string
	Text              string    // the item's content, else its description, as plain text
	Published         time.Time // the item's date, else the feed's; zero when neither has one
}

// ParseFeed reads an RSS or Atom document (at most MaxFeed bytes) into its
// items, in the feed's order.
func ParseFeed(b []byte) ([]FeedItem, error) {
	if len(b) > MaxFeed {
		return nil, fmt.Errorf("feed larger than %d bytes", MaxFeed)
	}
	if binary(b) {
		return nil, errors.New("binary data, not a feed")
	}
	feed, err := parseFeed(string(b))
	if err != nil {
		return nil, fmt.Errorf("not an RSS or Atom feed: %v", err)
	}
	feedDate := firstTime(feed.PublishedParsed, feed.UpdatedParsed)
	var out []FeedItem
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		fi := FeedItem{GUID: strings.TrimSpace(it.GUID), Link: strings.TrimSpace(it.Link), Title: FragmentText(it.Title)}
		if len(it.Content) <= MaxArticle && len(it.Description) <= MaxArticle {
			if fi.Text = FragmentText(it.Content); fi.Text == "" {
				fi.Text = FragmentText(it.Description)
			}
		}
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
