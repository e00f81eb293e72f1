package conllu

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// gumDev is the GUM dev treebank, read in place (never copied into the repository).
const gumDev = "../../../../shared/treebanks/gum-dev.conllu"

// readAll reads every sentence of data.
func readAll(data []byte, name string) ([]*Sentence, error) {
	r := NewReader(bytes.NewReader(data), name)
	var out []*Sentence
	for {
		s, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// writeAll writes every sentence.
func writeAll(t testing.TB, ss []*Sentence) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, s := range ss {
		if err := Write(&b, s); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	return b.Bytes()
}

// sameSentences reports whether a and b hold the same lines (ignoring Line numbers).
func sameSentences(a, b []*Sentence) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !slices.Equal(a[i].Words, b[i].Words) || !reflect.DeepEqual(a[i].extra, b[i].extra) {
			return false
		}
	}
	return true
}

func mustReadFile(t *testing.T, path string) []*Sentence {
	t.Helper()
	ss, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

func TestReadNews(t *testing.T) {
	ss := mustReadFile(t, "testdata/news.conllu")
	tests := []struct {
		line       int
		words      int
		extra      int // comments, multi-word tokens, empty nodes
		sentID     string
		text       string
		firstExtra string
	}{
		{1, 0, 2, "", "", "# newdoc id = dyad-test-news"},
		{4, 10, 2, "news-1", "Rebels seized the airport on Tuesday, officials said.", "# sent_id = news-1"},
		{17, 10, 4, "news-2", "The ministry's spokesman said talks can't resume.", "# sent_id = news-2"},
		{32, 9, 3, "news-3", "Police arrested four men and the army two.", "# sent_id = news-3"},
		{45, 9, 3, "news-4", "Talks resumed, but the rebels won't.", "# sent_id = news-4"},
	}
	if len(ss) != len(tests) {
		t.Fatalf("read %d sentences, want %d", len(ss), len(tests))
	}
	for i, tt := range tests {
		s := ss[i]
		id, _ := s.comment("sent_id")
		if s.Line != tt.line || len(s.Words) != tt.words || len(s.extra) != tt.extra || id != tt.sentID ||
			s.Text() != tt.text || s.extra[0].text != tt.firstExtra {
			t.Errorf("sentence %d: line %d, %d words, %d other lines, sent_id %q, text %q, first line %q; want %+v",
				i, s.Line, len(s.Words), len(s.extra), id, s.Text(), s.extra[0].text, tt)
		}
		for j, w := range s.Words {
			if w.ID != j+1 {
				t.Errorf("sentence %d word %d: ID %d", i, j, w.ID)
			}
		}
	}

	want := Word{ID: 9, Form: "said", Lemma: "say", UPOS: "VERB", XPOS: "VBD",
		Feats: "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin", Head: 0, Deprel: "root",
		Deps: "0:root", Misc: "SpaceAfter=No"}
	if got := ss[1].Words[8]; got != want {
		t.Errorf("news-1 word 9 = %+v, want %+v", got, want)
	}
	if got := ss[2].Words[1]; got.Form != "ministry" || got.Head != 4 || got.Deprel != "nmod:poss" {
		t.Errorf("news-2 word 2 (inside a multi-word token) = %+v", got)
	}
	// The empty node 7.1 stays out of Words, between words 7 and 8.
	if got := ss[3].Words[7]; got.ID != 8 || got.Form != "two" || got.Deprel != "orphan" {
		t.Errorf("news-3 word 8 = %+v", got)
	}
	if e := ss[3].extra[2]; e.kind != kindEmpty || e.pos != 7 || !strings.HasPrefix(e.text, "7.1\tarrested\t") {
		t.Errorf("news-3 empty node kept as %+v", e)
	}
	if e := ss[2].extra[2]; e.kind != kindMWT || e.pos != 1 || e.first != 2 || e.last != 3 {
		t.Errorf("news-2 multi-word token kept as %+v", e)
	}
}

func TestSpaceAfter(t *testing.T) {
	ss := mustReadFile(t, "testdata/news.conllu")
	tests := []struct {
		sent, word int
		want       bool
	}{
		{1, 0, true},  // Rebels
		{1, 5, false}, // Tuesday before the comma
		{1, 8, false}, // said before the full stop
		{1, 9, true},  // the last word has no SpaceAfter=No
		{2, 1, false}, // ministry, inside the token ministry's
		{2, 2, true},  // 's ends ministry's, whose line has no SpaceAfter=No
		{2, 6, false}, // ca, inside can't
		{2, 7, true},  // n't ends can't
		{3, 6, true},  // army, before the empty node
		{4, 6, false}, // wo, inside won't
		{4, 7, false}, // n't ends won't, whose line has SpaceAfter=No
		{4, 8, true},
	}
	for _, tt := range tests {
		if got := ss[tt.sent].SpaceAfter(tt.word); got != tt.want {
			t.Errorf("sentence %d: SpaceAfter(%d) (%q) = %v, want %v", tt.sent, tt.word, ss[tt.sent].Words[tt.word].Form, got, tt.want)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	for _, name := range []string{"news.conllu", "gold.conllu", "pred.conllu"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			ss, err := readAll(data, name)
			if err != nil {
				t.Fatal(err)
			}
			if got := writeAll(t, ss); !bytes.Equal(got, data) {
				t.Errorf("writing %s back gives\n%s\nwant\n%s", name, got, data)
			}
		})
	}
}

// TestTolerant reads variants of news.conllu that must give the same sentences.
func TestTolerant(t *testing.T) {
	data, err := os.ReadFile("testdata/news.conllu")
	if err != nil {
		t.Fatal(err)
	}
	want, err := readAll(data, "news.conllu")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	tests := []struct {
		name, data string
	}{
		{"CRLF", strings.ReplaceAll(s, "\n", "\r\n")},
		{"no final blank line", strings.TrimSuffix(s, "\n")},
		{"no final newline", strings.TrimSuffix(s, "\n\n")},
		{"CRLF, no final newline", strings.TrimSuffix(strings.ReplaceAll(s, "\n", "\r\n"), "\r\n\r\n")},
		{"extra blank lines", "\n\n" + strings.ReplaceAll(s, "\n\n", "\n\n \n\t\n\n") + "\n\n"},
		{"byte order mark", "\uFEFF" + s},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readAll([]byte(tt.data), tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if !sameSentences(got, want) {
				t.Errorf("read different sentences")
			}
			if out := writeAll(t, got); !bytes.Equal(out, data) {
				t.Errorf("writing back gives\n%s\nwant\n%s", out, data)
			}
		})
	}
}

