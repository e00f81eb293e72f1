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
	"github.com/dyad-events/dyad/internal/text"
)

// Dialect is what differs between the SQL databases the store runs on.
// The store's queries are written once, with ? placeholders and standard
// SQL; a Dialect fills in the rest.
type Dialect struct {
	// Name is the driver name reported by Stats ("sqlite", "postgres").
	Name string
	// Rebind rewrites ? placeholders into the database's own; nil keeps ?.
	Rebind func(query string) string
	// DateArg turns a YYYY-MM-DD date into a query argument.
	DateArg func(date string) any
	// DateOut is the SQL expression reading a date column as YYYY-MM-DD text.
	DateOut func(col string) string
	// Bucket is the SQL expression giving the first day (as YYYY-MM-DD
	// text) of the day, week or month bucket of a date column.
	Bucket func(col, bucket string) string
	// TextMatch is a subquery, with one ? for the FTSQuery result,
	// selecting (article_id, idx) of the sentences that match.
	TextMatch string
	// FTSQuery turns a user's text search into the TextMatch argument ("" when
	// it has no words).
	FTSQuery func(userText string) string
	// BBoxMatch is a condition on events e, with four ? for min lon, min
	// lat, max lon and max lat, that a spatial index answers; the exact
	// comparison is added beside it. "" for none.
	BBoxMatch string
	// MigrateLock is run first in each migration transaction to keep
	// concurrent openers from migrating at once ("" for none).
	MigrateLock string
	// ArticleLock, when set, is run first in each PutArticle transaction
	// with the article's hash as its one argument, so that writers of the
	// same content take turns and agree on which copy is the duplicate.
	ArticleLock string
	// Retryable tells whether a failed transaction may succeed if run
	// again (deadlock, serialization failure); nil means never.
	Retryable func(error) bool
	// Migrations is the schema, oldest step first.
	Migrations []Migration
}

// Migration is one versioned step of the schema, applied in one
// transaction and recorded in schema_migrations.
type Migration struct {
	Version int
	Name    string
	SQL     []string // statements, run in order
}

// DB is a Store on a database/sql database and a Dialect; the SQLite and
// PostgreSQL stores are both a DB.
type DB struct {
	SQL *sql.DB
	D   *Dialect
}

var _ Store = (*DB)(nil)

func (s *DB) q(query string) string {
	if s.D.Rebind != nil {
		return s.D.Rebind(query)
	}
	return query
}

