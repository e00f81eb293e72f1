package dates

// form says how an item's date is computed.
type form uint8

const (
	fDay         form = iota + 1 // m, d (to d2), y (0: pick by tense)
	fMonth                       // m, y (0: pick), part; n: 0 plain, -1 last, +1 next, 2 this
	fYear                        // y, part
	fWeekday                     // wd; n: 0 by tense, -1 last, +1 next
	fWeekdayDate                 // wd with m, d, y
	fPubDays                     // publication + n days
	fPubWeek                     // publication week + n
	fWeekend                     // n: 0 this, -1 last, +1 next
	fPubMonth                    // publication month + n, part
	fPubYear                     // publication year + n, part
	fOrdinal                     // day d of the month in context
	fSeq                         // n units from the previous expression
)

// Units of a sequence-relative expression.
const (
	uDay uint8 = iota + 1
	uWeek
	uMonth
	uYear
	uWeekday // the first weekday wd after (n>0) or before (n<0) the anchor
)

// Kinds and precisions, as in Expr.
const (
	KindAbsolute    = "absolute"
	KindWeekday     = "weekday"
	KindWeekdayDate = "weekday-date"
	KindRelative    = "relative"
	KindSpan        = "span"

	PrecDay   = "day"
	PrecWeek  = "week"
	PrecMonth = "month"
	PrecYear  = "year"
)

// match is one expression found in a sentence, before resolution.
type match struct {
	t0, t1   int // tokens, end exclusive
	form     form
	kind     string
	prec     string
	m, d, d2 int
	y        int
	wd       int
	n        int
	unit     uint8
	part     uint8
	future   bool // inherently future ("tomorrow", "next week")
	fixTense bool // tense is part of the expression ("last", "next", "ago")
}

// scanner finds date expressions in one tokenized sentence.
type scanner struct {
	toks []token
}

func (s *scanner) is(i int, id uint16) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tWord && s.toks[i].id == id
}

func (s *scanner) punct(i int, r rune) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tPunct && s.toks[i].val == int32(r)
}

func (s *scanner) dash(i int) bool {
	return s.punct(i, '-') || s.punct(i, '–') || s.punct(i, '—')
}

// monthAt reads a capitalised month name at i ("Jan." included) and returns
// the month and the next token.
func (s *scanner) monthAt(i int) (int, int, bool) {
	if i >= len(s.toks) {
		return 0, 0, false
	}
	t := &s.toks[i]
	if t.kind != tWord || t.id != idMonth || !t.upper {
		return 0, 0, false
	}
	j := i + 1
	if t.abbr && s.punct(j, '.') && !s.toks[j].space {
		j++
	}
	return int(t.val), j, true
}

// dayAt reads a day of the month (1–31, maybe "17th") at i.
func (s *scanner) dayAt(i int) (int, bool) {
	if i < 0 || i >= len(s.toks) {
		return 0, false
	}
	t := &s.toks[i]
	if t.kind != tNum || t.ndig > 2 || t.val < 1 || t.val > 31 {
		return 0, false
	}
	// A clock time (3:30, 3.30) or a model number (F-16) is not a day.
	if n := i + 1; n+1 < len(s.toks) && !s.toks[n].space && (s.punct(n, ':') || s.punct(n, '.')) && s.toks[n+1].kind == tNum && !s.toks[n+1].space {
		return 0, false
	}
	if p := i - 1; p >= 1 && !t.space && s.dash(p) && !s.toks[p].space && s.toks[p-1].kind == tWord {
		return 0, false
	}
	return int(t.val), true
}

// yearAt reads a four-digit year (1800–2200) at i.
func (s *scanner) yearAt(i int) (int, bool) {
	if i < 0 || i >= len(s.toks) {
		return 0, false
	}
	t := &s.toks[i]
	if t.kind != tNum || t.ndig != 4 || t.ord || t.val < 1800 || t.val > 2200 {
		return 0, false
	}
	return int(t.val), true
}

