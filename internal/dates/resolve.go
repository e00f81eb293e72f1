package dates

import (
	"fmt"
	"sync"
	"time"

	"github.com/dyad-events/dyad/internal/text"
)

// Expr is one resolved date expression.
type Expr struct {
	Start, End int       // offsets in Unicode code points (runes) within its sentence, end exclusive
	Text       string    // the words as written
	Date       time.Time // resolved date (UTC midnight); for spans the first day
	Last       time.Time // last day the expression covers (equal to Date for a single day)
	Precision  string    // "day", "week", "month" or "year"
	Kind       string    // "absolute", "weekday", "weekday-date", "relative" or "span"
	Relative   bool      // anchored on the previous event/expression ("the next day")
	Future     bool      // read in a future-tense clause ("will meet on Tuesday")
	Conflict   *Conflict // non-nil when the written date contradicts its context
}

// Conflict keeps a written date that the context overrides.
type Conflict struct {
	Written time.Time // what the text says, resolved naively
	Reason  string    // e.g. "month July contradicts 'earlier in January' and neighbouring dates 17–18 January"
}

// Options tune Resolve.
type Options struct {
	// SameWeekdayIsLastWeek makes a bare weekday equal to the publication
	// day's weekday mean a week before publication (a week after in future
	// tense) instead of the publication day itself.
	SameWeekdayIsLastWeek bool
}

// item is one expression of the article during resolution.
type item struct {
	match
	sent       int
	rs, re     int // rune offsets
	bs, be     int // byte offsets
	future     bool
	dependent  bool // fOrdinal or fSeq: resolved from earlier items
	ok         bool // resolved
	date, last time.Time
	conflict   *Conflict
	root       int    // index of the independent item a dependent counts from, or -1
	text       string // the words as written
	prec0      string // precision before any anchor coarsens it
}

// Resolve finds and resolves date expressions in each sentence of an article,
// in order, carrying context across sentences. The result has one slice per
// sentence (nil where a sentence has none). It splits the sentences with
// text.Words; a caller that has their words already calls ResolveWords.
func Resolve(sentences []string, published time.Time) [][]Expr {
	return ResolveWith(sentences, published, Options{})
}

// ResolveWith is Resolve with options.
func ResolveWith(sentences []string, published time.Time, opt Options) [][]Expr {
	x := scratchPool.Get().(*scratch)
	defer scratchPool.Put(x)
	x.split(sentences)
	return x.resolve(sentences, x.words, published, opt)
}

// ResolveWords is Resolve for sentences already split into words:
// words[i] are the words of sentences[i] as text.Words returns them (or a
// run of them), so their offsets are within sentences[i], and so are the
// offsets of the expressions found. It panics if words and sentences
// differ in length.
func ResolveWords(sentences []string, words [][]text.Word, published time.Time) [][]Expr {
	return ResolveWordsWith(sentences, words, published, Options{})
}

// ResolveWordsWith is ResolveWords with options.
func ResolveWordsWith(sentences []string, words [][]text.Word, published time.Time, opt Options) [][]Expr {
	if len(words) != len(sentences) {
		panic(fmt.Sprintf("dates: words for %d sentences, not %d", len(words), len(sentences)))
	}
	x := scratchPool.Get().(*scratch)
	defer scratchPool.Put(x)
	return x.resolve(sentences, words, published, opt)
}