func TestReadHeadUnderscore(t *testing.T) {
	in := "1\tNo\tno\tINTJ\tUH\t_\t_\t_\t_\t_\n2\tcomment\tcomment\tNOUN\tNN\t_\t_\t_\t_\t_\n"
	ss, err := readAll([]byte(in), "unparsed")
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 1 || len(ss[0].Words) != 2 || ss[0].Words[0].Head != -1 || ss[0].Words[1].Deprel != "_" {
		t.Fatalf("read %+v", ss)
	}
	if out := writeAll(t, ss); string(out) != in+"\n" {
		t.Errorf("wrote %q", out)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		file, want string
	}{
		{"columns", `conllu testdata/bad/columns.conllu:3: the line has 9 tab-separated columns, want 10`},
		{"head", `conllu testdata/bad/head.conllu:4: column 7 (HEAD): "x" is not a number`},
		{"id", `conllu testdata/bad/id.conllu:1: column 1 (ID): "one" is not a number`},
		{"order", `conllu testdata/bad/order.conllu:4: column 1 (ID): word 4 out of order, expected 3`},
		{"mwt-order", `conllu testdata/bad/mwt-order.conllu:2: column 1 (ID): multi-word token 3-4 out of order, expected it to start at word 2`},
		{"mwt-past", `conllu testdata/bad/mwt-past.conllu:2: column 1 (ID): multi-word token 2-3 goes past the sentence's last word 2`},
		{"empty-order", `conllu testdata/bad/empty-order.conllu:2: column 1 (ID): empty node 2.1 out of order, expected 1.1`},
		{"head-range", `conllu testdata/bad/head-range.conllu:6: column 7 (HEAD): 5 is past the sentence's last word 3`},
		{"empty-column", `conllu testdata/bad/empty-column.conllu:1: column 3 (LEMMA): empty (use _ for no value)`},
		{"leading-zero", `conllu testdata/bad/leading-zero.conllu:1: column 7 (HEAD): "02" has a leading zero`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := ReadFile("testdata/bad/" + tt.file + ".conllu")
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v\nwant        %s", err, tt.want)
			}
		})
	}
	if _, err := ReadFile("testdata/bad/missing.conllu"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("reading a missing file: %v", err)
	}
}