// RebindDollar rewrites ? placeholders into $1, $2… (PostgreSQL). The
// store's SQL holds no ? other than placeholders.
func RebindDollar(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// Migrate applies the dialect's migrations that the database has not
// recorded yet, each in its own transaction.
func (s *DB) Migrate(ctx context.Context) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if s.D.MigrateLock != "" {
			if _, err := tx.ExecContext(ctx, s.D.MigrateLock); err != nil {
				return fmt.Errorf("lock: %w", err)
			}
		}
		_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`)
		return err
	})
	if err != nil {
		return fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	for _, m := range s.D.Migrations {
		if err := s.migrateOne(ctx, m); err != nil {
			return fmt.Errorf("migrate to version %d (%s): %w", m.Version, m.Name, err)
		}
	}
	return nil
}

func (s *DB) migrateOne(ctx context.Context, m Migration) error {
	tx, err := s.SQL.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.D.MigrateLock != "" {
		if _, err := tx.ExecContext(ctx, s.D.MigrateLock); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), m.Version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	for i, stmt := range m.SQL {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("statement %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
		m.Version, m.Name, time.Now().UnixMilli()); err != nil {
		return err
	}
	return tx.Commit()
}

// Close closes the database.
func (s *DB) Close() error { return s.SQL.Close() }

// PutArticle implements Store.
func (s *DB) PutArticle(ctx context.Context, a event.Article, evs []event.Event) error {
	if _, err := s.PutArticles(ctx, []Coded{{a, evs}}); err != nil {
		return fmt.Errorf("put article %s: %w", a.ID, err)
	}
	return nil
}

// PutArticles implements Batcher: it stores many articles in one
// transaction (in content-hash order, so concurrent writers take their
// locks in the same order).
func (s *DB) PutArticles(ctx context.Context, batch []Coded) (Tally, error) {
	batch = append([]Coded(nil), batch...)
	for i := range batch {
		c := &batch[i]
		if c.Article.ID == "" {
			return Tally{}, fmt.Errorf("put articles: article %d has no id", i)
		}
		if c.Article.Hash == "" {
			// The hash of what the store keeps, which is no HTML.
			kept := c.Article
			kept.HTML = ""
			c.Article.Hash = kept.ContentHash()
		}
		c.Events = append([]event.Event(nil), c.Events...)
		event.AssignIDs(c.Article.ID, c.Events)
	}
	sort.SliceStable(batch, func(i, j int) bool {
		if batch[i].Article.Hash != batch[j].Article.Hash {
			return batch[i].Article.Hash < batch[j].Article.Hash
		}
		return batch[i].Article.ID < batch[j].Article.ID
	})
	var t Tally
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		t = Tally{} // a retried transaction counts afresh
		sum := newTally()
		for _, c := range batch {
			if err := s.putArticle(ctx, tx, c.Article, c.Events, &t, sum); err != nil {
				return fmt.Errorf("article %s: %w", c.Article.ID, err)
			}
		}
		return s.flush(ctx, tx, sum)
	})
	return t, err
}

// inTx runs f in a transaction, again (up to five times in all) when the
// database says the failure was transient (a deadlock, say).
func (s *DB) inTx(ctx context.Context, f func(*sql.Tx) error) error {
	var err error
	for try := 0; try < 5; try++ {
		if try > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(try*try) * 20 * time.Millisecond):
			}
		}
		err = s.tx(ctx, f)
		if err == nil || s.D.Retryable == nil || !s.D.Retryable(err) {
			return err
		}
	}
	return err
}

func (s *DB) tx(ctx context.Context, f func(*sql.Tx) error) error {
	tx, err := s.SQL.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func (s *DB) putArticle(ctx context.Context, tx *sql.Tx, a event.Article, evs []event.Event, t *Tally, sum *tally) error {
	if s.D.ArticleLock != "" {
		if _, err := tx.ExecContext(ctx, s.q(s.D.ArticleLock), a.Hash); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
	}
	var oldHash string
	switch err := tx.QueryRowContext(ctx, s.q(`SELECT hash FROM articles WHERE id = ?`), a.ID).Scan(&oldHash); {
	case errors.Is(err, sql.ErrNoRows):
		oldHash = ""
	case err != nil:
		return fmt.Errorf("find stored article: %w", err)
	}
	if a.DuplicateOf == "" {
		var dup string
		err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM articles WHERE hash = ? AND id <> ? AND duplicate_of IS NULL ORDER BY id LIMIT 1`),
			a.Hash, a.ID).Scan(&dup)
		switch {
		case err == nil:
			a.DuplicateOf = dup
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("find duplicate: %w", err)
		}
	}
	if a.DuplicateOf == a.ID {
		a.DuplicateOf = ""
	}
	if a.DuplicateOf != "" {
		evs = nil
	}
	switch {
	case a.DuplicateOf != "":
		t.Duplicates++
	case oldHash == "":
		t.New++
	case oldHash == a.Hash:
		t.Unchanged++
	default:
		t.Updated++
	}
	t.Events += len(evs)
	var dupArg any
	if a.DuplicateOf != "" {
		dupArg = a.DuplicateOf
	}
	if oldHash == a.Hash && a.DuplicateOf == "" {
		// The same text coded again, by another coder version perhaps:
		// what the older one found stays readable under its version.
		if err := s.archiveEvents(ctx, tx, a.ID, a.Coder); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO articles (id, origin, url, title, published, hash, language, duplicate_of, text, n_events, coded_at, coder)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, url = excluded.url, title = excluded.title,
		published = excluded.published, hash = excluded.hash, language = excluded.language,
		duplicate_of = excluded.duplicate_of, text = excluded.text, n_events = excluded.n_events, coded_at = excluded.coded_at,
		coder = excluded.coder`),
		a.ID, a.Origin, a.URL, a.Title, s.D.DateArg(a.Published.UTC().Format("2006-01-02")), a.Hash, a.Language, dupArg,
		a.Text, len(evs), time.Now().UnixMilli(), a.Coder); err != nil {
		return fmt.Errorf("upsert article: %w", err)
	}
	// The upsert holds the article's row lock until commit, so concurrent
	// writers of one article replace its rows one after the other.
	if oldHash != "" {
		if err := s.unsummarize(ctx, tx, a.ID); err != nil {
			return err
		}
	}
	for _, t := range []string{"mentions", "events", "sentences"} {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM `+t+` WHERE article_id = ?`), a.ID)
		if err != nil {
			return fmt.Errorf("delete old %s: %w", t, err)
		}
		if t == "sentences" {
			n, _ := res.RowsAffected()
			sum.sentences -= int(n)
		}
	}
	if oldHash == "" {
		sum.articles++
	}
	sents := text.Sentences(a.Text)
	sum.sentences += len(sents)
	rows := make([][]any, len(sents))
	for i, st := range sents {
		rows[i] = []any{a.ID, i, st.Start, st.End, st.Text}
	}
	if err := s.insertRows(ctx, tx, "sentences", []string{"article_id", "idx", "start_off", "end_off", "text"}, rows, ""); err != nil {
		return err
	}
	sentenceAt := func(off int) int {
		i := sort.Search(len(sents), func(i int) bool { return sents[i].End > off })
		if i == len(sents) {
			return -1
		}
		return i
	}
	rows = rows[:0]
	var mrows [][]any
	actors := map[string][]any{}
	for _, e := range evs {
		row, err := s.eventRow(a.ID, e, sentenceAt(e.Evidence.Start))
		if err != nil {
			return err
		}
		sum.add(&e)
		rows = append(rows, row)
		ms := e.Mentions
		if len(ms) == 0 {
			ms = []event.Evidence{e.Evidence}
		}
		for i, m := range ms {
			mrows = append(mrows, []any{e.ID, i, a.ID, sentenceAt(m.Start), m.Start, m.End})
		}
		for _, ac := range []event.Actor{e.Source, e.Target} {
			if ac.Code != "" {
				if _, ok := actors[ac.Code]; !ok {
					actors[ac.Code] = []any{ac.Code, ac.Country, ac.Agent, ac.Text}
				}
			}
		}
	}
	if err := s.insertRows(ctx, tx, "events", eventCols, rows, ""); err != nil {
		return err
	}
	if err := s.insertRows(ctx, tx, "mentions", []string{"event_id", "ord", "article_id", "sentence_idx", "start_off", "end_off"}, mrows, ""); err != nil {
		return err
	}
	// Actors are inserted in code order so concurrent writers take their
	// locks in the same order; an existing actor is left alone (no lock).
	codes := make([]string, 0, len(actors))
	for c := range actors {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	rows = rows[:0]
	for _, c := range codes {
		rows = append(rows, actors[c])
	}
	return s.insertRows(ctx, tx, "actors", []string{"code", "country", "agent", "name"}, rows, "ON CONFLICT (code) DO NOTHING")
}

