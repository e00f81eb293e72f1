package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad/internal/event"
)

// WARC limits: the header block of a record and of the HTTP response it
// holds.
const (
	maxWARCHeaderLines = 256
	maxHTTPHeaderBytes = 64 << 10
)

// errWARCFormat marks a record whose header is not WARC; the reader then
// looks for the next record.
var errWARCFormat = errors.New("not a WARC record")

// warcReader reads WARC records one at a time from a stream (a .warc.gz
// is a series of gzip members, which gzip's reader joins).
type warcReader struct {
	br      *bufio.Reader
	pending string // a version line found while resynchronising
	off     int64  // bytes of the (uncompressed) archive read so far
	start   int64  // where the record being read began
}

// header reads a record's version line and named fields (names in lower
// case). It returns io.EOF at a clean end of input.
func (w *warcReader) header() (map[string]string, error) {
	first := w.pending
	w.pending = ""
	for first == "" {
		w.start = w.off
		line, err := w.line()
		if err != nil && err != io.EOF {
			return nil, err
		}
		if first = strings.TrimSpace(line); first == "" && err == io.EOF {
			return nil, io.EOF
		}
	}
	if !strings.HasPrefix(first, "WARC/") {
		return nil, fmt.Errorf("%w: record starts %q", errWARCFormat, clip(first, 40))
	}
	h := map[string]string{}
	for i := 0; ; i++ {
		if i > maxWARCHeaderLines {
			return nil, fmt.Errorf("%w: more than %d header lines", errWARCFormat, maxWARCHeaderLines)
		}
		line, err := w.line()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			return h, nil
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%w: header line %q has no colon", errWARCFormat, clip(line, 40))
		}
		h[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
}

// line reads one line, at most the reader's buffer long.
func (w *warcReader) line() (string, error) {
	b, err := w.br.ReadSlice('\n')
	w.off += int64(len(b))
	if err == bufio.ErrBufferFull {
		return "", fmt.Errorf("%w: header line longer than %d bytes", errWARCFormat, w.br.Size())
	}
	return string(b), err
}

// maxWARCBlock is the largest record block read into memory; larger ones
// (video, archives) are streamed past, and hold no article anyway.
const maxWARCBlock = 4 * MaxArticle

// block reads a record's block of n bytes. When the input ends first and
// a new record starts inside what was read (its Content-Length was too
// long), it returns the record's part, puts the rest back to be read as
// the next record, and reports cut.
func (w *warcReader) block(n int64) (b []byte, cut bool, err error) {
	// Read as the bytes come (not make(n)): a damaged length must not
	// cost memory the input does not hold.
	b, err = io.ReadAll(io.LimitReader(w.br, n))
	w.off += int64(len(b))
	if err != nil {
		return nil, false, err
	}
	if int64(len(b)) == n {
		return b, false, nil
	}
	if b, ok := w.putBack(b); ok {
		return b, true, nil
	}
	return nil, false, io.ErrUnexpectedEOF
}

// putBack finds a record starting inside b (after a line end); it puts
// that part back to be read again and returns what comes before it.
func (w *warcReader) putBack(b []byte) ([]byte, bool) {
	k := bytes.Index(b, []byte("\nWARC/1."))
	if k < 0 {
		return b, false
	}
	rest := b[k+1:]
	w.off -= int64(len(rest))
	w.br = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(append([]byte(nil), rest...)), w.br), 1<<16)
	return b[:k+1], true
}

// ended reports whether the record's block really ended where its length
// said: what follows is the blank line that closes a record, the next
// record, or the end of the input.
func (w *warcReader) ended() bool {
	next, _ := w.br.Peek(24)
	if len(next) == 0 || bytes.HasPrefix(next, []byte("\r\n\r\n")) || bytes.HasPrefix(next, []byte("\n\n")) {
		return true
	}
	rest := bytes.TrimLeft(next, "\r\n")
	return len(rest) == 0 && len(next) < 24 || bytes.HasPrefix(rest, []byte("WARC/"))
}

// resync skips input up to the next line that starts a WARC record.
func (w *warcReader) resync() error {
	for {
		w.start = w.off
		b, err := w.br.ReadSlice('\n')
		w.off += int64(len(b))
		if bytes.HasPrefix(b, []byte("WARC/1.")) {
			w.pending = strings.TrimSpace(string(b))
			return nil
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return err
		}
	}
}

