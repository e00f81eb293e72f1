// Package sqlite is dyad's default store: one SQLite file (WAL mode), no
// set-up, through the pure Go driver modernc.org/sqlite. Sentences are
// searchable through an FTS5 index kept in step by triggers.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/dyad-events/dyad/internal/store"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"
)

// OpenExisting is Open for readers (query, export, serve): a file that
// does not exist is an error naming it, instead of a new empty database
// that answers every query with nothing; one that cannot be opened for
// writing (a read-only mount) is opened read-only, as "?mode=ro" asks.
// u is "sqlite://PATH" or a bare path.
func OpenExisting(ctx context.Context, u string) (*store.DB, error) {
	if path := store.SQLitePath(u); path != ":memory:" {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("no database at %s (check the --db path; dyad ingest --db %s creates one)", path, u)
		}
	}
	if !strings.Contains(u, "://") {
		u = "sqlite://" + u
	}
	s, err := Open(ctx, u)
	if err != nil && !strings.Contains(u, "mode=ro") {
		// A database on a read-only mount (or a file one may not write)
		// can still be read: open it read-only.
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		if ro, rerr := Open(ctx, u+sep+"mode=ro"); rerr == nil {
			return ro, nil
		}
	}
	return s, err
}

// Open opens (creating when missing) the SQLite store a URL names and
// migrates its schema. The folder it is in must exist: a mistyped path is
// an error, not a new tree of folders.
func Open(ctx context.Context, u string) (*store.DB, error) {
	path := store.SQLitePath(u)
	if path == "" {
		return nil, fmt.Errorf("sqlite: no file in %q", u)
	}
	memory := path == ":memory:"
	if !memory {
		if dir := filepath.Dir(path); dir != "." {
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				return nil, fmt.Errorf("%s: folder %s does not exist (create it first, or check the --db path)", path, dir)
			}
		}
	}
	readOnly := readOnlyURL(u)
	q := url.Values{}
	// journal_size_limit truncates the WAL back to 64 MB after each
	// checkpoint, so readers that hold it open while a long ingest runs
	// do not leave a file of gigabytes behind (see docs/SCALING.md).
	pragmas := []string{"busy_timeout(30000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(0)", "cache_size(-32000)",
		"journal_size_limit(67108864)", "wal_autocheckpoint(1000)"}
	if readOnly {
		// A file on a read-only mount: SQLite may neither write it nor
		// make the WAL's side files, and nothing else changes it.
		pragmas = []string{"busy_timeout(30000)", "foreign_keys(0)", "cache_size(-32000)"}
		q.Set("mode", "ro")
		q.Set("immutable", "1")
	} else {
		q.Set("_txlock", "immediate")
	}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	dsn := "file:" + path + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if memory {
		db.SetMaxOpenConns(1)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	s := &store.DB{SQL: db, D: Dialect}
	if readOnly {
		if err := current(ctx, db); err != nil {
			db.Close()
			return nil, fmt.Errorf("sqlite: %s (read-only): %w", path, err)
		}
		return s, nil
	}
	if err := s.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	return s, nil
}

// readOnlyURL reports a store URL that asks for the file read-only
// ("sqlite:///mnt/archive/dyad.db?mode=ro").
func readOnlyURL(u string) bool {
	_, query, ok := strings.Cut(u, "?")
	if !ok {
		return false
	}
	v, err := url.ParseQuery(query)
	return err == nil && v.Get("mode") == "ro"
}

// current checks that a database opened read-only needs no migration,
// which could not be written.
func current(ctx context.Context, db *sql.DB) error {
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return fmt.Errorf("not a dyad database: %w", err)
	}
	if latest := migrations[len(migrations)-1].Version; int(v.Int64) < latest {
		return fmt.Errorf("schema version %d, this dyad needs %d: open it once where it can be written to update it", v.Int64, latest)
	}
	return nil
}

