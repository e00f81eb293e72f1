package places

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/text"
)

// stopWords are never read as a city or admin1 on their own: common English
// words, titles and institutions that are also the names of small places.
var stopWords = toSet(`of best man police justice army along will mobile reading
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
the and but for not now then this that these those there here what when where which who why how
said says say told tell news times post daily press union state states republic federal
national democratic liberal labour congress senate parliament council ministry minister
president prime government court supreme general chief officer soldier soldiers security
force forces navy air guard guards border interior defence defense foreign office
university college school hospital church mosque temple bank central north south east west
northern southern eastern western upper lower greater new old great little saint
islam allah god christ jesus muhammad mohammad ali hussain hassan khan sharif
media star sun mirror guardian independent observer telegraph globe herald tribune
hope unity liberty freedom independence victory peace progress enterprise commerce
green red white black blue brown gray grey gold silver orange
one two three four five six seven eight nine ten first second third last next
early late day week month year today tomorrow yesterday morning evening night
many much more most some all any both each every other such only also just even still
after before since until while during between among against within without across
about above below under over into onto upon through throughout toward towards
america american europe european africa african asia asian world earth
spring summer autumn winter fall christmas easter ramadan eid`)

// locatives are words that, right before a name, say it is a place.
var locatives = toSet(`in near at outside from to inside into across around toward towards
via of throughout through off on between`)

// cityWords, after or before a name, say it is a populated place.
var cityWords = toSet(`city town village hamlet settlement capital port suburb neighbourhood
neighborhood township municipality`)

// adminWords, after or before a name, say it is a division.
var adminWords = toSet(`province state region governorate oblast prefecture department
division territory emirate canton voivodeship county district`)

// orgWords, capitalised right after a name, make it part of an
// organisation's name.
var orgWords = toSet(`liberation army front party movement council assembly government
university college school times post news tribune herald group forces force police league
union airlines airways air bank company corporation club fc united institute foundation
brigade brigades battalion regiment division corps agency ministry committee
commission federation alliance organisation organization association society`)

// featureWords, capitalised right after a name, make the two a longer
// place or facility name ("Tana River", "Kitwe Airport"), not a person's.
var featureWords = toSet(`river valley lake island islands strip airport bay gulf sea mountains
mountain hills hill plain plateau desert peninsula delta basin coast road street avenue
square highway bridge hospital stadium prison station market camp base dam canal falls
crossing pass gate harbour harbor border`)

// waterWords end the names of seas and gulfs, which are no country's.
var waterWords = toSet(`sea gulf ocean strait straits channel`)

