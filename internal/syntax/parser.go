package syntax

// The parser is arc-hybrid (Kuhlmann, Gómez-Rodríguez and Satta 2011):
// a stack, whose bottom is the root, and a buffer of the words still to
// read. SHIFT moves the buffer's first word onto the stack; LEFT makes the
// buffer's first word the head of the stack's top, which it pops; RIGHT
// makes the word below the top its head and pops it. A perceptron chooses
// the move; a second one labels each arc as it is made. It is trained with
// Goldberg and Nivre's (2013) dynamic oracle, exploring its own mistakes.

const (
	shift = iota
	left
	right
	numMoves
)

// state is a parser configuration. Words are numbered 1…n; 0 is the root.
type state struct {
	n      int
	stack  []int
	b      int // first word of the buffer; n+1 when it is empty
	head   []int
	rel    []Rel
	l1, l2 []int // leftmost and second-leftmost child (-1: none)
	r1, r2 []int // rightmost and second-rightmost child
	nl, nr []uint8
	ls, rs []uint64 // sets of the labels of left and right children
	words  []word   // 0 is the root
	tags   []UPOS
}

func (s *state) reset(ws []word, tags []UPOS) {
	n := len(ws)
	s.n = n
	s.stack = append(s.stack[:0], 0)
	s.b = 1
	grow := func(a []int) []int {
		if cap(a) < n+1 {
			a = make([]int, n+1)
		}
		a = a[:n+1]
		for i := range a {
			a[i] = -1
		}
		return a
	}
	s.head, s.l1, s.l2, s.r1, s.r2 = grow(s.head), grow(s.l1), grow(s.l2), grow(s.r1), grow(s.r2)
	s.rel, s.nl, s.nr = resize(s.rel, n+1), resize(s.nl, n+1), resize(s.nr, n+1)
	s.ls, s.rs = resize(s.ls, n+1), resize(s.rs, n+1)
	s.words = append(s.words[:0], rootWord)
	s.words = append(s.words, ws...)
	s.tags = append(s.tags[:0], NoTag)
	s.tags = append(s.tags, tags...)
}

var rootWord = word{form: 0x7007, lower: 0x7007, shape: 0x7007, pre1: 0x7007, pre2: 0x7007, pre3: 0x7007, suf1: 0x7007, suf2: 0x7007, suf3: 0x7007, suf4: 0x7007, lex: 0x7007}

// resize returns a zeroed slice of n elements, reusing a's array.
func resize[T any](a []T, n int) []T {
	if cap(a) < n {
		return make([]T, n)
	}
	a = a[:n]
	clear(a)
	return a
}

func (s *state) done() bool { return s.b > s.n && len(s.stack) == 1 }

// valid reports which moves are possible. The root takes its one child
// only when the buffer is empty.
func (s *state) valid(ok *[numMoves]bool) {
	k := len(s.stack)
	ok[shift] = s.b <= s.n
	ok[left] = s.b <= s.n && k >= 2
	ok[right] = k >= 2 && (k >= 3 || s.b > s.n)
}

// arcTarget returns the head and dependent of an arc move.
func (s *state) arcTarget(move int) (h, d int) {
	k := len(s.stack)
	d = s.stack[k-1]
	if move == left {
		return s.b, d
	}
	return s.stack[k-2], d
}

// apply makes the move; for arcs, r labels it.
func (s *state) apply(move int, r Rel) {
	switch move {
	case shift:
		s.stack = append(s.stack, s.b)
		s.b++
	case left, right:
		h, d := s.arcTarget(move)
		s.stack = s.stack[:len(s.stack)-1]
		s.addArc(h, d, r)
	}
}

func (s *state) addArc(h, d int, r Rel) {
	s.head[d], s.rel[d] = h, r
	if d < h {
		if s.l1[h] < 0 || d < s.l1[h] {
			s.l2[h], s.l1[h] = s.l1[h], d
		} else if s.l2[h] < 0 || d < s.l2[h] {
			s.l2[h] = d
		}
		s.nl[h]++
		s.ls[h] |= 1 << (uint(r) & 63)
	} else {
		if s.r1[h] < 0 || d > s.r1[h] {
			s.r2[h], s.r1[h] = s.r1[h], d
		} else if s.r2[h] < 0 || d > s.r2[h] {
			s.r2[h] = d
		}
		s.nr[h]++
		s.rs[h] |= 1 << (uint(r) & 63)
	}
}

// Feature values of position i (-1: no such position).
func (s *state) w(i int) uint64 {
	if i < 0 {
		return hNone
	}
	return s.words[i].lower
}

func (s *state) t(i int) uint64 {
	if i < 0 {
		return hNone
	}
	if i == 0 {
		return 0x7007
	}
	return uint64(s.tags[i]) + 1
}

func (s *state) l(i int) uint64 {
	if i < 0 {
		return hNone
	}
	return uint64(s.rel[i]) + 1
}

func child(a []int, i int) int {
	if i < 0 {
		return -1
	}
	return a[i]
}

