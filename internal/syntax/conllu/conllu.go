// Package conllu reads and writes CoNLL-U (Universal Dependencies) files and scores predicted
// against gold annotation.
package conllu

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Word is one syntactic word line (integer ID) of a CoNLL-U sentence.
type Word struct {
	ID                             int // 1-based
	Form, Lemma, UPOS, XPOS, Feats string
	Head                           int // 0 = root; -1 when the column is "_"
	Deprel, Deps, Misc             string
}

// Sentence is one CoNLL-U sentence. Comments, multi-word token lines (IDs like 3-4) and empty
// nodes (IDs like 8.1) are kept verbatim in order and written back untouched; only Words are for
// the caller to read and change.
//
// A block made of comments only (a file header, say) is read as a Sentence without Words, so
// that writing every sentence back reproduces the file.
//
// To make a predicted copy of a gold sentence, copy the Sentence value and give the copy its own
// Words (p := *g; p.Words = slices.Clone(g.Words)): the kept lines are never modified, so the two
// may share them. If the number of Words changes, the kept lines may no longer fit them.
type Sentence struct {
	Words []Word
	Line  int // line number of the sentence's first line in its file

	extra []extraLine // comments, multi-word tokens and empty nodes, in file order
}

// extraLine is a line of a sentence other than a syntactic word, kept verbatim.
type extraLine struct {
	pos  int    // number of Words before it in the sentence
	text string // the whole line, without its line ending
	kind byte   // kindComment, kindMWT or kindEmpty
	// For multi-word tokens: the range of word IDs and the MISC column.
	first, last int
	misc        string
}

const (
	kindComment = '#'
	kindMWT     = '-'
	kindEmpty   = '.'
)

// columnNames are the CoNLL-U column names, for error messages.
var columnNames = [10]string{"ID", "FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD", "DEPREL", "DEPS", "MISC"}

// Text returns the "# text = ..." comment's value, or "" when there is none.
func (s *Sentence) Text() string {
	v, _ := s.comment("text")
	return v
}

// comment returns the value of the first "# key = value" comment.
func (s *Sentence) comment(key string) (string, bool) {
	for _, e := range s.extra {
		if e.kind != kindComment {
			continue
		}
		rest := strings.TrimLeft(e.text[1:], " \t")
		rest, ok := strings.CutPrefix(rest, key)
		if !ok {
			continue
		}
		rest = strings.TrimLeft(rest, " \t")
		if rest, ok = strings.CutPrefix(rest, "="); ok {
			return strings.Trim(rest, " \t"), true
		}
	}
	return "", false
}

// SpaceAfter reports whether word i (0-based index into Words) is followed by a space (MISC has
// no SpaceAfter=No). A word inside a multi-word token other than its last is never followed by a
// space; for the last word, the token line's MISC decides, as UD puts SpaceAfter=No there.
func (s *Sentence) SpaceAfter(i int) bool {
	misc := s.Words[i].Misc
	id := i + 1
	for _, e := range s.extra {
		if e.kind == kindMWT && e.first <= id && id <= e.last {
			if id < e.last {
				return false
			}
			misc = e.misc
			break
		}
	}
	for misc != "" {
		var item string
		item, misc, _ = strings.Cut(misc, "|")
		if item == "SpaceAfter=No" {
			return false
		}
	}
	return true
}

// maxLine is the longest line the Reader accepts.
const maxLine = 64 << 20

// Reader reads sentences one at a time.
type Reader struct {
	sc   *bufio.Scanner
	name string
	line int   // number of the last line read
	err  error // sticky: returned by every Read after the first error or io.EOF

	// Per-sentence state, reused.
	block     []byte // the sentence's lines, without line endings
	ends      []int  // the end of each line in block
	cur       int    // number of the line being parsed
	wordLines []int  // line number of each word, for the HEAD range check
	mwtEnd    int    // last word ID of the latest multi-word token, 0 if none
	mwtLine   int    // its line
	mwtText   string
	emptyMaj  int // ID of the latest empty node, emptyMin 0 if none
	emptyMin  int
}

