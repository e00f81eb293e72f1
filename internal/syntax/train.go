package syntax

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// TrainSentence is one gold-annotated sentence. Heads are 1-based with 0
// for the root, as CoNLL-U writes them.
type TrainSentence struct {
	Forms, Lemmas []string
	Tags          []UPOS
	Heads         []int
	Rels          []Rel
}

// TrainOptions set how a model is trained. Zero values take the bundled
// model's settings (Prune excepted: zero keeps every non-zero row).
type TrainOptions struct {
	TagEpochs, ParseEpochs int
	// Folds is the number of jack-knife folds: the parser trains on tags
	// predicted by taggers that did not see the sentence.
	Folds                        int
	TagBits, MoveBits, LabelBits uint
	Seed                         uint64
	// Beam is the beam size to train and parse with (1: greedy, trained
	// with the dynamic oracle).
	Beam int
	// Dev, when set, is parsed after every parser epoch and the model of
	// the best epoch (by labelled attachment) is kept.
	Dev []TrainSentence
	// Prune drops the weight rows whose largest weight (int16, the
	// largest of a table being 32767) is smaller.
	Prune int
	// Inflections are known verb forms and their lemmas ("fled" → "flee"):
	// the lemmatizer keeps those the treebank does not show it.
	Inflections map[string]string
	// Lexicon, when set, gives the tagger each word's possible classes
	// and checks the lemmatizer; the model keeps it.
	Lexicon *Lexicon
	// TagOnly trains the tagger alone (to choose its settings).
	TagOnly bool
	// Progress, when set, receives one line per epoch.
	Progress func(format string, args ...any)
}

func (o *TrainOptions) defaults() {
	if o.TagEpochs == 0 {
		o.TagEpochs = 8
	}
	if o.ParseEpochs == 0 {
		o.ParseEpochs = 14
	}
	if o.Folds == 0 {
		o.Folds = 5
	}
	if o.TagBits == 0 {
		o.TagBits = 19
	}
	if o.MoveBits == 0 {
		o.MoveBits = 23
	}
	if o.LabelBits == 0 {
		o.LabelBits = 20
	}
	if o.Beam == 0 {
		o.Beam = 4
	}
	if o.Progress == nil {
		o.Progress = func(string, ...any) {}
	}
}

// lexicalAll computes the word features of every training sentence.
func lexicalAll(sents []TrainSentence, lx *Lexicon) [][]word {
	out := make([][]word, len(sents))
	var buf []byte
	for i, s := range sents {
		ws := make([]word, len(s.Forms))
		for j, f := range s.Forms {
			ws[j], buf = lexical(f, buf, lx)
		}
		out[i] = ws
	}
	return out
}

// trainTagger trains a tagger on the sentences whose index idx lists;
// right holds first-pass tags when it trains the second pass.
func trainTagger(sents []TrainSentence, words [][]word, idx []int, right [][]UPOS, epochs int, bits uint, prune int, rng *rand.Rand, progress func(string, ...any)) *weights {
	t := newTagTrainer(bits)
	order := append([]int(nil), idx...)
	var tags []UPOS
	for e := 0; e < epochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		good, total := 0, 0
		for _, i := range order {
			tags = resize(tags, len(sents[i].Forms))
			var r []UPOS
			if right != nil {
				r = right[i]
			}
			good += t.learn(words[i], sents[i].Tags, r, tags)
			total += len(tags)
		}
		if progress != nil {
			progress("tagger epoch %d: %.4f on training words", e+1, float64(good)/float64(max(total, 1)))
		}
	}
	return t.m.final(prune)
}

