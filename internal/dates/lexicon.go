package dates

// Lexicon ids. Months and weekdays carry their number in lexEntry.val;
// number words carry their value.
const (
	_ uint16 = iota
	idMonth
	idWeekday
	idNumber // one … thirty
	idOn
	idIn
	idThe
	idA // a, an
	idLast
	idNext
	idThis
	idThat
	idEarlier
	idLater
	idEarly
	idLate
	idMid
	idYesterday
	idToday
	idTomorrow
	idTonight
	idDay // val 1 when plural
	idWeek
	idWeekend
	idMonthUnit
	idYear
	idHour // hours, minutes
	idBefore
	idAfter
	idFollowing
	idPrevious // previous, preceding, prior
	idSame
	idAgo
	idOf
	idPrep // since, by, until, till, during, from, through, throughout, for
	idPart // night, morning, afternoon, evening
	idWill // will, shall, would, ll
	idBe   // is, are, was, were
	idTo
	idPlan      // plans, planned, plan, planning, intends, aims, wants; agreed, pledged, promised… (before "to")
	idScheduled // scheduled, due, expected, set, slated
	idUpcoming  // upcoming, coming
	idGoing
	idAnd
	idBoundary // but, said, says, while, when, whereas, although, though, because, who, which, told
	idEnd
	idBeginning // beginning, start
	idMiddle
	idFunc // other function words that may follow a year or an ordinal
)

type lexEntry struct {
	id   uint16
	val  int8
	abbr bool
}

var lexicon = map[string]lexEntry{}

func init() {
	months := [][]string{
		{"january", "jan"}, {"february", "feb"}, {"march", "mar"}, {"april", "apr"},
		{"may"}, {"june", "jun"}, {"july", "jul"}, {"august", "aug"},
		{"september", "sep", "sept"}, {"october", "oct"}, {"november", "nov"}, {"december", "dec"},
	}
	for i, names := range months {
		for j, n := range names {
			lexicon[n] = lexEntry{id: idMonth, val: int8(i + 1), abbr: j > 0}
		}
	}
	for i, n := range []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		lexicon[n] = lexEntry{id: idWeekday, val: int8(i)}
	}
	for i, n := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"} {
		lexicon[n] = lexEntry{id: idNumber, val: int8(i + 1)}
	}
	lexicon["thirty"] = lexEntry{id: idNumber, val: 30}
	set := func(id uint16, val int8, words ...string) {
		for _, w := range words {
			lexicon[w] = lexEntry{id: id, val: val}
		}
	}
	set(idOn, 0, "on")
	set(idIn, 0, "in")
	set(idThe, 0, "the")
	set(idA, 0, "a", "an")
	set(idLast, 0, "last")
	set(idNext, 0, "next")
	set(idThis, 0, "this")
	set(idThat, 0, "that")
	set(idEarlier, 0, "earlier")
	set(idLater, 0, "later")
	set(idEarly, 0, "early")
	set(idLate, 0, "late")
	set(idMid, 0, "mid")
	set(idYesterday, 0, "yesterday")
	set(idToday, 0, "today")
	set(idTomorrow, 0, "tomorrow")
	set(idTonight, 0, "tonight")
	set(idDay, 0, "day")
	set(idDay, 1, "days")
	set(idWeek, 0, "week")
	set(idWeek, 1, "weeks")
	set(idWeekend, 0, "weekend")
	set(idMonthUnit, 0, "month")
	set(idMonthUnit, 1, "months")
	set(idYear, 0, "year")
	set(idYear, 1, "years")
	set(idHour, 1, "hours", "minutes", "moments")
	set(idBefore, 0, "before")
	set(idAfter, 0, "after")
	set(idFollowing, 0, "following")
	set(idPrevious, 0, "previous", "preceding", "prior")
	set(idSame, 0, "same")
	set(idAgo, 0, "ago")
	set(idOf, 0, "of")
	set(idPrep, 0, "since", "by", "until", "till", "during", "from", "through", "throughout", "for")
	set(idPart, 1, "night")
	set(idPart, 0, "morning", "afternoon", "evening")
	set(idWill, 0, "will", "shall", "would", "ll")
	set(idBe, 0, "is", "are", "was", "were")
	set(idTo, 0, "to")
	set(idPlan, 0, "plans", "plan", "planned", "planning", "intends", "intend", "aims", "wants",
		// "agreed to meet in December", "pledged to visit in May": what
		// is agreed or promised lies ahead.
		"agreed", "agree", "agrees", "pledged", "pledges", "promised", "promises", "vowed", "vows",
		"decided", "decides", "hopes", "hoped", "intended", "aimed", "wanted", "offered", "offers")
	set(idScheduled, 0, "scheduled", "due", "expected", "slated")
	set(idScheduled, 1, "set")
	set(idUpcoming, 0, "upcoming", "coming")
	set(idGoing, 0, "going")
	set(idAnd, 0, "and")
	set(idBoundary, 0, "but", "while", "when", "whereas", "although", "though", "because", "who", "which")
	set(idBoundary, 1, "said", "says", "saying", "told", "announced", "reported", "stated", "added")
	set(idEnd, 0, "end")
	set(idBeginning, 0, "beginning", "start")
	set(idMiddle, 0, "middle")
	set(idFunc, 0, "or", "at", "as", "with", "amid", "against", "it", "he", "she", "they", "we",
		"its", "his", "her", "their", "has", "had", "have", "s", "alone", "onwards", "onward",
		"into", "over", "under", "about", "around", "per", "than", "then", "there", "not", "no")
}