// optYear reads an optional year after a date: "2024" or ", 2024".
func (s *scanner) optYear(j int) (int, int) {
	if y, ok := s.yearAt(j); ok {
		return y, j + 1
	}
	if s.punct(j, ',') {
		if y, ok := s.yearAt(j + 1); ok {
			return y, j + 2
		}
	}
	return 0, j
}

// validDay reports whether d (and d2) exist in month m of year y (any leap
// year when y is 0).
func validDay(y, m, d, d2 int) bool {
	if y == 0 {
		y = 2000
	}
	n := daysIn(y, m)
	return d <= n && d2 <= n
}

// dayMonth matches "17 January", "17th of Jan. 2024", "16–18 January".
func (s *scanner) dayMonth(i int) (match, bool) {
	d, ok := s.dayAt(i)
	if !ok {
		return match{}, false
	}
	j := i + 1
	d2 := 0
	if s.dash(j) {
		if e, ok := s.dayAt(j + 1); ok && e > d {
			d2 = e
			j += 2
		}
	}
	if s.is(j, idOf) {
		j++
	}
	m, j, ok := s.monthAt(j)
	if !ok {
		return match{}, false
	}
	y, j := s.optYear(j)
	if !validDay(y, m, d, d2) {
		return match{}, false
	}
	return match{t0: i, t1: j, form: fDay, kind: KindAbsolute, prec: PrecDay, m: m, d: d, d2: d2, y: y}, true
}

// monthDay matches "January 17", "Jan. 17, 2024", "January 16-18".
func (s *scanner) monthDay(i int) (match, bool) {
	m, j, ok := s.monthAt(i)
	if !ok {
		return match{}, false
	}
	d, ok := s.dayAt(j)
	if !ok {
		return match{}, false
	}
	j++
	d2 := 0
	if s.dash(j) {
		if e, ok := s.dayAt(j + 1); ok && e > d {
			d2 = e
			j += 2
		}
	}
	y, j := s.optYear(j)
	if !validDay(y, m, d, d2) {
		return match{}, false
	}
	return match{t0: i, t1: j, form: fDay, kind: KindAbsolute, prec: PrecDay, m: m, d: d, d2: d2, y: y}, true
}

// prepBefore reports whether token i is a preposition that can introduce a
// bare month or year ("in January", "since 2019").
func (s *scanner) prepBefore(i int) bool {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tWord {
		return false
	}
	switch s.toks[i].id {
	case idIn, idPrep, idOf, idBefore, idAfter, idOn:
		return true
	}
	return false
}

// followerOK reports whether token j may follow a bare year or an ordinal:
// the end, punctuation, a capitalised word or a known function word, but not
// a lower-case noun ("in 2000 cases", "the 17th floor").
func (s *scanner) followerOK(j int) bool {
	if j >= len(s.toks) {
		return true
	}
	t := &s.toks[j]
	switch t.kind {
	case tPunct:
		return true
	case tWord:
		return t.upper || t.id != 0 && t.id != idMonth && t.id != idDay && t.id != idWeek && t.id != idMonthUnit && t.id != idYear && t.id != idHour
	}
	return false
}

// monthName matches a month without a day, "January" or "January 2024",
// after a modifier (part set, start t0) or a preposition.
func (s *scanner) monthName(t0, i int, part uint8, modified bool) (match, bool) {
	m, j, ok := s.monthAt(i)
	if !ok {
		return match{}, false
	}
	y, j := s.optYear(j)
	n := 0
	if y == 0 && j+1 < len(s.toks) && s.is(j+1, idYear) && s.toks[j+1].val == 0 {
		// "June last year", "in March next year", "in May this year".
		switch {
		case s.is(j, idLast):
			n, j = yearLast, j+2
		case s.is(j, idNext):
			n, j = yearNext, j+2
		case s.is(j, idThis):
			n, j = 2, j+2
		}
	}
	if !modified && y == 0 && n == 0 && !s.prepBefore(t0-1) {
		return match{}, false
	}
	kind := KindAbsolute
	if modified {
		kind = KindSpan
	}
	return match{t0: t0, t1: j, form: fMonth, kind: kind, prec: PrecMonth, m: m, y: y, n: n, part: part, fixTense: n != 0, future: n == yearNext}, true
}

