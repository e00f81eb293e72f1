package dates

// boundary reports whether token k ends a clause for tense cues.
func (s *scanner) boundary(k int) bool {
	t := &s.toks[k]
	switch t.kind {
	case tPunct:
		switch t.val {
		case ',', ';', ':', '(', ')', '[', ']', '"', '“', '”', '—', '–':
			return true
		}
	case tWord:
		switch t.id {
		case idBoundary, idAnd, idThat:
			return true
		}
	}
	return false
}

// futureCue reports whether token k is a future-tense cue: "will",
// "would", "shall", "is to", "plans to", "scheduled", "expected", "due",
// "set to", "upcoming", "next", "going to".
func (s *scanner) futureCue(k int) bool {
	t := &s.toks[k]
	if t.kind != tWord {
		return false
	}
	switch t.id {
	case idWill, idUpcoming, idNext:
		return true
	case idScheduled:
		return t.val == 0 || s.is(k+1, idTo) || s.is(k+1, idPrep)
	case idBe, idPlan, idGoing:
		return s.is(k+1, idTo)
	}
	return false
}

// future reports whether the clause around tokens [t0,t1) is future tense.
// It looks back to the clause start; an expression that opens its clause
// ("On Tuesday, Iran will …") looks forward instead. used marks tokens of
// other expressions, which are not cues.
func (s *scanner) future(t0, t1 int, used []bool) bool {
	words := 0
	for k := t0 - 1; k >= 0; k-- {
		if used[k] {
			continue
		}
		if s.boundary(k) {
			if t := &s.toks[k]; t.kind == tWord && t.id == idBoundary && t.val == 1 {
				return false // "said on Friday": the expression dates the speech
			}
			break
		}
		if s.futureCue(k) {
			return true
		}
		if t := &s.toks[k]; t.kind == tWord && t.id != idOn && t.id != idIn && t.id != idPrep && t.id != idOf {
			words++
		}
	}
	if words > 0 {
		return false
	}
	k := t1
	if k < len(s.toks) && s.punct(k, ',') {
		k++
	}
	for ; k < len(s.toks); k++ {
		if used[k] {
			continue
		}
		if s.boundary(k) {
			break
		}
		if s.futureCue(k) {
			return true
		}
	}
	return false
}
