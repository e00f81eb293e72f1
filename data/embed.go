// Package data holds dyad's bundled dictionaries and code tables (actors,
// CAMEO codes, PLOVER mapping, verb patterns), embedded into the binary.
// The formats are described in data/README.md; the loaders live in the
// packages that use them (actors, coding, syntax). Besides tests, only
// cmd/dyad imports this package: it passes FS to pipeline.NewData, and
// every other package reads the files it is given (internal/deps_test.go
// checks this).
package data

import "embed"

// FS is the embedded tree: actors/, cameo/, verbs/, syntax/ (the tagger and parser model).
//
//go:embed README.md actors cameo verbs syntax
var FS embed.FS
