package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/event"
)

// CoderCount is how many events one coder version produced.
type CoderCount struct {
	Coder    string `json:"coder"`    // "" for events stored before versions were recorded
	Current  int    `json:"current"`  // events of this version that are current
	Archived int    `json:"archived"` // events of this version a later re-code replaced
	Articles int    `json:"articles"` // articles whose current events it coded
}

// FeedState is what the watcher knows of one feed: the validators of its
// last answer, for a conditional request next time.
type FeedState struct {
	URL          string    `json:"url"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	CheckedAt    time.Time `json:"checked_at"`
	Status       int       `json:"status"`          // HTTP status of the last poll, 0 when it failed before one
	Error        string    `json:"error,omitempty"` // why the last poll failed
}

// PageState is what the watcher knows of one article page.
type PageState struct {
	URL       string    `json:"url"`
	Feed      string    `json:"feed"`                 // the feed that listed it
	ArticleID string    `json:"article_id,omitempty"` // the stored article, when it was stored
	Status    int       `json:"status"`               // HTTP status, 0 when the fetch failed before one
	Error     string    `json:"error,omitempty"`
	FetchedAt time.Time `json:"fetched_at"`
	Tries     int       `json:"tries"` // fetches that failed in a row (0 once one succeeded)
}

// WatchFeedsDDL and WatchPagesDDL create the watcher's tables; the SQL is
// the same in both databases.
const (
	WatchFeedsDDL = `CREATE TABLE watch_feeds (
		url TEXT PRIMARY KEY,
		etag TEXT NOT NULL DEFAULT '',
		last_modified TEXT NOT NULL DEFAULT '',
		checked_at BIGINT NOT NULL,
		status INTEGER NOT NULL DEFAULT 0,
		error TEXT NOT NULL DEFAULT '')`
	WatchPagesDDL = `CREATE TABLE watch_pages (
		url TEXT PRIMARY KEY,
		feed_url TEXT NOT NULL DEFAULT '',
		article_id TEXT NOT NULL DEFAULT '',
		status INTEGER NOT NULL DEFAULT 0,
		error TEXT NOT NULL DEFAULT '',
		fetched_at BIGINT NOT NULL,
		tries INTEGER NOT NULL DEFAULT 0)`
)

// eventsFrom is the FROM item the event queries read as "e": the current
// events, or every event one coder version produced (current or archived)
// when f.Coder is set; args go before the WHERE clause's.
func eventsFrom(f Filter) (string, []any) {
	if f.Coder == "" {
		return "events e", nil
	}
	cols := strings.Join(eventCols, ", ")
	return "(SELECT " + cols + " FROM events WHERE coder = ? UNION ALL SELECT " + cols +
		" FROM event_archive WHERE coder = ?) e", []any{f.Coder, f.Coder}
}

// archiveEvents copies the article's current events that another coder
// version produced into the archive (a row already there stays).
func (s *DB) archiveEvents(ctx context.Context, tx *sql.Tx, articleID, coder string) error {
	cols := strings.Join(eventCols, ", ")
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO event_archive (`+cols+`, archived_at)
		SELECT `+cols+`, ? FROM events WHERE article_id = ? AND coder <> ?
		ON CONFLICT (id, coder) DO NOTHING`), time.Now().UnixMilli(), articleID, coder)
	if err != nil {
		return fmt.Errorf("archive events: %w", err)
	}
	return nil
}

// ArticleEvents implements Store.
func (s *DB) ArticleEvents(ctx context.Context, articleID string) ([]StoredEvent, error) {
	rows, err := s.SQL.QueryContext(ctx, s.q(`SELECT e.doc, a.url, a.title FROM events e JOIN articles a ON a.id = e.article_id
		WHERE e.article_id = ? ORDER BY e.evidence_start, e.id`), articleID)
	if err != nil {
		return nil, fmt.Errorf("article %s events: %w", articleID, err)
	}
	defer rows.Close()
	var out []StoredEvent
	for rows.Next() {
		var doc []byte
		var se StoredEvent
		if err := rows.Scan(&doc, &se.ArticleURL, &se.ArticleTitle); err != nil {
			return nil, fmt.Errorf("article %s events: %w", articleID, err)
		}
		if err := json.Unmarshal(doc, &se.Event); err != nil {
			return nil, fmt.Errorf("article %s events: decode stored event: %w", articleID, err)
		}
		out = append(out, se)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("article %s events: %w", articleID, err)
	}
	return out, nil
}

