package syntax

import "math/rand/v2"

// costs counts, for each valid move, the gold arcs it makes unreachable
// (Goldberg and Nivre 2013's dynamic oracle for the arc-hybrid system;
// exact for projective gold trees). gold[d] is word d's gold head.
func (s *state) costs(gold []int, ok *[numMoves]bool, cost *[numMoves]int) {
	k := len(s.stack)
	s0, s1 := s.stack[k-1], -1
	if k >= 2 {
		s1 = s.stack[k-2]
	}
	b0 := s.b
	// Children of s0 still in the buffer: lost when s0 leaves the stack.
	kids := 0
	for x := b0; x <= s.n; x++ {
		if gold[x] == s0 {
			kids++
		}
	}
	if ok[shift] {
		c := 0
		for _, x := range s.stack {
			if x > 0 && gold[x] == b0 {
				c++
			}
			if x != s0 && gold[b0] == x {
				c++
			}
		}
		cost[shift] = c
	}
	if ok[left] {
		c := kids
		if g := gold[s0]; g != b0 && (g == s1 || g > b0) {
			c++
		}
		cost[left] = c
	}
	if ok[right] {
		c := kids
		if gold[s0] >= b0 {
			c++
		}
		cost[right] = c
	}
}

// projectivize lifts non-projective arcs (each to its head's head,
// shortest first) until the tree is projective; heads are 1-based with 0
// the root, and head[0] is unused.
func projectivize(head []int) []int {
	h := append([]int(nil), head...)
	n := len(h) - 1
	dominated := func(anc, x int) bool {
		for steps := 0; x > 0 && steps <= n; steps++ {
			if x == anc {
				return true
			}
			x = h[x]
		}
		return x == anc
	}
	for {
		best, bestLen := -1, n+1
		for d := 1; d <= n; d++ {
			a, b := h[d], d
			if a > b {
				a, b = b, a
			}
			if b-a >= bestLen {
				continue
			}
			for k := a + 1; k < b; k++ {
				if !dominated(h[d], k) {
					best, bestLen = d, b-a
					break
				}
			}
		}
		if best < 0 || h[best] == 0 {
			return h
		}
		h[best] = h[h[best]]
	}
}

// parseTrainer trains the move and label models.
type parseTrainer struct {
	moves, labels *averaged
	st            state
	feats         []uint64
	lfeats        []uint64
	mscores       [numMoves]float32
	lscores       []float32
	rng           *rand.Rand
}

const labelClasses = int(numRels) - 1 // classes 0… are Rel 1…

func newParseTrainer(moveBits, labelBits uint, seed uint64) *parseTrainer {
	return &parseTrainer{moves: newAveraged(moveBits, numMoves), labels: newAveraged(labelBits, labelClasses),
		lscores: make([]float32, labelClasses), rng: rand.New(rand.NewPCG(seed, 0x5eed))}
}

// learn parses one sentence, learning from each wrong move. gold and rels
// are indexed by word number (1…n). explore follows the model's own
// wrong moves (most of the time) so that it learns to recover from them.
// It returns the words attached to their gold head.
func (p *parseTrainer) learn(ws []word, tags []UPOS, gold []int, rels []Rel, explore bool) int {
	s := &p.st
	s.reset(ws, tags)
	var ok [numMoves]bool
	var cost [numMoves]int
	for !s.done() {
		s.valid(&ok)
		p.feats = s.moveFeatures(p.feats[:0])
		p.moves.score(p.feats, p.mscores[:])
		pred := argmax(p.mscores[:], ok[:])
		s.costs(gold, &ok, &cost)
		best, min := -1, 1<<30
		for m := 0; m < numMoves; m++ {
			if ok[m] && (cost[m] < min || cost[m] == min && p.mscores[m] > p.mscores[best]) {
				best, min = m, cost[m]
			}
		}
		next := pred
		if cost[pred] > min {
			p.moves.update(p.feats, best, pred)
			if !explore || p.rng.Float64() >= 0.9 {
				next = best
			}
		}
		p.moves.tick()
		r := NoRel
		if next != shift {
			h, d := s.arcTarget(next)
			r = p.label(h, d, gold, rels, explore)
		}
		s.apply(next, r)
	}
	right := 0
	for d := 1; d <= s.n; d++ {
		if s.head[d] == gold[d] {
			right++
		}
	}
	return right
}

// label chooses the label of h → d, learning from the gold label when h
// is d's gold head.
func (p *parseTrainer) label(h, d int, gold []int, rels []Rel, explore bool) Rel {
	if h == 0 {
		return Root
	}
	p.lfeats = p.st.labelFeatures(p.lfeats[:0], h, d)
	p.labels.score(p.lfeats, p.lscores)
	p.lscores[Root-1] = -1e30
	pl := argmax(p.lscores, nil)
	if gold[d] != h {
		return Rel(pl + 1)
	}
	g := int(rels[d]) - 1
	if g == int(Root)-1 { // a lifted or mis-rooted arc: keep it out of the label model
		return Rel(pl + 1)
	}
	p.labels.update(p.lfeats, g, pl)
	p.labels.tick()
	if explore {
		return Rel(pl + 1)
	}
	return rels[d]
}
