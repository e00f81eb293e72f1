package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/store/postgres"
	"github.com/dyad-events/dyad/internal/store/sqlite"
)

// storeScheme splits a --db URL into the store it names and the URL that
// store opens: "sqlite://PATH" or a bare path (SQLite; "" is
// store.DefaultURL), "postgres://…" or "postgresql://…".
func storeScheme(url string) (scheme, u string) {
	if url == "" {
		url = store.DefaultURL
	}
	i := strings.Index(url, "://")
	if i <= 0 {
		return "sqlite", url
	}
	scheme = url[:i]
	if scheme == "postgresql" {
		scheme = "postgres"
	}
	return scheme, url
}

// openStore opens the store a --db URL names, creating a SQLite file that
// is missing (in a folder that exists), and migrates its schema.
func openStore(ctx context.Context, url string) (store.Store, error) {
	return open(ctx, url, false)
}

// openExisting is openStore for commands that only read (query, export,
// serve, recode): a SQLite file must exist, and one that may not be
// written is opened read-only.
func openExisting(ctx context.Context, url string) (store.Store, error) {
	return open(ctx, url, true)
}

func open(ctx context.Context, url string, existing bool) (store.Store, error) {
	scheme, u := storeScheme(url)
	var s *store.DB
	var err error
	switch scheme {
	case "sqlite":
		if existing {
			s, err = sqlite.OpenExisting(ctx, u)
		} else {
			if !strings.Contains(u, "://") {
				u = "sqlite://" + u
			}
			s, err = sqlite.Open(ctx, u)
		}
	case "postgres":
		s, err = postgres.Open(ctx, u)
	default:
		return nil, fmt.Errorf("open store: no store for %q (want sqlite://PATH or postgres://…)", scheme)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s store: %w", scheme, err)
	}
	return s, nil
}