var eventCols = []string{"id", "article_id", "date", "date_precision", "source_code", "source_country", "source_agent",
	"target_code", "target_country", "target_agent", "cameo", "root", "quad", "goldstein", "plover_type", "plover_mode",
	"place_name_lc", "place_admin1_lc", "place_country", "lat", "lon", "fatalities_min", "fatalities_max",
	"negated", "claim", "confidence", "evidence_start", "evidence_end", "sentence_idx", "doc", "coder",
	"source_group", "target_group"}

func (s *DB) eventRow(articleID string, e event.Event, sentence int) ([]any, error) {
	if len(e.Date) != 10 {
		return nil, fmt.Errorf("event %s: date %q is not YYYY-MM-DD", e.ID, e.Date)
	}
	doc, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("event %s: %w", e.ID, err)
	}
	root := e.CAMEO
	if len(root) > 2 {
		root = root[:2]
	}
	var name, admin1, country string
	var lat, lon any
	if l := e.Location; l != nil {
		name, admin1, country = strings.ToLower(l.Name), strings.ToLower(l.Admin1), l.Country
		lat, lon = l.Lat, l.Lon
	}
	var fmin, fmax any
	if f := e.Fatalities; f != nil {
		if f.Min != nil {
			fmin = *f.Min
		}
		if f.Max != nil {
			fmax = *f.Max
		}
	}
	return []any{e.ID, articleID, s.D.DateArg(e.Date), e.DatePrecision, e.Source.Code, e.Source.Country, e.Source.Agent,
		e.Target.Code, e.Target.Country, e.Target.Agent, e.CAMEO, root, e.QuadClass, e.Goldstein, e.Plover.Type, e.Plover.Mode,
		name, admin1, country, lat, lon, fmin, fmax, e.Negated, e.Claim, e.Confidence, e.Evidence.Start, e.Evidence.End,
		sentence, string(doc), e.Coder, e.Source.Group, e.Target.Group}, nil
}

