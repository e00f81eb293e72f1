package syntax

import (
	"cmp"
	"slices"
)

// Beam search keeps the k best partial parses at each step instead of one.
// Every arc-hybrid derivation of an n-word sentence has 2n moves, so the
// items of a beam always have made the same number of moves and their
// summed move scores compare directly. Training is global (Zhang and Clark
// 2008; Collins and Roark 2004): when the best item that can still reach
// the gold tree falls out of the beam, the whole sequence of moves that
// led to it is rewarded and the beam's best sequence penalised, and the
// search goes on from the gold item alone.

// history is the sequence of moves that led to an item, as a linked list
// from the last move back.
type history struct {
	prev  *history
	feats []uint64
	move  int
}

// item is one partial parse of a beam.
type item struct {
	st    *state
	score float64
	cost  int // gold arcs made unreachable so far (training)
	hist  *history
}

// candidate is an item extended by one move, not yet applied.
type candidate struct {
	from  int // index of the item in the beam
	move  int
	score float64
	cost  int
	feats []uint64
}

// copyState makes dst a copy of src, reusing dst's arrays.
func copyState(dst, src *state) {
	dst.n, dst.b = src.n, src.b
	dst.stack = append(dst.stack[:0], src.stack...)
	dst.head = append(dst.head[:0], src.head...)
	dst.rel = append(dst.rel[:0], src.rel...)
	dst.l1 = append(dst.l1[:0], src.l1...)
	dst.l2 = append(dst.l2[:0], src.l2...)
	dst.r1 = append(dst.r1[:0], src.r1...)
	dst.r2 = append(dst.r2[:0], src.r2...)
	dst.nl = append(dst.nl[:0], src.nl...)
	dst.nr = append(dst.nr[:0], src.nr...)
	dst.ls = append(dst.ls[:0], src.ls...)
	dst.rs = append(dst.rs[:0], src.rs...)
	// Words and tags are the sentence's: shared, never written.
	dst.words, dst.tags = src.words, src.tags
}

// beamSearch holds the beam's scratch space.
type beamSearch struct {
	k          int
	items, nxt []item
	pool       []*state
	cands      []candidate
	arena      []uint64
}

func (b *beamSearch) state() *state {
	if n := len(b.pool); n > 0 {
		s := b.pool[n-1]
		b.pool = b.pool[:n-1]
		return s
	}
	return &state{}
}

func (b *beamSearch) release(items []item) {
	for _, it := range items {
		b.pool = append(b.pool, it.st)
	}
}

// feats copies features into the arena (kept for the sentence when
// training, for updates).
func (b *beamSearch) keep(f []uint64) []uint64 {
	if cap(b.arena)-len(b.arena) < len(f) {
		b.arena = make([]uint64, 0, max(1<<16, 2*len(f)))
	}
	n := len(b.arena)
	b.arena = append(b.arena, f...)
	return b.arena[n:len(b.arena):len(b.arena)]
}

// expand scores every valid move of every item; with gold it also costs
// them. scoreMoves scores one item's features into its argument.
func (b *beamSearch) expand(scoreMoves func(feats []uint64, sc *[numMoves]float64), gold []int, scratch *[]uint64, keep bool) {
	b.cands = b.cands[:0]
	var ok [numMoves]bool
	var cost [numMoves]int
	var sc [numMoves]float64
	for i := range b.items {
		it := &b.items[i]
		it.st.valid(&ok)
		feats := it.st.moveFeatures((*scratch)[:0])
		*scratch = feats
		scoreMoves(feats, &sc)
		if gold != nil {
			it.st.costs(gold, &ok, &cost)
		}
		var fs []uint64
		if keep {
			fs = b.keep(feats)
		}
		for m := 0; m < numMoves; m++ {
			if !ok[m] {
				continue
			}
			c := candidate{from: i, move: m, score: it.score + sc[m], cost: it.cost, feats: fs}
			if gold != nil {
				c.cost += cost[m]
			}
			b.cands = append(b.cands, c)
		}
	}
	slices.SortStableFunc(b.cands, func(x, y candidate) int { return cmp.Compare(y.score, x.score) })
}

// advance makes the beam's next items from candidates cs; label chooses
// an arc's label given the parent state.
func (b *beamSearch) advance(cs []candidate, label func(s *state, h, d, ci int) Rel, track bool) {
	b.nxt = b.nxt[:0]
	for ci, c := range cs {
		from := &b.items[c.from]
		s := b.state()
		copyState(s, from.st)
		r := NoRel
		if c.move != shift {
			h, d := s.arcTarget(c.move)
			r = label(s, h, d, ci)
		}
		s.apply(c.move, r)
		it := item{st: s, score: c.score, cost: c.cost}
		if track {
			it.hist = &history{prev: from.hist, feats: c.feats, move: c.move}
		}
		b.nxt = append(b.nxt, it)
	}
	b.release(b.items)
	b.items, b.nxt = b.nxt, b.items
}