// NewReader returns a Reader reading CoNLL-U from r; name (usually the file's path) is used in
// error messages.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 256<<10), maxLine)
	return &Reader{sc: sc, name: name}
}

// Read returns the next sentence, or io.EOF. Errors name the file, the line and the column, e.g.
// `conllu gum.conllu:17: column 7 (HEAD): "x" is not a number`. After an error, Read returns the
// same error again.
//
// Lines may end in CRLF, the final blank line may be missing, and several blank lines (or lines
// of spaces and tabs only) count as one. Every other line is a comment (starting with '#') or has
// ten tab-separated, non-empty columns, with word IDs 1, 2, 3, ... in order, multi-word token
// ranges just before their first word and empty nodes after the word they follow.
func (r *Reader) Read() (*Sentence, error) {
	if r.err != nil {
		return nil, r.err
	}
	// Gather the block's lines, then convert them to one string and parse it: one allocation
	// per sentence for the text of all its fields.
	r.block, r.ends = r.block[:0], r.ends[:0]
	first := 0
	for r.sc.Scan() {
		r.line++
		b := r.sc.Bytes() // without "\n" or "\r\n"
		if r.line == 1 {
			b = bytes.TrimPrefix(b, []byte("\uFEFF"))
		}
		if len(bytes.Trim(b, " \t")) == 0 {
			if len(r.ends) > 0 {
				break
			}
			continue
		}
		if len(r.ends) == 0 {
			first = r.line
		}
		r.block = append(r.block, b...)
		r.ends = append(r.ends, len(r.block))
	}
	var s *Sentence
	if len(r.ends) > 0 {
		var err error
		if s, err = r.parse(first); err != nil {
			r.err = err
			return nil, err
		}
	}
	if err := r.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			r.err = fmt.Errorf("conllu %s:%d: line longer than %d bytes", r.name, r.line+1, maxLine)
		} else {
			r.err = fmt.Errorf("conllu %s: after line %d: %w", r.name, r.line, err)
		}
		return nil, r.err
	}
	if s == nil {
		r.err = io.EOF
		return nil, io.EOF
	}
	return s, nil
}

// parse parses the gathered block, whose first line is line first of the file.
func (r *Reader) parse(first int) (*Sentence, error) {
	text := string(r.block)
	words, extra := 0, 0
	prev := 0
	for _, end := range r.ends {
		line := text[prev:end]
		prev = end
		if line[0] == '#' {
			extra++
			continue
		}
		id := line
		if i := strings.IndexByte(id, '\t'); i >= 0 {
			id = id[:i]
		}
		if strings.ContainsAny(id, "-.") {
			extra++
		} else {
			words++
		}
	}
	s := &Sentence{Line: first, Words: make([]Word, 0, words)}
	if extra > 0 {
		s.extra = make([]extraLine, 0, extra)
	}
	r.wordLines = r.wordLines[:0]
	r.mwtEnd, r.mwtLine, r.mwtText = 0, 0, ""
	r.emptyMaj, r.emptyMin = 0, 0
	prev = 0
	for k, end := range r.ends {
		r.cur = first + k
		if err := r.parseLine(s, text[prev:end]); err != nil {
			return nil, err
		}
		prev = end
	}
	return r.finish(s)
}

// errorf returns an error about the current line.
func (r *Reader) errorf(format string, args ...any) error {
	return r.errorAt(r.cur, format, args...)
}

func (r *Reader) errorAt(line int, format string, args ...any) error {
	return fmt.Errorf("conllu %s:%d: %s", r.name, line, fmt.Sprintf(format, args...))
}

// colErrorf returns an error about column col (0-based) of the current line.
func (r *Reader) colErrorf(col int, format string, args ...any) error {
	return r.errorf("column %d (%s): %s", col+1, columnNames[col], fmt.Sprintf(format, args...))
}

