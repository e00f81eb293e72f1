package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/event"
)

// Summaries kept at write time, in the same transaction as the events, so
// that what the dashboard asks first (counts per day, per actor, the
// store's totals) costs the same over ten million events as over ten
// thousand: event_days counts the current events per (date, root, quad
// class) with their Goldstein sum; actor_days counts, per (actor code,
// date), the events it was source and target of; counts holds the number
// of articles and of sentences.

// SummaryDDL creates the summary tables; the SQL is the same in both
// databases but for the date column's type.
func SummaryDDL(dateType string) []string {
	return []string{
		`CREATE TABLE event_days (
			date ` + dateType + ` NOT NULL,
			root TEXT NOT NULL,
			quad INTEGER NOT NULL,
			n BIGINT NOT NULL,
			goldstein DOUBLE PRECISION NOT NULL,
			PRIMARY KEY (date, root, quad))`,
		`CREATE TABLE actor_days (
			code TEXT NOT NULL,
			date ` + dateType + ` NOT NULL,
			country TEXT NOT NULL,
			agent TEXT NOT NULL,
			src BIGINT NOT NULL,
			tgt BIGINT NOT NULL,
			PRIMARY KEY (code, date))`,
		`CREATE INDEX actor_days_date ON actor_days (date)`,
		`ALTER TABLE actors ADD COLUMN n_src BIGINT NOT NULL DEFAULT 0`,
		`ALTER TABLE actors ADD COLUMN n_tgt BIGINT NOT NULL DEFAULT 0`,
		`UPDATE actors SET n_src = (SELECT COUNT(*) FROM events e WHERE e.source_code = actors.code),
			n_tgt = (SELECT COUNT(*) FROM events e WHERE e.target_code = actors.code)`,
		`CREATE TABLE counts (name TEXT PRIMARY KEY, n BIGINT NOT NULL)`,
		`INSERT INTO counts (name, n) SELECT 'articles', COUNT(*) FROM articles`,
		`INSERT INTO counts (name, n) SELECT 'sentences', COUNT(*) FROM sentences`,
		`CREATE INDEX articles_duplicates ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL`,
		`INSERT INTO event_days (date, root, quad, n, goldstein)
			SELECT date, root, quad, COUNT(*), SUM(goldstein) FROM events GROUP BY date, root, quad`,
		`INSERT INTO actor_days (code, date, country, agent, src, tgt)
			SELECT code, date, MAX(country), MAX(agent), SUM(src), SUM(tgt) FROM (
				SELECT source_code AS code, date, source_country AS country, source_agent AS agent, 1 AS src, 0 AS tgt FROM events WHERE source_code <> ''
				UNION ALL
				SELECT target_code, date, target_country, target_agent, 0, 1 FROM events WHERE target_code <> '') x
			GROUP BY code, date`,
	}
}

var zeroTime time.Time

// tally is what a batch of writes adds to the summaries.
type tally struct {
	days                map[dayKey]*dayCount
	actors              map[actorKey]*actorCount
	articles, sentences int // rows added (less those removed)
}

type dayKey struct {
	date, root string
	quad       int
}

type dayCount struct {
	n         int
	goldstein float64
}

type actorKey struct{ code, date string }

type actorCount struct {
	country, agent string
	src, tgt       int
}

func newTally() *tally {
	return &tally{days: map[dayKey]*dayCount{}, actors: map[actorKey]*actorCount{}}
}

// add counts one stored event.
func (t *tally) add(e *event.Event) {
	root := e.CAMEO
	if len(root) > 2 {
		root = root[:2]
	}
	k := dayKey{e.Date, root, e.QuadClass}
	d := t.days[k]
	if d == nil {
		d = &dayCount{}
		t.days[k] = d
	}
	d.n++
	d.goldstein += e.Goldstein
	for i, a := range []event.Actor{e.Source, e.Target} {
		if a.Code == "" {
			continue
		}
		ak := actorKey{a.Code, e.Date}
		c := t.actors[ak]
		if c == nil {
			c = &actorCount{country: a.Country, agent: a.Agent}
			t.actors[ak] = c
		}
		if i == 0 {
			c.src++
		} else {
			c.tgt++
		}
	}
}

