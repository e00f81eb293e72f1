// Package watch owns following news feeds: it polls RSS and Atom feeds
// with conditional requests, fetches each new article page once (one
// request at a time per host with a pause between them, timeouts, size
// caps, robots.txt obeyed), extracts the story, codes it and stores it.
// What it has seen (each feed's validators, each page's outcome) lives in
// the store, so a watcher that is stopped and started again fetches
// nothing twice and stores nothing twice.
package watch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/dedup"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
)

// Options tune a Watcher; zero fields take the defaults.
type Options struct {
	// Client makes the requests; its Timeout bounds each one (default 30 s).
	Client *http.Client
	// UserAgent is sent with every request and matched against robots.txt
	// groups by its first word (default "dyad").
	UserAgent string
	// HostDelay is the least time between two requests to one host
	// (default 1 s).
	HostDelay time.Duration
	// MaxPage and MaxFeed cap what is read of a page and of a feed
	// (default ingest.MaxArticle and ingest.MaxFeed).
	MaxPage, MaxFeed int64
	// MaxTries is how many times a page that fails (a 5xx, a timeout) is
	// tried, one try per round, before it is given up (default 3).
	MaxTries int
	// Dedup, when set, leaves out pages whose text nearly repeats an
	// article this watcher stored (a wire story on two sites).
	Dedup *dedup.Index
	// AllLanguages codes pages in every language; by default pages the
	// language detector calls other than English are recorded and left.
	AllLanguages bool
	// Log receives one line per problem and per page stored; nil is quiet.
	Log func(msg string)
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Watcher follows feeds into a store. It is not safe for concurrent use:
// run one round at a time.
type Watcher struct {
	st   store.Store
	p    *pipeline.Pipeline
	opt  Options
	last map[string]time.Time // host → time of the last request to it
	bots map[string]*robots   // host (scheme://host) → its robots.txt
	// tried holds the pages this round fetched (a page two feeds list is
	// fetched once).
	tried map[string]bool
}

// New returns a watcher that codes with p and stores into st.
func New(st store.Store, p *pipeline.Pipeline, opt Options) *Watcher {
	if opt.Client == nil {
		opt.Client = &http.Client{Timeout: 30 * time.Second}
	}
	if opt.UserAgent == "" {
		opt.UserAgent = "dyad"
	}
	if opt.HostDelay == 0 {
		opt.HostDelay = time.Second
	}
	if opt.MaxPage <= 0 {
		opt.MaxPage = ingest.MaxArticle
	}
	if opt.MaxFeed <= 0 {
		opt.MaxFeed = ingest.MaxFeed
	}
	if opt.MaxTries <= 0 {
		opt.MaxTries = 3
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Watcher{st: st, p: p, opt: opt, last: map[string]time.Time{}, bots: map[string]*robots{}}
}

// Stats counts what one round did.
type Stats struct {
	Feeds       int // feeds polled
	NotModified int // feeds that answered 304 Not Modified
	FeedErrors  int // feeds that could not be fetched or read
	Items       int // items listed by the feeds read
	Seen        int // items whose page was already fetched (or given up)
	Stored      int // pages coded and stored as new articles
	Events      int // events stored with them
	Duplicates  int // pages whose text repeats a stored article (not coded again)
	Skipped     int // pages left out: robots.txt, not English, no story text
	PageErrors  int // pages that failed this round (tried again next round)
}

// Problems is the number of feeds and pages that failed.
func (s Stats) Problems() int { return s.FeedErrors + s.PageErrors }

func (s Stats) String() string {
	return fmt.Sprintf("%d feeds (%d not modified, %d failed), %d items: %d already seen, %d stored (%d events), %d duplicates, %d skipped, %d failed",
		s.Feeds, s.NotModified, s.FeedErrors, s.Items, s.Seen, s.Stored, s.Events, s.Duplicates, s.Skipped, s.PageErrors)
}

func (w *Watcher) logf(format string, a ...any) {
	if w.opt.Log != nil {
		w.opt.Log(fmt.Sprintf(format, a...))
	}
}

// Run polls the feeds every interval until ctx ends, starting at once;
// after each round it calls done (when set) with the round's counts.
func (w *Watcher) Run(ctx context.Context, feeds []string, interval time.Duration, done func(Stats)) error {
	for {
		st, err := w.Round(ctx, feeds)
		if err != nil {
			return err
		}
		if done != nil {
			done(st)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(interval):
		}
	}
}

// Round polls every feed once and fetches, codes and stores the pages of
// new items. A feed or page that fails is logged, counted and left for
// the next round; only a store failure (or ctx ending, which returns
// nil) stops the round.
func (w *Watcher) Round(ctx context.Context, feeds []string) (Stats, error) {
	var st Stats
	w.tried = map[string]bool{}
	for _, f := range feeds {
		if ctx.Err() != nil {
			return st, nil
		}
		if err := w.feed(ctx, f, &st); err != nil {
			if ctx.Err() != nil {
				return st, nil
			}
			return st, err
		}
	}
	if err := w.retry(ctx, &st); err != nil && ctx.Err() == nil {
		return st, err
	}
	return st, nil
}

// feed polls one feed and handles its new items.
func (w *Watcher) feed(ctx context.Context, feedURL string, st *Stats) error {
	st.Feeds++
	prev, err := w.st.Feed(ctx, feedURL)
	if err != nil {
		return err
	}
	hdr := http.Header{}
	if prev.ETag != "" {
		hdr.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		hdr.Set("If-Modified-Since", prev.LastModified)
	}
	now := w.opt.Now()
	res, body, err := w.get(ctx, feedURL, hdr, w.opt.MaxFeed)
	state := store.FeedState{URL: feedURL, ETag: prev.ETag, LastModified: prev.LastModified, CheckedAt: now}
	if res != nil {
		state.Status = res.StatusCode
	}
	fail := func(err error) error {
		st.FeedErrors++
		state.Error = err.Error()
		w.logf("feed %s: %v", feedURL, err)
		return w.st.PutFeed(ctx, state)
	}
	switch {
	case err != nil:
		return fail(err)
	case res.StatusCode == http.StatusNotModified:
		st.NotModified++
		return w.st.PutFeed(ctx, state)
	case res.StatusCode != http.StatusOK:
		return fail(fmt.Errorf("HTTP %s", res.Status))
	}
	items, err := ingest.ParseFeed(body)
	if err != nil {
		return fail(err)
	}
	base, _ := url.Parse(feedURL)
	for _, it := range items {
		if ctx.Err() != nil {
			return nil // the validators stay old: the next round reads the feed whole again
		}
		st.Items++
		if err := w.item(ctx, base, feedURL, it, st); err != nil {
			return err
		}
	}
	// Every item is settled (a page that failed is in the store, to be
	// tried again at the end of the next rounds): the next poll may ask
	// "changed since?".
	state.ETag, state.LastModified = res.Header.Get("ETag"), res.Header.Get("Last-Modified")
	return w.st.PutFeed(ctx, state)
}

// retry fetches again the pages that failed in earlier rounds and have
// tries left, unless this round fetched them already.
func (w *Watcher) retry(ctx context.Context, st *Stats) error {
	ps, err := w.st.RetryPages(ctx, w.opt.MaxTries)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if ctx.Err() != nil || w.tried[p.URL] {
			continue
		}
		link, it := p.URL, ingest.FeedItem{Link: p.URL}
		if strings.HasPrefix(link, "item:") {
			continue // a feed-only story is read again with its feed
		}
		base, _ := url.Parse(link)
		if err := w.item(ctx, base, p.Feed, it, st); err != nil {
			return err
		}
	}
	return nil
}

// item handles one feed item: its page is fetched, coded and stored,
// unless it was before; what happened is recorded with the page.
func (w *Watcher) item(ctx context.Context, base *url.URL, feedURL string, it ingest.FeedItem, st *Stats) error {
	link := it.Link
	if link != "" {
		if u, err := base.Parse(link); err == nil {
			u.Fragment = ""
			link = u.String()
		}
	}
	key := link
	if key == "" {
		if it.GUID == "" || it.Text == "" {
			st.Skipped++
			w.logf("feed %s: an item with neither link nor text (%q); left out", feedURL, it.Title)
			return nil
		}
		key = "item:" + feedURL + "#" + it.GUID // a story told in the feed only
	}
	prev, seen, err := w.st.Page(ctx, key)
	if err != nil {
		return err
	}
	if seen && (prev.Tries == 0 || prev.Tries >= w.opt.MaxTries) || w.tried[key] {
		st.Seen++
		return nil
	}
	w.tried[key] = true
	if !seen && link != "" {
		// Stored, but killed before the page was noted: note it now.
		if a, err := w.st.Article(ctx, articleID(link)); err == nil {
			st.Seen++
			return w.st.PutPage(ctx, store.PageState{URL: key, Feed: feedURL, ArticleID: a.ID, Status: http.StatusOK, FetchedAt: a.CodedAt})
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	page := store.PageState{URL: key, Feed: feedURL, FetchedAt: w.opt.Now()}
	a, reason, err := w.article(ctx, link, it, &page)
	if err != nil {
		page.Tries = prev.Tries + 1
		page.Error = err.Error()
		st.PageErrors++
		left := ""
		if page.Tries >= w.opt.MaxTries {
			left = fmt.Sprintf(" (tried %d times; given up)", page.Tries)
		}
		w.logf("page %s: %v%s", key, err, left)
		return w.st.PutPage(ctx, page)
	}
	if reason != "" {
		st.Skipped++
		page.Error = reason
		w.logf("page %s: %s; left out", key, reason)
		return w.st.PutPage(ctx, page)
	}
	if w.opt.Dedup != nil {
		if of, dup := w.opt.Dedup.Add(a.ID, a.Title+"\n"+a.Text); dup && of != a.ID {
			st.Duplicates++
			page.ArticleID, page.Error = of, "near-duplicate of article "+of
			w.logf("page %s: %s; not coded again", key, page.Error)
			return w.st.PutPage(ctx, page)
		}
	}
	r := w.p.Code(a)
	t, err := store.PutBatch(ctx, w.st, []store.Coded{{Article: r.StoreArticle(), Events: r.Events}})
	if err != nil {
		return err
	}
	page.ArticleID = a.ID
	// The article is stored: note the page even if the watcher is being
	// stopped.
	ctx = context.WithoutCancel(ctx)
	if t.Duplicates > 0 {
		st.Duplicates++
		page.Error = "the same text as a stored article"
	} else {
		st.Stored++
		st.Events += t.Events
		w.logf("page %s: stored, %d events", key, t.Events)
	}
	return w.st.PutPage(ctx, page)
}

// article fetches an item's page and makes the article of it. It returns
// a reason when the page is to be left out for good, and an error when
// the fetch failed and may work later.
func (w *Watcher) article(ctx context.Context, link string, it ingest.FeedItem, page *store.PageState) (event.Article, string, error) {
	a := event.Article{URL: link, Title: it.Title, Text: it.Text, Published: it.Published, Origin: link}
	if link != "" {
		ok, err := w.robotsAllow(ctx, link)
		if err != nil {
			return a, "", err
		}
		if !ok {
			return a, "disallowed by robots.txt", nil
		}
		res, body, err := w.get(ctx, link, nil, w.opt.MaxPage)
		if res != nil {
			page.Status = res.StatusCode
		}
		switch {
		case err != nil:
			return a, "", err
		case res.StatusCode >= 500 || res.StatusCode == http.StatusTooManyRequests || res.StatusCode == http.StatusRequestTimeout:
			return a, "", fmt.Errorf("HTTP %s", res.Status)
		case res.StatusCode != http.StatusOK:
			return a, fmt.Sprintf("HTTP %s", res.Status), nil
		}
		pg, err := ingest.ExtractHTML(body, res.Request.URL.String(), res.Header.Get("Content-Type"))
		switch {
		case err == nil:
			a.Text = pg.Text
			if pg.Title != "" {
				a.Title = pg.Title
			}
			if !pg.Published.IsZero() {
				a.Published = pg.Published
			}
			a.Byline = pg.Byline
		case a.Text == "":
			return a, "no story text on the page: " + err.Error(), nil
		}
		// else: the feed's own text stands in for a page that has none.
	}
	if strings.TrimSpace(a.Text) == "" {
		return a, "no story text", nil
	}
	if a.Published.IsZero() {
		// Neither page nor feed dates it: a live feed's news is today's.
		y, m, d := w.opt.Now().UTC().Date()
		a.Published = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	if link != "" {
		a.ID = articleID(link)
	} else {
		a.ID = articleID(it.GUID)
	}
	a.Language = ingest.DetectLanguage(a.Title + "\n" + a.Text)
	if !w.opt.AllLanguages && !a.IsEnglish() {
		return a, fmt.Sprintf("language %q, not English", a.Language), nil
	}
	return a, "", nil
}

// robotsAllow fetches (once per host and watcher) and applies the host's
// robots.txt. A missing one (4xx) allows everything; one that cannot be
// read (5xx, a network error) forbids everything for now, as RFC 9309
// asks, which fails the page for this round.
func (w *Watcher) robotsAllow(ctx context.Context, link string) (bool, error) {
	u, ok := httpURL(link)
	if !ok {
		return false, fmt.Errorf("not an http(s) URL")
	}
	site := u.Scheme + "://" + u.Host
	r := w.bots[site]
	if r == nil {
		res, body, err := w.get(ctx, site+"/robots.txt", nil, 512<<10)
		switch {
		case err != nil:
			return false, fmt.Errorf("robots.txt: %w", err)
		case res.StatusCode >= 500:
			return false, fmt.Errorf("robots.txt: HTTP %s", res.Status)
		case res.StatusCode != http.StatusOK:
			r = allowAll
		default:
			agent, _, _ := strings.Cut(w.opt.UserAgent, "/")
			r = parseRobots(string(body), strings.Fields(agent + " dyad")[0])
		}
		w.bots[site] = r
	}
	return r.allowed(u.EscapedPath() + queryOf(u)), nil
}

// httpURL parses an absolute http or https URL.
func httpURL(s string) (*url.URL, bool) {
	u, err := url.Parse(s)
	return u, err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https")
}

// articleID is the id of the article a page (or feed-only item) makes:
// known before the page is fetched.
func articleID(key string) string { return ingest.StableID(key, "") }

func queryOf(u *url.URL) string {
	if u.RawQuery == "" {
		return ""
	}
	return "?" + u.RawQuery
}

// get makes one GET request, waiting first for the host's turn, and reads
// at most max bytes of the body (more is an error).
func (w *Watcher) get(ctx context.Context, link string, hdr http.Header, max int64) (*http.Response, []byte, error) {
	u, ok := httpURL(link)
	if !ok {
		return nil, nil, fmt.Errorf("not an http(s) URL")
	}
	if last, ok := w.last[u.Host]; ok {
		if wait := w.opt.HostDelay - time.Since(last); wait > 0 {
			select {
			case <-ctx.Done():
				return nil, nil, ctx.Err()
			case <-time.After(wait):
			}
		}
	}
	defer func() { w.last[u.Host] = time.Now() }()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return nil, nil, err
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	req.Header.Set("User-Agent", w.opt.UserAgent)
	res, err := w.opt.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is logged beside it already
		}
		return nil, nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, max+1))
	if err != nil {
		return res, nil, fmt.Errorf("reading the answer: %w", err)
	}
	if int64(len(body)) > max {
		return res, nil, fmt.Errorf("larger than %d bytes; not read", max)
	}
	return res, body, nil
}

// ReadList reads feed URLs from a file: one per line, blank lines and
// lines starting with # ignored. A line that is no http(s) URL is an
// error naming the file and line.
func ReadList(name string, r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if _, ok := httpURL(line); !ok {
			return nil, fmt.Errorf("%s:%d: %q is not an http(s) URL", name, n, line)
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}
