// Package postgres is dyad's PostgreSQL store, for many writers (queue
// workers) and large corpora, through github.com/jackc/pgx/v5. Sentences
// are searchable through a generated tsvector column with a GIN index.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/store"
	"github.com/jackc/pgx/v5/pgconn"

	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver "pgx"
)

// Open connects to the PostgreSQL database a URL names
// ("postgres://user@host:port/db?sslmode=disable") and migrates its schema.
func Open(ctx context.Context, u string) (*store.DB, error) {
	if strings.HasPrefix(u, "postgresql://") {
		u = "postgres://" + strings.TrimPrefix(u, "postgresql://")
	}
	db, err := sql.Open("pgx", u)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	s := &store.DB{SQL: db, D: Dialect}
	if err := s.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return s, nil
}

// Dialect is PostgreSQL's store.Dialect.
var Dialect = &store.Dialect{
	Name:   "postgres",
	Rebind: store.RebindDollar,
	DateArg: func(d string) any {
		t, err := time.Parse("2006-01-02", d)
		if err != nil {
			return d
		}
		return t
	},
	DateOut: func(col string) string { return "to_char(" + col + ", 'YYYY-MM-DD')" },
	Bucket: func(col, bucket string) string {
		switch bucket {
		case "week", "month":
			return "to_char(date_trunc('" + bucket + "', " + col + "), 'YYYY-MM-DD')"
		}
		return "to_char(" + col + ", 'YYYY-MM-DD')"
	},
	TextMatch: `SELECT s.article_id, s.idx FROM sentences s WHERE s.tsv @@ plainto_tsquery('english', ?)`,
	FTSQuery: func(t string) string {
		return strings.Join(store.Words(t), " ")
	},
	MigrateLock: `SELECT pg_advisory_xact_lock(7364829)`,
	ArticleLock: `SELECT pg_advisory_xact_lock(hashtext(?))`,
	Retryable: func(err error) bool {
		var pe *pgconn.PgError
		return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
	},
	BBoxMatch:  `point(e.lon, e.lat) <@ box(point(?, ?), point(?, ?))`,
	Migrations: migrations,
}

