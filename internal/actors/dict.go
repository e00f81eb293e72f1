// Package actors owns who takes part in events: the actor dictionaries
// (countries, demonyms, capitals, organisations, groups, people, role
// words), their loading and validation, and recognising and composing actor
// mentions in a sentence ("the Iranian ambassador" → IRNGOV).
package actors

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Kind says what sort of name an entry is.
type Kind string

// The kinds of dictionary entry; see data/README.md.
const (
	KindCountry Kind = "country"
	KindAdj     Kind = "adj"
	KindPeople  Kind = "people"
	KindCapital Kind = "capital"
	KindIGO     Kind = "igo"
	KindGroup   Kind = "group"
	KindPerson  Kind = "person"
	KindRole    Kind = "role"
)

var kinds = map[string]Kind{"country": KindCountry, "adj": KindAdj, "people": KindPeople,
	"capital": KindCapital, "igo": KindIGO, "group": KindGroup, "person": KindPerson, "role": KindRole}

// Entry is one dictionary line: a set of names for one actor.
type Entry struct {
	Country string // ISO3 or ""
	Agent   string // CAMEO agent or ""
	Kind    Kind
	Names   []string
	// Group is the CAMEO known-group code of an international body, armed
	// group, party or NGO (UNO, NAT, HMS…), as in GDELT's KnownGroupCode;
	// "" for none.
	Group string
	From  time.Time // zero: no start
	To    time.Time // zero: no end
	File  string
	Line  int
}

// ValidOn reports whether the entry applies on day d (zero d: always).
func (e *Entry) ValidOn(d time.Time) bool {
	if d.IsZero() {
		return true
	}
	if !e.From.IsZero() && d.Before(e.From) {
		return false
	}
	if !e.To.IsZero() && d.After(e.To) {
		return false
	}
	return true
}

// Code is the CAMEO actor code of the entry.
func (e *Entry) Code() string { return e.Country + e.Agent }

// ParseFile reads entries in the actor dictionary format from r; name is
// used in errors ("actors/x.tsv:12: country: …").
func ParseFile(name string, r io.Reader) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		e, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		e.File, e.Line = name, n
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	return out, nil
}

func parseLine(line string) (Entry, error) {
	f := strings.Split(line, "\t")
	if len(f) < 4 || len(f) > 6 {
		return Entry{}, fmt.Errorf("want 4 to 6 tab-separated fields (country, agent, kind, names[, valid[, group]]), got %d", len(f))
	}
	var e Entry
	var err error
	if e.Country, err = code3(f[0]); err != nil {
		return e, fmt.Errorf("country: %w", err)
	}
	if e.Agent, err = code3(f[1]); err != nil {
		return e, fmt.Errorf("agent: %w", err)
	}
	k, ok := kinds[strings.TrimSpace(f[2])]
	if !ok {
		return e, fmt.Errorf("kind: %q is not one of country, adj, people, capital, igo, group, person, role", f[2])
	}
	e.Kind = k
	for _, name := range strings.Split(f[3], "|") {
		if strings.TrimSpace(name) != name || name == "" {
			return e, fmt.Errorf("names: empty or space-padded name %q", name)
		}
		e.Names = append(e.Names, name)
	}
	if len(f) >= 5 && strings.TrimSpace(f[4]) != "" && strings.TrimSpace(f[4]) != "-" {
		from, to, ok := strings.Cut(strings.TrimSpace(f[4]), "..")
		if !ok {
			return e, fmt.Errorf("valid: %q is not FROM..TO", f[4])
		}
		if from != "" {
			if e.From, err = time.Parse("2006-01-02", from); err != nil {
				return e, fmt.Errorf("valid: from: %w", err)
			}
		}
		if to != "" {
			if e.To, err = time.Parse("2006-01-02", to); err != nil {
				return e, fmt.Errorf("valid: to: %w", err)
			}
		}
		if !e.From.IsZero() && !e.To.IsZero() && e.To.Before(e.From) {
			return e, fmt.Errorf("valid: %s ends before it starts", f[4])
		}
	}
	if len(f) == 6 {
		if e.Group, err = code3(f[5]); err != nil {
			return e, fmt.Errorf("group: %w", err)
		}
	}
	return e, nil
}

func code3(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "-" {
		return "", nil
	}
	if len(s) != 3 {
		return "", fmt.Errorf("%q is not '-' or a 3-letter code", s)
	}
	for _, c := range s {
		if c < 'A' || c > 'Z' {
			return "", fmt.Errorf("%q is not '-' or a 3-letter upper-case code", s)
		}
	}
	return s, nil
}

// LoadFS reads every *.tsv file under dir in fsys, in name order.
func LoadFS(fsys fs.FS, dir string) ([]Entry, error) {
	var names []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".tsv") {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load actors %s: %w", dir, err)
	}
	sort.Strings(names)
	var all []Entry
	for _, n := range names {
		f, err := fsys.Open(n)
		if err != nil {
			return nil, fmt.Errorf("load actors: %w", err)
		}
		es, err := ParseFile(path.Clean(n), f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("load actors %w", err)
		}
		all = append(all, es...)
	}
	return all, nil
}

// LoadPath reads a user dictionary: one .tsv file, or every .tsv under a directory.
func LoadPath(p string) ([]Entry, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("load actors: %w", err)
	}
	if st.IsDir() {
		return LoadFS(os.DirFS(p), ".")
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("load actors: %w", err)
	}
	defer f.Close()
	es, err := ParseFile(filepath.Clean(p), f)
	if err != nil {
		return nil, fmt.Errorf("load actors %w", err)
	}
	return es, nil
}