// scratch holds the slices a resolution reuses; scratchPool keeps them
// from one article to the next.
type scratch struct {
	flat    []text.Word   // the words of all the sentences, for Resolve
	words   [][]text.Word // each sentence's words, in flat
	toks    []token
	buf     []byte
	matches []match
	used    []bool
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// split splits each sentence with text.AppendWords, all into x.flat, and
// points x.words at each one's words.
func (x *scratch) split(sentences []string) {
	n := 0
	for _, s := range sentences {
		n += len(s)/5 + 2
	}
	if cap(x.flat) < n {
		x.flat = make([]text.Word, 0, n)
	}
	x.flat, x.words = x.flat[:0], x.words[:0]
	for _, s := range sentences {
		k := len(x.flat)
		x.flat = text.AppendWords(x.flat, s)
		// Should x.flat grow later, this keeps the array it has now.
		x.words = append(x.words, x.flat[k:len(x.flat):len(x.flat)])
	}
}

// resolve is ResolveWordsWith.
func (x *scratch) resolve(sentences []string, words [][]text.Word, published time.Time, opt Options) [][]Expr {
	pub := dateOnly(published)
	out := make([][]Expr, len(sentences))
	var items []item
	toks, buf, matches, used := x.toks, x.buf, x.matches, x.used
	for si, sent := range sentences {
		toks, buf = fromWords(words[si], toks, buf)
		if len(toks) == 0 {
			continue
		}
		sc := scanner{toks: toks}
		matches = sc.scan(matches[:0])
		if len(matches) == 0 {
			continue
		}
		used = used[:0]
		for range toks {
			used = append(used, false)
		}
		for _, m := range matches {
			for k := m.t0; k < m.t1; k++ {
				used[k] = true
			}
		}
		for _, m := range matches {
			it := item{match: m, sent: si, root: -1,
				rs: toks[m.t0].rs, re: toks[m.t1-1].re, bs: toks[m.t0].bs, be: toks[m.t1-1].be}
			it.text, it.prec0 = sent[it.bs:it.be], m.prec
			it.future = m.future
			if !m.fixTense {
				it.future = sc.future(m.t0, m.t1, used)
			}
			it.dependent = m.form == fSeq || m.form == fOrdinal
			items = append(items, it)
		}
	}
	x.toks, x.buf, x.matches, x.used = toks, buf, matches, used
	if len(items) == 0 {
		return out
	}
	for i := range items {
		if !items[i].dependent {
			items[i].resolveIndependent(pub, opt)
			items[i].clamp(pub)
		}
	}
	resolveDependents(items, pub)
	if findConflicts(items, pub) {
		resolveDependents(items, pub)
	}
	for i := range items {
		it := &items[i]
		if !it.ok {
			continue
		}
		out[it.sent] = append(out[it.sent], Expr{
			Start: it.rs, End: it.re, Text: it.text,
			Date: it.date, Last: it.last, Precision: it.prec, Kind: it.kind,
			Relative: it.form == fSeq, Future: it.future, Conflict: it.conflict,
		})
	}
	return out
}

// set records a resolved date and its last day.
func (it *item) set(d, last time.Time) {
	it.date, it.last, it.ok = d, last, true
}

// resolveIndependent resolves an expression that needs only the publication date.
func (it *item) resolveIndependent(pub time.Time, opt Options) {
	switch it.form {
	case fDay:
		if it.y != 0 {
			d := day(it.y, it.m, it.d)
			it.set(d, it.rangeEnd(d))
			return
		}
		if d, ok := resolveMonthDay(it.m, it.d, pub, it.future); ok {
			it.set(d, it.rangeEnd(d))
		}
	case fWeekdayDate:
		it.resolveWeekdayDate(pub)
	case fMonth:
		y := it.y
		pm := int(pub.Month())
		switch {
		case y != 0:
		case it.n == -1: // last January: strictly before this month
			y = pub.Year()
			if it.m >= pm {
				y--
			}
		case it.n == 1:
			y = pub.Year()
			if it.m <= pm {
				y++
			}
		case it.n == 2:
			y = pub.Year()
		case it.n == yearLast:
			y = pub.Year() - 1
		case it.n == yearNext:
			y = pub.Year() + 1
		default:
			y = resolveMonth(it.m, pub, it.future)
		}
		it.set(monthSpan(y, it.m, it.part))
	case fYear:
		it.set(yearSpan(it.y, it.part))
	case fWeekday:
		it.set(resolveWeekday(it.wd, it.n, it.future, pub, opt), time.Time{})
		it.last = it.date
	case fPubDays:
		d := addDays(pub, it.n)
		it.set(d, d)
	case fPubWeek:
		d := addDays(monday(pub), 7*it.n)
		it.set(d, addDays(d, 6))
	case fWeekend:
		d := resolveWeekend(it.n, it.future, pub)
		it.set(d, addDays(d, 1))
	case fPubMonth:
		f := firstOfMonth(pub, it.n)
		it.set(monthSpan(f.Year(), int(f.Month()), it.part))
	case fPubYear:
		it.set(yearSpan(pub.Year()+it.n, it.part))
	}
}

// rangeEnd returns the last day of a day range ("16–18 January") starting at d.
func (it *item) rangeEnd(d time.Time) time.Time {
	if it.d2 > it.d {
		return addDays(d, it.d2-it.d)
	}
	return d
}

// resolveWeekday resolves a weekday alone (n 0), "last" (n −1) or "next" (n +1).
func resolveWeekday(wd, n int, future bool, pub time.Time, opt Options) time.Time {
	switch {
	case n < 0:
		return weekdayOnOrBefore(addDays(pub, -1), wd)
	case n > 0:
		return weekdayOnOrAfter(addDays(pub, 1), wd)
	case future:
		if opt.SameWeekdayIsLastWeek {
			return weekdayOnOrAfter(addDays(pub, 1), wd)
		}
		return weekdayOnOrAfter(pub, wd)
	default:
		if opt.SameWeekdayIsLastWeek {
			return weekdayOnOrBefore(addDays(pub, -1), wd)
		}
		return weekdayOnOrBefore(pub, wd)
	}
}

// resolveWeekend returns the Saturday of this (n 0), last (−1) or next (+1) weekend.
func resolveWeekend(n int, future bool, pub time.Time) time.Time {
	inWeekend := pub.Weekday() == time.Saturday || pub.Weekday() == time.Sunday
	sat := weekdayOnOrBefore(pub, int(time.Saturday)) // the latest weekend begun
	switch {
	case n < 0:
		if inWeekend {
			return addDays(sat, -7)
		}
		return sat
	case n > 0:
		return addDays(sat, 7)
	case future && !inWeekend:
		return addDays(sat, 7)
	}
	return sat
}

// resolveWeekdayDate resolves "Saturday, 27 January": without a year, the
// year within a year of publication whose 27 January is a Saturday, nearest
// to publication; a weekday that fits no such year is flagged.
func (it *item) resolveWeekdayDate(pub time.Time) {
	written := time.Weekday(it.wd)
	if it.y != 0 {
		d := day(it.y, it.m, it.d)
		it.set(d, d)
		if d.Weekday() != written {
			it.conflict = &Conflict{Written: d, Reason: fmt.Sprintf("%s is a %s, not a %s", d.Format(time.DateOnly), d.Weekday(), written)}
		}
		return
	}
	var best time.Time
	var bestGap time.Duration
	for y := pub.Year() - 1; y <= pub.Year()+1; y++ {
		if it.d > daysIn(y, it.m) {
			continue
		}
		d := day(y, it.m, it.d)
		if d.Weekday() != written {
			continue
		}
		gap := d.Sub(pub)
		if gap < 0 {
			gap = -gap
		}
		if best.IsZero() || gap < bestGap {
			best, bestGap = d, gap
		}
	}
	if !best.IsZero() {
		it.set(best, best)
		it.future = best.After(pub)
		return
	}
	d, ok := resolveMonthDay(it.m, it.d, pub, it.future)
	if !ok {
		return
	}
	it.set(d, d)
	it.conflict = &Conflict{Written: d, Reason: fmt.Sprintf("no %d %s within a year of publication is a %s", it.d, monthNames[it.m], written)}
}

// clamp keeps a day-precision date in a past-tense clause from falling after
// publication: such a date becomes the publication date and is flagged.
func (it *item) clamp(pub time.Time) {
	if !it.ok || it.future || it.prec != PrecDay || !it.date.After(pub) {
		return
	}
	it.conflict = &Conflict{Written: it.date, Reason: fmt.Sprintf("%s is after publication (%s) in a past-tense clause",
		it.date.Format(time.DateOnly), pub.Format(time.DateOnly))}
	it.set(pub, pub)
}

// coarser returns the coarser of two precisions.
func coarser(a, b string) string {
	rank := func(p string) int {
		switch p {
		case PrecWeek:
			return 1
		case PrecMonth:
			return 2
		case PrecYear:
			return 3
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// resolveDependents resolves, in text order, "the 17th" from the month in
// context and sequence-relative expressions from the nearest preceding
// day-precision expression (or, lacking one, any expression, or publication).
func resolveDependents(items []item, pub time.Time) {
	lastDay, lastAny, lastMonth := -1, -1, -1
	for i := range items {
		it := &items[i]
		if it.dependent {
			it.ok, it.conflict, it.root = false, nil, -1
			switch it.form {
			case fOrdinal:
				it.resolveOrdinal(items, lastMonth, pub)
			case fSeq:
				a := lastDay
				if a < 0 {
					a = lastAny
				}
				it.resolveSeq(items, a, pub)
			}
			it.clamp(pub)
		}
		if !it.ok {
			continue
		}
		lastAny = i
		switch it.prec {
		case PrecDay:
			lastDay, lastMonth = i, i
		case PrecMonth:
			lastMonth = i
		}
	}
}

// resolveOrdinal resolves "the 17th" in the month of items[ctx], or of publication.
func (it *item) resolveOrdinal(items []item, ctx int, pub time.Time) {
	if ctx >= 0 {
		c := &items[ctx]
		y, m := c.date.Year(), int(c.date.Month())
		if it.d > daysIn(y, m) {
			return
		}
		d := day(y, m, it.d)
		it.set(d, d)
		it.root = rootOf(items, ctx)
		return
	}
	f := firstOfMonth(pub, 0)
	switch {
	case !it.future && it.d > pub.Day():
		f = firstOfMonth(pub, -1)
	case it.future && it.d < pub.Day():
		f = firstOfMonth(pub, 1)
	}
	if it.d > daysIn(f.Year(), int(f.Month())) {
		return
	}
	d := day(f.Year(), int(f.Month()), it.d)
	it.set(d, d)
}

// rootOf returns the independent item that items[i] ultimately counts from.
func rootOf(items []item, i int) int {
	if items[i].dependent && items[i].root >= 0 {
		return items[i].root
	}
	return i
}

// seqFrom applies a sequence expression to base.
func (it *item) seqFrom(base time.Time) (time.Time, time.Time) {
	switch it.unit {
	case uWeek:
		d := addDays(monday(base), 7*it.n)
		return d, addDays(d, 6)
	case uMonth:
		return monthSpan(firstOfMonth(base, it.n).Year(), int(firstOfMonth(base, it.n).Month()), partWhole)
	case uYear:
		return yearSpan(base.Year()+it.n, partWhole)
	case uWeekday:
		var d time.Time
		if it.n < 0 {
			d = weekdayOnOrBefore(addDays(base, -1), it.wd)
		} else {
			d = weekdayOnOrAfter(addDays(base, 1), it.wd)
		}
		if it.prec == PrecWeek {
			return d, addDays(d, 1)
		}
		return d, d
	}
	d := addDays(base, it.n)
	return d, d
}

// resolveSeq resolves a sequence-relative expression from items[a] (or
// publication when a < 0), carrying over a conflict of its anchor.
func (it *item) resolveSeq(items []item, a int, pub time.Time) {
	it.prec = it.prec0
	if a < 0 {
		it.set(it.seqFrom(pub))
		return
	}
	an := &items[a]
	it.set(it.seqFrom(an.date))
	it.prec = coarser(it.prec0, an.prec)
	it.root = rootOf(items, a)
	if an.conflict != nil && !an.conflict.Written.Equal(an.date) {
		w, _ := it.seqFrom(an.conflict.Written)
		it.conflict = &Conflict{Written: w, Reason: fmt.Sprintf("counted from %s, read as %s: the written %s would put it at %s",
			quote(an.text), an.date.Format(time.DateOnly), an.conflict.Written.Format(time.DateOnly), w.Format(time.DateOnly))}
	}
}

// quote returns s in single quotes.
func quote(s string) string { return "'" + s + "'" }