var migrations = []store.Migration{{
	Version: 1, Name: "articles, sentences, events, mentions, actors, relations",
	SQL: []string{
		`CREATE TABLE articles (
			id TEXT PRIMARY KEY,
			origin TEXT NOT NULL DEFAULT '',
			url TEXT NOT NULL DEFAULT '',
			title TEXT NOT NULL DEFAULT '',
			published DATE NOT NULL,
			hash TEXT NOT NULL,
			language TEXT NOT NULL DEFAULT '',
			duplicate_of TEXT,
			text TEXT NOT NULL,
			n_events INTEGER NOT NULL DEFAULT 0,
			coded_at BIGINT NOT NULL)`,
		`CREATE INDEX articles_hash ON articles (hash)`,
		`CREATE INDEX articles_published ON articles (published)`,
		`CREATE TABLE sentences (
			article_id TEXT NOT NULL,
			idx INTEGER NOT NULL,
			start_off INTEGER NOT NULL,
			end_off INTEGER NOT NULL,
			text TEXT NOT NULL,
			tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
			PRIMARY KEY (article_id, idx))`,
		`CREATE INDEX sentences_tsv ON sentences USING GIN (tsv)`,
		`CREATE TABLE events (
			id TEXT PRIMARY KEY,
			article_id TEXT NOT NULL,
			date DATE NOT NULL,
			date_precision TEXT NOT NULL,
			source_code TEXT NOT NULL, source_country TEXT NOT NULL, source_agent TEXT NOT NULL,
			target_code TEXT NOT NULL, target_country TEXT NOT NULL, target_agent TEXT NOT NULL,
			cameo TEXT NOT NULL, root TEXT NOT NULL, quad SMALLINT NOT NULL, goldstein DOUBLE PRECISION NOT NULL,
			plover_type TEXT NOT NULL, plover_mode TEXT NOT NULL,
			place_name_lc TEXT NOT NULL, place_admin1_lc TEXT NOT NULL, place_country TEXT NOT NULL,
			lat DOUBLE PRECISION, lon DOUBLE PRECISION,
			fatalities_min INTEGER, fatalities_max INTEGER,
			negated BOOLEAN NOT NULL, claim BOOLEAN NOT NULL, confidence DOUBLE PRECISION NOT NULL,
			evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, sentence_idx INTEGER NOT NULL,
			doc JSONB NOT NULL)`,
		`CREATE INDEX events_date ON events (date, id)`,
		`CREATE INDEX events_article ON events (article_id)`,
		`CREATE INDEX events_source ON events (source_code, date)`,
		`CREATE INDEX events_target ON events (target_code, date)`,
		`CREATE INDEX events_source_country ON events (source_country, date)`,
		`CREATE INDEX events_target_country ON events (target_country, date)`,
		`CREATE INDEX events_root ON events (root, date)`,
		`CREATE INDEX events_cameo ON events (cameo text_pattern_ops)`,
		`CREATE INDEX events_place ON events (place_country, place_name_lc)`,
		`CREATE TABLE mentions (
			event_id TEXT NOT NULL,
			ord INTEGER NOT NULL,
			article_id TEXT NOT NULL,
			sentence_idx INTEGER NOT NULL,
			start_off INTEGER NOT NULL,
			end_off INTEGER NOT NULL,
			PRIMARY KEY (event_id, ord))`,
		`CREATE INDEX mentions_article ON mentions (article_id)`,
		`CREATE TABLE actors (
			code TEXT PRIMARY KEY,
			country TEXT NOT NULL,
			agent TEXT NOT NULL,
			name TEXT NOT NULL)`,
		`CREATE TABLE relations (
			a TEXT NOT NULL,
			b TEXT NOT NULL,
			state TEXT NOT NULL,
			since TEXT NOT NULL,
			broken TEXT NOT NULL DEFAULT '',
			restored TEXT NOT NULL DEFAULT '',
			event_id TEXT NOT NULL DEFAULT '',
			PRIMARY KEY (a, b, since))`,
	},
}, {
	Version: 2, Name: "index for dyad queries",
	SQL: []string{
		`CREATE INDEX events_dyad ON events (source_country, target_country, date)`,
	},
}, {
	Version: 3, Name: "coder versions, archived re-coded events, feed watching",
	SQL: []string{
		`ALTER TABLE events ADD COLUMN coder TEXT NOT NULL DEFAULT ''`,
		`UPDATE events SET coder = COALESCE(doc->>'coder', '')`,
		`CREATE INDEX events_coder ON events (coder)`,
		`ALTER TABLE articles ADD COLUMN coder TEXT NOT NULL DEFAULT ''`,
		`UPDATE articles SET coder = COALESCE((SELECT MAX(e.coder) FROM events e WHERE e.article_id = articles.id), '')`,
		// The archive has the events table's columns (the same queries
		// read both) and when a row was archived.
		`CREATE TABLE event_archive (LIKE events INCLUDING DEFAULTS)`,
		`ALTER TABLE event_archive ADD COLUMN archived_at BIGINT NOT NULL DEFAULT 0`,
		`ALTER TABLE event_archive ADD PRIMARY KEY (id, coder)`,
		`CREATE INDEX event_archive_coder ON event_archive (coder, date, id)`,
		`CREATE INDEX event_archive_article ON event_archive (article_id)`,
		store.WatchFeedsDDL,
		store.WatchPagesDDL,
	},
}, {
	Version: 4, Name: "indexes for place filters",
	SQL: []string{
		`CREATE INDEX events_place_name ON events (place_name_lc, date)`,
		`CREATE INDEX events_place_admin1 ON events (place_admin1_lc, date)`,
	},
}, {
	Version: 5, Name: "summaries kept at write time: events per day, actors per day",
	SQL: store.SummaryDDL("DATE"),
}, {
	Version: 6, Name: "spatial index for bounding boxes",
	SQL: []string{
		`CREATE INDEX events_geo ON events USING gist (point(lon, lat))`,
	},
}, {
	Version: 7, Name: "known-group codes of source and target",
	SQL: []string{
		`ALTER TABLE events ADD COLUMN source_group TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE events ADD COLUMN target_group TEXT NOT NULL DEFAULT ''`,
		`UPDATE events SET source_group = COALESCE(doc->'source'->>'group', ''),
			target_group = COALESCE(doc->'target'->>'group', '')
			WHERE doc->'source'->>'group' IS NOT NULL OR doc->'target'->>'group' IS NOT NULL`,
		`CREATE INDEX events_source_group ON events (source_group, date)`,
		`CREATE INDEX events_target_group ON events (target_group, date)`,
		`ALTER TABLE event_archive ADD COLUMN source_group TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE event_archive ADD COLUMN target_group TEXT NOT NULL DEFAULT ''`,
		`UPDATE event_archive SET source_group = COALESCE(doc->'source'->>'group', ''),
			target_group = COALESCE(doc->'target'->>'group', '')
			WHERE doc->'source'->>'group' IS NOT NULL OR doc->'target'->>'group' IS NOT NULL`,
	},
}}
