// Package ingest owns getting articles in: reading article JSONL, plain
// text, HTML pages, RSS and Atom feeds and WARC archives (each possibly
// gzip-compressed; from files, directories or stdin), checking each record,
// guessing its language, and reporting bad records by file, line and field
// without stopping the run.
//
// Input is streamed: a JSONL file or a WARC archive (even gzipped) is never
// held in memory whole, only one record at a time; no article larger than
// MaxArticle bytes is read; a feed document, parsed whole, is capped at
// MaxFeed bytes; a gzip stream that expands like a gzip bomb is given up.
package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/dyad-events/dyad/internal/dates"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dyad-events/dyad/internal/dedup"
	"github.com/dyad-events/dyad/internal/event"
)

// Problem is a record that could not be read. The run goes on without it.
// Line is the line of a JSONL record, the record number in a WARC archive,
// the item number in a feed, and 0 for a whole file.
type Problem struct {
	File  string
	Line  int
	Field string
	Err   error
}

// Error says where the problem is and what it is: "file:line: field: reason".
func (p Problem) Error() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	if p.Field != "" {
		return fmt.Sprintf("%s: %s: %v", loc, p.Field, p.Err)
	}
	return fmt.Sprintf("%s: %v", loc, p.Err)
}

// Unwrap returns the reason the record was rejected.
func (p Problem) Unwrap() error { return p.Err }

// Options control reading.
type Options struct {
	// Published dates input that carries no date of its own: plain text,
	// and HTML pages, feed items and WARC records without a publication
	// date in their metadata.
	Published time.Time
	// Languages, when not empty, keeps only articles in these languages
	// (ISO 639-1 codes, as DetectLanguage gives them) and those whose
	// language cannot be told; the others go to Skip. []string{"en"}
	// codes English only.
	Languages []string
	// Dedup, when not nil, leaves out articles whose text duplicates (or
	// nearly duplicates) one read before, in this Read or an earlier one
	// given the same index; they go to Skip.
	Dedup *dedup.Index
	// Skip is told of each article left out by Languages, Dedup or IDs,
	// with the reason; nil leaves them out silently. A skipped article is
	// not a Problem: nothing is wrong with it.
	Skip func(a event.Article, reason string)
	// IDs, when not nil, leaves out an article whose id was read before
	// (in this Read or an earlier one given the same set): the same
	// article in two inputs is coded once. It goes to Skip.
	IDs *IDs
	// Notice is told things worth a line that are no problem with the
	// input ("skipped 2 files of unknown type in news/: .csv, .md"); nil
	// says nothing.
	Notice func(msg string)
}

// IDs is a set of article ids read, with where each was first read.
type IDs struct {
	mu   sync.Mutex
	from map[string]string
}

// NewIDs returns an empty set.
func NewIDs() *IDs { return &IDs{from: map[string]string{}} }

// add records id read at origin; for an id read before it returns where.
func (s *IDs) add(id, origin string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o, ok := s.from[id]; ok {
		return o, true
	}
	s.from[id] = origin
	return "", false
}

// keep applies Languages and Dedup to an article: it returns the reason
// to leave it out, or "".
func (o *Options) keep(a event.Article) string {
	if len(o.Languages) > 0 && a.Language != "" && !slices.Contains(o.Languages, a.Language) {
		return fmt.Sprintf("language %q, not %s", a.Language, strings.Join(o.Languages, ", "))
	}
	if o.IDs != nil && a.ID != "" {
		if from, dup := o.IDs.add(a.ID, a.Origin); dup {
			return "same id as the article read at " + from
		}
	}
	if o.Dedup != nil {
		if of, dup := o.Dedup.Add(a.ID, a.Title+"\n"+a.Text); dup {
			if of == a.ID {
				return "already read"
			}
			return fmt.Sprintf("duplicate of %s", of)
		}
	}
	return ""
}

// MaxArticle is the largest single article (a text file, an HTML page, a
// feed item, a WARC record's page, a JSONL record's text or html) read;
// larger ones are reported and skipped.
const MaxArticle = 16 << 20

// MaxLine is the longest JSONL record read; longer ones are reported. It
// leaves room for JSON escaping around a MaxArticle article.
const MaxLine = 2 * MaxArticle

// MaxFeed is the largest RSS or Atom document read.
const MaxFeed = 64 << 20