// prevOK are capitalised words that may stand just before a place name
// (otherwise a capitalised word before it suggests a person's or an
// organisation's name: "Imran Khan", "Michael Jordan").
var prevOK = toSet(`in at from to near the a an on of and or but for with by as after before
while outside inside across throughout since like when where both also only then now
meanwhile however although though yet if unlike across around toward towards via into
north south east west northern southern eastern western central northeastern northwestern
southeastern southwestern northeast northwest southeast southwest upper lower greater
downtown rural urban coastal mountainous remote restive neighbouring neighboring
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
province provinces state city town village district region capital
over between among against during through`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// span is a stretch of words that names something in the gazetteer.
type span struct {
	i, j       int    // token range, j exclusive
	key        string // the folded name, tokens i to j
	ids        []int32
	adminHint  bool // "province", "state" etc. follows or precedes
	cityHint   bool // "city", "village" etc. follows or precedes
	quals      []qual
	demonyms   []string // countries of a "the Iranian city of X" pattern
	scores     []float64
	chosen     int // index into ids
	accepted   bool
	supported  bool
	locative   bool // preceded by a locative word or pattern
	prevPerson bool // preceded by an unexplained capitalised word
	nextPerson bool // followed by an unexplained capitalised word
	org        bool // followed by a word that makes it an organisation's name
}

// qual is another span qualifying this one: "X, Y", "X in Y", "Y's X".
type qual struct {
	s      int // span index
	weight float64
}

const minNameRunes = 3

// Find returns all place mentions in text, in text order, non-overlapping,
// each the longest name that matches at its position. Ambiguous names are
// resolved by qualifiers in the text ("Saravan, Iran", "Pakistan's
// Baluchistan Province", "the Iranian city of Saravan"), then by ctx's
// countries and the countries the text itself names, then by population.
// A reading needs capitalised words; small places, places named like common
// English words and names that look like part of a person's name are only
// taken with such support.
//
// text may hold several sentences or lines (dyad geocode passes a whole
// file): Find splits it with text.Sentences and each sentence with
// text.Words, and reads the sentences together, so that a country one
// names is context for the others; a name never runs across a sentence's
// end. A caller that has a sentence's words already calls FindWords.
func (g *Gazetteer) Find(text string, ctx Context) []Mention {
	t := getTokenizer()
	defer putTokenizer(t)
	return g.find(text, t.tokenize(text), ctx)
}

// FindWords is Find for one sentence already split into words: words are
// the words of sentence as text.Words returns them, or a run of them (a
// clause; or, with a longer text passed as sentence, the words of one of
// its sentences), and places are looked for in those words only. Offsets
// of the mentions are within sentence, as the words' are. It panics if a
// word's offsets do not index its form in sentence.
func (g *Gazetteer) FindWords(sentence string, words []text.Word, ctx Context) []Mention {
	if n := len(words); n > 0 && (!wordOf(sentence, &words[0]) || !wordOf(sentence, &words[n-1])) {
		panic("places: FindWords: the words' offsets do not index sentence")
	}
	t := getTokenizer()
	defer putTokenizer(t)
	t.reset(sentence)
	t.sentence(words, 0, 0)
	return g.find(sentence, t.done(), ctx)
}

// wordOf reports whether w's byte offsets hold its form in s.
func wordOf(s string, w *text.Word) bool {
	return 0 <= w.ByteStart && w.ByteStart <= w.ByteEnd && w.ByteEnd <= len(s) && s[w.ByteStart:w.ByteEnd] == w.Form
}

// find is Find for the tokens of s.
func (g *Gazetteer) find(s string, toks []token, ctx Context) []Mention {
	if len(toks) == 0 {
		return nil
	}
	spans := g.spans(toks)
	if len(spans) == 0 {
		return nil
	}
	g.hints(toks, spans)

	// Countries named in the text are context too, after ctx's own.
	ctxRank := map[string]int{}
	for k, c := range ctx.Countries {
		if _, ok := ctxRank[c]; !ok {
			ctxRank[c] = k
		}
	}
	qualOf := map[int][]int{}
	for si, sp := range spans {
		for _, q := range sp.quals {
			qualOf[q.s] = append(qualOf[q.s], si)
		}
	}
	// Pass 1 uses every reading of the qualifiers, pass 2 the chosen one.
	for pass := 0; pass < 2; pass++ {
		textCountries := map[string]bool{}
		textAdmins := map[string]bool{}
		for si := range spans {
			sp := &spans[si]
			if pass == 1 && !sp.accepted {
				continue
			}
			for n, id := range sp.ids {
				if pass == 1 && n != sp.chosen {
					continue
				}
				e := &g.entries[id]
				// Only countries named as places ("in Iran"), not as actors.
				if e.kind == kindCountry && sp.locative && (pass == 1 || len(sp.ids) == 1) {
					textCountries[e.country] = true
				}
				if e.kind == kindAdmin1 && pass == 1 {
					textAdmins[e.country+"."+e.admin1] = true
				}
			}
		}
		for si := range spans {
			g.score(toks, spans, si, ctxRank, textCountries, textAdmins, qualOf, pass)
		}
	}

	var out []Mention
	for si := range spans {
		sp := &spans[si]
		if !sp.accepted {
			continue
		}
		a, b := &toks[sp.i], &toks[sp.j-1]
		m := Mention{Start: a.start, End: b.end, Text: s[a.byteStart:b.byteEnd], Place: g.place(sp.ids[sp.chosen])}
		order := make([]int, len(sp.ids))
		for k := range order {
			order[k] = k
		}
		sort.SliceStable(order, func(a, b int) bool { return sp.scores[order[a]] > sp.scores[order[b]] })
		for _, k := range order {
			if k != sp.chosen {
				m.Candidates = append(m.Candidates, g.place(sp.ids[k]))
			}
		}
		out = append(out, m)
	}
	return out
}

// spans finds the longest gazetteer names, left to right.
func (g *Gazetteer) spans(toks []token) []span {
	var spans []span
	var buf [128]byte
	for i := 0; i < len(toks); {
		found := false
		if toks[i].capital {
			maxN := g.maxTokens
			if maxN > len(toks)-i {
				maxN = len(toks) - i
			}
			// Names do not run across punctuation other than a hyphen, a
			// possessive or the start of a sentence.
			limit := 1
			for limit < maxN && (toks[i+limit].gap == "" || toks[i+limit].gap == "-") && !toks[i+limit-1].poss && !toks[i+limit].sentStart {
				limit++
			}
			for n := limit; n >= 1; n-- {
				last := toks[i+n-1]
				if !last.capital {
					continue
				}
				b := buf[:0]
				for k := i; k < i+n; k++ {
					if k > i {
						b = append(b, ' ')
					}
					b = append(b, toks[k].key...)
				}
				if len(g.index[string(b)]) == 0 {
					continue
				}
				key := toks[i].key
				if n > 1 {
					key = string(b)
				}
				if ids := g.filter(key, toks[i:i+n]); len(ids) > 0 {
					spans = append(spans, span{i: i, j: i + n, ids: ids, key: key})
					i += n
					found = true
					break
				}
			}
		}
		if !found {
			i++
		}
	}
	return spans
}

// filter returns the readings of key that its written form allows.
func (g *Gazetteer) filter(key string, words []token) []int32 {
	ids := g.index[key]
	if len(ids) == 0 {
		return nil
	}
	single := len(words) == 1
	letters := utf8.RuneCountInString(key) - strings.Count(key, " ")
	var out []int32
	for _, id := range ids {
		e := &g.entries[id]
		if e.kind != kindCountry {
			if single && stopWords[key] {
				continue
			}
			if letters < minNameRunes {
				continue
			}
			if letters == minNameRunes && e.pop < 100000 && e.kind == kindCity {
				continue
			}
		}
		// Short names written in capitals in the gazetteer (US, UK, UAE)
		// must be capitals in the text; other short country names too.
		if letters <= 3 && !words[0].allCaps && single {
			if e.kind == kindCountry || isUpperName(g, id, key) {
				continue
			}
		}
		out = append(out, id)
	}
	return out
}

// isUpperName reports whether the entry is indexed under key only by an
// all-capitals form; approximated by the key being short.
func isUpperName(g *Gazetteer, id int32, key string) bool {
	return len(key) <= 3
}

// hints looks at the words around each span: generic words (city,
// province), locatives, qualifiers and demonyms.
func (g *Gazetteer) hints(toks []token, spans []span) {
	spanAt := map[int]int{} // first token → span index
	for si, sp := range spans {
		spanAt[sp.i] = si
	}
	for si := range spans {
		sp := &spans[si]
		// Following generic word: "Baluchistan Province", "Saravan city".
		if sp.j < len(toks) && plainGap(toks[sp.j].gap) && !toks[sp.j-1].poss {
			w := toks[sp.j].key
			switch {
			case adminWords[w] && g.hasKind(sp.ids, kindAdmin1):
				sp.adminHint = true
				sp.key += " " + w
				sp.j++ // the mention includes "Province"
			case adminWords[w]:
				// "Panjgur District": a district named after its town.
				sp.cityHint = true
			case cityWords[w]:
				sp.cityHint = true
			}
		}
		// Qualifiers after: "X, Y", "X in Y", "X village in Pakistan's Y".
		k := sp.j
		if k < len(toks) && (cityWords[toks[k].key] || adminWords[toks[k].key]) && plainGap(toks[k].gap) {
			k++
		}
		if k < len(toks) {
			t := toks[k]
			var q int = -1
			if strings.HasPrefix(t.gap, ",") || strings.HasPrefix(t.gap, "(") {
				if s, ok := spanAt[k]; ok {
					q = s
				}
			} else if plainGap(t.gap) && (t.key == "in" || t.key == "of" || t.key == "near") && k+1 < len(toks) {
				if s, ok := spanAt[k+1]; ok && plainGap(toks[k+1].gap) {
					q = s
				}
			}
			for q >= 0 && q < len(spans) {
				sp.quals = append(sp.quals, qual{s: q, weight: 1})
				// Chains: "X, Y, Z" and "in Pakistan's Baluchistan".
				qs := spans[q]
				if qs.j < len(toks) && toks[qs.j-1].poss {
					if s, ok := spanAt[qs.j]; ok {
						q = s
						continue
					}
				}
				if qs.j < len(toks) && strings.HasPrefix(toks[qs.j].gap, ",") {
					if s, ok := spanAt[qs.j]; ok && len(sp.quals) < 3 {
						q = s
						continue
					}
				}
				break
			}
		}
		// Before: "Pakistan's Baluchistan", "the Iranian city of Saravan",
		// "Pakistan's southwestern province of Balochistan".
		i := sp.i
		if i > 0 {
			prev := toks[i-1]
			if locatives[prev.key] && !prev.capital || (locatives[prev.key] && prev.sentStart) {
				sp.locative = true
			}
			if prev.poss && plainGap(toks[i].gap) {
				if q, ok := spanEnding(spans, i); ok {
					sp.quals = append(sp.quals, qual{s: q, weight: 1})
					sp.locative = true
				}
			}
			if prev.key == "of" && i >= 2 && plainGap(toks[i].gap) && plainGap(prev.gap) {
				gw := toks[i-2].key
				if cityWords[gw] || adminWords[gw] {
					if cityWords[gw] {
						sp.cityHint = true
					} else {
						sp.adminHint = true
					}
					sp.locative = true
					// Look back a few words for a demonym or a possessive country.
					for b := i - 3; b >= 0 && b >= i-6; b-- {
						if !plainGap(toks[b+1].gap) {
							break
						}
						if cs, ok := g.demonyms[toks[b].key]; ok && toks[b].capital {
							sp.demonyms = append(sp.demonyms, cs...)
							break
						}
						if toks[b].poss {
							if q, ok := spanEnding(spans, b+1); ok {
								sp.quals = append(sp.quals, qual{s: q, weight: 1})
							}
							break
						}
					}
				}
			}
			// "the Iranian border town Saravan", "Iranian city Saravan".
			if (cityWords[prev.key] || adminWords[prev.key]) && i >= 2 && plainGap(toks[i].gap) {
				if cityWords[prev.key] {
					sp.cityHint = true
				} else if g.hasKind(sp.ids, kindAdmin1) {
					sp.adminHint = true
				}
				for b := i - 2; b >= 0 && b >= i-4; b-- {
					if cs, ok := g.demonyms[toks[b].key]; ok && toks[b].capital {
						sp.demonyms = append(sp.demonyms, cs...)
						break
					}
				}
			}
			// A capitalised word just before that is not explained suggests
			// a person's or an organisation's name.
			if prev.capital && !prev.allCaps && plainGap(toks[i].gap) && !prevOK[prev.key] && !prev.poss {
				if _, isDem := g.demonyms[prev.key]; !isDem {
					sp.prevPerson = true
				}
			}
		}
		// "Baluchistan Liberation Army", "Kabul Times": part of a name of
		// an organisation.
		if sp.j < len(toks) && plainGap(toks[sp.j].gap) && toks[sp.j].capital && orgWords[toks[sp.j].key] {
			sp.org = true
		}
		// "Joseph Banda", "Grace Phiri": a one-word place name followed by
		// a capitalised word that no list explains is a first name.
		if sp.j-sp.i == 1 && sp.j < len(toks) && plainGap(toks[sp.j].gap) {
			next := toks[sp.j]
			if next.capital && !next.allCaps && !prevOK[next.key] && !orgWords[next.key] && !featureWords[next.key] &&
				!cityWords[next.key] && !adminWords[next.key] && !next.poss {
				if _, isDem := g.demonyms[next.key]; !isDem {
					sp.nextPerson = true
				}
			}
		}
	}
}

func plainGap(gap string) bool { return gap == "" }

// spanEnding finds the span whose last token is end-1.
func spanEnding(spans []span, end int) (int, bool) {
	k := sort.Search(len(spans), func(k int) bool { return spans[k].j >= end })
	if k < len(spans) && spans[k].j == end {
		return k, true
	}
	return 0, false
}

func (g *Gazetteer) hasKind(ids []int32, k kind) bool {
	for _, id := range ids {
		if g.entries[id].kind == k {
			return true
		}
	}
	return false
}

// score rates every reading of span si and decides whether it is taken.
func (g *Gazetteer) score(toks []token, spans []span, si int, ctxRank map[string]int,
	textCountries, textAdmins map[string]bool, qualOf map[int][]int, pass int) {
	sp := &spans[si]
	if sp.scores == nil {
		sp.scores = make([]float64, len(sp.ids))
	}
	key := sp.key
	best, bestScore := 0, math.Inf(-1)
	bestSupported := false
	for n, id := range sp.ids {
		e := &g.entries[id]
		s := 0.0
		switch e.kind {
		case kindCity:
			s = math.Log10(float64(e.pop) + 1)
			if Fold(e.name) != key {
				s -= 0.7 // matched by an alternate name only
			}
			switch {
			case e.feature == "PPLC":
				s += 1.5
			case e.feature == "PPLA":
				s += 0.7
			case strings.HasPrefix(e.feature, "PPLA"):
				s += 0.3
			}
			if sp.cityHint {
				s += 3
			}
			if sp.adminHint {
				s -= 6
			}
		case kindAdmin1:
			s = math.Log10(float64(e.pop)+1) - 0.5
			if sp.adminHint {
				s += 6
			}
			if sp.cityHint {
				s -= 3
			}
		case kindCountry:
			s = 10
			if sp.adminHint || sp.cityHint {
				s -= 6
			}
		}
		supported := false
		if r, ok := ctxRank[e.country]; ok {
			s += math.Max(4-0.5*float64(r), 2)
			supported = true
		} else if textCountries[e.country] {
			s += 1.5
			supported = true
		}
		if e.kind == kindCity && textAdmins[e.country+"."+e.admin1] {
			s += 2
			supported = true
		}
		if contains(sp.demonyms, e.country) {
			s += 6
			supported = true
		}
		for _, q := range sp.quals {
			qs := &spans[q.s]
			for m, qid := range qs.ids {
				if pass == 1 && m != qs.chosen {
					continue
				}
				qe := &g.entries[qid]
				if qe.country != e.country || qid == id {
					continue
				}
				bonus := 6.0
				if qe.kind == kindAdmin1 && e.kind == kindCity && qe.admin1 == e.admin1 {
					bonus = 9
				} else if qe.kind == kindCity {
					bonus = 2 // "X near Y": same country at least
				}
				s += bonus * q.weight
				supported = true
				break
			}
		}
		// Being the qualifier of another name ("Panjgur in Baluchistan")
		// supports a reading in the same country.
		for _, oi := range qualOf[si] {
			os := &spans[oi]
			for m, oid := range os.ids {
				if pass == 1 && m != os.chosen {
					continue
				}
				if g.entries[oid].country == e.country && oid != id {
					s += 1
					supported = true
					break
				}
			}
			if supported {
				break
			}
		}
		sp.scores[n] = s
		if s > bestScore {
			best, bestScore, bestSupported = n, s, supported
		}
	}
	sp.chosen = best
	sp.supported = bestSupported
	sp.accepted = g.accept(toks, sp, key, len(ctxRank) > 0)
}

// accept decides whether the chosen reading of a span is taken at all.
// With context (the text names countries) a small town in none of them is
// a guess the text does not back ("the town of X" in a story about two
// other countries): it is left out rather than placed abroad.
func (g *Gazetteer) accept(toks []token, sp *span, key string, haveCtx bool) bool {
	e := &g.entries[sp.ids[sp.chosen]]
	hinted := sp.cityHint || sp.adminHint || len(sp.quals) > 0 || len(sp.demonyms) > 0
	if sp.prevPerson && !sp.supported {
		return false
	}
	if sp.prevPerson && !hinted && e.kind != kindCountry {
		return false
	}
	if e.kind == kindCountry {
		return true
	}
	if f := strings.Fields(key); len(f) > 1 && waterWords[f[len(f)-1]] && !sp.adminHint && !sp.cityHint {
		// "in the Red Sea", "the Black Sea": the water, not the
		// province named after it ("Red Sea state").
		return false
	}
	if sp.i >= 2 && toks[sp.i-1].key == "of" && (waterWords[toks[sp.i-2].key] || toks[sp.i-2].key == "bay") {
		return false // "the Gulf of Aden", "the Sea of Azov"
	}
	if sp.nextPerson && !hinted && !sp.locative {
		return false
	}
	if sp.org && len(sp.quals) == 0 {
		return false
	}
	if g.common[key] && sp.j-sp.i == 1 {
		return sp.supported && (sp.locative || hinted) && !toks[sp.i].sentStart
	}
	if sp.supported {
		return true
	}
	if e.kind == kindAdmin1 {
		return e.pop >= 100000 && !g.common[key]
	}
	if e.feature == "PPLC" || e.pop >= 100000 {
		return true
	}
	return (sp.locative || sp.cityHint) && e.pop >= 15000 && !haveCtx
}

func sortPlaces(ps []Place) {
	sort.SliceStable(ps, func(a, b int) bool {
		if ps[a].Precision != ps[b].Precision {
			return precisionRank(ps[a].Precision) < precisionRank(ps[b].Precision)
		}
		return ps[a].Population > ps[b].Population
	})
}

// Locate picks the one place a sentence is about: the most specific
// mention, preferring those after a locative word ("in", "near"); with no
// mention it falls back to the first country of ctx, with country precision.
// ok is false when there is nothing to go on.
func (g *Gazetteer) Locate(text string, ctx Context) (p Place, ok bool) {
	t := getTokenizer()
	defer putTokenizer(t)
	toks := t.tokenize(text)
	if ms := g.find(text, toks, ctx); len(ms) > 0 {
		best, bestScore := -1, -1
		k := 0 // the token a mention starts at
		for i, m := range ms {
			for k < len(toks) && toks[k].start < m.Start {
				k++
			}
			s := precisionRank(m.Place.Precision) * 2
			if k > 0 {
				if w := toks[k-1].key; locatives[w] && w != "of" && w != "from" && w != "to" {
					s++
				}
			}
			if s > bestScore {
				best, bestScore = i, s
			}
		}
		return ms[best].Place, true
	}
	for _, c := range ctx.Countries {
		if p, ok := g.Country(c); ok {
			return p, true
		}
	}
	return Place{}, false
}

// precisionRank orders precisions from the coarsest: country 0, admin1 1,
// city 2.
func precisionRank(p string) int {
	switch p {
	case PrecisionAdmin1:
		return 1
	case PrecisionCity:
		return 2
	}
	return 0
}
