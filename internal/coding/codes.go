// Package coding owns what happened: the CAMEO code tables (names,
// Goldstein scores, QuadClass, the PLOVER mapping), the verb and noun
// patterns that recognise happenings, and turning a sentence's actors,
// triggers, dates, places and death counts into coded events.
package coding

import (
	"bufio"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad/internal/event"
)

// Code is one CAMEO event code with its scores.
type Code struct {
	Code      string
	Name      string
	Goldstein float64
	Quad      int
	Plover    event.Plover
}

// Root is the code's two-digit root ("19" for "195").
func (c Code) Root() string { return c.Code[:2] }

// Table is the CAMEO code table.
type Table struct {
	codes map[string]Code
}

// Lookup returns the code, falling back to its 3-digit parent and root for
// codes not in the table.
func (t *Table) Lookup(code string) (Code, bool) {
	for c := code; len(c) >= 2; c = c[:len(c)-1] {
		k := c
		if len(k) == 2 {
			k += "0"
		}
		if v, ok := t.codes[k]; ok {
			if k != code {
				v.Code = code
			}
			return v, true
		}
	}
	return Code{}, false
}

// Len is the number of codes in the table.
func (t *Table) Len() int { return len(t.codes) }

// Codes lists every code in the table.
func (t *Table) Codes() []Code {
	out := make([]Code, 0, len(t.codes))
	for _, c := range t.codes {
		out = append(out, c)
	}
	return out
}

// LoadTable reads cameo/codes.tsv and cameo/plover.tsv from fsys and checks
// that every code has a Goldstein score, a QuadClass and a PLOVER type.
func LoadTable(fsys fs.FS) (*Table, error) {
	t := &Table{codes: map[string]Code{}}
	err := eachLine(fsys, "cameo/codes.tsv", func(_ int, f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("want 4 fields (code, goldstein, quad, name), got %d", len(f))
		}
		if err := checkCode(f[0]); err != nil {
			return fmt.Errorf("code: %w", err)
		}
		g, err := strconv.ParseFloat(f[1], 64)
		if err != nil || g < -10 || g > 10 {
			return fmt.Errorf("goldstein: %q is not a number in [-10, 10]", f[1])
		}
		q, err := strconv.Atoi(f[2])
		if err != nil || q < 1 || q > 4 {
			return fmt.Errorf("quad: %q is not 1-4", f[2])
		}
		if want := quadOf(f[0]); q != want {
			return fmt.Errorf("quad: %d, but root %s is QuadClass %d", q, f[0][:2], want)
		}
		if _, dup := t.codes[f[0]]; dup {
			return fmt.Errorf("code: %s listed twice", f[0])
		}
		t.codes[f[0]] = Code{Code: f[0], Goldstein: g, Quad: q, Name: f[3]}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine(fsys, "cameo/plover.tsv", func(_ int, f []string) error {
		if len(f) != 3 {
			return fmt.Errorf("want 3 fields (code, type, mode), got %d", len(f))
		}
		c, ok := t.codes[f[0]]
		if !ok {
			return fmt.Errorf("code: %s is not in cameo/codes.tsv", f[0])
		}
		if f[1] == "" || f[1] == "-" {
			return fmt.Errorf("type: empty")
		}
		c.Plover = event.Plover{Type: f[1]}
		if f[2] != "-" {
			c.Plover.Mode = f[2]
		}
		t.codes[f[0]] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	for k, c := range t.codes {
		if c.Plover.Type == "" {
			return nil, fmt.Errorf("cameo/plover.tsv: code %s has no PLOVER type", k)
		}
	}
	return t, nil
}

// quadOf is the QuadClass of a code's root.
func quadOf(code string) int {
	r, _ := strconv.Atoi(code[:2])
	switch {
	case r <= 5:
		return 1
	case r <= 8:
		return 2
	case r <= 13:
		return 3
	}
	return 4
}

func checkCode(s string) error {
	if len(s) < 3 || len(s) > 4 {
		return fmt.Errorf("%q is not a 3- or 4-digit code", s)
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return fmt.Errorf("%q is not a 3- or 4-digit code", s)
		}
	}
	if r, _ := strconv.Atoi(s[:2]); r < 1 || r > 20 {
		return fmt.Errorf("%q has no CAMEO root 01-20", s)
	}
	return nil
}

// eachLine calls fn with the tab-separated fields of every data line of a
// file, wrapping errors with file and line.
func eachLine(fsys fs.FS, name string, fn func(line int, fields []string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("load %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if err := fn(n, fields); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	return nil
}