// unsummarize takes an article's stored events out of the summaries,
// before they are deleted.
func (s *DB) unsummarize(ctx context.Context, tx *sql.Tx, articleID string) error {
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO event_days (date, root, quad, n, goldstein)
		SELECT date, root, quad, -COUNT(*), -SUM(goldstein) FROM events WHERE article_id = ? GROUP BY date, root, quad
		ON CONFLICT (date, root, quad) DO UPDATE SET n = event_days.n + excluded.n, goldstein = event_days.goldstein + excluded.goldstein`),
		articleID); err != nil {
		return fmt.Errorf("summaries: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO actor_days (code, date, country, agent, src, tgt)
		SELECT code, date, MAX(country), MAX(agent), -SUM(src), -SUM(tgt) FROM (
			SELECT source_code AS code, date, source_country AS country, source_agent AS agent, 1 AS src, 0 AS tgt FROM events WHERE article_id = ? AND source_code <> ''
			UNION ALL
			SELECT target_code, date, target_country, target_agent, 0, 1 FROM events WHERE article_id = ? AND target_code <> '') x
		WHERE true GROUP BY code, date
		ON CONFLICT (code, date) DO UPDATE SET src = actor_days.src + excluded.src, tgt = actor_days.tgt + excluded.tgt`),
		articleID, articleID); err != nil {
		return fmt.Errorf("summaries: %w", err)
	}
	for _, side := range []string{"source", "target"} {
		col := map[string]string{"source": "n_src", "target": "n_tgt"}[side]
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE actors SET `+col+` = `+col+` - (SELECT COUNT(*) FROM events e
			WHERE e.article_id = ? AND e.`+side+`_code = actors.code)
			WHERE code IN (SELECT `+side+`_code FROM events WHERE article_id = ?)`), articleID, articleID); err != nil {
			return fmt.Errorf("summaries: %w", err)
		}
	}
	return nil
}

// flush adds a batch's counts to the summaries, in key order (concurrent
// writers take their row locks in the same order).
func (s *DB) flush(ctx context.Context, tx *sql.Tx, t *tally) error {
	for _, c := range []struct {
		name string
		n    int
	}{{"articles", t.articles}, {"sentences", t.sentences}} {
		if c.n == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE counts SET n = n + ? WHERE name = ?`), c.n, c.name); err != nil {
			return fmt.Errorf("summaries: %w", err)
		}
	}
	days := make([]dayKey, 0, len(t.days))
	for k := range t.days {
		days = append(days, k)
	}
	sort.Slice(days, func(i, j int) bool {
		a, b := days[i], days[j]
		if a.date != b.date {
			return a.date < b.date
		}
		if a.root != b.root {
			return a.root < b.root
		}
		return a.quad < b.quad
	})
	rows := make([][]any, 0, len(days))
	for _, k := range days {
		d := t.days[k]
		rows = append(rows, []any{s.D.DateArg(k.date), k.root, k.quad, d.n, d.goldstein})
	}
	if err := s.insertRows(ctx, tx, "event_days", []string{"date", "root", "quad", "n", "goldstein"}, rows,
		"ON CONFLICT (date, root, quad) DO UPDATE SET n = event_days.n + excluded.n, goldstein = event_days.goldstein + excluded.goldstein"); err != nil {
		return fmt.Errorf("summaries: %w", err)
	}
	actors := make([]actorKey, 0, len(t.actors))
	for k := range t.actors {
		actors = append(actors, k)
	}
	sort.Slice(actors, func(i, j int) bool {
		if actors[i].code != actors[j].code {
			return actors[i].code < actors[j].code
		}
		return actors[i].date < actors[j].date
	})
	rows = rows[:0]
	for _, k := range actors {
		c := t.actors[k]
		rows = append(rows, []any{k.code, s.D.DateArg(k.date), c.country, c.agent, c.src, c.tgt})
	}
	if err := s.insertRows(ctx, tx, "actor_days", []string{"code", "date", "country", "agent", "src", "tgt"}, rows,
		"ON CONFLICT (code, date) DO UPDATE SET src = actor_days.src + excluded.src, tgt = actor_days.tgt + excluded.tgt"); err != nil {
		return fmt.Errorf("summaries: %w", err)
	}
	// Each actor's totals (its row exists: putArticle inserted it).
	totals := map[string][2]int{}
	var codes []string
	for _, k := range actors {
		c := t.actors[k]
		n, seen := totals[k.code]
		if !seen {
			codes = append(codes, k.code)
		}
		totals[k.code] = [2]int{n[0] + c.src, n[1] + c.tgt}
	}
	for _, code := range codes { // in code order, as actors is
		n := totals[code]
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE actors SET n_src = n_src + ?, n_tgt = n_tgt + ? WHERE code = ?`), n[0], n[1], code); err != nil {
			return fmt.Errorf("summaries: %w", err)
		}
	}
	return nil
}

// summarised reports a filter the summaries can answer: dates, and for
// series also a root (or 2-digit code) and a quad class; current events
// only.
func summarised(f Filter, series bool) bool {
	g := f
	g.Start, g.End, g.Limit, g.Cursor = zeroTime, zeroTime, 0, ""
	if series {
		if len(g.Code) <= 2 {
			g.Code = ""
		}
		g.Root, g.Quad = "", 0
	}
	return g == (Filter{})
}

// dateRange is the conditions on a date column for f's Start and End.
func (s *DB) dateRange(f Filter, col string) ([]string, []any) {
	var conds []string
	var args []any
	if !f.Start.IsZero() {
		conds, args = append(conds, col+" >= ?"), append(args, s.D.DateArg(f.Start.Format("2006-01-02")))
	}
	if !f.End.IsZero() {
		conds, args = append(conds, col+" <= ?"), append(args, s.D.DateArg(f.End.Format("2006-01-02")))
	}
	return conds, args
}

// seriesFromSummary is Series over event_days.
func (s *DB) seriesFromSummary(ctx context.Context, f Filter, bucket string) ([]Point, error) {
	conds, args := s.dateRange(f, "date")
	root := f.Root
	if root == "" && f.Code != "" {
		root = f.Code
	}
	if root != "" {
		if !digits(root) || len(root) > 2 {
			return nil, fmt.Errorf("series: CAMEO root %q: want 2 digits", root)
		}
		conds, args = append(conds, "root = ?"), append(args, pad2(root))
	}
	if f.Quad != 0 {
		if f.Quad < 1 || f.Quad > 4 {
			return nil, fmt.Errorf("series: quad class %d: want 1 to 4", f.Quad)
		}
		conds, args = append(conds, "quad = ?"), append(args, f.Quad)
	}
	where := "n <> 0"
	if len(conds) > 0 {
		where += " AND " + strings.Join(conds, " AND ")
	}
	b := s.D.Bucket("date", bucket)
	return s.scanPoints(ctx, `SELECT `+b+` AS bucket, SUM(n), COALESCE(SUM(goldstein), 0),
		SUM(CASE WHEN quad = 1 THEN n ELSE 0 END), SUM(CASE WHEN quad = 2 THEN n ELSE 0 END),
		SUM(CASE WHEN quad = 3 THEN n ELSE 0 END), SUM(CASE WHEN quad = 4 THEN n ELSE 0 END)
		FROM event_days WHERE `+where+` GROUP BY 1 ORDER BY 1`, args...)
}

// actorsFromSummary is Actors over the actors' totals, or over actor_days
// for a date range.
func (s *DB) actorsFromSummary(ctx context.Context, f Filter) ([]ActorCount, error) {
	if f.Start.IsZero() && f.End.IsZero() {
		return s.scanActors(ctx, `SELECT code, country, agent, name, n_src, n_tgt FROM actors
			WHERE n_src + n_tgt > 0 ORDER BY n_src + n_tgt DESC, code LIMIT ?`, limit(f))
	}
	conds, args := s.dateRange(f, "d.date")
	where := "1=1"
	if len(conds) > 0 {
		where = strings.Join(conds, " AND ")
	}
	args = append(args, limit(f))
	return s.scanActors(ctx, `SELECT x.code, x.country, x.agent, COALESCE(ac.name, ''), x.src, x.tgt FROM (
			SELECT d.code, MAX(d.country) AS country, MAX(d.agent) AS agent, SUM(d.src) AS src, SUM(d.tgt) AS tgt
			FROM actor_days d WHERE `+where+` GROUP BY d.code HAVING SUM(d.src) + SUM(d.tgt) > 0
			ORDER BY SUM(d.src) + SUM(d.tgt) DESC, d.code LIMIT ?) x
		LEFT JOIN actors ac ON ac.code = x.code
		ORDER BY x.src + x.tgt DESC, x.code`, args...)
}

// scanActors runs a query whose rows are (code, country, agent, name,
// as source, as target).
func (s *DB) scanActors(ctx context.Context, query string, args ...any) ([]ActorCount, error) {
	rows, err := s.SQL.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("actors: %w", err)
	}
	defer rows.Close()
	var out []ActorCount
	for rows.Next() {
		var c ActorCount
		if err := rows.Scan(&c.Code, &c.Country, &c.Agent, &c.Name, &c.AsSource, &c.AsTarget); err != nil {
			return nil, fmt.Errorf("actors: %w", err)
		}
		c.Events = c.AsSource + c.AsTarget
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("actors: %w", err)
	}
	return out, nil
}
