package syntax

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/syntax/conllu"
)

// bundled is loaded once for the package's tests.
var bundled *Model

func model(t testing.TB) *Model {
	t.Helper()
	if bundled == nil {
		bundled = loadBundled(t)
	}
	return bundled
}

// TestArcs checks that the parser finds who did what to whom in simple
// news sentences.
func TestArcs(t *testing.T) {
	f, err := os.Open("testdata/arcs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := model(t).NewParser()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		if sc.Text() == "" || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		sentence, arcs, _ := strings.Cut(sc.Text(), "\t")
		toks := p.Analyse(sentence)
		var got []string
		for _, tk := range toks {
			head := "ROOT"
			if tk.Head >= 0 {
				head = toks[tk.Head].Form
			}
			got = append(got, tk.Rel.String()+"("+head+","+tk.Form+")")
		}
		for _, want := range strings.Fields(arcs) {
			found := false
			for _, g := range got {
				found = found || g == want
			}
			if !found {
				t.Errorf("arcs.tsv:%d: %q: no %s in %s", line, sentence, want, strings.Join(got, " "))
			}
		}
	}
}

// checkTree fails unless toks form one tree: heads in range, one root,
// no cycles.
func checkTree(t *testing.T, what string, toks []Token) {
	t.Helper()
	roots := 0
	for i, tk := range toks {
		if tk.Head == -1 {
			roots++
			if tk.Rel != Root {
				t.Errorf("%s: root word %d labelled %s", what, i, tk.Rel)
			}
			continue
		}
		if tk.Head < 0 || tk.Head >= len(toks) || tk.Head == i {
			t.Fatalf("%s: word %d has head %d", what, i, tk.Head)
		}
		for x, steps := i, 0; x >= 0; x, steps = toks[x].Head, steps+1 {
			if steps > len(toks) {
				t.Fatalf("%s: word %d is in a cycle", what, i)
			}
		}
	}
	if len(toks) > 0 && roots != 1 {
		t.Errorf("%s: %d roots", what, roots)
	}
}

func TestAnalyseGivesOneTree(t *testing.T) {
	p := model(t).NewParser()
	for _, s := range append(benchSentences, "", "!!!", "Hamas", "“Yes,” he said — “no.”", strings.Repeat("very ", 300)+"long.") {
		toks := p.Analyse(s)
		checkTree(t, s, toks)
		for _, tk := range toks {
			if s[tk.ByteStart:tk.ByteEnd] != tk.Form {
				t.Errorf("%q: token %q at %d:%d", s, tk.Form, tk.ByteStart, tk.ByteEnd)
			}
		}
	}
}

func TestLemmas(t *testing.T) {
	p := model(t).NewParser()
	toks := p.Analyse("The children were expelled from two countries and the soldiers fled.")
	want := map[string]string{"children": "child", "were": "be", "expelled": "expel", "countries": "country", "soldiers": "soldier", "fled": "flee", "The": "the"}
	for _, tk := range toks {
		if w, ok := want[tk.Form]; ok && tk.Lemma != w {
			t.Errorf("lemma of %q (%s) = %q, want %q", tk.Form, tk.Tag, tk.Lemma, w)
		}
	}
}

// TestTrainWriteRead trains a small model on a few annotated sentences,
// checks that it learnt them, and that it parses the same after being
// written and read back.
func TestTrainWriteRead(t *testing.T) {
	ss, err := conllu.ReadFile("conllu/testdata/gold.conllu")
	if err != nil {
		t.Fatal(err)
	}
	var train []TrainSentence
	for _, s := range ss {
		if len(s.Words) == 0 {
			continue
		}
		ts, err := FromCoNLLU(s)
		if err != nil {
			t.Fatal(err)
		}
		train = append(train, ts)
	}
	for _, beam := range []int{1, 3} {
		m, err := Train(train, TrainOptions{TagEpochs: 10, ParseEpochs: 10, Folds: 2, TagBits: 12, MoveBits: 14, LabelBits: 12, Beam: beam, Seed: 3,
			Inflections: map[string]string{"fled": "flee"}})
		if err != nil {
			t.Fatal(err)
		}
		if sc := m.Evaluate(train); sc.UPOS < 0.95 || sc.UAS < 0.8 {
			t.Errorf("beam %d: the model did not learn its training sentences: %+v", beam, sc)
		}
		if got := m.lemmas.lemma("fled", VERB); got != "flee" {
			t.Errorf("beam %d: lemma of fled = %q, want the inflection table's flee", beam, got)
		}
		var buf bytes.Buffer
		if err := m.Write(&buf); err != nil {
			t.Fatal(err)
		}
		m2, err := Read(&buf, "copy")
		if err != nil {
			t.Fatal(err)
		}
		if m2.Beam != beam {
			t.Errorf("beam %d read back as %d", beam, m2.Beam)
		}
		p1, p2 := m.NewParser(), m2.NewParser()
		for _, s := range benchSentences {
			a, b := p1.Analyse(s), p2.Analyse(s)
			for i := range a {
				if a[i] != b[i] {
					t.Fatalf("beam %d: %q: word %d: %+v after round trip, was %+v", beam, s, i, b[i], a[i])
				}
			}
		}
	}
	if _, err := Read(strings.NewReader("not a model"), "junk"); err == nil || !strings.Contains(err.Error(), "junk") {
		t.Errorf("reading junk: %v, want an error naming it", err)
	}
	if _, err := Train(train, TrainOptions{MoveBits: 30}); err == nil {
		t.Error("Train accepted 2^30 buckets")
	}
}