// Articles implements Store.
func (s *DB) Articles(ctx context.Context, after string, limit int) ([]event.Article, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	rows, err := s.SQL.QueryContext(ctx, s.q(`SELECT id, origin, url, title, `+s.D.DateOut("published")+`, hash, language, text, n_events, coded_at, coder
		FROM articles WHERE id > ? AND duplicate_of IS NULL ORDER BY id LIMIT ?`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("articles: %w", err)
	}
	defer rows.Close()
	var out []event.Article
	for rows.Next() {
		var a event.Article
		var pub string
		var coded int64
		if err := rows.Scan(&a.ID, &a.Origin, &a.URL, &a.Title, &pub, &a.Hash, &a.Language, &a.Text, &a.Events, &coded, &a.Coder); err != nil {
			return nil, fmt.Errorf("articles: %w", err)
		}
		a.Published, _ = time.Parse("2006-01-02", pub)
		a.CodedAt = time.UnixMilli(coded).UTC()
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("articles: %w", err)
	}
	return out, nil
}

// Coders implements Store.
func (s *DB) Coders(ctx context.Context) ([]CoderCount, error) {
	by := map[string]*CoderCount{}
	get := func(c string) *CoderCount {
		if by[c] == nil {
			by[c] = &CoderCount{Coder: c}
		}
		return by[c]
	}
	var newest []string // coder versions, most recently used first
	for _, q := range []struct {
		sql string
		add func(c *CoderCount, n int)
	}{
		{`SELECT coder, COUNT(*), MAX(coded_at) FROM articles WHERE duplicate_of IS NULL GROUP BY coder ORDER BY 3 DESC`, func(c *CoderCount, n int) { c.Articles = n }},
		{`SELECT coder, COUNT(*), 0 FROM events GROUP BY coder`, func(c *CoderCount, n int) { c.Current = n }},
		{`SELECT coder, COUNT(*), MAX(archived_at) FROM event_archive GROUP BY coder ORDER BY 3 DESC`, func(c *CoderCount, n int) { c.Archived = n }},
	} {
		rows, err := s.SQL.QueryContext(ctx, q.sql)
		if err != nil {
			return nil, fmt.Errorf("coders: %w", err)
		}
		for rows.Next() {
			var c string
			var n int
			var at int64
			if err := rows.Scan(&c, &n, &at); err != nil {
				rows.Close()
				return nil, fmt.Errorf("coders: %w", err)
			}
			if by[c] == nil {
				newest = append(newest, c)
			}
			q.add(get(c), n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("coders: %w", err)
		}
	}
	out := make([]CoderCount, 0, len(by))
	for _, c := range newest {
		out = append(out, *by[c])
	}
	// Versions still coding articles first, in the order they last did.
	sort.SliceStable(out, func(i, j int) bool { return (out[i].Articles > 0) && out[j].Articles == 0 })
	return out, nil
}

// Feed implements Store.
func (s *DB) Feed(ctx context.Context, url string) (FeedState, error) {
	f := FeedState{URL: url}
	var at int64
	err := s.SQL.QueryRowContext(ctx, s.q(`SELECT etag, last_modified, checked_at, status, error FROM watch_feeds WHERE url = ?`), url).
		Scan(&f.ETag, &f.LastModified, &at, &f.Status, &f.Error)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return f, nil
	case err != nil:
		return f, fmt.Errorf("feed %s: %w", url, err)
	}
	f.CheckedAt = time.UnixMilli(at).UTC()
	return f, nil
}

// PutFeed implements Store.
func (s *DB) PutFeed(ctx context.Context, f FeedState) error {
	_, err := s.SQL.ExecContext(ctx, s.q(`INSERT INTO watch_feeds (url, etag, last_modified, checked_at, status, error) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
		checked_at = excluded.checked_at, status = excluded.status, error = excluded.error`),
		f.URL, f.ETag, f.LastModified, f.CheckedAt.UnixMilli(), f.Status, f.Error)
	if err != nil {
		return fmt.Errorf("put feed %s: %w", f.URL, err)
	}
	return nil
}

// Page implements Store.
func (s *DB) Page(ctx context.Context, url string) (PageState, bool, error) {
	p := PageState{URL: url}
	var at int64
	err := s.SQL.QueryRowContext(ctx, s.q(`SELECT feed_url, article_id, status, error, fetched_at, tries FROM watch_pages WHERE url = ?`), url).
		Scan(&p.Feed, &p.ArticleID, &p.Status, &p.Error, &at, &p.Tries)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return p, false, nil
	case err != nil:
		return p, false, fmt.Errorf("page %s: %w", url, err)
	}
	p.FetchedAt = time.UnixMilli(at).UTC()
	return p, true, nil
}

// PutPage implements Store.
func (s *DB) PutPage(ctx context.Context, p PageState) error {
	_, err := s.SQL.ExecContext(ctx, s.q(`INSERT INTO watch_pages (url, feed_url, article_id, status, error, fetched_at, tries) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET feed_url = excluded.feed_url, article_id = excluded.article_id, status = excluded.status,
		error = excluded.error, fetched_at = excluded.fetched_at, tries = excluded.tries`),
		p.URL, p.Feed, p.ArticleID, p.Status, p.Error, p.FetchedAt.UnixMilli(), p.Tries)
	if err != nil {
		return fmt.Errorf("put page %s: %w", p.URL, err)
	}
	return nil
}

// RetryPages implements Store.
func (s *DB) RetryPages(ctx context.Context, maxTries int) ([]PageState, error) {
	rows, err := s.SQL.QueryContext(ctx, s.q(`SELECT url, feed_url, article_id, status, error, fetched_at, tries FROM watch_pages
		WHERE tries > 0 AND tries < ? ORDER BY fetched_at, url`), maxTries)
	if err != nil {
		return nil, fmt.Errorf("pages to retry: %w", err)
	}
	defer rows.Close()
	var out []PageState
	for rows.Next() {
		var p PageState
		var at int64
		if err := rows.Scan(&p.URL, &p.Feed, &p.ArticleID, &p.Status, &p.Error, &at, &p.Tries); err != nil {
			return nil, fmt.Errorf("pages to retry: %w", err)
		}
		p.FetchedAt = time.UnixMilli(at).UTC()
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pages to retry: %w", err)
	}
	return out, nil
}