// parseLine adds one non-blank line to s.
func (r *Reader) parseLine(s *Sentence, text string) error {
	if strings.IndexByte(text, '\r') >= 0 {
		return r.errorf("carriage return inside the line")
	}
	if text[0] == '#' {
		s.extra = append(s.extra, extraLine{pos: len(s.Words), text: text, kind: kindComment})
		return nil
	}

	var f [10]string
	n, rest := 0, text
	for {
		i := strings.IndexByte(rest, '\t')
		if i < 0 {
			break
		}
		if n < len(f) {
			f[n] = rest[:i]
		}
		n++
		rest = rest[i+1:]
	}
	if n < len(f) {
		f[n] = rest
	}
	if n++; n != len(f) {
		return r.errorf("the line has %d tab-separated columns, want 10", n)
	}
	for i, v := range f {
		if v == "" {
			return r.colErrorf(i, "empty (use _ for no value)")
		}
	}

	id := f[0]
	if a, b, ok := strings.Cut(id, "-"); ok {
		return r.parseMWT(s, text, a, b, f[9])
	}
	if a, b, ok := strings.Cut(id, "."); ok {
		return r.parseEmpty(s, text, a, b)
	}
	n, err := r.number(0, id)
	if err != nil {
		return err
	}
	if want := len(s.Words) + 1; n != want {
		return r.colErrorf(0, "word %d out of order, expected %d", n, want)
	}
	head := -1
	if f[6] != "_" {
		if head, err = r.number(6, f[6]); err != nil {
			return err
		}
	}
	s.Words = append(s.Words, Word{
		ID: n, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5],
		Head: head, Deprel: f[7], Deps: f[8], Misc: f[9],
	})
	r.wordLines = append(r.wordLines, r.cur)
	return nil
}

// parseMWT adds a multi-word token line with ID a-b.
func (r *Reader) parseMWT(s *Sentence, text, a, b, misc string) error {
	first, err := r.number(0, a)
	if err != nil {
		return err
	}
	last, err := r.number(0, b)
	if err != nil {
		return err
	}
	switch {
	case last <= first:
		return r.colErrorf(0, "multi-word token %d-%d does not span two words or more", first, last)
	case first <= r.mwtEnd:
		return r.colErrorf(0, "multi-word token %d-%d overlaps %s", first, last, r.mwtText)
	case first != len(s.Words)+1:
		return r.colErrorf(0, "multi-word token %d-%d out of order, expected it to start at word %d", first, last, len(s.Words)+1)
	}
	r.mwtEnd, r.mwtLine, r.mwtText = last, r.cur, a+"-"+b
	s.extra = append(s.extra, extraLine{pos: len(s.Words), text: text, kind: kindMWT, first: first, last: last, misc: misc})
	return nil
}

// parseEmpty adds an empty node line with ID a.b.
func (r *Reader) parseEmpty(s *Sentence, text, a, b string) error {
	major, err := r.number(0, a)
	if err != nil {
		return err
	}
	minor, err := r.number(0, b)
	if err != nil {
		return err
	}
	want := 1
	if r.emptyMaj == len(s.Words) && r.emptyMin > 0 {
		want = r.emptyMin + 1
	}
	if major != len(s.Words) || minor != want {
		return r.colErrorf(0, "empty node %d.%d out of order, expected %d.%d", major, minor, len(s.Words), want)
	}
	r.emptyMaj, r.emptyMin = major, minor
	s.extra = append(s.extra, extraLine{pos: len(s.Words), text: text, kind: kindEmpty})
	return nil
}

// number parses v, a part of column col, as a non-negative decimal integer without leading zeros.
func (r *Reader) number(col int, v string) (int, error) {
	if v == "" {
		return 0, r.colErrorf(col, "%q is not a number", v)
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return 0, r.colErrorf(col, "%q is not a number", v)
		}
	}
	if len(v) > 1 && v[0] == '0' {
		return 0, r.colErrorf(col, "%q has a leading zero", v)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n > 1<<30 {
		return 0, r.colErrorf(col, "%q is too large", v)
	}
	return n, nil
}

