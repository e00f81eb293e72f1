package syntax

import "math"

// A linear model scores classes as the sum, over a decision's features, of
// one weight per class. Features are hashed into 2^bits buckets; each
// bucket holds one weight per class, side by side, so that scoring a
// feature reads one short run of memory.

// mix is splitmix64's finalizer: a cheap, well-spread 64-bit hash step.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// f1, f2, f3 and f4 hash a feature template's number with its values.
func f1(t, a uint64) uint64       { return mix(t*0x9e3779b97f4a7c15 ^ a) }
func f2(t, a, b uint64) uint64    { return mix(f1(t, a) ^ b) }
func f3(t, a, b, c uint64) uint64 { return mix(f2(t, a, b) ^ c) }
func f4(t, a, b, c, d uint64) uint64 {
	return mix(f3(t, a, b, c) ^ d)
}

// weights is a trained model of int16 weights in one of two layouts.
// Dense (few classes): w holds every bucket's row, and used has one bit per
// bucket, set when the row has a non-zero weight — most features of a new
// sentence were never seen in training, and the bit, read from a table
// small enough to stay in cache, saves reading their rows. Compact (many
// classes): index maps a bucket to its row in w, which holds a row of zeros
// first and then only the rows in use, so that a table of mostly empty
// buckets costs four bytes a bucket rather than a whole row.
//
// Scoring reads a row for every feature, used or not, without a branch on
// whether it is: most reads miss the cache, and a mispredicted branch
// between them would make the processor wait for each miss in turn, where
// straight-line loads let it wait for many at once.
type weights struct {
	bits   uint
	nclass int
	w      []int16
	used   []uint64 // dense
	index  []int32  // compact
}

// compactAbove is the row size (in classes) above which tables are compact.
const compactAbove = 4

// newWeights returns an empty dense table.
func newWeights(bits uint, nclass int) *weights {
	return &weights{bits: bits, nclass: nclass, w: make([]int16, (1<<bits)*nclass), used: make([]uint64, (1<<bits+63)/64)}
}

// fromRows builds a table from its used rows, given in bucket order by
// each(yield), choosing the layout by the number of classes.
func fromRows(bits uint, nclass, rows int, each func(yield func(r int, row []int16) error) error) (*weights, error) {
	if nclass <= compactAbove {
		t := newWeights(bits, nclass)
		hugePages(t.w)
		err := each(func(r int, row []int16) error {
			copy(t.w[r*nclass:(r+1)*nclass], row)
			t.used[r>>6] |= 1 << (r & 63)
			return nil
		})
		return t, err
	}
	t := &weights{bits: bits, nclass: nclass, w: make([]int16, nclass, (rows+1)*nclass), index: make([]int32, 1<<bits)}
	hugePages(t.w[:cap(t.w)])
	err := each(func(r int, row []int16) error {
		t.index[r] = int32(len(t.w) / nclass)
		t.w = append(t.w, row...)
		return nil
	})
	return t, err
}

// rows calls f with each used row in bucket order.
func (m *weights) rows(f func(r int, row []int16)) {
	for r := 0; r < 1<<m.bits; r++ {
		if row := m.row(r); row != nil {
			f(r, row)
		}
	}
}

// row returns bucket r's weights, or nil when it has none.
func (m *weights) row(r int) []int16 {
	n := m.nclass
	if m.index != nil {
		i := int(m.index[r])
		if i == 0 {
			return nil
		}
		return m.w[i*n : (i+1)*n : (i+1)*n]
	}
	if m.used[r>>6]&(1<<(r&63)) == 0 {
		return nil
	}
	return m.w[r*n : (r+1)*n : (r+1)*n]
}