// fMonth's n for "MONTH last year" and "MONTH next year".
const (
	yearLast = -3
	yearNext = 3
)

// year matches "2023" after a preposition or a modifier ("in 2023", "late 2023").
func (s *scanner) year(t0, i int, part uint8, modified bool) (match, bool) {
	y, ok := s.yearAt(i)
	if !ok || !modified && !s.prepBefore(t0-1) || !s.followerOK(i+1) {
		return match{}, false
	}
	kind := KindAbsolute
	if modified {
		kind = KindSpan
	}
	return match{t0: t0, t1: i + 1, form: fYear, kind: kind, prec: PrecYear, y: y, part: part}, true
}

// unitAt reads a time unit word at i.
func (s *scanner) unitAt(i int) (uint8, bool) {
	if i >= len(s.toks) || s.toks[i].kind != tWord {
		return 0, false
	}
	switch s.toks[i].id {
	case idDay:
		return uDay, true
	case idWeek:
		return uWeek, true
	case idMonthUnit:
		return uMonth, true
	case idYear:
		return uYear, true
	}
	return 0, false
}

// countAt reads a small count at i: "a", "two", "10".
func (s *scanner) countAt(i int) (int, bool) {
	if i >= len(s.toks) {
		return 0, false
	}
	t := &s.toks[i]
	switch {
	case t.kind == tWord && t.id == idA:
		return 1, true
	case t.kind == tWord && t.id == idNumber:
		return int(t.val), true
	case t.kind == tNum && !t.ord && t.ndig <= 3 && t.val > 0:
		return int(t.val), true
	}
	return 0, false
}

// deictic matches expressions anchored on publication that start with
// "last", "this" or "next" at i+1 (the modifier at i has sign n).
func (s *scanner) lastThisNext(i, n int) (match, bool) {
	j := i + 1
	if j >= len(s.toks) || s.toks[j].kind != tWord {
		return match{}, false
	}
	t := &s.toks[j]
	mt := match{t0: i, t1: j + 1, n: n, future: n > 0, fixTense: n != 0, kind: KindSpan}
	switch t.id {
	case idWeek:
		mt.form, mt.prec = fPubWeek, PrecWeek
	case idWeekend:
		mt.form, mt.prec = fWeekend, PrecWeek
	case idMonthUnit:
		mt.form, mt.prec = fPubMonth, PrecMonth
	case idYear:
		mt.form, mt.prec = fPubYear, PrecYear
	case idWeekday:
		if !t.upper {
			return match{}, false
		}
		mt.form, mt.prec, mt.kind, mt.wd = fWeekday, PrecDay, KindWeekday, int(t.val)
	case idMonth:
		m, e, ok := s.monthAt(j)
		if !ok {
			return match{}, false
		}
		mt.form, mt.prec, mt.m, mt.t1 = fMonth, PrecMonth, m, e
		if n == 0 {
			mt.n = 2
		}
	case idPart:
		switch {
		case n < 0 && t.val == 1: // "last night"
			mt.form, mt.prec, mt.kind, mt.n = fPubDays, PrecDay, KindRelative, -1
		case n == 0: // "this morning"
			mt.form, mt.prec, mt.kind, mt.n = fPubDays, PrecDay, KindRelative, 0
		default:
			return match{}, false
		}
	default:
		return match{}, false
	}
	return mt, true
}

// partAt reads "early", "mid-", "late", "the end of", "the beginning of",
// "the middle of" at i and returns the part and the next token.
func (s *scanner) partAt(i int) (uint8, int) {
	if i >= len(s.toks) || s.toks[i].kind != tWord {
		return partWhole, i
	}
	switch s.toks[i].id {
	case idEarly:
		return partEarly, i + 1
	case idLate:
		return partLate, i + 1
	case idMid:
		if s.dash(i + 1) {
			return partMid, i + 2
		}
		return partMid, i + 1
	case idThe:
		if p, j := s.partAt(i + 1); p != partWhole && j > i+1 && s.toks[i+1].id != idEarly && s.toks[i+1].id != idLate && s.toks[i+1].id != idMid {
			return p, j
		}
	case idEnd, idBeginning, idMiddle:
		if s.is(i+1, idOf) {
			switch s.toks[i].id {
			case idEnd:
				return partLate, i + 2
			case idBeginning:
				return partEarly, i + 2
			}
			return partMid, i + 2
		}
	}
	return partWhole, i
}

