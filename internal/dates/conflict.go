package dates

import (
	"fmt"
	"strings"
	"time"
)

// Bounds of the context check.
const (
	neighbourSentences = 3  // neighbours are day dates within this many sentences
	neighbourDays      = 5  // … whose day of the month is within this many days
	minJumpDays        = 45 // a correction must move the date at least this far
)

// findConflicts corrects written days whose month contradicts their context
// and reports whether it changed any. A day written without a year ("16
// July") is read in another month M when the day-precision dates within
// three sentences that lie within five days of the same day of the month all
// fall in M, none of the dates nearby is in the written month, and there are
// two such neighbours, or one plus a month span naming M mentioned earlier
// ("earlier in January"). The corrected date must move at
// least 45 days and, in past tense, not pass publication. Written keeps the
// naive reading.
func findConflicts(items []item, pub time.Time) bool {
	changed := false
	for i := range items {
		it := &items[i]
		if !it.ok || it.form != fDay || it.y != 0 || it.conflict != nil {
			continue
		}
		var (
			ny, nm   int
			lo, hi   = 32, 0
			count    int
			disagree bool
		)
		for j := range items {
			nb := &items[j]
			if j == i || !nb.ok || nb.prec != PrecDay || nb.sent < it.sent-neighbourSentences || nb.sent > it.sent+neighbourSentences {
				continue
			}
			if nb.dependent && (nb.root == i || nb.root < 0 && nb.form == fOrdinal) {
				continue
			}
			y, m, d := nb.date.Date()
			if int(m) == it.m {
				disagree = true // the written month has support nearby
				break
			}
			if d-it.d > neighbourDays || it.d-d > neighbourDays {
				continue // another happening, not the same days
			}
			if count > 0 && (y != ny || int(m) != nm) {
				disagree = true
				break
			}
			ny, nm = y, int(m)
			lo, hi = min(lo, d), max(hi, d)
			count++
		}
		if disagree || count == 0 {
			continue
		}
		span := -1
		for j := i - 1; j >= 0; j-- {
			if items[j].ok && items[j].prec == PrecMonth && (items[j].form == fMonth || items[j].form == fPubMonth) {
				span = j
				break
			}
		}
		spanAgrees := span >= 0 && items[span].date.Year() == ny && int(items[span].date.Month()) == nm
		if count < 2 && !spanAgrees {
			continue
		}
		if it.d > daysIn(ny, nm) || it.d2 > daysIn(ny, nm) {
			continue
		}
		c := day(ny, nm, it.d)
		if !it.future && c.After(pub) {
			continue
		}
		if gap := c.Sub(it.date); gap < minJumpDays*24*time.Hour && gap > -minJumpDays*24*time.Hour {
			continue
		}
		var why strings.Builder
		fmt.Fprintf(&why, "month %s contradicts ", monthNames[it.m])
		if spanAgrees {
			fmt.Fprintf(&why, "%s and ", quote(items[span].text))
		}
		if lo == hi {
			fmt.Fprintf(&why, "neighbouring date %d %s", lo, monthNames[nm])
		} else {
			fmt.Fprintf(&why, "neighbouring dates %d–%d %s", lo, hi, monthNames[nm])
		}
		it.conflict = &Conflict{Written: it.date, Reason: why.String()}
		it.set(c, it.rangeEnd(c))
		changed = true
	}
	return changed
}
