// Package store owns keeping coded articles and events: one interface,
// Store, with two implementations (SQLite, the default, in
// internal/store/sqlite, and PostgreSQL in internal/store/postgres), the
// schema migrations they share, stable event ids, filters and cursor
// pagination.
//
// The two implementations import this package, not the other way round:
// the program (cmd/dyad) picks one by the URL's scheme and opens it with
// sqlite.Open or postgres.Open.
//
// Writes are idempotent: PutArticle replaces every row an article owns in
// one transaction, so coding the same article twice, or again after a
// crash, leaves one copy.
package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/event"
)

// DefaultURL is the store used when none is given: a SQLite file in the
// working directory.
const DefaultURL = "sqlite://dyad.db"

// ErrNotFound is returned (wrapped) by Event and Article for an unknown id.
var ErrNotFound = errors.New("not found")

// Store keeps articles and their events. Implementations are safe for
// concurrent use.
type Store interface {
	// PutArticle stores an article (with its cleaned text, split into
	// sentences) and its events, replacing whatever the store held for that
	// article id, in one transaction. When the article's content is
	// unchanged and its Coder differs from the one that coded the stored
	// events, those events are kept in the archive under their coder
	// version (Filter.Coder reads them). Event ids are assigned with
	// event.AssignIDs when empty, and an empty Hash with the ContentHash
	// of what the store keeps (no HTML). An article whose Hash matches
	// another stored article's is recorded with DuplicateOf set to that
	// article and no events. The store sets Events and CodedAt itself.
	PutArticle(ctx context.Context, a event.Article, events []event.Event) error
	// Events returns the events matching f, ordered by (date, id), and the
	// cursor of the next page ("" when there is none).
	Events(ctx context.Context, f Filter) ([]StoredEvent, string, error)
	// Event returns one event with its mentions, or an error wrapping
	// ErrNotFound.
	Event(ctx context.Context, id string) (StoredEvent, error)
	// Article returns one article with its cleaned text, or an error
	// wrapping ErrNotFound.
	Article(ctx context.Context, id string) (event.Article, error)
	// Actors counts the events each actor code took part in (as source or
	// target) among the events matching f, most active first, at most
	// f.Limit of them.
	Actors(ctx context.Context, f Filter) ([]ActorCount, error)
	// Series buckets the events matching f by event date: bucket is "day",
	// "week" (starting Monday) or "month".
	Series(ctx context.Context, f Filter, bucket string) ([]Point, error)
	// Relations returns the recorded states of the relation between actor
	// codes a and b (in either direction), oldest first.
	Relations(ctx context.Context, a, b string) ([]Relation, error)
	// PutRelation records one relation state (for the relations/fusion
	// work); a row with the same (A, B, Since) is replaced.
	PutRelation(ctx context.Context, r Relation) error
	// Stats counts what the store holds.
	Stats(ctx context.Context) (Stats, error)
	// ArticleEvents returns every current event of one article, in
	// evidence order.
	ArticleEvents(ctx context.Context, articleID string) ([]StoredEvent, error)
	// Articles returns up to limit stored articles (with their text) whose
	// id sorts after after, in id order: the way to walk the whole store.
	// Duplicates of other articles are left out.
	Articles(ctx context.Context, after string, limit int) ([]event.Article, error)
	// Coders counts the events each coder version produced, current and
	// archived (see PutArticle: re-coding an article archives the events an
	// older coder gave it), newest first.
	Coders(ctx context.Context) ([]CoderCount, error)
	// Feed returns what the watcher recorded of a feed ("" fields and no
	// error when it has never been polled).
	Feed(ctx context.Context, url string) (FeedState, error)
	// PutFeed records a poll of a feed.
	PutFeed(ctx context.Context, f FeedState) error
	// Page returns what the watcher recorded of a page URL, and whether it
	// has.
	Page(ctx context.Context, url string) (PageState, bool, error)
	// PutPage records a fetch of a page.
	PutPage(ctx context.Context, p PageState) error
	// RetryPages lists the pages whose last fetch failed and that have
	// been tried fewer than maxTries times, oldest fetch first.
	RetryPages(ctx context.Context, maxTries int) ([]PageState, error)
	// Close releases the store's connections.
	Close() error
}

// Coded is one coded article, as handed to Batcher.PutArticles.
type Coded struct {
	Article event.Article
	Events  []event.Event
}

// Batcher is a Store that can also store many articles in one
// transaction, which is much faster than one PutArticle each. Both stores
// implement it; PutBatch uses it when it can.
type Batcher interface {
	// PutArticles stores the articles as PutArticle would, all or none,
	// and tells what the store did with them.
	PutArticles(ctx context.Context, batch []Coded) (Tally, error)
}