// parted matches a part followed by a month, a year or "last year" / "this
// month": "late January", "mid-2023", "the end of last year".
func (s *scanner) parted(i int) (match, bool) {
	part, j := s.partAt(i)
	if part == partWhole {
		return match{}, false
	}
	if s.is(j, idIn) { // "early in January"
		j++
	}
	if mt, ok := s.monthName(i, j, part, true); ok {
		return mt, true
	}
	if mt, ok := s.year(i, j, part, true); ok {
		return mt, true
	}
	n := 0
	switch {
	case s.is(j, idLast):
		n = -1
	case s.is(j, idNext):
		n = 1
	case s.is(j, idThis):
	default:
		return match{}, false
	}
	mt, ok := s.lastThisNext(j, n)
	if !ok || mt.form != fPubMonth && mt.form != fPubYear {
		return match{}, false
	}
	mt.t0, mt.part = i, part
	return mt, true
}

// seqAfterThe matches sequence-relative expressions opening with "the":
// "the next day", "the day before", "the following week", "the same day".
func (s *scanner) seqAfterThe(i int) (match, bool) {
	j := i + 1
	if j >= len(s.toks) || s.toks[j].kind != tWord {
		return match{}, false
	}
	mt := match{t0: i, form: fSeq, kind: KindRelative, prec: PrecDay}
	// "the day before yesterday", "the day after tomorrow"
	if s.is(j, idDay) && s.toks[j].val == 0 {
		if s.is(j+1, idBefore) && s.is(j+2, idYesterday) {
			return match{t0: i, t1: j + 3, form: fPubDays, n: -2, kind: KindRelative, prec: PrecDay, fixTense: true}, true
		}
		if s.is(j+1, idAfter) && s.is(j+2, idTomorrow) {
			return match{t0: i, t1: j + 3, form: fPubDays, n: 2, kind: KindRelative, prec: PrecDay, future: true, fixTense: true}, true
		}
	}
	sign := 0
	switch s.toks[j].id {
	case idNext, idFollowing:
		sign = 1
	case idPrevious:
		sign = -1
	case idSame:
	case idDay, idWeek, idMonthUnit, idYear, idPart:
		// "the day before", "the week after"
		if s.toks[j].id != idPart && s.toks[j].val != 0 {
			return match{}, false
		}
		switch {
		case s.is(j+1, idBefore) || s.is(j+1, idEarlier):
			sign = -1
		case s.is(j+1, idAfter) || s.is(j+1, idLater):
			sign = 1
		default:
			return match{}, false
		}
		if !s.setSeqUnit(&mt, j, sign) {
			return match{}, false
		}
		mt.t1 = j + 2
		return mt, true
	default:
		return match{}, false
	}
	if !s.setSeqUnit(&mt, j+1, sign) {
		return match{}, false
	}
	mt.t1 = j + 2
	return mt, true
}

// setSeqUnit fills a sequence match from the unit word at k and a direction.
func (s *scanner) setSeqUnit(mt *match, k, sign int) bool {
	if k >= len(s.toks) || s.toks[k].kind != tWord {
		return false
	}
	t := &s.toks[k]
	mt.n = sign
	switch t.id {
	case idDay, idPart:
		if t.id == idDay && t.val != 0 {
			return false
		}
		mt.unit, mt.prec = uDay, PrecDay
	case idWeek:
		if t.val != 0 {
			return false
		}
		mt.unit, mt.prec = uWeek, PrecWeek
	case idWeekend:
		if sign == 0 {
			return false
		}
		mt.unit, mt.prec, mt.wd = uWeekday, PrecWeek, 6
	case idMonthUnit:
		if t.val != 0 {
			return false
		}
		mt.unit, mt.prec = uMonth, PrecMonth
	case idYear:
		if t.val != 0 {
			return false
		}
		mt.unit, mt.prec = uYear, PrecYear
	case idWeekday:
		if sign == 0 || !t.upper {
			return false
		}
		mt.unit, mt.prec, mt.wd = uWeekday, PrecDay, int(t.val)
	default:
		return false
	}
	return true
}