// Dialect is SQLite's store.Dialect.
var Dialect = &store.Dialect{
	Name:    "sqlite",
	DateArg: func(d string) any { return d },
	DateOut: func(col string) string { return col },
	Bucket: func(col, bucket string) string {
		switch bucket {
		case "week":
			return "date(" + col + ", 'weekday 0', '-6 days')"
		case "month":
			return "strftime('%Y-%m-01', " + col + ")"
		}
		return col
	},
	TextMatch: `SELECT s.article_id, s.idx FROM sentences s WHERE s.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)`,
	FTSQuery: func(t string) string {
		ws := store.Words(t)
		for i, w := range ws {
			ws[i] = `"` + w + `"`
		}
		return strings.Join(ws, " ")
	},
	// The R*Tree keeps 32-bit bounds rounded outwards: an overlap test
	// finds every candidate, and the exact test beside it decides.
	BBoxMatch:  `e.rowid IN (SELECT rid FROM events_geo WHERE max_lon >= ? AND max_lat >= ? AND min_lon <= ? AND min_lat <= ?)`,
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
			published TEXT NOT NULL,
			hash TEXT NOT NULL,
			language TEXT NOT NULL DEFAULT '',
			duplicate_of TEXT,
			text TEXT NOT NULL,
			n_events INTEGER NOT NULL DEFAULT 0,
			coded_at INTEGER NOT NULL)`,
		`CREATE INDEX articles_hash ON articles (hash)`,
		`CREATE INDEX articles_published ON articles (published)`,
		`CREATE TABLE sentences (
			id INTEGER PRIMARY KEY,
			article_id TEXT NOT NULL,
			idx INTEGER NOT NULL,
			start_off INTEGER NOT NULL,
			end_off INTEGER NOT NULL,
			text TEXT NOT NULL,
			UNIQUE (article_id, idx))`,
		`CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')`,
		`CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
			INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text); END`,
		`CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
			INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text); END`,
		`CREATE TABLE events (
			id TEXT PRIMARY KEY,
			article_id TEXT NOT NULL,
			date TEXT NOT NULL,
			date_precision TEXT NOT NULL,
			source_code TEXT NOT NULL, source_country TEXT NOT NULL, source_agent TEXT NOT NULL,
			target_code TEXT NOT NULL, target_country TEXT NOT NULL, target_agent TEXT NOT NULL,
			cameo TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL,
			plover_type TEXT NOT NULL, plover_mode TEXT NOT NULL,
			place_name_lc TEXT NOT NULL, place_admin1_lc TEXT NOT NULL, place_country TEXT NOT NULL,
			lat REAL, lon REAL,
			fatalities_min INTEGER, fatalities_max INTEGER,
			negated INTEGER NOT NULL, claim INTEGER NOT NULL, confidence REAL NOT NULL,
			evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, sentence_idx INTEGER NOT NULL,
			doc TEXT NOT NULL)`,
		`CREATE INDEX events_date ON events (date, id)`,
		`CREATE INDEX events_article ON events (article_id)`,
		`CREATE INDEX events_source ON events (source_code, date)`,
		`CREATE INDEX events_target ON events (target_code, date)`,
		`CREATE INDEX events_source_country ON events (source_country, date)`,
		`CREATE INDEX events_target_country ON events (target_country, date)`,
		`CREATE INDEX events_root ON events (root, date)`,
		`CREATE INDEX events_cameo ON events (cameo)`,
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
		`UPDATE events SET coder = COALESCE(json_extract(doc, '$.coder'), '')`,
		`CREATE INDEX events_coder ON events (coder)`,
		`ALTER TABLE articles ADD COLUMN coder TEXT NOT NULL DEFAULT ''`,
		`UPDATE articles SET coder = COALESCE((SELECT MAX(e.coder) FROM events e WHERE e.article_id = articles.id), '')`,
		// The archive has the events table's columns (the same queries
		// read both) and when a row was archived.
		`CREATE TABLE event_archive AS SELECT * FROM events WHERE 0`,
		`ALTER TABLE event_archive ADD COLUMN archived_at INTEGER NOT NULL DEFAULT 0`,
		`CREATE UNIQUE INDEX event_archive_key ON event_archive (id, coder)`,
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
	SQL: store.SummaryDDL("TEXT"),
}, {
	Version: 6, Name: "spatial index for bounding boxes",
	SQL: []string{
		`CREATE VIRTUAL TABLE events_geo USING rtree(rid, min_lon, max_lon, min_lat, max_lat)`,
		`INSERT INTO events_geo SELECT rowid, lon, lon, lat, lat FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL`,
		`CREATE TRIGGER events_geo_ai AFTER INSERT ON events WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL BEGIN
			INSERT INTO events_geo VALUES (new.rowid, new.lon, new.lon, new.lat, new.lat); END`,
		`CREATE TRIGGER events_geo_ad AFTER DELETE ON events BEGIN
			DELETE FROM events_geo WHERE rid = old.rowid; END`,
	},
}, {
	Version: 7, Name: "known-group codes of source and target",
	SQL: []string{
		`ALTER TABLE events ADD COLUMN source_group TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE events ADD COLUMN target_group TEXT NOT NULL DEFAULT ''`,
		`UPDATE events SET source_group = COALESCE(json_extract(doc, '$.source.group'), ''),
			target_group = COALESCE(json_extract(doc, '$.target.group'), '')
			WHERE json_extract(doc, '$.source.group') IS NOT NULL OR json_extract(doc, '$.target.group') IS NOT NULL`,
		`CREATE INDEX events_source_group ON events (source_group, date)`,
		`CREATE INDEX events_target_group ON events (target_group, date)`,
		`ALTER TABLE event_archive ADD COLUMN source_group TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE event_archive ADD COLUMN target_group TEXT NOT NULL DEFAULT ''`,
		`UPDATE event_archive SET source_group = COALESCE(json_extract(doc, '$.source.group'), ''),
			target_group = COALESCE(json_extract(doc, '$.target.group'), '')
			WHERE json_extract(doc, '$.source.group') IS NOT NULL OR json_extract(doc, '$.target.group') IS NOT NULL`,
	},
}}
