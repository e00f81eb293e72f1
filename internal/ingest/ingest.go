// Package ingest owns getting articles in: reading article JSONL and plain
// text files (from paths or stdin), checking each record, and reporting bad
// records by file, line and field without stopping the run.
package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Article is one news article as dyad reads it.
type Article struct {
	ID        string    `json:"id"`
	URL       string    `json:"url,omitempty"`
	Published time.Time `json:"-"`
	Title     string    `json:"title,omitempty"`
	Text      string    `json:"text"`
	HTML      string    `json:"html,omitempty"`
	// Origin says where the article was read: "file:line".
	Origin string `json:"-"`
	// Extra keeps fields dyad does not know, so nothing a user sent is lost.
	Extra map[string]json.RawMessage `json:"-"`
}

// Problem is a record that could not be read. The run goes on without it.
type Problem struct {
	File  string
	Line  int
	Field string
	Err   error
}

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

// Options control reading.
type Options struct {
	// Published dates plain-text input that carries no date of its own.
	Published time.Time
}

// ParsePublished reads a publication date: YYYY-MM-DD or RFC 3339.
func ParsePublished(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("empty; want YYYY-MM-DD or RFC 3339")
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	return time.Time{}, fmt.Errorf("%q is not YYYY-MM-DD or RFC 3339", s)
}

// Read reads articles from path ("-" is stdin) and calls emit for each good
// one and bad for each problem. It returns an error only when the input
// cannot be read at all (or emit fails).
func Read(path string, opt Options, emit func(Article) error, bad func(Problem)) error {
	var r io.Reader
	name := path
	if path == "-" || path == "" {
		r, name = os.Stdin, "<stdin>"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReaderSize(r, 1<<16)
	if isJSONL(name, br) {
		return readJSONL(name, br, emit, bad)
	}
	return readText(name, br, opt, emit, bad)
}

func isJSONL(name string, br *bufio.Reader) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson", ".json":
		return true
	case ".txt", ".text":
		return false
	}
	head, _ := br.Peek(512)
	return len(bytes.TrimLeft(head, " \t\r\n\ufeff")) > 0 && bytes.TrimLeft(head, " \t\r\n")[0] == '{'
}

// MaxLine is the longest JSONL record read; longer ones are reported.
const MaxLine = 64 << 20

func readJSONL(name string, br *bufio.Reader, emit func(Article) error, bad func(Problem)) error {
	line := 0
	for {
		raw, err := readLine(br)
		if len(raw) == 0 && err == io.EOF {
			return nil
		}
		line++
		if err != nil && err != io.EOF {
			if err == errTooLong {
				bad(Problem{File: name, Line: line, Err: fmt.Errorf("record longer than %d bytes", MaxLine)})
				continue
			}
			return fmt.Errorf("read %s:%d: %w", name, line, err)
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

var errTooLong = fmt.Errorf("line too long")

// readLine reads one line of any length up to MaxLine; a longer line is
// skipped to its end and reported.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > MaxLine {
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice('\n')
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

// decode checks one JSONL record.
func decode(raw []byte) (Article, *Problem) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return Article{}, &Problem{Err: fmt.Errorf("not a JSON object: %v", err)}
	}
	var a Article
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
	for k, dst := range map[string]*string{"id": &a.ID, "url": &a.URL, "title": &a.Title, "text": &a.Text, "html": &a.HTML, "published": &pub} {
		if p := str(k, dst); p != nil {
			return a, p
		}
	}
	if strings.TrimSpace(a.Text) == "" && strings.TrimSpace(a.HTML) == "" {
		return a, &Problem{Field: "text", Err: fmt.Errorf("article has no text (nor html)")}
	}
	if _, ok := fields["published"]; !ok {
		return a, &Problem{Field: "published", Err: fmt.Errorf("missing; every article needs its publication date")}
	}
	t, err := ParsePublished(pub)
	if err != nil {
		return a, &Problem{Field: "published", Err: err}
	}
	a.Published = t
	for k, v := range fields {
		if !known[k] {
			if a.Extra == nil {
				a.Extra = map[string]json.RawMessage{}
			}
			a.Extra[k] = v
		}
	}
	if a.ID == "" {
		a.ID = StableID(a.URL, a.Text+a.HTML)
	}
	return a, nil
}

// StableID is the default article id: a hash of url and text.
func StableID(url, text string) string {
	h := sha256.Sum256([]byte(url + "\x00" + text))
	return hex.EncodeToString(h[:8])
}

func readText(name string, br *bufio.Reader, opt Options, emit func(Article) error, bad func(Problem)) error {
	b, err := io.ReadAll(io.LimitReader(br, MaxLine+1))
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if len(b) > MaxLine {
		bad(Problem{File: name, Err: fmt.Errorf("file larger than %d bytes", MaxLine)})
		return nil
	}
	if bytes.IndexByte(b, 0) >= 0 {
		bad(Problem{File: name, Err: fmt.Errorf("binary file, not text")})
		return nil
	}
	if strings.TrimSpace(string(b)) == "" {
		bad(Problem{File: name, Field: "text", Err: fmt.Errorf("empty file")})
		return nil
	}
	if opt.Published.IsZero() {
		bad(Problem{File: name, Field: "published", Err: fmt.Errorf("plain text has no date; give --published YYYY-MM-DD")})
		return nil
	}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	return emit(Article{ID: base, Text: string(b), Published: opt.Published, Origin: name})
}
