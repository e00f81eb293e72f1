package api

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/store"
)

// Page sizes of the API (smaller than the store's, to keep answers short).
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// maxParamLen bounds every parameter's raw value.
const maxParamLen = 200

// Kind is the type of a parameter, which decides how it is parsed and how
// the OpenAPI document describes it.
type Kind int

// Parameter kinds.
const (
	KindString Kind = iota // free text
	KindCode               // an actor code: 3 to 15 letters or digits
	KindDyad               // two actor codes, comma-separated
	KindDate               // YYYY-MM-DD
	KindInt                // an integer within Min..Max
	KindDigits             // a CAMEO code or root: digits, MinLen..MaxLen of them
	KindEnum               // one of Enum
	KindBBox               // four numbers: min lon, min lat, max lon, max lat
	KindCursor             // an opaque cursor from a previous page
	KindID                 // an id in a path: letters, digits, '.', '_', '-'
	KindWords              // a text search: free text with at least one word
	KindGroup              // a CAMEO known-group code: 3 letters
)

// Param describes one query or path parameter: the OpenAPI document is
// written from it, and ParseQuery validates requests against it.
type Param struct {
	Name     string
	In       string // "query" or "path"
	Kind     Kind
	Doc      string
	Required bool
	Enum     []string // KindEnum
	Min, Max int      // KindInt bounds; KindDigits length bounds
	Default  string
	Example  string
	// Alias is an older name still accepted ("q" for "text"); giving
	// both is an error.
	Alias string
	// set stores the parsed value in q.
	set func(q *Query, v any)
}

// Query is what a request asked for once its parameters are parsed.
type Query struct {
	Filter store.Filter // the event filters and the page
	ID     string       // a path id
	Bucket string       // series bucket
	A, B   string       // relation sides
}

// Error is an input problem: the API answers it with 400 and its text.
type Error struct{ Msg string }

// Error returns the message, which names the parameter.
func (e *Error) Error() string { return e.Msg }

func badf(format string, a ...any) error { return &Error{fmt.Sprintf(format, a...)} }