// score adds each feature's weights into scores (len nclass, zeroed by the
// caller).
func (m *weights) score(feats []uint64, scores []int32) {
	n := m.nclass
	mask := uint64(1)<<m.bits - 1
	if m.index != nil {
		if n == tagClasses && len(scores) >= tagClasses {
			// The taggers: fixed-length rows, no bounds checks.
			sc := (*[tagClasses]int32)(scores)
			for _, f := range feats {
				b := int(m.index[f&mask]) * tagClasses
				row := (*[tagClasses]int16)(m.w[b : b+tagClasses])
				for c := range tagClasses {
					sc[c] += int32(row[c])
				}
			}
			return
		}
		for _, f := range feats {
			b := int(m.index[f&mask]) * n
			row := m.w[b : b+n : b+n]
			for c, v := range row {
				scores[c] += int32(v)
			}
		}
		return
	}
	if n == 3 {
		// The parser's moves: sums kept in registers.
		var s0, s1, s2 int32
		for _, f := range feats {
			b := int(f&mask) * 3
			row := m.w[b : b+3 : b+3]
			s0 += int32(row[0])
			s1 += int32(row[1])
			s2 += int32(row[2])
		}
		scores[0] += s0
		scores[1] += s1
		scores[2] += s2
		return
	}
	for _, f := range feats {
		b := int(f&mask) * n
		row := m.w[b : b+n : b+n]
		for c, v := range row {
			scores[c] += int32(v)
		}
	}
}

// averaged is a model in training: a perceptron whose final weights are
// the average of its weights over every step (Daumé's trick: u sums each
// update times the step it was made at, and the average is w - u/step).
type averaged struct {
	bits   uint
	nclass int
	w      []float32
	u      []float64
	step   float64
}

func newAveraged(bits uint, nclass int) *averaged {
	n := (1 << bits) * nclass
	return &averaged{bits: bits, nclass: nclass, w: make([]float32, n), u: make([]float64, n), step: 1}
}

func (m *averaged) score(feats []uint64, scores []float32) {
	for c := range scores {
		scores[c] = 0
	}
	n := m.nclass
	mask := uint64(1)<<m.bits - 1
	for _, f := range feats {
		b := int(f&mask) * n
		row := m.w[b : b+n : b+n]
		for c, v := range row {
			scores[c] += v
		}
	}
}

// update moves weight from the predicted class to the gold one.
func (m *averaged) update(feats []uint64, gold, pred int) {
	if gold == pred {
		return
	}
	n := m.nclass
	mask := uint64(1)<<m.bits - 1
	for _, f := range feats {
		b := int(f&mask) * n
		m.w[b+gold]++
		m.u[b+gold] += m.step
		m.w[b+pred]--
		m.u[b+pred] -= m.step
	}
}

// tick counts one decision.
func (m *averaged) tick() { m.step++ }

// final averages and quantises the weights to int16, dropping the rows
// whose largest weight is below prune (features too weak to matter, which
// would cost memory and model size).
func (m *averaged) final(prune int) *weights {
	n := m.nclass
	avg := make([]float64, len(m.w))
	max := 0.0
	for i, w := range m.w {
		a := float64(w) - m.u[i]/m.step
		avg[i] = a
		if math.Abs(a) > max {
			max = math.Abs(a)
		}
	}
	scale := 0.0
	if max > 0 {
		scale = 32767 / max
	}
	q := make([]int16, n)
	least := int16(1)
	if prune > 1 {
		least = int16(min(prune, 32767))
	}
	keep := func() bool {
		for _, v := range q {
			if v >= least || v <= -least {
				return true
			}
		}
		return false
	}
	used := 0
	for r := 0; r < 1<<m.bits; r++ {
		for c := range q {
			q[c] = int16(math.Round(avg[r*n+c] * scale))
		}
		if keep() {
			used++
		}
	}
	t, _ := fromRows(m.bits, n, used, func(yield func(int, []int16) error) error {
		for r := 0; r < 1<<m.bits; r++ {
			for c := range q {
				q[c] = int16(math.Round(avg[r*n+c] * scale))
			}
			if keep() {
				yield(r, q)
			}
		}
		return nil
	})
	return t
}

func zeroRow(row []int16) bool {
	for _, v := range row {
		if v != 0 {
			return false
		}
	}
	return true
}

// argmax returns the best class among those allowed (all when ok is nil).
func argmax[T int32 | float32](scores []T, ok []bool) int {
	best := -1
	for c, s := range scores {
		if ok != nil && !ok[c] {
			continue
		}
		if best < 0 || s > scores[best] {
			best = c
		}
	}
	return best
}