// jackknife tags every sentence with a tagger trained on the other folds;
// right holds first-pass tags when it jack-knifes the second pass.
func jackknife(train []TrainSentence, words [][]word, right [][]UPOS, opt *TrainOptions, rng *rand.Rand, pass int) [][]UPOS {
	out := make([][]UPOS, len(train))
	var feats []uint64
	scores := make([]int32, tagClasses)
	for f := 0; f < opt.Folds; f++ {
		var in, held []int
		for i := range train {
			if i%opt.Folds == f {
				held = append(held, i)
			} else {
				in = append(in, i)
			}
		}
		w := trainTagger(train, words, in, right, opt.TagEpochs, opt.TagBits, opt.Prune, rng, nil)
		good, total := 0, 0
		for _, i := range held {
			tags := make([]UPOS, len(train[i].Forms))
			var r []UPOS
			if right != nil {
				r = right[i]
			}
			feats = tagWith(w, words[i], r, tags, feats, scores)
			out[i] = tags
			for j, t := range tags {
				if t == train[i].Tags[j] {
					good++
				}
				total++
			}
		}
		opt.Progress("jack-knife pass %d fold %d/%d: tags %.4f", pass, f+1, opt.Folds, float64(good)/float64(max(total, 1)))
	}
	return out
}

// Train trains a model: a tagger on all sentences; the parser on
// jack-knifed predicted tags, with a dynamic oracle; the lemmatizer from
// the lemmas.
func Train(train []TrainSentence, opt TrainOptions) (*Model, error) {
	opt.defaults()
	if len(train) == 0 {
		return nil, fmt.Errorf("train syntax: no sentences")
	}
	for _, b := range []uint{opt.TagBits, opt.MoveBits, opt.LabelBits} {
		if b < 4 || b > maxBits {
			return nil, fmt.Errorf("train syntax: 2^%d feature buckets: want 2^4 to 2^%d", b, maxBits)
		}
	}
	for i, s := range train {
		n := len(s.Forms)
		if len(s.Tags) != n || len(s.Heads) != n || len(s.Rels) != n || len(s.Lemmas) != n {
			return nil, fmt.Errorf("train syntax: sentence %d: columns of different lengths", i+1)
		}
		for j, h := range s.Heads {
			if h < 0 || h > n || h == j+1 {
				return nil, fmt.Errorf("train syntax: sentence %d word %d: head %d", i+1, j+1, h)
			}
		}
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x7a6))
	words := lexicalAll(train, opt.Lexicon)
	all := make([]int, len(train))
	for i := range all {
		all[i] = i
	}
	m := &Model{lexicon: opt.Lexicon}
	opt.Progress("tagger: %d sentences, %d epochs", len(train), opt.TagEpochs)
	m.tagger = trainTagger(train, words, all, nil, opt.TagEpochs, opt.TagBits, opt.Prune, rng, opt.Progress)
	// The second pass learns from first-pass tags as the first pass gets
	// them wrong on unseen text; the parser, from second-pass tags.
	first := jackknife(train, words, nil, &opt, rng, 1)
	m.tagger2 = trainTagger(train, words, all, first, opt.TagEpochs, opt.TagBits, opt.Prune, rng, opt.Progress)
	predicted := jackknife(train, words, first, &opt, rng, 2)
	if opt.TagOnly {
		m.moves, m.labels = newWeights(4, numMoves), newWeights(4, labelClasses)
		m.lemmas = &lemmatizer{}
		return m, nil
	}

	// Projective gold trees, 1-based with a slot for the root.
	gold := make([][]int, len(train))
	rels := make([][]Rel, len(train))
	lifted := 0
	for i, s := range train {
		h := append([]int{-1}, s.Heads...)
		p := projectivize(h)
		r := append([]Rel{NoRel}, s.Rels...)
		for d := 1; d < len(h); d++ {
			if p[d] != h[d] {
				lifted++
			}
		}
		gold[i], rels[i] = p, r
	}
	opt.Progress("parser: %d sentences, %d arcs lifted to make trees projective, %d epochs", len(train), lifted, opt.ParseEpochs)

	var lemmaSamples []lemmaSample
	for _, s := range train {
		for j, f := range s.Forms {
			lemmaSamples = append(lemmaSamples, lemmaSample{form: f, lemma: s.Lemmas[j], tag: s.Tags[j]})
		}
	}
	m.lemmas = learnLemmatizer(lemmaSamples)
	addInflections(m.lemmas, lemmaSamples, opt.Inflections)

	pt := newParseTrainer(opt.MoveBits, opt.LabelBits, opt.Seed)
	bt := &beamTrainer{parseTrainer: pt, k: opt.Beam}
	m.Beam = opt.Beam
	order := append([]int(nil), all...)
	bestLAS := -1.0
	var bestMoves, bestLabels *weights
	for e := 0; e < opt.ParseEpochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, total := 0, 0
		for _, i := range order {
			if opt.Beam > 1 {
				right += bt.learn(words[i], predicted[i], gold[i], rels[i])
			} else {
				right += pt.learn(words[i], predicted[i], gold[i], rels[i], e > 0)
			}
			total += len(train[i].Forms)
		}
		line := fmt.Sprintf("parser epoch %d: UAS %.4f on training words", e+1, float64(right)/float64(max(total, 1)))
		if len(opt.Dev) == 0 {
			opt.Progress("%s", line)
			continue
		}
		m.moves, m.labels = pt.moves.final(opt.Prune), pt.labels.final(opt.Prune)
		sc := m.Evaluate(opt.Dev)
		opt.Progress("%s; dev UPOS %.4f UAS %.4f LAS %.4f", line, sc.UPOS, sc.UAS, sc.LAS)
		if sc.LAS > bestLAS {
			bestLAS, bestMoves, bestLabels = sc.LAS, m.moves, m.labels
		}
	}
	if bestMoves != nil {
		m.moves, m.labels = bestMoves, bestLabels
	} else {
		m.moves, m.labels = pt.moves.final(opt.Prune), pt.labels.final(opt.Prune)
	}
	return m, nil
}

