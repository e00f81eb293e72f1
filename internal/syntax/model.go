package syntax

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/dyad-events/dyad/internal/text"
)

// Model is a trained tagger, lemmatizer and parser. It is read-only once
// loaded and safe for concurrent use; each goroutine parses with its own
// Parser.
type Model struct {
	// tagger tags left to right; tagger2 tags again knowing the first
	// pass's tags of the words to the right.
	tagger, tagger2, moves, labels *weights
	lemmas                         *lemmatizer
	// lexicon gives the tagger each word's possible classes and checks
	// the lemmatizer (nil in a model trained without one).
	lexicon *Lexicon
	// Beam is the number of partial parses kept while parsing (1: greedy).
	Beam int
	// Info describes how the model was trained (one line per fact).
	Info string
}

// magic opens a model file; the number is the format's version.
const magic = "dyad-syntax 4\n"

// A model file is the magic line, the number of sections and each
// section's length (uvarints), then the sections, each a gzip stream: the
// header (info text, beam size, lemmatizer), then the four weight tables
// (tagger, tagger2, moves, labels), each its non-zero rows only. The
// tables are packed apart so that loading unpacks and decodes them at once
// on as many cores as there are.

// sections lists the weight tables in file order.
func (m *Model) sections() []struct {
	name  string
	dst   **weights
	class int
} {
	return []struct {
		name  string
		dst   **weights
		class int
	}{{"tagger", &m.tagger, tagClasses}, {"tagger2", &m.tagger2, tagClasses}, {"moves", &m.moves, numMoves}, {"labels", &m.labels, labelClasses}}
}

// Write stores the model in the format Read reads.
func (m *Model) Write(w io.Writer) error {
	parts, err := m.parts()
	if err != nil {
		return err
	}
	return writePacked(w, parts)
}

// parts returns the model's sections unpacked: the header, then the
// tables.
func (m *Model) parts() ([][]byte, error) {
	var head bytes.Buffer
	hw := bufio.NewWriter(&head)
	writeString(hw, m.Info)
	var b [binary.MaxVarintLen64]byte
	hw.Write(b[:binary.PutUvarint(b[:], uint64(max(m.Beam, 1)))])
	var lem bytes.Buffer
	if err := m.lemmas.write(&lem); err != nil {
		return nil, err
	}
	writeString(hw, lem.String())
	var lex bytes.Buffer
	if m.lexicon != nil {
		if err := m.lexicon.write(&lex); err != nil {
			return nil, err
		}
	}
	writeString(hw, lex.String())
	if err := hw.Flush(); err != nil {
		return nil, err
	}
	parts := [][]byte{head.Bytes()}
	for _, t := range m.sections() {
		var tb bytes.Buffer
		bw := bufio.NewWriter(&tb)
		if err := (*t.dst).write(bw); err != nil {
			return nil, err
		}
		if err := bw.Flush(); err != nil {
			return nil, err
		}
		parts = append(parts, tb.Bytes())
	}
	return parts, nil
}

// writePacked writes the magic line, the section table and each part
// gzipped.
func writePacked(w io.Writer, parts [][]byte) error {
	packed := make([][]byte, len(parts))
	for i, part := range parts {
		var z bytes.Buffer
		zw, err := gzip.NewWriterLevel(&z, gzip.BestCompression)
		if err != nil {
			return err
		}
		zw.Write(part)
		if err := zw.Close(); err != nil {
			return err
		}
		packed[i] = z.Bytes()
	}
	var b [binary.MaxVarintLen64]byte
	out := bufio.NewWriter(w)
	out.WriteString(magic)
	out.Write(b[:binary.PutUvarint(b[:], uint64(len(packed)))])
	for _, p := range packed {
		out.Write(b[:binary.PutUvarint(b[:], uint64(len(p)))])
	}
	for _, p := range packed {
		out.Write(p)
	}
	return out.Flush()
}

func writeString(w *bufio.Writer, s string) {
	var b [binary.MaxVarintLen64]byte
	w.Write(b[:binary.PutUvarint(b[:], uint64(len(s)))])
	w.WriteString(s)
}

// write stores bits, classes, and then each row with a non-zero weight as
// the gap since the previous such row and its weights, zig-zag varints.
func (t *weights) write(w *bufio.Writer) error {
	var b [binary.MaxVarintLen64]byte
	put := func(v uint64) { w.Write(b[:binary.PutUvarint(b[:], v)]) }
	put(uint64(t.bits))
	put(uint64(t.nclass))
	rows := 0
	t.rows(func(int, []int16) { rows++ })
	put(uint64(rows))
	prev := -1
	t.rows(func(r int, row []int16) {
		put(uint64(r - prev))
		prev = r
		for _, v := range row {
			w.Write(b[:binary.PutVarint(b[:], int64(v))])
		}
	})
	return nil
}