// parseBeam parses with the model's weights; it leaves the best parse in
// p.st.
func (p *Parser) parseBeam(k int) {
	b := &p.beam
	b.k = k
	b.release(b.items)
	b.items = b.items[:0]
	s0 := b.state()
	s0.reset(p.words, p.tags)
	b.items = append(b.items, item{st: s0})
	score := func(feats []uint64, sc *[numMoves]float64) {
		var si [numMoves]int32
		p.m.moves.score(feats, si[:])
		for m := range sc {
			sc[m] = float64(si[m])
		}
	}
	label := func(s *state, h, d, _ int) Rel { return p.label(s, h, d) }
	for !b.items[0].st.done() {
		b.expand(score, nil, &p.feats, false)
		n := min(k, len(b.cands))
		b.advance(b.cands[:n], label, false)
	}
	copyState(&p.st, b.items[0].st)
}

// label chooses the label of h → d in state s.
func (p *Parser) label(s *state, h, d int) Rel {
	if h == 0 {
		return Root
	}
	p.feats = s.labelFeatures(p.feats[:0], h, d)
	// The label is a function of the features alone, and the items of a
	// beam make the same arcs in the same contexts again and again: a
	// small table keyed by the features' hash saves scoring them anew.
	key := uint64(0x9e3779b97f4a7c15)
	for _, f := range p.feats {
		key = mix(key ^ f)
	}
	memo := &p.labelled[key%uint64(len(p.labelled))]
	if memo.key == key && memo.rel != NoRel {
		return memo.rel
	}
	clear(p.lscores)
	p.m.labels.score(p.feats, p.lscores)
	p.lscores[Root-1] = -1 << 30
	r := Rel(argmax(p.lscores, nil) + 1)
	*memo = labelMemo{key: key, rel: r}
	return r
}

// labelMemo is a label chosen for a set of label features.
type labelMemo struct {
	key uint64
	rel Rel
}

// beamTrainer trains the move model globally with a beam.
type beamTrainer struct {
	*parseTrainer
	k     int
	beam  beamSearch
	feats []uint64
}

// addHistory adds delta to the weights of every move of h back to stop.
func (t *beamTrainer) addHistory(h, stop *history, delta float32) {
	m := t.moves
	n := m.nclass
	mask := uint64(1)<<m.bits - 1
	for ; h != nil && h != stop; h = h.prev {
		for _, f := range h.feats {
			i := int(f&mask)*n + h.move
			m.w[i] += delta
			m.u[i] += float64(delta) * m.step
		}
	}
}

// update rewards gold's moves and penalises pred's since their common
// ancestor.
func (t *beamTrainer) update(gold, pred *history) {
	// Find the common ancestor: histories are short, so mark gold's.
	seen := map[*history]bool{}
	for h := gold; h != nil; h = h.prev {
		seen[h] = true
	}
	var common *history
	for h := pred; h != nil; h = h.prev {
		if seen[h] {
			common = h
			break
		}
	}
	t.addHistory(gold, common, 1)
	t.addHistory(pred, common, -1)
}

// learn parses one sentence with the beam, updating on violations; it
// returns the words attached to their gold head in the final parse.
func (t *beamTrainer) learn(ws []word, tags []UPOS, gold []int, rels []Rel) int {
	b := &t.beam
	b.k = t.k
	b.release(b.items)
	b.items = b.items[:0]
	b.arena = nil
	s0 := b.state()
	s0.reset(ws, tags)
	b.items = append(b.items, item{st: s0})
	score := func(feats []uint64, sc *[numMoves]float64) {
		var f [numMoves]float32
		t.moves.score(feats, f[:])
		for m := range sc {
			sc[m] = float64(f[m])
		}
	}
	goldIdx := -1
	label := func(s *state, h, d, ci int) Rel {
		if h == 0 {
			return Root
		}
		t.lfeats = s.labelFeatures(t.lfeats[:0], h, d)
		t.labels.score(t.lfeats, t.lscores)
		t.lscores[Root-1] = -1e30
		pl := argmax(t.lscores, nil)
		if ci == goldIdx && gold[d] == h && rels[d] != Root {
			t.labels.update(t.lfeats, int(rels[d])-1, pl)
			t.labels.tick()
			return rels[d]
		}
		return Rel(pl + 1)
	}
	for !b.items[0].st.done() {
		b.expand(score, gold, &t.feats, true)
		n := min(t.k, len(b.cands))
		gi := -1
		for i, c := range b.cands {
			if c.cost == 0 {
				gi = i
				break
			}
		}
		if gi >= n {
			// The gold sequence fell out of the beam: learn, and go on
			// from the gold item alone.
			g, top := b.cands[gi], b.cands[0]
			t.update(&history{prev: b.items[g.from].hist, feats: g.feats, move: g.move},
				&history{prev: b.items[top.from].hist, feats: top.feats, move: top.move})
			t.moves.tick()
			goldIdx = 0
			b.advance(b.cands[gi:gi+1], label, true)
			continue
		}
		goldIdx = gi
		b.advance(b.cands[:n], label, true)
		t.moves.tick()
	}
	top := &b.items[0]
	if top.cost > 0 {
		for i := range b.items {
			if b.items[i].cost == 0 {
				t.update(b.items[i].hist, top.hist)
				t.moves.tick()
				break
			}
		}
	}
	right := 0
	for d := 1; d <= top.st.n; d++ {
		if top.st.head[d] == gold[d] {
			right++
		}
	}
	return right
}
