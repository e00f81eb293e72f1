package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/dyad-events/dyad/internal/event"
)

// format is a kind of input.
type format int

const (
	formatText format = iota
	formatJSONL
	formatHTML
	formatFeed
	formatWARC
)

// The gzip-bomb guard: past bombMinBytes of output, a stream that has
// grown more than bombRatio times its compressed size is given up. Text
// and HTML compress 3–20 times; only crafted input reaches 200.
var (
	bombMinBytes int64 = 64 << 20
	bombRatio    int64 = 200
)

// errBomb is the reason a gzip bomb is given up.
var errBomb = errors.New("gzip stream expands too far (a gzip bomb?); rest of file not read")

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// bombGuard fails a decompressed stream that expands too far.
type bombGuard struct {
	r   io.Reader
	in  *countReader
	out int64
}

func (g *bombGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.out += int64(n)
	if g.out > bombMinBytes && g.out > bombRatio*(g.in.n+1) {
		return n, errBomb
	}
	return n, err
}

// inputError is a failure reading the input itself (a truncated or
// corrupt gzip stream, a bomb, an I/O error) as opposed to a bad record.
func inputError(err error) error {
	var ce flate.CorruptInputError
	switch {
	case errors.Is(err, errBomb):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("input cut short (%v); rest of file not read", err)
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader), errors.As(err, &ce):
		return fmt.Errorf("corrupt compressed data (%v); rest of file not read", err)
	}
	return fmt.Errorf("read error (%v); rest of file not read", err)
}

// readStream reads one input: it undoes gzip, tells the format and hands
// the stream to the reader for that format.
func readStream(name string, r io.Reader, opt Options, emit func(event.Article) error, bad func(Problem)) error {
	cr := &countReader{r: r}
	br := bufio.NewReaderSize(cr, 1<<16)
	kindName := name
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			bad(Problem{File: name, Err: fmt.Errorf("not a valid gzip file: %v", err)})
			return nil
		}
		defer zr.Close()
		br = bufio.NewReaderSize(&bombGuard{r: zr, in: cr}, 1<<16)
		kindName = strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".GZ")
	} else if strings.HasSuffix(strings.ToLower(name), ".gz") {
		kindName = name[:len(name)-3]
	}
	switch sniff(kindName, br) {
	case formatJSONL:
		return readJSONL(name, br, emit, bad)
	case formatHTML:
		return readHTMLFile(name, kindName, br, opt, emit, bad)
	case formatFeed:
		return readFeed(name, br, opt, emit, bad)
	case formatWARC:
		return readWARC(name, br, opt, emit, bad)
	}
	return readText(name, kindName, br, opt, emit, bad)
}

// formatOf is the format each input file extension names.
var formatOf = map[string]format{".jsonl": formatJSONL, ".ndjson": formatJSONL, ".json": formatJSONL,
	".txt": formatText, ".text": formatText,
	".html": formatHTML, ".htm": formatHTML, ".xhtml": formatHTML, ".shtml": formatHTML,
	".rss": formatFeed, ".atom": formatFeed, ".xml": formatFeed, ".warc": formatWARC}

// sniff tells an input's format from its name, then its first bytes.
func sniff(name string, br *bufio.Reader) format {
	if f, ok := formatOf[strings.ToLower(filepath.Ext(name))]; ok {
		return f
	}
	head, _ := br.Peek(1024)
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	head = bytes.TrimLeft(head, " \t\r\n")
	lower := bytes.ToLower(head)
	switch {
	case len(head) == 0:
		return formatText
	case bytes.HasPrefix(head, []byte("WARC/")):
		return formatWARC
	case head[0] == '{':
		return formatJSONL
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")):
		return formatHTML
	case bytes.HasPrefix(lower, []byte("<?xml")), bytes.HasPrefix(lower, []byte("<rss")), bytes.HasPrefix(lower, []byte("<feed")), bytes.HasPrefix(lower, []byte("<rdf")):
		if bytes.Contains(lower, []byte("<rss")) || bytes.Contains(lower, []byte("<feed")) || bytes.Contains(lower, []byte("<rdf")) {
			return formatFeed
		}
		if bytes.Contains(lower, []byte("<html")) {
			return formatHTML
		}
		return formatFeed
	case head[0] == '<' && bytes.Contains(lower, []byte("<body")):
		return formatHTML
	}
	return formatText
}

// binary reports whether b, the head of a file, looks like binary data
// rather than text: a NUL byte or many control characters. UTF-16 text
// (with its byte-order mark) is not binary.
func binary(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
		return false
	}
	if len(b) > 4096 {
		b = b[:4096]
	}
	ctl := 0
	for _, c := range b {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b:
			ctl++
		}
	}
	return ctl > len(b)/20+1
}
