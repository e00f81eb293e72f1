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
}

// header reads a record's version line and named fields (names in lower
// case). It returns io.EOF at a clean end of input.
func (w *warcReader) header() (map[string]string, error) {
	first := w.pending
	w.pending = ""
	for first == "" {
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
	if err == bufio.ErrBufferFull {
		return "", fmt.Errorf("%w: header line longer than %d bytes", errWARCFormat, w.br.Size())
	}
	return string(b), err
}

// resync skips input up to the next line that starts a WARC record.
func (w *warcReader) resync() error {
	for {
		b, err := w.br.ReadSlice('\n')
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
func readWARC(name string, br *bufio.Reader, opt Options, emit func(Article) error, bad func(Problem)) error {
	w := &warcReader{br: br}
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
		body := &io.LimitedReader{R: br, N: n}
		a, p := warcRecord(h, body, n, opt)
		if _, err := io.Copy(io.Discard, body); err != nil || body.N > 0 {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			bad(Problem{File: name, Line: rec, Err: inputError(err)})
			return nil
		}
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
func warcRecord(h map[string]string, body io.Reader, n int64, opt Options) (*Article, *Problem) {
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