// ParseQuery validates a request's query string and path values against
// route r's parameters and returns what it asked for. Unknown or repeated
// parameters, values out of range and malformed values are errors that
// name the parameter and say what is wrong.
func ParseQuery(r *Route, query url.Values, path func(name string) string) (*Query, error) {
	q := &Query{}
	known := map[string]bool{}
	for _, p := range r.Params {
		known[p.Name] = p.In == "query"
		if p.Alias != "" {
			known[p.Alias] = p.In == "query"
		}
	}
	var unknown []string
	for k, vs := range query {
		if !known[k] {
			unknown = append(unknown, k)
			continue
		}
		if len(vs) > 1 {
			return nil, badf("%s: given %d times, want once", k, len(vs))
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		var names []string
		for _, p := range r.Params {
			if p.In == "query" {
				names = append(names, p.Name)
			}
		}
		if len(names) == 0 {
			return nil, badf("%s: unknown parameter; this route takes none", unknown[0])
		}
		return nil, badf("%s: unknown parameter; this route takes %s", unknown[0], strings.Join(names, ", "))
	}
	for i := range r.Params {
		p := &r.Params[i]
		var raw string
		var given bool
		name := p.Name // as the request spelt it
		if p.In == "path" {
			raw = path(p.Name)
			given = raw != ""
		} else if vs, ok := query[p.Name]; ok {
			raw, given = vs[0], true
			if _, both := query[p.Alias]; p.Alias != "" && both {
				return nil, badf("%s and %s: the same parameter given twice; use %s", p.Name, p.Alias, p.Name)
			}
		} else if vs, ok := query[p.Alias]; ok && p.Alias != "" {
			raw, given, name = vs[0], true, p.Alias
		}
		if !given || raw == "" {
			if p.Required {
				return nil, badf("%s: required", p.Name)
			}
			if p.Default == "" {
				continue
			}
			raw = p.Default
		}
		v, err := p.parse(raw)
		if err != nil {
			return nil, badf("%s: %v", name, err)
		}
		p.set(q, v)
	}
	f := &q.Filter
	if !f.Start.IsZero() && !f.End.IsZero() && f.End.Before(f.Start) {
		return nil, badf("end: %s is before start %s", f.End.Format(dateLayout), f.Start.Format(dateLayout))
	}
	return q, nil
}

const dateLayout = "2006-01-02"

// parse checks one raw value against p and converts it.
func (p *Param) parse(raw string) (any, error) {
	if len(raw) > maxParamLen {
		return nil, fmt.Errorf("%d bytes long, at most %d", len(raw), maxParamLen)
	}
	switch p.Kind {
	case KindString:
		s := strings.TrimSpace(raw)
		if badText(s) {
			return nil, fmt.Errorf("%q has control characters or invalid UTF-8", raw)
		}
		return s, nil
	case KindWords:
		s := strings.TrimSpace(raw)
		if badText(s) {
			return nil, fmt.Errorf("%q has control characters or invalid UTF-8", raw)
		}
		if len(store.Words(s)) == 0 {
			return nil, fmt.Errorf("%q has no words to search for", raw)
		}
		return s, nil
	case KindCode:
		return parseCode(raw)
	case KindGroup:
		s := strings.ToUpper(strings.TrimSpace(raw))
		if len(s) != 3 || strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return nil, fmt.Errorf("%q is not a known-group code (3 letters, e.g. UNO, NAT, HMS)", raw)
		}
		return s, nil
	case KindDyad:
		a, b, ok := strings.Cut(raw, ",")
		if !ok || strings.Contains(b, ",") {
			return nil, fmt.Errorf("%q is not two actor codes separated by a comma (e.g. IRN,PAK)", raw)
		}
		ca, err := parseCode(a)
		if err != nil {
			return nil, err
		}
		cb, err := parseCode(b)
		if err != nil {
			return nil, err
		}
		return [2]string{ca, cb}, nil
	case KindDate:
		t, err := time.Parse(dateLayout, raw)
		if err != nil {
			return nil, fmt.Errorf("%q is not YYYY-MM-DD", raw)
		}
		return t, nil
	case KindInt:
		n, err := strconv.Atoi(raw)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", raw)
		}
		if n < p.Min || n > p.Max {
			return nil, fmt.Errorf("%d is out of range %d to %d", n, p.Min, p.Max)
		}
		return n, nil
	case KindDigits:
		if len(raw) < p.Min || len(raw) > p.Max || strings.Trim(raw, "0123456789") != "" {
			return nil, fmt.Errorf("%q is not %s", raw, digitsWant(p.Min, p.Max))
		}
		if n, _ := strconv.Atoi(raw[:2]); n < 1 || n > 20 {
			return nil, fmt.Errorf("%q: CAMEO roots run from 01 to 20", raw)
		}
		return raw, nil
	case KindEnum:
		if !slices.Contains(p.Enum, raw) {
			return nil, fmt.Errorf("%q is not one of %s", raw, strings.Join(p.Enum, ", "))
		}
		return raw, nil
	case KindBBox:
		parts := strings.Split(raw, ",")
		if len(parts) != 4 {
			return nil, fmt.Errorf("%q is not four numbers: min lon, min lat, max lon, max lat", raw)
		}
		var b [4]float64
		for i, s := range parts {
			f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil {
				return nil, fmt.Errorf("%q is not a number", s)
			}
			lim := 180.0
			if i%2 == 1 {
				lim = 90
			}
			if !(f >= -lim && f <= lim) { // also rejects NaN
				return nil, fmt.Errorf("%s is out of range -%g to %g", s, lim, lim)
			}
			b[i] = f
		}
		if b[0] > b[2] || b[1] > b[3] {
			return nil, fmt.Errorf("%q: min lon, min lat must not exceed max lon, max lat", raw)
		}
		return &b, nil
	case KindCursor:
		if _, err := base64.RawURLEncoding.DecodeString(raw); err != nil {
			return nil, fmt.Errorf("%q is not a cursor from a previous page", raw)
		}
		return raw, nil
	case KindID:
		if len(raw) > 100 || strings.TrimFunc(raw, idRune) != "" {
			return nil, fmt.Errorf("%q is not an id (letters, digits, '.', '_', '-')", raw)
		}
		return raw, nil
	}
	return nil, fmt.Errorf("unknown parameter kind %d", p.Kind)
}

func digitsWant(lo, hi int) string {
	if lo == hi {
		return fmt.Sprintf("%d digits", lo)
	}
	return fmt.Sprintf("%d to %d digits", lo, hi)
}

func idRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
}

func parseCode(raw string) (string, error) {
	s := strings.ToUpper(strings.TrimSpace(raw))
	if len(s) < 3 || len(s) > 15 || strings.TrimFunc(s, func(r rune) bool { return r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' }) != "" {
		return "", fmt.Errorf("%q is not an actor code (3 to 15 letters or digits, e.g. IRN or PAKMIL)", raw)
	}
	return s, nil
}

// badText reports a parameter value with control characters (NUL
// included) or bytes that are not UTF-8, which every text parameter
// refuses alike.
func badText(s string) bool {
	return !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f || r == '\uFFFD' })
}