// The accuracy the bundled model must keep on the shared dev treebank; a
// worse retrain fails here.
const (
	minUPOS = 0.97
	minUAS  = 0.853
	minLAS  = 0.828
)

func TestAccuracyOnDev(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "treebanks", "gum-dev.conllu")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no shared treebank (%v): accuracy not measured", err)
	}
	ss, err := conllu.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var gold []TrainSentence
	for _, s := range ss {
		if len(s.Words) == 0 {
			continue
		}
		g, err := FromCoNLLU(s)
		if err != nil {
			t.Fatal(err)
		}
		gold = append(gold, g)
	}
	sc := model(t).Evaluate(gold)
	t.Logf("gum-dev: %d words, UPOS %.4f lemma %.4f UAS %.4f LAS %.4f", sc.Words, sc.UPOS, sc.Lemma, sc.UAS, sc.LAS)
	if sc.UPOS < minUPOS || sc.UAS < minUAS || sc.LAS < minLAS {
		t.Errorf("below the bundled model's accuracy (UPOS %.3f, UAS %.3f, LAS %.3f)", minUPOS, minUAS, minLAS)
	}
}

func TestProjectivize(t *testing.T) {
	// Word 4's arc from 1 crosses 3 → 2: lifted to 1's head, the root's child.
	heads := []int{-1, 2, 0, 2, 1}
	// 1 ← 2, 3 ← 2, 4 ← 1: the arc 1 → 4 spans 2 and 3, and 2 (the root's
	// child) is not under 1, so it is lifted to 2.
	got := projectivize(heads)
	if got[4] != 2 {
		t.Errorf("projectivize: word 4's head = %d, want 2", got[4])
	}
	for d := 1; d <= 3; d++ {
		if got[d] != heads[d] {
			t.Errorf("projectivize changed word %d", d)
		}
	}
}

// TestOracleReachesGold follows zero-cost moves from the start: for a
// projective tree they must build it exactly.
func TestOracleReachesGold(t *testing.T) {
	trees := [][]int{
		{-1, 2, 0, 2},
		{-1, 3, 3, 0, 5, 3, 3},
		{-1, 0, 1, 2, 3, 4},
		{-1, 4, 4, 4, 0, 4, 7, 5, 4},
	}
	for _, gold := range trees {
		n := len(gold) - 1
		var s state
		s.reset(make([]word, n), make([]UPOS, n))
		var ok [numMoves]bool
		var cost [numMoves]int
		for steps := 0; !s.done(); steps++ {
			if steps > 2*n {
				t.Fatalf("%v: no end", gold)
			}
			s.valid(&ok)
			s.costs(gold, &ok, &cost)
			move := -1
			for m := 0; m < numMoves; m++ {
				if ok[m] && cost[m] == 0 {
					move = m
					break
				}
			}
			if move < 0 {
				t.Fatalf("%v: no zero-cost move at stack %v buffer %d", gold, s.stack, s.b)
			}
			s.apply(move, Dep)
		}
		for d := 1; d <= n; d++ {
			if s.head[d] != gold[d] {
				t.Errorf("%v: word %d got head %d", gold, d, s.head[d])
			}
		}
	}
}

func FuzzAnalyse(f *testing.F) {
	for _, s := range benchSentences {
		f.Add(s)
	}
	f.Add("\xff\xfe U.S.-led ... 1,200 $5 don't")
	p := model(f).NewParser()
	f.Fuzz(func(t *testing.T, s string) {
		toks := p.Analyse(s)
		checkTree(t, "fuzz", toks)
	})
}

// FuzzReadModel feeds Read damaged models: it must fail cleanly, never
// panic or allocate without bound.
func FuzzReadModel(f *testing.F) {
	tiny := func(nclass int) *weights {
		row := make([]int16, nclass)
		row[nclass-1] = 7
		w, _ := fromRows(4, nclass, 1, func(yield func(int, []int16) error) error { return yield(5, row) })
		return w
	}
	m := &Model{tagger: tiny(tagClasses), tagger2: tiny(tagClasses), moves: tiny(numMoves), labels: tiny(labelClasses),
		lemmas: &lemmatizer{rules: map[lemmaKey]edit{{NOUN, "s"}: {cut: 1}}, exceptions: map[lemmaKey]string{{AUX, "was"}: "be"}}, Beam: 2, Info: "tiny\n",
		lexicon: &Lexicon{lemmas: map[string][lexClasses]int32{"rebel": {3, 1, -1, -1}}, exceptions: map[string][lexClasses]string{"freed": {"", "free", "", ""}}}}
	parts, err := m.parts()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(parts[0], parts[1], parts[2], parts[3], parts[4])
	f.Add([]byte(magic), parts[1], parts[2], []byte{}, parts[4])
	f.Fuzz(func(t *testing.T, head, tagger, tagger2, moves, labels []byte) {
		var buf bytes.Buffer
		if err := writePacked(&buf, [][]byte{head, tagger, tagger2, moves, labels}); err != nil {
			t.Fatal(err)
		}
		m, err := Read(&buf, "fuzz")
		if err != nil {
			return
		}
		// A model that reads must parse.
		checkTree(t, "fuzz model", m.NewParser().Analyse("Rebels freed two hostages on Monday."))
	})
}
