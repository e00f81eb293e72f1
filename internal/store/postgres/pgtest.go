package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"time"
)

// AdminURL is the server tests create their databases on: $DYAD_TEST_POSTGRES,
// else the local server (trust auth, database "test").
func AdminURL() string {
	if u := os.Getenv("DYAD_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// TempDatabase creates a database with a random name (dyad_test_…) on the
// server at AdminURL and returns its URL and a function that drops it. It
// returns an error when no server answers, which tests turn into a skip.
func TempDatabase(ctx context.Context) (string, func(), error) {
	admin := AdminURL()
	var db *sql.DB
	var err error
	for _, u := range []string{admin, strings.Replace(admin, "postgres@", "root@", 1)} {
		db, err = sql.Open("pgx", u)
		if err == nil {
			cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
			err = db.PingContext(cctx)
			cancel()
			if err == nil {
				admin = u
				break
			}
			db.Close()
		}
	}
	if err != nil {
		return "", nil, fmt.Errorf("no PostgreSQL at %s: %w", admin, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "dyad_test_" + hex.EncodeToString(b)
	// The name is ours (hex), not a user's, so it may be spliced into DDL.
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		db.Close()
		return "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	u := admin
	if i := strings.LastIndex(u, "/"); i >= 0 {
		rest := ""
		if j := strings.IndexByte(u[i:], '?'); j >= 0 {
			rest = u[i+j:]
		}
		u = u[:i+1] + name + rest
	}
	drop := func() {
		db.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		db.Close()
	}
	return u, drop, nil
}
