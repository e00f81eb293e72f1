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

// weights is a trained model: int16 weights, bucket-major. used has one
// bit per bucket, set when the bucket has a non-zero weight: most features
// of a new sentence were never seen in training, and the bit, read from a
// table small enough to stay in cache, saves reading their rows.
type weights struct {
	bits   uint
	nclass int
	w      []int16
	used   []uint64
}

func newWeights(bits uint, nclass int) *weights {
	return &weights{bits: bits, nclass: nclass, w: make([]int16, (1<<bits)*nclass), used: make([]uint64, (1<<bits+63)/64)}
}

// index sets the used bits from the weights.
func (m *weights) index() {
	clear(m.used)
	n := m.nclass
	for r := 0; r < 1<<m.bits; r++ {
		if !zeroRow(m.w[r*n : (r+1)*n]) {
			m.used[r>>6] |= 1 << (r & 63)
		}
	}
}

// score adds each feature's weights into scores (len nclass, zeroed by the
// caller).
func (m *weights) score(feats []uint64, scores []int32) {
	n := m.nclass
	mask := uint64(1)<<m.bits - 1
	for _, f := range feats {
		r := f & mask
		if m.used[r>>6]&(1<<(r&63)) == 0 {
			continue
		}
		b := int(r) * n
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

// final averages and quantises the weights to int16.
func (m *averaged) final() *weights {
	out := newWeights(m.bits, m.nclass)
	avg := make([]float64, len(m.w))
	max := 0.0
	for i, w := range m.w {
		a := float64(w) - m.u[i]/m.step
		avg[i] = a
		if math.Abs(a) > max {
			max = math.Abs(a)
		}
	}
	if max == 0 {
		return out
	}
	scale := 32767 / max
	for i, a := range avg {
		out.w[i] = int16(math.Round(a * scale))
	}
	out.index()
	return out
}

// argmax returns the best class among those allowed (all when ok is nil).
func argmax32(scores []int32, ok []bool) int {
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

func argmaxF(scores []float32, ok []bool) int {
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