// Read loads a model written by Write; name is used in errors.
func Read(r io.Reader, name string) (*Model, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxModelBytes+1))
	if err != nil {
		return nil, fmt.Errorf("syntax model %s: %w", name, err)
	}
	if len(raw) > maxModelBytes {
		return nil, fmt.Errorf("syntax model %s: over %d MB", name, maxModelBytes>>20)
	}
	if !bytes.HasPrefix(raw, []byte(magic)) {
		if bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
			return nil, fmt.Errorf("syntax model %s: an older dyad's model (version 2): retrain it with this version (go run ./tools/trainsyntax)", name)
		}
		if bytes.HasPrefix(raw, []byte("dyad-syntax ")) {
			return nil, fmt.Errorf("syntax model %s: another version's model (this dyad reads version 4): retrain it with this version (go run ./tools/trainsyntax)", name)
		}
		return nil, fmt.Errorf("syntax model %s: not a dyad syntax model (version 4)", name)
	}
	d := &decoder{b: raw[len(magic):]}
	n := d.uvarint()
	if d.err == nil && n != 5 {
		return nil, fmt.Errorf("syntax model %s: %d sections, want 5", name, n)
	}
	lens := make([]uint64, n)
	for i := range lens {
		lens[i] = d.uvarint()
	}
	if d.err != nil {
		return nil, fmt.Errorf("syntax model %s: section table: %w", name, d.err)
	}
	packed := make([][]byte, n)
	for i, l := range lens {
		if l > uint64(len(d.b)) {
			return nil, fmt.Errorf("syntax model %s: section %d: truncated (%d bytes of %d)", name, i, len(d.b), l)
		}
		packed[i], d.b = d.b[:l], d.b[l:]
	}
	if len(d.b) > 0 {
		return nil, fmt.Errorf("syntax model %s: %d bytes after the last section", name, len(d.b))
	}
	m := &Model{}
	tables := m.sections()
	errs := make([]error, len(packed))
	var wg sync.WaitGroup
	for i := range packed {
		wg.Go(func() {
			raw, err := unpack(packed[i])
			if err != nil {
				errs[i] = err
				return
			}
			d := &decoder{b: raw}
			if i == 0 {
				if errs[i] = m.readHeader(d); errs[i] == nil && len(d.b) > 0 {
					errs[i] = fmt.Errorf("%d bytes after the lexicon", len(d.b))
				}
				return
			}
			t := tables[i-1]
			w, err := d.weights(t.class)
			if err == nil && len(d.b) > 0 {
				err = fmt.Errorf("%d bytes after the last row", len(d.b))
			}
			*t.dst, errs[i] = w, err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			part := "header"
			if i > 0 {
				part = tables[i-1].name + " weights"
			}
			return nil, fmt.Errorf("syntax model %s: %s: %w", name, part, err)
		}
	}
	return m, nil
}

// unpack gunzips one section, bounded by maxModelBytes.
func unpack(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxModelBytes+1))
	if err != nil {
		return nil, err
	}
	if len(raw) > maxModelBytes {
		return nil, fmt.Errorf("over %d MB unpacked", maxModelBytes>>20)
	}
	return raw, nil
}

// readHeader reads the info text, beam size and lemmatizer.
func (m *Model) readHeader(d *decoder) error {
	m.Info = string(d.bytes())
	beam := d.uvarint()
	if d.err == nil && (beam < 1 || beam > 64) {
		return fmt.Errorf("beam size %d", beam)
	}
	m.Beam = int(beam)
	lem := d.bytes()
	if d.err != nil {
		return d.err
	}
	var err error
	if m.lemmas, err = readLemmatizer(string(lem)); err != nil {
		return err
	}
	lex := d.bytes()
	if d.err != nil {
		return d.err
	}
	m.lexicon, err = readLexicon(string(lex))
	return err
}

// maxModelBytes bounds an unpacked model (the bundled one is under 40 MB).
const maxModelBytes = 256 << 20

// maxBits bounds a table's size when reading (2^24 buckets).
const maxBits = 24

// decoder reads a model's varints and strings from its unpacked bytes;
// after the first error every read returns zero and err says why.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errors.New("truncated or bad number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errors.New("truncated or bad number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

// bytes reads a length-prefixed string.
func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.err = errors.New("truncated text")
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

// weights reads a table written by weights.write.
func (d *decoder) weights(classes int) (*weights, error) {
	bits, nclass := d.uvarint(), d.uvarint()
	if d.err != nil {
		return nil, d.err
	}
	if bits < 4 || bits > maxBits {
		return nil, fmt.Errorf("2^%d buckets: want 2^4 to 2^%d", bits, maxBits)
	}
	if nclass != uint64(classes) {
		return nil, fmt.Errorf("%d classes, want %d", nclass, classes)
	}
	rows := d.uvarint()
	if d.err != nil {
		return nil, d.err
	}
	if rows > 1<<bits || rows*nclass > uint64(len(d.b)) {
		return nil, fmt.Errorf("%d rows: more than the table or the file holds", rows)
	}
	n := int(nclass)
	row := make([]int16, n)
	return fromRows(uint(bits), n, int(rows), func(yield func(int, []int16) error) error {
		pos := -1
		for i := uint64(0); i < rows; i++ {
			gap := d.uvarint()
			pos += int(gap)
			if d.err == nil && (gap == 0 || pos >= 1<<bits) {
				return fmt.Errorf("row %d out of order or range", pos)
			}
			for c := range row {
				v := d.varint()
				if v < -32768 || v > 32767 {
					return fmt.Errorf("weight %d out of range", v)
				}
				row[c] = int16(v)
			}
			if d.err != nil {
				return d.err
			}
			if err := yield(pos, row); err != nil {
				return err
			}
		}
		return nil
	})
}