// insertRows inserts rows in multi-row INSERTs of at most ~4000 arguments.
func (s *DB) insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any, suffix string) error {
	if len(rows) == 0 {
		return nil
	}
	per := 4000 / len(cols)
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	for len(rows) > 0 {
		n := min(per, len(rows))
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, n*len(cols))
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(one)
			args = append(args, rows[i]...)
		}
		b.WriteString(" " + suffix)
		if _, err := tx.ExecContext(ctx, s.q(b.String()), args...); err != nil {
			return fmt.Errorf("insert %s: %w", table, err)
		}
		rows = rows[n:]
	}
	return nil
}

func limit(f Filter) int {
	switch {
	case f.Limit <= 0:
		return DefaultLimit
	case f.Limit > MaxLimit:
		return MaxLimit
	}
	return f.Limit
}

// eventsQuery is the SQL (with ? placeholders) and arguments of Events
// for f.
func (s *DB) eventsQuery(f Filter) (string, []any, error) {
	cond, args, err := s.D.where(f)
	if err != nil {
		return "", nil, err
	}
	if f.Cursor != "" {
		date, id, err := decodeCursor(f.Cursor)
		if err != nil {
			return "", nil, err
		}
		// A row-value comparison, which both planners turn into a range
		// scan of events_date (date, id); the OR form they do not.
		cond += " AND (e.date, e.id) > (?, ?)"
		args = append(args, s.D.DateArg(date), id)
	}
	args = append(args, limit(f)+1)
	from, fargs := eventsFrom(f)
	return `SELECT e.doc, a.url, a.title FROM ` + from + ` JOIN articles a ON a.id = e.article_id
		WHERE ` + cond + ` ORDER BY e.date, e.id LIMIT ?`, append(fargs, args...), nil
}

// ExplainEvents returns the database's plan for the query Events runs for
// f (SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN), one step a line:
// to check that a filter is served by an index.
func (s *DB) ExplainEvents(ctx context.Context, f Filter) (string, error) {
	query, args, err := s.eventsQuery(f)
	if err != nil {
		return "", fmt.Errorf("explain events: %w", err)
	}
	prefix := "EXPLAIN QUERY PLAN "
	if s.D.Name != "sqlite" {
		prefix = "EXPLAIN "
	}
	rows, err := s.SQL.QueryContext(ctx, prefix+s.q(query), args...)
	if err != nil {
		return "", fmt.Errorf("explain events: %w", err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "", fmt.Errorf("explain events: %w", err)
		}
		fmt.Fprintln(&b, vals[len(vals)-1]) // the step's text is the last column
	}
	return b.String(), rows.Err()
}

// Events implements Store.
func (s *DB) Events(ctx context.Context, f Filter) ([]StoredEvent, string, error) {
	query, args, err := s.eventsQuery(f)
	if err != nil {
		return nil, "", fmt.Errorf("events: %w", err)
	}
	n := limit(f)
	rows, err := s.SQL.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, "", fmt.Errorf("events: %w", err)
	}
	defer rows.Close()
	var out []StoredEvent
	for rows.Next() {
		var doc []byte
		var se StoredEvent
		if err := rows.Scan(&doc, &se.ArticleURL, &se.ArticleTitle); err != nil {
			return nil, "", fmt.Errorf("events: %w", err)
		}
		if err := json.Unmarshal(doc, &se.Event); err != nil {
			return nil, "", fmt.Errorf("events: decode stored event: %w", err)
		}
		out = append(out, se)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("events: %w", err)
	}
	next := ""
	if len(out) > n {
		out = out[:n]
		last := out[n-1]
		next = encodeCursor(last.Date, last.ID)
	}
	return out, next, nil
}