// finish checks what can only be checked at the end of s, and returns s.
func (r *Reader) finish(s *Sentence) (*Sentence, error) {
	if r.mwtEnd > len(s.Words) {
		return nil, r.errorAt(r.mwtLine, "column 1 (ID): multi-word token %s goes past the sentence's last word %d", r.mwtText, len(s.Words))
	}
	for i, w := range s.Words {
		if w.Head > len(s.Words) {
			return nil, r.errorAt(r.wordLines[i], "column 7 (HEAD): %d is past the sentence's last word %d", w.Head, len(s.Words))
		}
	}
	return s, nil
}

// ReadFile reads a whole file.
func ReadFile(path string) ([]*Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("conllu: %w", err)
	}
	defer f.Close()
	var out []*Sentence
	r := NewReader(f, path)
	for {
		s, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
}

// Write writes the sentence in CoNLL-U, with a blank line after it. Each word is written from its
// fields, an empty field as "_" and a Head of -1 as "_"; the kept lines are written back as they
// were read. Word IDs must be 1, 2, 3, ..., heads between -1 and the number of words, and no
// field may contain a tab, CR or LF. A Sentence with no lines at all writes nothing. Write makes
// one call to w per sentence: give it a bufio.Writer when writing many.
func Write(w io.Writer, s *Sentence) error {
	if len(s.Words) == 0 && len(s.extra) == 0 {
		return nil
	}
	size := 1
	for _, e := range s.extra {
		size += len(e.text) + 1
	}
	for i := range s.Words {
		wd := &s.Words[i]
		size += 30 + len(wd.Form) + len(wd.Lemma) + len(wd.UPOS) + len(wd.XPOS) + len(wd.Feats) +
			len(wd.Deprel) + len(wd.Deps) + len(wd.Misc)
	}
	buf := make([]byte, 0, size)
	k := 0
	for i := range s.Words {
		for ; k < len(s.extra) && s.extra[k].pos <= i; k++ {
			buf = append(buf, s.extra[k].text...)
			buf = append(buf, '\n')
		}
		wd := &s.Words[i]
		if wd.ID != i+1 {
			return fmt.Errorf("conllu: writing the sentence of line %d: word %d has ID %d", s.Line, i+1, wd.ID)
		}
		if wd.Head < -1 || wd.Head > len(s.Words) {
			return fmt.Errorf("conllu: writing the sentence of line %d: word %d has HEAD %d, not between -1 and %d", s.Line, i+1, wd.Head, len(s.Words))
		}
		buf = strconv.AppendInt(buf, int64(wd.ID), 10)
		for c, v := range [...]string{wd.Form, wd.Lemma, wd.UPOS, wd.XPOS, wd.Feats} {
			var err error
			if buf, err = appendField(buf, v, s, i, c+1); err != nil {
				return err
			}
		}
		buf = append(buf, '\t')
		if wd.Head == -1 {
			buf = append(buf, '_')
		} else {
			buf = strconv.AppendInt(buf, int64(wd.Head), 10)
		}
		for c, v := range [...]string{wd.Deprel, wd.Deps, wd.Misc} {
			var err error
			if buf, err = appendField(buf, v, s, i, c+7); err != nil {
				return err
			}
		}
		buf = append(buf, '\n')
	}
	for ; k < len(s.extra); k++ {
		buf = append(buf, s.extra[k].text...)
		buf = append(buf, '\n')
	}
	buf = append(buf, '\n')
	_, err := w.Write(buf)
	return err
}

// appendField appends a tab and v (or "_" if v is empty), column col of word i of s.
func appendField(buf []byte, v string, s *Sentence, i, col int) ([]byte, error) {
	buf = append(buf, '\t')
	if v == "" {
		return append(buf, '_'), nil
	}
	if strings.ContainsAny(v, "\t\r\n") {
		return buf, fmt.Errorf("conllu: writing the sentence of line %d: word %d: column %d (%s) %q contains a tab or line break",
			s.Line, i+1, col+1, columnNames[col], v)
	}
	return append(buf, v...), nil
}