// countUnits matches "two days later", "a week earlier", "10 days ago",
// "hours later".
func (s *scanner) countUnits(i int) (match, bool) {
	n, ok := s.countAt(i)
	j := i + 1
	if !ok {
		if s.is(i, idHour) {
			n, j = 0, i
		} else {
			return match{}, false
		}
	}
	var unit uint8
	if s.is(j, idHour) {
		unit, n = uDay, 0
	} else if unit, ok = s.unitAt(j); !ok {
		return match{}, false
	}
	k := j + 1
	if k >= len(s.toks) || s.toks[k].kind != tWord {
		return match{}, false
	}
	sign := 0
	switch s.toks[k].id {
	case idLater, idAfter:
		sign = 1
	case idEarlier, idBefore:
		sign = -1
	case idAgo:
		sign = -2
	default:
		return match{}, false
	}
	mt := match{t0: i, t1: k + 1, kind: KindRelative, prec: PrecDay}
	if sign == -2 { // deictic: counted back from publication
		mt.fixTense = true
		switch unit {
		case uDay:
			mt.form, mt.n = fPubDays, -n
		case uWeek:
			mt.form, mt.n = fPubDays, -7*n
		case uMonth:
			mt.form, mt.n, mt.prec = fPubMonth, -n, PrecMonth
		case uYear:
			mt.form, mt.n, mt.prec = fPubYear, -n, PrecYear
		}
		return mt, true
	}
	mt.form = fSeq
	switch unit {
	case uDay:
		mt.unit, mt.n = uDay, sign*n
	case uWeek:
		mt.unit, mt.n = uDay, sign*7*n
	case uMonth:
		mt.unit, mt.n, mt.prec = uMonth, sign*n, PrecMonth
	case uYear:
		mt.unit, mt.n, mt.prec = uYear, sign*n, PrecYear
	}
	return mt, true
}