// readWARC reads a WARC archive: each HTTP response record (status 2xx,
// an HTML page) and each resource record holding HTML is an article. The
// archive is streamed record by record; other records are skipped.
func readWARC(name string, br *bufio.Reader, opt Options, emit func(event.Article) error, bad func(Problem)) error {
	w := &warcReader{br: br}
	w.start = 0
	rec := 0
	for {
		h, err := w.header()
		if err == io.EOF {
			return nil
		}
		rec++
		if err != nil {
			if !errors.Is(err, errWARCFormat) {
				bad(Problem{File: name, Line: rec, Err: inputError(err)})
				return nil
			}
			bad(Problem{File: name, Line: rec, Err: err})
			if err := w.resync(); err != nil {
				if err != io.EOF {
					bad(Problem{File: name, Err: inputError(err)})
				}
				return nil
			}
			continue
		}
		n, err := strconv.ParseInt(h["content-length"], 10, 64)
		if err != nil || n < 0 {
			bad(Problem{File: name, Line: rec, Field: "Content-Length", Err: fmt.Errorf("missing or bad: %q", h["content-length"])})
			if err := w.resync(); err != nil {
				return nil
			}
			continue
		}
		if n > maxWARCBlock {
			// Too big to be a page: stream past it.
			body := &io.LimitedReader{R: w.br, N: n}
			got, err := io.Copy(io.Discard, body)
			w.off += got
			if err != nil || body.N > 0 {
				if err == nil {
					err = io.ErrUnexpectedEOF
				}
				bad(Problem{File: name, Line: rec, Err: inputError(err)})
				return nil
			}
			continue
		}
		block, cut, err := w.block(n)
		if err != nil {
			bad(Problem{File: name, Line: rec, Err: inputError(err)})
			return nil
		}
		if cut {
			// A Content-Length too long ran into the next record: this
			// record is damaged, the ones after it are not.
			bad(Problem{File: name, Line: rec, Field: "Content-Length", Err: fmt.Errorf("record at byte %d says %d bytes but the next record starts after %d; record skipped", w.start, n, len(block))})
			continue
		}
		if !w.ended() {
			if part, ok := w.putBack(block); ok {
				// Too long, with more input after: the next record is
				// inside what the length took.
				bad(Problem{File: name, Line: rec, Field: "Content-Length", Err: fmt.Errorf("record at byte %d says %d bytes but the next record starts after %d; record skipped", w.start, n, len(part))})
				continue
			}
			// Too short: the record goes on past its length.
			bad(Problem{File: name, Line: rec, Field: "Content-Length", Err: fmt.Errorf("record at byte %d says %d bytes but goes on past them; record skipped", w.start, n)})
			if err := w.resync(); err != nil {
				return nil
			}
			continue
		}
		a, p := warcRecord(h, bytes.NewReader(block), n, opt)
		if p != nil {
			p.File, p.Line = name, rec
			bad(*p)
			continue
		}
		if a == nil {
			continue
		}
		a.Origin = fmt.Sprintf("%s:%d", name, rec)
		if err := emit(*a); err != nil {
			return err
		}
	}
}

// warcRecord reads the article in one record, or nil when the record
// holds none (a request, a redirect, an image…).
func warcRecord(h map[string]string, body io.Reader, n int64, opt Options) (*event.Article, *Problem) {
	uri := strings.Trim(h["warc-target-uri"], "<>")
	ct := strings.ToLower(h["content-type"])
	var pageType string
	var payload io.Reader
	switch h["warc-type"] {
	case "response":
		if !strings.HasPrefix(ct, "application/http") {
			return nil, nil
		}
		hb := bufio.NewReaderSize(body, 16<<10)
		status, hdr, err := httpHeader(hb)
		if err != nil {
			return nil, &Problem{Field: "HTTP", Err: fmt.Errorf("%s: %v", uri, err)}
		}
		if status < 200 || status > 299 || !isHTMLType(hdr["content-type"]) {
			return nil, nil
		}
		pageType = hdr["content-type"]
		payload = hb
		if strings.Contains(strings.ToLower(hdr["transfer-encoding"]), "chunked") {
			payload = httputil.NewChunkedReader(payload)
		}
		switch enc := strings.ToLower(strings.TrimSpace(hdr["content-encoding"])); enc {
		case "", "identity":
		case "gzip", "x-gzip":
			zr, err := gzip.NewReader(payload)
			if err != nil {
				return nil, &Problem{Field: "Content-Encoding", Err: fmt.Errorf("%s: bad gzip body: %v", uri, err)}
			}
			payload = zr
		case "deflate":
			payload = flate.NewReader(payload)
		default:
			return nil, &Problem{Field: "Content-Encoding", Err: fmt.Errorf("%s: body encoded as %q, which dyad cannot decode", uri, enc)}
		}
	case "resource", "conversion":
		if !isHTMLType(ct) {
			return nil, nil
		}
		pageType, payload = ct, body
	default:
		return nil, nil
	}
	if n > 4*MaxArticle {
		return nil, &Problem{Err: fmt.Errorf("%s: page larger than %d bytes; not read", uri, MaxArticle)}
	}
	b, tooBig, err := readAllCapped(payload, MaxArticle)
	if tooBig {
		return nil, &Problem{Err: fmt.Errorf("%s: page larger than %d bytes; not read", uri, MaxArticle)}
	}
	if err != nil {
		return nil, &Problem{Err: fmt.Errorf("%s: body cut short or corrupt: %v", uri, err)}
	}
	a, p := pageArticle(b, uri, pageType, opt)
	if p != nil {
		p.Err = fmt.Errorf("%s: %w", uri, p.Err)
		return nil, p
	}
	if a.URL == "" {
		a.URL = uri
	}
	a.ID = StableID(uri, a.Text)
	return &a, nil
}

// httpHeader reads an HTTP response's status line and header (names in
// lower case), leaving hb at the body.
func httpHeader(hb *bufio.Reader) (int, map[string]string, error) {
	read := 0
	line := func() (string, error) {
		b, err := hb.ReadSlice('\n')
		read += len(b)
		if err == bufio.ErrBufferFull || read > maxHTTPHeaderBytes {
			return "", errors.New("HTTP header too long")
		}
		if err != nil {
			return "", errors.New("HTTP header cut short")
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	status, err := line()
	if err != nil {
		return 0, nil, err
	}
	f := strings.Fields(status)
	if len(f) < 2 || !strings.HasPrefix(f[0], "HTTP/") {
		return 0, nil, fmt.Errorf("bad status line %q", clip(status, 40))
	}
	code, err := strconv.Atoi(f[1])
	if err != nil {
		return 0, nil, fmt.Errorf("bad status line %q", clip(status, 40))
	}
	hdr := map[string]string{}
	for {
		l, err := line()
		if err != nil {
			return 0, nil, err
		}
		if l == "" {
			return code, hdr, nil
		}
		if k, v, ok := strings.Cut(l, ":"); ok {
			hdr[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
		}
	}
}

// isHTMLType reports whether a Content-Type is an HTML page.
func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// clip shortens s for an error message.
func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
