package fatalities

// Word classes.
const (
	_          uint8 = iota
	clUnit           // zero … nineteen (val)
	clTens           // twenty … ninety (val)
	clHundred        // hundred
	clThousand       // thousand
	clMillion        // million, billion
	clDozen          // dozen
	clVague          // dozens, scores, hundreds, thousands (val: lower bound)
	clTens2          // "tens" (of thousands)
	clA              // a, an
	clHalf           // half
	clAnd
	clOr
	clTo
	clUp
	clAt
	clLeast
	clMost
	clMore    // more
	clThan    // than
	clOver    // over, upwards
	clFewer   // fewer, less
	clUnder   // under
	clBetween // between
	clAbout   // about, around, some, nearly, almost, approximately, roughly, estimated, nearby
	clAs      // as
	clMany    // many
	clNo      // no
	clOne     // (no) one — also a clUnit; see below
	clNobody  // nobody, none
	clOf      // of
	clDeath   // died, killed, dead, …
	clDeathN  // casualties: a death word only after "no"
	clOther   // injured, wounded, arrested, … (another predicate)
	clThing   // a unit that is not people: years, km, missiles, …
	clMonth
	clLink   // words between a death word and its number: rose, reached, the, …
	clSubset // including, includes, included
	clAmong  // among
	clWhom   // whom, them
	clStop   // but, while, whereas, although, though, because, when, after, before
	clDesig  // resolution, article, flight, route, … (a designation follows)
	clPeople // people, persons, civilians, … (counted things that can die)
	clPrepYear
)

type lexEntry struct {
	cls uint8
	val int32
}

var lexicon = map[string]lexEntry{}

func init() {
	for i, w := range []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"} {
		lexicon[w] = lexEntry{clUnit, int32(i)}
	}
	for i, w := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		lexicon[w] = lexEntry{clTens, int32(20 + 10*i)}
	}
	set := func(cls uint8, val int32, words ...string) {
		for _, w := range words {
			lexicon[w] = lexEntry{cls, val}
		}
	}
	set(clHundred, 100, "hundred")
	set(clThousand, 1000, "thousand")
	set(clMillion, 1_000_000, "million", "billion")
	set(clDozen, 12, "dozen")
	set(clVague, 24, "dozens")
	set(clVague, 40, "scores")
	set(clVague, 200, "hundreds")
	set(clVague, 2000, "thousands")
	set(clTens2, 0, "tens")
	set(clA, 0, "a", "an")
	set(clHalf, 0, "half")
	set(clAnd, 0, "and")
	set(clOr, 0, "or")
	set(clTo, 0, "to")
	set(clUp, 0, "up", "upwards", "upward")
	set(clAt, 0, "at")
	set(clLeast, 0, "least", "minimum")
	set(clMost, 0, "most", "maximum")
	set(clMore, 0, "more")
	set(clThan, 0, "than")
	set(clOver, 0, "over", "exceeding")
	set(clFewer, 0, "fewer", "less")
	set(clUnder, 0, "under", "below")
	set(clBetween, 0, "between")
	set(clAbout, 0, "about", "around", "some", "nearly", "almost", "approximately", "roughly", "estimated", "approx", "circa", "close")
	set(clAs, 0, "as")
	set(clMany, 0, "many")
	set(clNo, 0, "no")
	set(clNobody, 0, "nobody", "none", "noone")
	set(clOf, 0, "of")
	set(clDeath, 0, "died", "die", "dies", "dying", "dead", "killed", "killing", "kill", "kills", "deaths", "death",
		"toll", "lives", "perished", "perish", "fatalities", "fatality", "slain", "massacred", "bodies", "corpses",
		"executed", "murdered", "martyred", "beheaded", "lynched", "fatally", "drowned")
	set(clDeathN, 0, "casualties", "casualty")
	set(clOther, 0, "injured", "injuring", "injuries", "wounded", "wounding", "hurt", "arrested", "detained",
		"captured", "kidnapped", "abducted", "missing", "displaced", "evacuated", "rescued", "freed", "released",
		"treated", "hospitalised", "hospitalized", "survived", "survivors", "sick", "infected", "affected",
		"homeless", "fled", "jailed", "sentenced", "held", "hostages", "taken", "charged", "convicted", "deported",
		"expelled", "injure", "injures", "wound", "wounds", "arrest", "arrests")
	set(clThing, 0, "years", "year", "old", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
		"minutes", "minute", "seconds", "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile",
		"metres", "meters", "metre", "meter", "feet", "foot", "percent", "per", "cent", "tonnes", "tons", "tonne",
		"dollars", "euros", "pounds", "rupees", "rockets", "rocket", "missiles", "missile", "drones", "drone",
		"shells", "bombs", "mortars", "times", "am", "pm", "houses", "homes", "buildings", "vehicles", "cars",
		"villages", "kg", "rounds", "points", "seats", "votes", "aircraft", "jets", "planes", "tanks", "trucks",
		"strikes", "airstrikes", "attacks", "raids", "sorties", "cases", "hectares", "acres", "gmt", "utc",
		"pakistani", "o", "clock", "storey", "floors")
	set(clMonth, 0, "january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
	set(clLink, 0, "the", "rose", "risen", "rising", "reached", "climbed", "stood", "stands", "stand", "is", "was",
		"were", "are", "has", "had", "have", "jumped", "increased", "hit", "now", "total", "further", "another",
		"claimed", "claiming", "left", "leaving", "their", "lost", "losing", "who", "that", "people", "persons",
		"been", "be", "reportedly", "officially", "confirmed")
	set(clSubset, 0, "including", "includes", "included")
	set(clAmong, 0, "among", "amongst")
	set(clWhom, 0, "whom", "them")
	set(clStop, 0, "but", "while", "whereas", "although", "though", "because", "when", "after", "before", "since", "if", "unless")
	set(clDesig, 0, "resolution", "article", "flight", "route", "highway", "chapter", "section", "paragraph",
		"page", "number", "level", "phase", "grade", "division", "brigade", "battalion", "regiment", "unit",
		"corps", "district", "sector", "zone", "block", "gate", "road", "street", "camp", "checkpoint", "post",
		"platform", "terminal", "bus", "line", "version", "model", "type", "code", "room", "ward", "cell")
	set(clPeople, 0, "civilians", "soldiers", "troops", "militants", "fighters", "children", "women", "men",
		"policemen", "officers", "pilgrims", "protesters", "students", "workers", "villagers", "residents",
		"others", "members", "passengers", "migrants", "refugees", "insurgents", "rebels", "gunmen", "worshippers",
		"guards", "personnel", "security", "police", "miners", "crew", "journalists", "staff", "family", "relatives",
		"individuals", "adults", "infants", "babies", "boys", "girls", "persons", "people", "person", "soldier", "civilian")
	set(clPrepYear, 0, "in", "on", "since", "by", "until", "during", "from", "through")
}