// Event implements Store.
func (s *DB) Event(ctx context.Context, id string) (StoredEvent, error) {
	var doc []byte
	var se StoredEvent
	err := s.SQL.QueryRowContext(ctx, s.q(`SELECT e.doc, a.url, a.title FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?`), id).
		Scan(&doc, &se.ArticleURL, &se.ArticleTitle)
	if errors.Is(err, sql.ErrNoRows) {
		return se, fmt.Errorf("event %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return se, fmt.Errorf("event %s: %w", id, err)
	}
	if err := json.Unmarshal(doc, &se.Event); err != nil {
		return se, fmt.Errorf("event %s: decode: %w", id, err)
	}
	rows, err := s.SQL.QueryContext(ctx, s.q(`SELECT m.start_off, m.end_off, COALESCE(st.text, '') FROM mentions m
		LEFT JOIN sentences st ON st.article_id = m.article_id AND st.idx = m.sentence_idx
		WHERE m.event_id = ? ORDER BY m.ord`), id)
	if err != nil {
		return se, fmt.Errorf("event %s: mentions: %w", id, err)
	}
	defer rows.Close()
	var ms []event.Evidence
	for rows.Next() {
		var m event.Evidence
		if err := rows.Scan(&m.Start, &m.End, &m.Sentence); err != nil {
			return se, fmt.Errorf("event %s: mentions: %w", id, err)
		}
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return se, fmt.Errorf("event %s: mentions: %w", id, err)
	}
	if len(se.Mentions) == 0 {
		se.Mentions = ms
	}
	return se, nil
}

// Article implements Store.
func (s *DB) Article(ctx context.Context, id string) (event.Article, error) {
	var a event.Article
	var pub string
	var dup sql.NullString
	var coded int64
	err := s.SQL.QueryRowContext(ctx, s.q(`SELECT id, origin, url, title, `+s.D.DateOut("published")+`, hash, language, duplicate_of, text, n_events, coded_at, coder
		FROM articles WHERE id = ?`), id).Scan(&a.ID, &a.Origin, &a.URL, &a.Title, &pub, &a.Hash, &a.Language, &dup, &a.Text, &a.Events, &coded, &a.Coder)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("article %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("article %s: %w", id, err)
	}
	a.DuplicateOf = dup.String
	a.Published, _ = time.Parse("2006-01-02", pub)
	a.CodedAt = time.UnixMilli(coded).UTC()
	return a, nil
}

// Actors implements Store.
func (s *DB) Actors(ctx context.Context, f Filter) ([]ActorCount, error) {
	if summarised(f, false) {
		return s.actorsFromSummary(ctx, f)
	}
	cond, args, err := s.D.where(f)
	if err != nil {
		return nil, fmt.Errorf("actors: %w", err)
	}
	from, fargs := eventsFrom(f)
	all := append(append(append(append([]any{}, fargs...), args...), fargs...), args...)
	all = append(all, limit(f))
	return s.scanActors(ctx, `SELECT x.code, MAX(x.country), MAX(x.agent), COALESCE(MAX(ac.name), ''), SUM(x.src), SUM(x.tgt)
		FROM (SELECT e.source_code AS code, e.source_country AS country, e.source_agent AS agent, 1 AS src, 0 AS tgt FROM `+from+` WHERE e.source_code <> '' AND `+cond+`
		      UNION ALL
		      SELECT e.target_code, e.target_country, e.target_agent, 0, 1 FROM `+from+` WHERE e.target_code <> '' AND `+cond+`) x
		LEFT JOIN actors ac ON ac.code = x.code
		GROUP BY x.code ORDER BY COUNT(*) DESC, x.code LIMIT ?`, all...)
}

// Series implements Store.
func (s *DB) Series(ctx context.Context, f Filter, bucket string) ([]Point, error) {
	switch bucket {
	case "":
		bucket = "day"
	case "day", "week", "month":
	default:
		return nil, fmt.Errorf("series: bucket %q: want day, week or month", bucket)
	}
	if summarised(f, true) {
		return s.seriesFromSummary(ctx, f, bucket)
	}
	cond, args, err := s.D.where(f)
	if err != nil {
		return nil, fmt.Errorf("series: %w", err)
	}
	b := s.D.Bucket("e.date", bucket)
	from, fargs := eventsFrom(f)
	return s.scanPoints(ctx, `SELECT `+b+` AS bucket, COUNT(*), COALESCE(SUM(e.goldstein), 0),
		SUM(CASE WHEN e.quad = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN e.quad = 2 THEN 1 ELSE 0 END),
		SUM(CASE WHEN e.quad = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN e.quad = 4 THEN 1 ELSE 0 END)
		FROM `+from+` WHERE `+cond+` GROUP BY 1 ORDER BY 1`, append(fargs, args...)...)
}

// scanPoints runs a query whose rows are (bucket, count, Goldstein sum,
// counts of quad classes 1–4), leaving out empty buckets.
func (s *DB) scanPoints(ctx context.Context, query string, args ...any) ([]Point, error) {
	rows, err := s.SQL.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("series: %w", err)
	}
	defer rows.Close()
	var out []Point
	for rows.Next() {
		var p Point
		if err := rows.Scan(&p.Date, &p.Count, &p.Goldstein, &p.Quad[0], &p.Quad[1], &p.Quad[2], &p.Quad[3]); err != nil {
			return nil, fmt.Errorf("series: %w", err)
		}
		if p.Count > 0 {
			out = append(out, p)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("series: %w", err)
	}
	return out, nil
}

// Relations implements Store.
func (s *DB) Relations(ctx context.Context, a, b string) ([]Relation, error) {
	rows, err := s.SQL.QueryContext(ctx, s.q(`SELECT a, b, state, since, broken, restored, event_id FROM relations
		WHERE (a = ? AND b = ?) OR (a = ? AND b = ?) ORDER BY since, a, b`), a, b, b, a)
	if err != nil {
		return nil, fmt.Errorf("relations: %w", err)
	}
	defer rows.Close()
	var out []Relation
	for rows.Next() {
		var r Relation
		if err := rows.Scan(&r.A, &r.B, &r.State, &r.Since, &r.Broken, &r.Restored, &r.EventID); err != nil {
			return nil, fmt.Errorf("relations: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("relations: %w", err)
	}
	return out, nil
}

// PutRelation implements Store.
func (s *DB) PutRelation(ctx context.Context, r Relation) error {
	_, err := s.SQL.ExecContext(ctx, s.q(`INSERT INTO relations (a, b, state, since, broken, restored, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (a, b, since) DO UPDATE SET state = excluded.state, broken = excluded.broken,
		restored = excluded.restored, event_id = excluded.event_id`), r.A, r.B, r.State, r.Since, r.Broken, r.Restored, r.EventID)
	if err != nil {
		return fmt.Errorf("put relation %s-%s: %w", r.A, r.B, err)
	}
	return nil
}

// Stats implements Store.
func (s *DB) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Driver: s.D.Name}
	var first, last sql.NullString
	err := s.SQL.QueryRowContext(ctx, `SELECT
		(SELECT COALESCE(MAX(version), 0) FROM schema_migrations),
		(SELECT n FROM counts WHERE name = 'articles'),
		(SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL),
		(SELECT n FROM counts WHERE name = 'sentences'),
		(SELECT COALESCE(SUM(n), 0) FROM event_days),
		(SELECT COUNT(*) FROM actors),
		(SELECT `+s.D.DateOut("MIN(date)")+` FROM event_days WHERE n <> 0),
		(SELECT `+s.D.DateOut("MAX(date)")+` FROM event_days WHERE n <> 0)`).
		Scan(&st.SchemaVersion, &st.Articles, &st.Duplicates, &st.Sentences, &st.Events, &st.Actors, &first, &last)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	st.FirstDate, st.LastDate = first.String, last.String
	return st, nil
}