// Parser parses sentences with a model, reusing its scratch space; use
// one per goroutine.
type Parser struct {
	m        *Model
	st       state
	words    []word
	tags     []UPOS
	first    []UPOS // the tagger's first pass
	feats    []uint64
	scores   []int32
	lscores  []int32
	buf      []byte
	wordBuf  []text.Word
	beam     beamSearch
	labelled [1024]labelMemo
}

// NewParser returns a parser using m.
func (m *Model) NewParser() *Parser {
	return &Parser{m: m, scores: make([]int32, tagClasses), lscores: make([]int32, labelClasses)}
}

// Tag fills each token's Tag and Lemma from the forms.
func (p *Parser) Tag(toks []Token) { p.tag(toks, nil) }

// tag is Tag where names[i] marks a word the caller knows is part of a
// proper name (a dictionary's country, capital, person or group): the
// tagger's noun, verb, interjection or unknown reading of it ("Norway" at
// the head of a sentence read as "Well, …") becomes PROPN, so the parser
// sees a name. Function words and adjectives inside names keep their tags.
func (p *Parser) tag(toks []Token, names []bool) {
	p.words = p.words[:0]
	for i := range toks {
		var w word
		w, p.buf = lexical(toks[i].Form, p.buf, p.m.lexicon)
		p.words = append(p.words, w)
	}
	p.first = resize(p.first, len(toks))
	p.feats = tagWith(p.m.tagger, p.words, nil, p.first, p.feats, p.scores)
	nameTags(p.first, names)
	p.tags = resize(p.tags, len(toks))
	p.feats = tagWith(p.m.tagger2, p.words, p.first, p.tags, p.feats, p.scores)
	nameTags(p.tags, names)
	for i := range toks {
		toks[i].Tag = p.tags[i]
		toks[i].Lemma = p.m.lemma(toks[i].Form, p.tags[i])
		toks[i].Head, toks[i].Rel = -1, NoRel
	}
}

// nameTags makes the known name words PROPN where the tagger read them as
// an open-class word that no name word is.
func nameTags(tags []UPOS, names []bool) {
	for i := range names {
		if i < len(tags) && names[i] {
			switch tags[i] {
			case NOUN, VERB, INTJ, X, ADV, PRON, NUM:
				tags[i] = PROPN
			}
		}
	}
}

// Parse tags the tokens (as Tag) and fills each one's Head and Rel.
func (p *Parser) Parse(toks []Token) { p.ParseNames(toks, nil) }

// ParseNames is Parse with the caller's knowledge of which words are part
// of proper names (see Tag); names may be nil or shorter than toks.
func (p *Parser) ParseNames(toks []Token, names []bool) {
	p.tag(toks, names)
	if len(toks) == 0 {
		return
	}
	s := &p.st
	if p.m.Beam > 1 {
		p.parseBeam(p.m.Beam)
		for i := range toks {
			toks[i].Head = s.head[i+1] - 1
			toks[i].Rel = s.rel[i+1]
		}
		return
	}
	s.reset(p.words, p.tags)
	var ok [numMoves]bool
	var sc [numMoves]int32
	for !s.done() {
		s.valid(&ok)
		p.feats = s.moveFeatures(p.feats[:0])
		sc = [numMoves]int32{}
		p.m.moves.score(p.feats, sc[:])
		move := argmax(sc[:], ok[:])
		r := NoRel
		if move != shift {
			h, d := s.arcTarget(move)
			r = p.label(s, h, d)
		}
		s.apply(move, r)
	}
	for i := range toks {
		toks[i].Head = s.head[i+1] - 1
		toks[i].Rel = s.rel[i+1]
	}
}

// Describe returns a summary of the model: its training info and sizes.
func (m *Model) Describe() string {
	var sb strings.Builder
	sb.WriteString(m.Info)
	for _, t := range []struct {
		name string
		w    *weights
	}{{"tagger", m.tagger}, {"tagger2", m.tagger2}, {"moves", m.moves}, {"labels", m.labels}} {
		rows := 0
		t.w.rows(func(int, []int16) { rows++ })
		fmt.Fprintf(&sb, "%s: 2^%d buckets × %d classes, %d rows used\n", t.name, t.w.bits, t.w.nclass, rows)
	}
	fmt.Fprintf(&sb, "lemma exceptions: %d, lemma rules: %d\n", len(m.lemmas.exceptions), len(m.lemmas.rules))
	if m.lexicon != nil {
		fmt.Fprintf(&sb, "lexicon: %d lemmas, %d irregular forms\n", len(m.lexicon.lemmas), len(m.lexicon.exceptions))
	}
	return sb.String()
}
