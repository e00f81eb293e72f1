package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/event"
)

func readJSONL(name string, br *bufio.Reader, emit func(event.Article) error, bad func(Problem)) error {
	line := 0
	for {
		raw, err := readLine(br)
		if len(raw) == 0 && err == io.EOF {
			return nil
		}
		line++
		if err == errTooLong {
			bad(Problem{File: name, Line: line, Err: fmt.Errorf("record longer than %d bytes", MaxLine)})
			continue
		}
		if err != nil && err != io.EOF {
			bad(Problem{File: name, Line: line, Err: inputError(err)})
			return nil
		}
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 {
			continue
		}
		a, p := decode(raw)
		if p != nil {
			p.File, p.Line = name, line
			bad(*p)
			continue
		}
		a.Origin = fmt.Sprintf("%s:%d", name, line)
		if err := emit(a); err != nil {
			return err
		}
	}
}

// errTooLong is the reason a JSONL record is skipped.
var errTooLong = fmt.Errorf("line too long")

// readLine reads one line of any length up to MaxLine; a longer line is
// skipped to its end (without holding it) and reported.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > MaxLine {
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice('\n')
			}
			if err != nil && err != io.EOF {
				return nil, err
			}
			return nil, errTooLong
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		return buf, err
	}
}

var known = map[string]bool{"id": true, "url": true, "published": true, "title": true, "text": true, "html": true}

// decode checks one JSONL record. A record with html and no text has its
// text (and, when the record lacks them, its title and date) taken from
// the page.
// notAnObject says, in the user's terms, why a line is not one JSON
// object: broken JSON (and where), or JSON of another kind.
func notAnObject(raw []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("not a JSON object: broken JSON at byte %d of the line", se.Offset)
	}
	kind := "something else"
	switch t := bytes.TrimSpace(raw); {
	case len(t) == 0:
		kind = "nothing"
	case t[0] == '[':
		kind = "a list"
	case t[0] == '"':
		kind = "a string"
	case t[0] == 'n':
		kind = "null"
	case t[0] == 't' || t[0] == 'f':
		kind = "a true/false value"
	case t[0] == '-' || t[0] >= '0' && t[0] <= '9':
		kind = "a number"
	}
	return fmt.Errorf("not a JSON object: the line holds %s; each line must be one article {\"id\": …, \"published\": …, \"text\": …}", kind)
}

func decode(raw []byte) (event.Article, *Problem) {
	if !utf8.Valid(raw) {
		return event.Article{}, &Problem{Err: fmt.Errorf("not valid UTF-8 (JSON must be UTF-8)")}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return event.Article{}, &Problem{Err: notAnObject(raw, err)}
	}
	var a event.Article
	str := func(k string, dst *string) *Problem {
		v, ok := fields[k]
		if !ok || string(v) == "null" {
			return nil
		}
		if err := json.Unmarshal(v, dst); err != nil {
			return &Problem{Field: k, Err: fmt.Errorf("not a string")}
		}
		return nil
	}
	var pub string
	for _, f := range []struct {
		key string
		dst *string
	}{{"id", &a.ID}, {"url", &a.URL}, {"title", &a.Title}, {"text", &a.Text}, {"html", &a.HTML}, {"published", &pub}} {
		if p := str(f.key, f.dst); p != nil {
			return a, p
		}
	}
	if strings.TrimSpace(a.Text) == "" && strings.TrimSpace(a.HTML) == "" {
		return a, &Problem{Field: "text", Err: fmt.Errorf("article has no text (nor html)")}
	}
	if len(a.Text) > MaxArticle || len(a.HTML) > MaxArticle {
		return a, &Problem{Field: "text", Err: fmt.Errorf("article larger than %d bytes", MaxArticle)}
	}
	id := a.ID
	if id == "" {
		id = StableID(a.URL, a.Text+a.HTML)
	}
	var page Page
	if strings.TrimSpace(a.Text) == "" {
		var err error
		page, err = ExtractHTML([]byte(a.HTML), a.URL, "text/html; charset=utf-8")
		if err != nil {
			return a, &Problem{Field: "html", Err: err}
		}
		a.Text = page.Text
		if a.Title == "" {
			a.Title = page.Title
		}
		a.Byline = page.Byline
	}
	_, hasPub := fields["published"]
	switch {
	case hasPub:
		t, err := ParsePublished(pub)
		if err != nil {
			return a, &Problem{Field: "published", Err: err}
		}
		a.Published = t
	case !page.Published.IsZero():
		a.Published = page.Published
	default:
		return a, &Problem{Field: "published", Err: fmt.Errorf("missing; every article needs its publication date")}
	}
	for k, v := range fields {
		if !known[k] {
			if a.Extra == nil {
				a.Extra = map[string]json.RawMessage{}
			}
			a.Extra[k] = v
		}
	}
	a.ID = id
	return a, nil
}
