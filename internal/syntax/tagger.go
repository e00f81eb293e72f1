package syntax

// The tagger reads a sentence left to right and gives each word the best
// tag given its own form, its neighbours' forms and the tags it has
// already chosen for the two words before it.

const tagClasses = int(numTags) - 1 // classes 0… are UPOS 1…

// tagValue is a tag as a feature value (start and end of sentence apart).
func tagValue(tags []UPOS, i int) uint64 {
	if i < 0 {
		return hStart
	}
	if i >= len(tags) {
		return hEnd
	}
	return uint64(tags[i]) + 1
}

func wordAt(ws []word, i int) *word {
	if i < 0 {
		return &startWord
	}
	if i >= len(ws) {
		return &endWord
	}
	return &ws[i]
}

var (
	startWord = word{form: hStart, lower: hStart, shape: hStart, pre1: hStart, pre2: hStart, pre3: hStart, suf1: hStart, suf2: hStart, suf3: hStart, suf4: hStart, lex: hStart}
	endWord   = word{form: hEnd, lower: hEnd, shape: hEnd, pre1: hEnd, pre2: hEnd, pre3: hEnd, suf1: hEnd, suf2: hEnd, suf3: hEnd, suf4: hEnd, lex: hEnd}
)

// tagFeatures appends the features of word i's tag decision; tags[:i] are
// already chosen. right, in the second pass, holds the first pass's tags,
// so that the words after i are known by their tags too.
func tagFeatures(out []uint64, ws []word, tags, right []UPOS, i int) []uint64 {
	w, p, p2, n, n2 := &ws[i], wordAt(ws, i-1), wordAt(ws, i-2), wordAt(ws, i+1), wordAt(ws, i+2)
	t1, t2 := tagValue(tags, i-1), tagValue(tags, i-2)
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	up := uint64(0)
	if w.upper {
		up = 1
	}
	if right != nil {
		r1, r2 := tagValue(right, i+1), tagValue(right, i+2)
		out = append(out, f1(40, r1), f2(41, r1, r2), f2(42, t1, r1), f2(43, w.lower, r1),
			f3(44, t1, r1, w.suf3), f2(45, r1, n.lower), f3(46, tagValue(right, i), t1, r1),
			f2(57, w.lex, r1), f3(58, t1, w.lex, r1))
	}
	return append(out,
		f1(1, 0),
		f1(2, w.lower),
		f1(3, w.suf1), f1(4, w.suf2), f1(5, w.suf3), f1(6, w.suf4),
		f1(7, w.pre1), f1(8, w.pre2), f1(9, w.pre3),
		f1(10, w.shape),
		f2(11, w.shape, first),
		f1(12, t1),
		f2(13, t1, t2),
		f2(14, t1, w.lower),
		f1(15, p.lower), f1(16, n.lower), f1(17, p2.lower), f1(18, n2.lower),
		f1(19, p.suf3), f1(20, n.suf3), f1(21, n.suf2), f1(22, p.suf2),
		f1(23, p.shape), f1(24, n.shape),
		f2(25, p.lower, w.lower), f2(26, w.lower, n.lower),
		f2(27, t1, n.lower), f2(28, t1, w.suf3),
		f2(29, t1, n.shape), f3(30, t1, t2, w.suf2),
		f2(31, n.lower, n2.lower), f2(32, w.suf3, n.suf3),
		f2(33, up, first), f2(34, w.suf2, first),
		f2(35, w.lower, n.suf2), f2(36, t1, n.suf3),
		f1(37, w.form), f2(38, w.form, t1), f2(39, p.shape, w.shape), f2(47, w.shape, n.shape),
		f2(48, p.form, w.shape), f2(49, w.shape, n.form),
		// The lexicon's classes.
		f1(50, w.lex), f2(51, w.lex, t1), f3(52, w.lex, up, first), f2(53, p.lex, w.lex),
		f2(54, w.lex, n.lex), f3(55, t1, w.lex, n.lex), f2(56, w.lex, w.suf2),
	)
}

// tagWith tags a sentence's words with weights w (tags must have
// len(ws)); right is the first pass's tags in the second pass, else nil.
// feats and scores are scratch space; feats is returned for reuse.
func tagWith(w *weights, ws []word, right, tags []UPOS, feats []uint64, scores []int32) []uint64 {
	for i := range ws {
		feats = tagFeatures(feats[:0], ws, tags, right, i)
		sc := scores[:tagClasses]
		clear(sc)
		w.score(feats, sc)
		tags[i] = UPOS(argmax(sc, nil) + 1)
	}
	return feats
}

// tagTrainer trains the tagger.
type tagTrainer struct {
	m      *averaged
	feats  []uint64
	scores []float32
}

func newTagTrainer(bits uint) *tagTrainer {
	return &tagTrainer{m: newAveraged(bits, tagClasses), scores: make([]float32, tagClasses)}
}

// learn tags one sentence with the current weights, updating them where
// they are wrong; it returns the number of words tagged right.
func (t *tagTrainer) learn(ws []word, gold, right, tags []UPOS) int {
	good := 0
	for i := range ws {
		t.feats = tagFeatures(t.feats[:0], ws, tags, right, i)
		t.m.score(t.feats, t.scores)
		p := argmax(t.scores, nil)
		g := int(gold[i]) - 1
		if g < 0 {
			g = int(X) - 1
		}
		if p == g {
			good++
		} else {
			t.m.update(t.feats, g, p)
		}
		t.m.tick()
		// Train on the tags it predicts, as it will see them.
		tags[i] = UPOS(p + 1)
	}
	return good
}