// Tally counts what storing articles did: new articles, articles already
// stored under their id (Unchanged when the content is the same, Updated
// when not), content duplicates of another stored article (kept as a
// pointer to it, their events not stored), and the events stored.
type Tally struct {
	New, Updated, Unchanged, Duplicates, Events int
}

// Add adds o's counts to t.
func (t *Tally) Add(o Tally) {
	t.New += o.New
	t.Updated += o.Updated
	t.Unchanged += o.Unchanged
	t.Duplicates += o.Duplicates
	t.Events += o.Events
}

// PutBatch stores a batch of coded articles: in one transaction when s is
// a Batcher, else one PutArticle after another (then every article counts
// as new: such a store cannot say more).
func PutBatch(ctx context.Context, s Store, batch []Coded) (Tally, error) {
	if b, ok := s.(Batcher); ok {
		t, err := b.PutArticles(ctx, batch)
		if err != nil {
			return Tally{}, fmt.Errorf("put %d articles: %w", len(batch), err)
		}
		return t, nil
	}
	var t Tally
	for _, c := range batch {
		if err := s.PutArticle(ctx, c.Article, c.Events); err != nil {
			return t, err
		}
		t.New++
		t.Events += len(c.Events)
	}
	return t, nil
}

// StoredEvent is an event as stored: the contract's event (with its id and
// mentions) plus what the store knows about its article.
type StoredEvent struct {
	event.Event
	ArticleURL   string `json:"article_url,omitempty"`
	ArticleTitle string `json:"article_title,omitempty"`
}

// Filter selects events. Zero fields select everything.
type Filter struct {
	Start, End time.Time   // event date range, both inclusive (dates only)
	Actor      string      // actor code (source or target), e.g. "IRN" or "IRNGOV"; a 3-letter code also matches its agents
	Dyad       [2]string   // source and target codes, either direction; same prefix rule as Actor
	Code       string      // CAMEO code prefix, e.g. "19" or "195"
	Root       string      // CAMEO root (2 digits), e.g. "19"
	Quad       int         // QuadClass 1-4, 0 any
	Place      string      // location name, admin1 or country code (exact, case-insensitive)
	BBox       *[4]float64 // min lon, min lat, max lon, max lat
	Text       string      // full-text search in the evidence sentence (words, all must match)
	Group      string      // CAMEO known-group code of the source or the target ("UNO", "NAT", "HMS")
	// Coder, when set, selects the events that coder version produced
	// (kept current or archived by a later re-code) instead of the
	// current events.
	Coder  string
	Limit  int    // page size; 0 means DefaultLimit, capped at MaxLimit
	Cursor string // from a previous Events call
}

// Page sizes.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// ActorCount is how often one actor code took part in events.
type ActorCount struct {
	Code     string `json:"code"`
	Country  string `json:"country"`
	Agent    string `json:"agent"`
	Name     string `json:"name"` // the most recent text written for it
	Events   int    `json:"events"`
	AsSource int    `json:"as_source"`
	AsTarget int    `json:"as_target"`
}

// Point is one bucket of a time series.
type Point struct {
	Date      string  `json:"date"` // first day of the bucket, YYYY-MM-DD
	Count     int     `json:"count"`
	Goldstein float64 `json:"goldstein"` // sum of Goldstein scores
	Quad      [4]int  `json:"quad"`      // counts of QuadClass 1..4 (index 0..3)
}

// Relation is one recorded state of the relation between two actors: a
// row of the relations table, keyed by (A, B, Since), with the event that
// set it. It is not fusion.Relation, which is a country pair's whole
// history computed from events (every change of its state machine and the
// series of its events) and is never stored: the API turns each change of
// one of those into one of these when the store has recorded none.
type Relation struct {
	A        string `json:"a"`
	B        string `json:"b"`
	State    string `json:"state"` // e.g. "normal", "broken", "restored"
	Since    string `json:"since"` // date the state began, YYYY-MM-DD
	Broken   string `json:"broken,omitempty"`
	Restored string `json:"restored,omitempty"`
	EventID  string `json:"event_id,omitempty"` // the event that set the state
}

// Stats counts what the store holds.
type Stats struct {
	Driver        string `json:"driver"`
	SchemaVersion int    `json:"schema_version"`
	Articles      int    `json:"articles"`
	Duplicates    int    `json:"duplicates"`
	Sentences     int    `json:"sentences"`
	Events        int    `json:"events"`
	Actors        int    `json:"actors"`
	FirstDate     string `json:"first_date,omitempty"`
	LastDate      string `json:"last_date,omitempty"`
}

// SQLitePath turns a SQLite store URL ("sqlite://PATH", "sqlite:///abs/PATH"
// or a bare path) into the database file's path, without query parameters.
func SQLitePath(url string) string {
	p := strings.TrimPrefix(url, "sqlite://")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	return p
}