// ParsePublished reads a publication date: YYYY-MM-DD or RFC 3339, as the
// calendar day written (dates.ParsePublished, which the dates stage also
// anchors on).
func ParsePublished(s string) (time.Time, error) {
	return dates.ParsePublished(s)
}

// dayOf is the calendar day of t, as written in t's own zone, at midnight
// UTC: the form every Published date takes.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// StableID is the default article id: a hash of url and text.
func StableID(url, text string) string {
	h := sha256.Sum256([]byte(url + "\x00" + text))
	return hex.EncodeToString(h[:8])
}

// emitError marks an error returned by the caller's emit, which stops
// the run, as opposed to a bad input, which does not.
type emitError struct{ err error }

func (e emitError) Error() string { return e.err.Error() }
func (e emitError) Unwrap() error { return e.err }

// Read reads articles from path ("-" is stdin; a directory is walked
// recursively in lexical order, skipping hidden entries) and calls emit
// for each good one and bad for each problem. The format is told from the
// file name and, failing that, from the first bytes: JSONL (.jsonl,
// .ndjson, .json), plain text (.txt), HTML (.html, .htm), RSS or Atom
// (.rss, .atom, .xml), WARC (.warc); each may be gzip-compressed (.gz or
// gzip's magic bytes). Every article gets its Language; opt.Languages and
// opt.Dedup may then leave it out (see Options).
//
// Read returns an error only when the input cannot be read at all (or emit
// fails); everything else, down to a truncated gzip stream, is a Problem.
func Read(path string, opt Options, emit func(event.Article) error, bad func(Problem)) error {
	seen := 0 // articles and problems this input gave
	countBad := func(p Problem) {
		seen++
		bad(p)
	}
	send := func(a event.Article) error {
		seen++
		if a.Language == "" {
			a.Language = DetectLanguage(a.Title + "\n" + a.Text)
		}
		if why := opt.keep(a); why != "" {
			if opt.Skip != nil {
				opt.Skip(a, why)
			}
			return nil
		}
		if err := emit(a); err != nil {
			return emitError{err}
		}
		return nil
	}
	err := readPath(path, opt, send, countBad)
	var ee emitError
	if errors.As(err, &ee) {
		return ee.err
	}
	if err == nil && seen == 0 {
		name := path
		if name == "-" || name == "" {
			name = "<stdin>"
		}
		bad(Problem{File: name, Err: errors.New("no articles in this input (empty, or no file of a known type)")})
	}
	return err
}

func readPath(path string, opt Options, emit func(event.Article) error, bad func(Problem)) error {
	if path == "-" || path == "" {
		return readStream("<stdin>", os.Stdin, opt, emit, bad)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if !fi.IsDir() {
		return readFile(path, opt, emit, bad)
	}
	var unknown []string // extensions of files skipped
	skipped := 0
	defer func() {
		if skipped > 0 && opt.Notice != nil {
			slices.Sort(unknown)
			opt.Notice(fmt.Sprintf("skipped %d file(s) of unknown type in %s (%s)", skipped, path, strings.Join(slices.Compact(unknown), ", ")))
		}
	}()
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			bad(Problem{File: p, Err: err})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if ext := fileType(p); ext != "" && !knownType(ext) {
			// A folder of articles may hold notes, spreadsheets, images:
			// only files named as an input type (or with no extension)
			// are read.
			skipped++
			unknown = append(unknown, ext)
			return nil
		}
		if err := readFile(p, opt, emit, bad); err != nil {
			var ee emitError
			if errors.As(err, &ee) {
				return err
			}
			bad(Problem{File: p, Err: err})
		}
		return nil
	})
}

// knownType reports a file extension that names an input format (see
// formatOf): the files read as articles in a folder.
func knownType(ext string) bool {
	_, ok := formatOf[ext]
	return ok
}

// fileType is a file's extension, lower-cased, under a ".gz".
func fileType(p string) string {
	name := strings.ToLower(filepath.Base(p))
	name = strings.TrimSuffix(name, ".gz")
	return filepath.Ext(name)
}

func readFile(path string, opt Options, emit func(event.Article) error, bad func(Problem)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	return readStream(path, f, opt, emit, bad)
}

// readAllCapped reads r to its end, or to max bytes and reports tooBig.
func readAllCapped(r io.Reader, max int64) (b []byte, tooBig bool, err error) {
	b, err = io.ReadAll(io.LimitReader(r, max+1))
	if int64(len(b)) > max {
		return nil, true, err
	}
	return b, false, err
}