// keyword matches expressions that open with a lexicon word at i.
func (s *scanner) keyword(i int) (match, bool) {
	t := &s.toks[i]
	switch t.id {
	case idYesterday:
		return match{t0: i, t1: i + 1, form: fPubDays, n: -1, kind: KindRelative, prec: PrecDay, fixTense: true}, true
	case idToday, idTonight:
		return match{t0: i, t1: i + 1, form: fPubDays, kind: KindRelative, prec: PrecDay, fixTense: true}, true
	case idTomorrow:
		return match{t0: i, t1: i + 1, form: fPubDays, n: 1, kind: KindRelative, prec: PrecDay, future: true, fixTense: true}, true
	case idLast:
		return s.lastThisNext(i, -1)
	case idThis:
		return s.lastThisNext(i, 0)
	case idNext:
		return s.lastThisNext(i, 1)
	case idEarlier, idLater:
		j := i + 1
		switch {
		case s.is(j, idThis): // "earlier this month"
			mt, ok := s.lastThisNext(j, 0)
			if ok && (mt.form == fPubWeek || mt.form == fPubMonth || mt.form == fPubYear) {
				mt.t0 = i
				return mt, true
			}
		case s.is(j, idToday):
			return match{t0: i, t1: j + 1, form: fPubDays, kind: KindRelative, prec: PrecDay, fixTense: true}, true
		case s.is(j, idIn): // "earlier in January", "earlier in the week"
			if mt, ok := s.monthName(i, j+1, partWhole, true); ok {
				return mt, true
			}
			if s.is(j+1, idThe) {
				if u, ok := s.unitAt(j + 2); ok && s.toks[j+2].val == 0 {
					mt := match{t0: i, t1: j + 3, kind: KindSpan}
					switch u {
					case uWeek:
						mt.form, mt.prec = fPubWeek, PrecWeek
					case uMonth:
						mt.form, mt.prec = fPubMonth, PrecMonth
					case uYear:
						mt.form, mt.prec = fPubYear, PrecYear
					default:
						return match{}, false
					}
					return mt, true
				}
			}
		case s.is(j, idThat): // "later that day"
			if s.is(j+1, idDay) && s.toks[j+1].val == 0 || s.is(j+1, idPart) {
				return match{t0: i, t1: j + 2, form: fSeq, unit: uDay, kind: KindRelative, prec: PrecDay}, true
			}
		}
		return match{}, false
	case idEarly, idLate, idMid, idEnd, idBeginning, idMiddle:
		return s.parted(i)
	case idThe:
		if mt, ok := s.seqAfterThe(i); ok {
			return mt, true
		}
		if mt, ok := s.parted(i); ok {
			return mt, true
		}
		return s.ordinal(i)
	case idThat:
		if s.is(i+1, idDay) && s.toks[i+1].val == 0 || s.is(i+1, idPart) {
			return match{t0: i, t1: i + 2, form: fSeq, unit: uDay, kind: KindRelative, prec: PrecDay}, true
		}
	case idA, idNumber, idHour:
		return s.countUnits(i)
	case idMonth:
		if mt, ok := s.monthDay(i); ok {
			return mt, true
		}
		return s.monthName(i, i, partWhole, false)
	case idWeekday:
		if !t.upper {
			return match{}, false
		}
		if mt, ok := s.weekdayDate(i); ok {
			return mt, true
		}
		return match{t0: i, t1: i + 1, form: fWeekday, wd: int(t.val), kind: KindWeekday, prec: PrecDay}, true
	}
	return match{}, false
}

// weekdayDate matches "Saturday, 27 January" and "Saturday, January 27, 2024".
func (s *scanner) weekdayDate(i int) (match, bool) {
	j := i + 1
	if s.punct(j, ',') {
		j++
	}
	if s.is(j, idThe) {
		j++
	}
	mt, ok := s.dayMonth(j)
	if !ok {
		mt, ok = s.monthDay(j)
	}
	if !ok || mt.d2 != 0 {
		return match{}, false
	}
	mt.t0, mt.form, mt.kind, mt.wd = i, fWeekdayDate, KindWeekdayDate, int(s.toks[i].val)
	return mt, true
}

// ordinal matches "the 17th" after "on", "by", "until"…, when no month
// follows and no noun ("the 17th floor").
func (s *scanner) ordinal(i int) (match, bool) {
	j := i + 1
	if j >= len(s.toks) || !s.toks[j].ord || !s.prepBefore(i-1) {
		return match{}, false
	}
	d, ok := s.dayAt(j)
	if !ok || !s.followerOK(j+1) || s.is(j+1, idOf) {
		return match{}, false
	}
	return match{t0: i, t1: j + 1, form: fOrdinal, d: d, kind: KindAbsolute, prec: PrecDay}, true
}

// at tries every pattern that can open at token i.
func (s *scanner) at(i int) (match, bool) {
	t := &s.toks[i]
	switch t.kind {
	case tISO:
		v := int(t.val)
		return match{t0: i, t1: i + 1, form: fDay, kind: KindAbsolute, prec: PrecDay, y: v / 10000, m: v / 100 % 100, d: v % 100}, true
	case tNum:
		if mt, ok := s.dayMonth(i); ok {
			return mt, true
		}
		if mt, ok := s.year(i, i, partWhole, false); ok {
			return mt, true
		}
		return s.countUnits(i)
	case tWord:
		if t.id != 0 {
			return s.keyword(i)
		}
	}
	return match{}, false
}

// scan returns the expressions of the tokenized sentence, in order.
func (s *scanner) scan(out []match) []match {
	for i := 0; i < len(s.toks); {
		if mt, ok := s.at(i); ok && mt.t1 > i {
			out = append(out, mt)
			i = mt.t1
			continue
		}
		i++
	}
	return out
}