func dist(a, b int) uint64 {
	if a < 0 || b < 0 {
		return hNone
	}
	d := b - a
	if d < 0 {
		d = -d
	}
	switch {
	case d > 10:
		d = 10
	case d > 5:
		d = 6
	}
	return uint64(d)
}

// moveFeatures appends the features of the next move's decision.
func (s *state) moveFeatures(out []uint64) []uint64 {
	k := len(s.stack)
	s0, s1, s2 := -1, -1, -1
	if k >= 1 {
		s0 = s.stack[k-1]
	}
	if k >= 2 {
		s1 = s.stack[k-2]
	}
	if k >= 3 {
		s2 = s.stack[k-3]
	}
	b0, b1, b2 := -1, -1, -1
	if s.b <= s.n {
		b0 = s.b
	}
	if s.b+1 <= s.n {
		b1 = s.b + 1
	}
	if s.b+2 <= s.n {
		b2 = s.b + 2
	}
	s0l1, s0l2, s0r1, s0r2 := child(s.l1, s0), child(s.l2, s0), child(s.r1, s0), child(s.r2, s0)
	s1l1, s1r1, s1r2 := child(s.l1, s1), child(s.r1, s1), child(s.r2, s1)
	b0l1, b0l2 := child(s.l1, b0), child(s.l2, b0)
	s0w, s0t, s1w, s1t, b0w, b0t := s.w(s0), s.t(s0), s.w(s1), s.t(s1), s.w(b0), s.t(b0)
	b1w, b1t, b2w, b2t, s2w, s2t := s.w(b1), s.t(b1), s.w(b2), s.t(b2), s.w(s2), s.t(s2)
	var s0nl, s0nr, s1nr, s1nl, b0nl uint64 = hNone, hNone, hNone, hNone, hNone
	var s0ls, s0rs, s1rs, s1ls, b0ls uint64 = hNone, hNone, hNone, hNone, hNone
	if s0 >= 0 {
		s0nl, s0nr, s0ls, s0rs = uint64(s.nl[s0]), uint64(s.nr[s0]), s.ls[s0], s.rs[s0]
	}
	if s1 >= 0 {
		s1nl, s1nr, s1ls, s1rs = uint64(s.nl[s1]), uint64(s.nr[s1]), s.ls[s1], s.rs[s1]
	}
	if b0 >= 0 {
		b0nl, b0ls = uint64(s.nl[b0]), s.ls[b0]
	}
	d01, d0b := dist(s1, s0), dist(s0, b0)
	var s0suf, b0suf, b0pre uint64 = hNone, hNone, hNone
	if s0 >= 0 {
		s0suf = s.words[s0].suf3
	}
	if b0 >= 0 {
		b0suf, b0pre = s.words[b0].suf3, s.words[b0].pre2
	}
	return append(out,
		f1(100, 0),
		// Single positions.
		f1(101, s0w), f1(102, s0t), f2(103, s0w, s0t),
		f1(104, s1w), f1(105, s1t), f2(106, s1w, s1t),
		f1(107, b0w), f1(108, b0t), f2(109, b0w, b0t),
		f1(110, b1w), f1(111, b1t), f2(112, b1w, b1t),
		f1(113, b2w), f1(114, b2t), f1(115, s2t), f2(116, s2w, s2t),
		f1(117, s0suf), f1(118, b0suf), f2(119, b0pre, b0t),
		// Pairs.
		f4(120, s0w, s0t, b0w, b0t), f3(121, s0w, s0t, b0w), f3(122, s0w, b0w, b0t),
		f3(123, s0w, s0t, b0t), f3(124, s0t, b0w, b0t), f2(125, s0w, b0w), f2(126, s0t, b0t),
		f4(127, s1w, s1t, s0w, s0t), f2(128, s1w, s0w), f2(129, s1t, s0t), f2(130, s1t, s0w), f2(131, s1w, s0t),
		f3(132, s1w, s1t, s0t), f3(133, s1t, s0w, s0t),
		f2(134, b0t, b1t), f2(135, b0w, b1t), f2(136, b0t, b1w),
		f2(137, s1t, b0t), f2(138, s1w, b0w), f2(139, s1t, b0w), f2(140, s1w, b0t),
		// Triples of tags.
		f3(141, b0t, b1t, b2t), f3(142, s0t, b0t, b1t), f3(143, s1t, s0t, b0t), f3(144, s2t, s1t, s0t),
		f3(145, s0t, s.t(s0l1), b0t), f3(146, s0t, s.t(s0r1), b0t), f3(147, s0t, b0t, s.t(b0l1)),
		f3(148, s1t, s0t, s.t(s1r1)), f3(149, s1t, s.t(s1l1), s0t), f3(150, s1t, s0t, s.t(s0l1)),
		f3(151, s1t, s0t, s.t(s0r1)), f3(152, s0w, b0t, b1t), f3(153, s1t, s0w, b0t),
		// Distance.
		f2(154, s0w, d0b), f2(155, s0t, d0b), f2(156, b0w, d0b), f2(157, b0t, d0b), f3(158, s0t, b0t, d0b),
		f2(159, s1w, d01), f2(160, s1t, d01), f2(161, s0w, d01), f2(162, s0t, d01), f3(163, s1t, s0t, d01),
		// Valency.
		f2(164, s0w, s0nl), f2(165, s0t, s0nl), f2(166, s0w, s0nr), f2(167, s0t, s0nr),
		f2(168, s1w, s1nr), f2(169, s1t, s1nr), f2(170, s1t, s1nl), f2(171, b0w, b0nl), f2(172, b0t, b0nl),
		// Children.
		f1(173, s.w(s0l1)), f1(174, s.t(s0l1)), f1(175, s.l(s0l1)),
		f1(176, s.w(s0r1)), f1(177, s.t(s0r1)), f1(178, s.l(s0r1)),
		f1(179, s.w(s1r1)), f1(180, s.t(s1r1)), f1(181, s.l(s1r1)),
		f1(182, s.w(b0l1)), f1(183, s.t(b0l1)), f1(184, s.l(b0l1)),
		f1(185, s.t(s0l2)), f1(186, s.l(s0l2)), f1(187, s.t(s0r2)), f1(188, s.l(s0r2)),
		f1(189, s.t(b0l2)), f1(190, s.l(b0l2)), f1(191, s.t(s1r2)), f1(192, s.l(s1r2)),
		f1(193, s.l(s1l1)), f1(194, s.t(s1l1)),
		f3(195, s0t, s.l(s0l1), s.l(s0l2)), f3(196, s0t, s.l(s0r1), s.l(s0r2)),
		f3(197, b0t, s.l(b0l1), s.l(b0l2)), f3(198, s1t, s.l(s1r1), s.l(s1r2)),
		f2(199, s0t, s.l(s0l1)), f2(200, s0t, s.l(s0r1)), f2(201, b0t, s.l(b0l1)), f2(202, s1t, s.l(s1r1)),
		f3(203, s0t, s.t(s0l1), s.t(s0l2)), f3(204, s0t, s.t(s0r1), s.t(s0r2)), f3(205, b0t, s.t(b0l1), s.t(b0l2)),
		// Label sets.
		f2(206, s0w, s0ls), f2(207, s0t, s0ls), f2(208, s0w, s0rs), f2(209, s0t, s0rs),
		f2(210, s1t, s1rs), f2(211, s1t, s1ls), f2(212, b0t, b0ls), f2(213, b0w, b0ls),
		f3(214, s1t, s0t, s0ls), f3(215, s0t, b0t, b0ls),
		// The words around the top of the stack.
		f2(216, s0t, s.tAt(s0+1)), f2(217, s0t, s.tAt(s0-1)), f3(218, s0t, s.tAt(s0-1), b0t),
		f2(219, s.wAt(s0+1), s0t),
	)
}