// addInflections adds known verb forms to the lemmatizer's exceptions: a
// form the treebank never shows as a verb, and a form whose treebank lemma
// is one no other form shares (an annotation slip, as a lemma "flead"
// for "fled" would be) while the table says otherwise. Where the treebank
// has a real paradigm ("lay" as the verb lay, not only the past of lie),
// it wins.
func addInflections(l *lemmatizer, samples []lemmaSample, inflections map[string]string) {
	seen := map[lemmaKey]bool{}
	formsOf := map[string]map[string]bool{}
	for _, s := range samples {
		if s.tag != VERB && s.tag != AUX {
			continue
		}
		lower := strings.ToLower(s.form)
		seen[lemmaKey{s.tag, lower}] = true
		if formsOf[s.lemma] == nil {
			formsOf[s.lemma] = map[string]bool{}
		}
		formsOf[s.lemma][lower] = true
	}
	for form, lemma := range inflections {
		for _, t := range []UPOS{VERB, AUX} {
			k := lemmaKey{t, strings.ToLower(form)}
			got := l.lemma(form, t)
			if got == lemma || seen[k] && len(formsOf[got]) > 1 {
				continue
			}
			l.exceptions[k] = lemma
		}
	}
}

// Scores are a model's accuracy on gold sentences: the fraction of words
// with the right tag, lemma, head (UAS) and head and label (LAS, the
// label's universal part, as the CoNLL 2018 shared task counts it).
type Scores struct {
	Words                 int
	UPOS, Lemma, UAS, LAS float64
}

// Evaluate parses the gold sentences' forms and scores the result.
func (m *Model) Evaluate(gold []TrainSentence) Scores {
	p := m.NewParser()
	var sc Scores
	var tags, lemmas, heads, labelled int
	var toks []Token
	for _, s := range gold {
		toks = toks[:0]
		for _, f := range s.Forms {
			toks = append(toks, Token{Form: f})
		}
		p.Parse(toks)
		for j, t := range toks {
			sc.Words++
			if t.Tag == s.Tags[j] {
				tags++
			}
			if t.Lemma == s.Lemmas[j] {
				lemmas++
			}
			if t.Head+1 == s.Heads[j] {
				heads++
				if t.Rel.Universal() == s.Rels[j].Universal() {
					labelled++
				}
			}
		}
	}
	n := float64(max(sc.Words, 1))
	sc.UPOS, sc.Lemma, sc.UAS, sc.LAS = float64(tags)/n, float64(lemmas)/n, float64(heads)/n, float64(labelled)/n
	return sc
}