func TestReadErrorsInline(t *testing.T) {
	const (
		w1 = "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n"
		w2 = "2\tdeal\tdeal\tNOUN\tNN\t_\t0\troot\t_\t_\n"
	)
	tests := []struct {
		name, data, want string
	}{
		{"error in the second sentence, CRLF",
			strings.ReplaceAll("# s1\n"+w1+w2+"\n# s2\n"+w1+"2\tdeal\tdeal\tNOUN\tNN\t_\t0\troot\t_\n", "\n", "\r\n"),
			`conllu in:7: the line has 9 tab-separated columns, want 10`},
		{"too many columns", w1 + "2\tdeal\tdeal\tNOUN\tNN\t_\t0\troot\t_\t_\t_\n",
			`conllu in:2: the line has 11 tab-separated columns, want 10`},
		{"carriage return inside a line", "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\r\r\n" + w2,
			`conllu in:1: carriage return inside the line`},
		{"overlapping multi-word tokens", "1-2\tAdeal\t_\t_\t_\t_\t_\t_\t_\t_\n1-3\tAdeal\t_\t_\t_\t_\t_\t_\t_\t_\n" + w1 + w2,
			`conllu in:2: column 1 (ID): multi-word token 1-3 overlaps 1-2`},
		{"one-word multi-word token", "1-1\tA\t_\t_\t_\t_\t_\t_\t_\t_\n" + w1 + w2,
			`conllu in:1: column 1 (ID): multi-word token 1-1 does not span two words or more`},
		{"bad multi-word token", "1-x\tA\t_\t_\t_\t_\t_\t_\t_\t_\n" + w1 + w2,
			`conllu in:1: column 1 (ID): "x" is not a number`},
		{"empty node numbering", w1 + "1.2\tdeal\tdeal\tNOUN\tNN\t_\t_\t_\t_\t_\n",
			`conllu in:2: column 1 (ID): empty node 1.2 out of order, expected 1.1`},
		{"negative head", w1 + "2\tdeal\tdeal\tNOUN\tNN\t_\t-1\troot\t_\t_\n",
			`conllu in:2: column 7 (HEAD): "-1" is not a number`},
		{"huge head", w1 + "2\tdeal\tdeal\tNOUN\tNN\t_\t99999999999999999999\troot\t_\t_\n",
			`conllu in:2: column 7 (HEAD): "99999999999999999999" is too large`},
		{"word 0", "0\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n",
			`conllu in:1: column 1 (ID): word 0 out of order, expected 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.data), "in")
			var err error
			for err == nil {
				_, err = r.Read()
			}
			if err.Error() != tt.want {
				t.Errorf("error %v\nwant        %s", err, tt.want)
			}
			if _, again := r.Read(); again != err {
				t.Errorf("second Read after the error: %v", again)
			}
		})
	}
}

func TestReadCommentOnly(t *testing.T) {
	in := "# global.columns = ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC\n\n# newdoc\n# note\n\n" +
		"# text = Deal\n1\tDeal\tdeal\tNOUN\tNN\t_\t0\troot\t_\t_\n# a comment after the words\n\n# trailing comment\n\n"
	ss, err := readAll([]byte(in), "in")
	if err != nil {
		t.Fatal(err)
	}
	var words []int
	for _, s := range ss {
		words = append(words, len(s.Words))
	}
	if !slices.Equal(words, []int{0, 0, 1, 0}) {
		t.Errorf("words per sentence %v", words)
	}
	if ss[2].Text() != "Deal" || ss[2].Line != 6 {
		t.Errorf("sentence 3: text %q, line %d", ss[2].Text(), ss[2].Line)
	}
	if out := writeAll(t, ss); string(out) != in {
		t.Errorf("wrote\n%s", out)
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		comments []string
		want     string
	}{
		{nil, ""},
		{[]string{"# sent_id = 1", "# text = Talks resumed."}, "Talks resumed."},
		{[]string{"#text=Talks resumed.  "}, "Talks resumed."},
		{[]string{"# text_en = Talks resumed.", "# text = Pourparlers repris."}, "Pourparlers repris."},
		{[]string{"# textual note"}, ""},
		{[]string{"# text = Talks = progress"}, "Talks = progress"},
	}
	for _, tt := range tests {
		s := &Sentence{}
		for _, c := range tt.comments {
			s.extra = append(s.extra, extraLine{text: c, kind: kindComment})
		}
		if got := s.Text(); got != tt.want {
			t.Errorf("Text() with %q = %q, want %q", tt.comments, got, tt.want)
		}
	}
}

func TestWrite(t *testing.T) {
	s := &Sentence{Words: []Word{
		{ID: 1, Form: "Talks", Head: -1},
		{ID: 2, Form: "resumed", Lemma: "resume", UPOS: "VERB", Head: 0, Deprel: "root"},
	}}
	var b bytes.Buffer
	if err := Write(&b, s); err != nil {
		t.Fatal(err)
	}
	want := "1\tTalks\t_\t_\t_\t_\t_\t_\t_\t_\n2\tresumed\tresume\tVERB\t_\t_\t0\troot\t_\t_\n\n"
	if b.String() != want {
		t.Errorf("wrote %q, want %q", b.String(), want)
	}

	b.Reset()
	if err := Write(&b, &Sentence{}); err != nil || b.Len() != 0 {
		t.Errorf("writing an empty sentence: %v, %q", err, b.String())
	}

	tests := []struct {
		name string
		w    Word
		want string
	}{
		{"ID", Word{ID: 3, Form: "x"}, "conllu: writing the sentence of line 0: word 2 has ID 3"},
		{"HEAD", Word{ID: 2, Form: "x", Head: 3}, "conllu: writing the sentence of line 0: word 2 has HEAD 3, not between -1 and 2"},
		{"tab", Word{ID: 2, Form: "x\ty"}, `conllu: writing the sentence of line 0: word 2: column 2 (FORM) "x\ty" contains a tab or line break`},
		{"newline", Word{ID: 2, Form: "x", Misc: "a\nb"}, `conllu: writing the sentence of line 0: word 2: column 10 (MISC) "a\nb" contains a tab or line break`},
	}
	for _, tt := range tests {
		s := &Sentence{Words: []Word{{ID: 1, Form: "a"}, tt.w}}
		if err := Write(io.Discard, s); err == nil || err.Error() != tt.want {
			t.Errorf("%s: error %v, want %s", tt.name, err, tt.want)
		}
	}
}

// TestWriteChanged changes a read sentence's words, as a tagger and parser do, and writes it.
func TestWriteChanged(t *testing.T) {
	ss := mustReadFile(t, "testdata/news.conllu")
	g := ss[2]
	p := *g
	p.Words = slices.Clone(g.Words)
	for i := range p.Words {
		p.Words[i].UPOS, p.Words[i].Head, p.Words[i].Deprel = "X", 0, "dep"
	}
	var b bytes.Buffer
	if err := Write(&b, &p); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, line := range []string{"# text = The ministry's spokesman said talks can't resume.\n",
		"2-3\tministry's\t_\t_\t_\t_\t_\t_\t_\t_\n2\tministry\tministry\tX\tNN\tNumber=Sing\t0\tdep\t4:nmod:poss\t_\n"} {
		if !strings.Contains(out, line) {
			t.Errorf("output lacks %q:\n%s", line, out)
		}
	}
	if g.Words[1].UPOS != "NOUN" {
		t.Errorf("changing the copy changed the original")
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScore(t *testing.T) {
	gold := mustReadFile(t, "testdata/gold.conllu")
	pred := mustReadFile(t, "testdata/pred.conllu")
	// 20 words. UPOS wrong: Rebels, Monday. Lemma wrong: airport, attacked (the gold "_" of the
	// first full stop accepts "."). HEAD wrong: seized, said, Monday, the second full stop.
	// DEPREL wrong with the right HEAD: officials (obj for nsubj). Only the subtype wrong:
	// Tuesday (obl:tmod for obl), convoy (nsubj for nsubj:pass), was (aux for aux:pass).
	want := Scores{Words: 20, UPOS: 18.0 / 20, Lemma: 18.0 / 20, UAS: 16.0 / 20, LAS: 15.0 / 20, LASFull: 12.0 / 20}
	got, err := Score(gold, pred)
	if err != nil {
		t.Fatal(err)
	}
	if got.Words != want.Words || !near(got.UPOS, want.UPOS) || !near(got.Lemma, want.Lemma) ||
		!near(got.UAS, want.UAS) || !near(got.LAS, want.LAS) || !near(got.LASFull, want.LASFull) {
		t.Errorf("Score = %+v, want %+v", got, want)
	}

	got, err = Score(gold, gold)
	if err != nil || got != (Scores{Words: 20, UPOS: 1, Lemma: 1, UAS: 1, LAS: 1, LASFull: 1}) {
		t.Errorf("Score(gold, gold) = %+v, %v", got, err)
	}
	if got, err := Score(nil, nil); err != nil || got != (Scores{}) {
		t.Errorf("Score(nil, nil) = %+v, %v", got, err)
	}
}

func TestScoreErrors(t *testing.T) {
	gold := mustReadFile(t, "testdata/gold.conllu")
	short := *gold[1]
	short.Words = short.Words[:9]
	other := *gold[1]
	other.Words = slices.Clone(other.Words)
	other.Words[3].Form = "attacks"
	tests := []struct {
		name string
		pred []*Sentence
		want string
	}{
		{"sentences", gold[:1], "conllu: 2 gold sentences but 1 predicted"},
		{"words", []*Sentence{gold[0], &short}, "conllu: sentence 2 (gold line 14, predicted line 14, sent_id score-2): 10 gold words but 9 predicted"},
		{"form", []*Sentence{gold[0], &other}, `conllu: sentence 2 (gold line 14, predicted line 14, sent_id score-2): word 4 is "attacked" in gold but "attacks" predicted`},
	}
	for _, tt := range tests {
		if _, err := Score(gold, tt.pred); err == nil || err.Error() != tt.want {
			t.Errorf("%s: error %v\nwant %s", tt.name, err, tt.want)
		}
	}
}

// TestGUMDev reads the GUM dev treebank in place.
func TestGUMDev(t *testing.T) {
	data, err := os.ReadFile(gumDev)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s is absent (the treebanks live outside the repository, in /work/shared/treebanks)", gumDev)
	}
	if err != nil {
		t.Fatal(err)
	}
	ss, err := ReadFile(gumDev)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) < 500 {
		t.Fatalf("read only %d sentences", len(ss))
	}
	if out := writeAll(t, ss); !bytes.Equal(out, data) {
		i := 0
		for i < len(out) && i < len(data) && out[i] == data[i] {
			i++
		}
		t.Errorf("round trip differs at byte %d: %q", i, out[i:min(len(out), i+80)])
	}
	sc, err := Score(ss, ss)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Scores{Words: sc.Words, UPOS: 1, Lemma: 1, UAS: 1, LAS: 1, LASFull: 1}); sc != want || sc.Words < 10000 {
		t.Errorf("Score(gold, gold) = %+v", sc)
	}
	// The words and SpaceAfter give back each sentence's text.
	for _, s := range ss {
		var b strings.Builder
		for i := range s.Words {
			b.WriteString(s.Words[i].Form)
			if s.SpaceAfter(i) && i < len(s.Words)-1 {
				b.WriteByte(' ')
			}
		}
		if hasMWT(s) {
			continue // the words of a token like "country's" differ from its form
		}
		if b.String() != s.Text() {
			t.Errorf("line %d: words give %q, text is %q", s.Line, b.String(), s.Text())
		}
	}
}

func hasMWT(s *Sentence) bool {
	for _, e := range s.extra {
		if e.kind == kindMWT {
			return true
		}
	}
	return false
}

func FuzzRead(f *testing.F) {
	for _, pattern := range []string{"testdata/*.conllu", "testdata/bad/*.conllu"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte("# c\r\n1\tA\ta\tX\tX\t_\t0\troot\t_\t_\r\n1.1\tB\t_\t_\t_\t_\t_\t_\t_\t_\r\n"))
	f.Add([]byte("\n\n \t\n# only\n\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ss, err := readAll(data, "fuzz")
		if err != nil {
			return
		}
		for _, s := range ss {
			s.Text()
			for i := range s.Words {
				s.SpaceAfter(i)
			}
		}
		out := writeAll(t, ss)
		again, err := readAll(out, "fuzz")
		if err != nil {
			t.Fatalf("re-reading what was written: %v\n%q", err, out)
		}
		if !sameSentences(ss, again) {
			t.Fatalf("re-read different sentences from\n%q", out)
		}
		if out2 := writeAll(t, again); !bytes.Equal(out, out2) {
			t.Fatalf("second write differs:\n%q\n%q", out, out2)
		}
	})
}

// BenchmarkRead reads news.conllu repeated to about 250,000 lines.
func BenchmarkRead(b *testing.B) {
	one, err := os.ReadFile("testdata/news.conllu")
	if err != nil {
		b.Fatal(err)
	}
	n := 250000 / bytes.Count(one, []byte("\n"))
	data := bytes.Repeat(one, n)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		ss, err := readAll(data, "bench")
		if err != nil || len(ss) != 5*n {
			b.Fatal(len(ss), err)
		}
	}
}