// tAt and wAt read the word at sentence position i (any word, whether on
// the stack, in the buffer or attached).
func (s *state) tAt(i int) uint64 {
	if i < 1 || i > s.n {
		return hNone
	}
	return s.t(i)
}

func (s *state) wAt(i int) uint64 {
	if i < 1 || i > s.n {
		return hNone
	}
	return s.w(i)
}

// labelFeatures appends the features of the label of the arc h → d.
func (s *state) labelFeatures(out []uint64, h, d int) []uint64 {
	dir := uint64(1)
	if d < h {
		dir = 2
	}
	dd := dist(h, d) | dir<<8
	hw, ht, dw, dt := s.w(h), s.t(h), s.w(d), s.t(d)
	dl1, dr1 := child(s.l1, d), child(s.r1, d)
	hl1, hr1 := child(s.l1, h), child(s.r1, h)
	var dsuf uint64 = hNone
	if d > 0 {
		dsuf = s.words[d].suf3
	}
	return append(out,
		f1(300, dd),
		f2(301, dw, dd), f2(302, dt, dd), f2(303, hw, dd), f2(304, ht, dd),
		f3(305, dt, ht, dd), f3(306, dw, ht, dd), f3(307, dt, hw, dd), f3(308, dw, hw, dd),
		f3(309, dt, s.w(dl1), dd), f3(310, dt, s.l(dl1), ht), f3(311, dt, s.w(dr1), dd), f3(312, dt, s.l(dr1), ht),
		f3(313, dt, s.ls[d], dd), f3(314, dt, s.rs[d], dd), f3(315, ht, s.ls[h], dd), f3(316, ht, s.rs[h], dd),
		f4(317, dt, ht, s.ls[h], dd), f4(318, dt, ht, s.ls[d], dd),
		f3(319, s.w(dl1), ht, dd), f4(320, s.w(dl1), dt, ht, dd),
		f3(321, dt, s.tAt(d+1), dd), f3(322, dt, s.tAt(d-1), dd), f3(323, ht, s.tAt(h+1), dd), f3(324, ht, s.tAt(h-1), dd),
		f3(325, dsuf, ht, dd), f3(326, s.l(hl1), s.l(hr1), dd), f3(327, dt, s.t(dl1), ht),
		f2(328, s.l(h), dt), f3(329, s.l(h), ht, dt), f3(330, s.wAt(d-1), dt, ht), f3(331, s.wAt(h-1), ht, dt),
		f2(332, dw, ht), f2(333, hw, dt),
	)
}
