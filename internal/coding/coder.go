package coding

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/dyad-events/dyad/internal/actors"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/syntax"
	"github.com/dyad-events/dyad/internal/text"
)

// EventCoder turns an article's analysed sentences into events. The rule
// Coder is one; package coding/llm holds another, which asks a language
// model. Implementations are safe for concurrent use.
type EventCoder interface {
	Code(a event.Article, sents []Sentence) []event.Event
}

// Coder turns analysed sentences into events with rules. It is safe for
// concurrent use.
type Coder struct {
	Table *Table
	Verbs *Verbs
	// OneSided keeps events that have a source but no target.
	OneSided bool
}

// clause boundaries: a subject is not sought, nor an object, across these.
var clauseBreak = map[string]bool{";": true, "while": true, "whereas": true, "but": true,
	"although": true, "though": true, "however": true, "because": true, "after": true,
	"despite": true, "before": true, "since": true, "following": true, "when": true, "as": true,
	"unless": true, "until": true, "if": true, "whether": true}

// beForms before a past participle make a passive.
var beForms = map[string]bool{"was": true, "were": true, "been": true, "being": true, "is": true,
	"are": true, "be": true, "got": true, "get": true, "gets": true}

var negations = map[string]bool{"not": true, "never": true, "didn't": true, "don't": true,
	"doesn't": true, "won't": true, "wouldn't": true, "hasn't": true, "haven't": true, "hadn't": true,
	"isn't": true, "wasn't": true, "weren't": true, "cannot": true, "can't": true, "no": true,
	"denied": true, "denies": true, "deny": true, "denying": true, "without": true}

// reporting cues make the sentence's other acts reported claims.
var reporting = map[string]bool{"said": true, "says": true, "claimed": true, "claims": true,
	"alleged": true, "alleges": true, "reportedly": true, "allegedly": true, "suggested": true,
	"suggest": true, "suggests": true, "reports": true, "reported": true, "according": true,
	"told": true, "insisted": true, "implied": true, "purportedly": true,
	"accused": true, "accuses": true, "accusing": true, "blamed": true, "blames": true}

// victimVerbs have the harmed party as their subject ("9 Pakistanis died").
var victimVerbs = map[string]bool{"die": true, "died": true, "dies": true, "dying": true,
	"perish": true, "perished": true, "suffered": true, "suffer": true, "suffers": true}

// intentWords before "to" make the next trigger an intention, not an act.
var intentWords = map[string]bool{"plan": true, "plans": true, "planned": true, "planning": true,
	"hope": true, "hopes": true, "hoped": true, "want": true, "wants": true, "wanted": true,
	"intend": true, "intends": true, "intended": true, "seek": true, "seeks": true, "sought": true,
	"aim": true, "aims": true, "expected": true, "likely": true, "ready": true, "prepared": true,
	"willing": true, "set": true, "due": true, "scheduled": true, "slated": true, "poised": true,
	"going": true}

// anaphoric determiners make a bare event noun refer back ("the attack").
var anaphoric = map[string]bool{"the": true, "this": true, "that": true, "these": true, "those": true}

// targetPreps introduce a noun trigger's target ("strikes on", "attack against").
var targetPreps = map[string]bool{"on": true, "against": true, "at": true, "targeting": true,
	"of": true, "in": true, "into": true, "with": true, "to": true}

// cand is an event in the making.
type cand struct {
	ev      event.Event
	trig    Trigger
	sent    *Sentence
	srcIdx  int // actor mention index or -1
	tgtIdx  int // actor mention index or -1
	anaphor bool
	victim  bool
	// foldedInto is the act a victims-only mention was folded into (see
	// foldVictims), which takes its deaths.
	foldedInto *cand
	noun       bool
	between    bool // a noun act "between X and Y": Y on X as well (see mutual)
	object     int  // coder token of an object the tree found to be no party ("the deal"), or -1
}

// Code codes one article's sentences, in order, into events. Mentions of
// one happening within the article are merged by package fusion later;
// Code already folds back-references ("the attack") into their event.
func (c *Coder) Code(a event.Article, sents []Sentence) []event.Event {
	var events []*cand
	mem := &memory{byAgent: map[string]actors.Mention{}}
	counts := countryCounts(sents)
	story := storyCountry(counts, len(sents), datelineCountry(sents))
	salience := make([]string, len(counts))
	for i, c := range counts {
		salience[i] = c.iso
	}
	for si := range sents {
		s := &sents[si]
		mem.resolve(s)
		s.parsed = newParse(s)
		bothSides(s, events, salience)
		numberedGroups(s, events)
		counterparts(s, events, salience)
		s.parsed = newParse(s) // over the mentions the two added
		trigs := receiveTriggers(s, mustTriggers(s, weaponTriggers(s, outsideNames(s, verbsAsVerbs(s, c.Verbs.FindLinked(s.Tokens, s.parsed.links()))))))
		firstVerb := len(s.Tokens)
		for _, tr := range trigs {
			if tr.Pattern.Kind != "noun" {
				firstVerb = tr.Start
				break
			}
		}
		resolveRoles(s, story, firstVerb)
		var local []*cand
		lastVerb := -1
		for ti := range trigs {
			comp := c.complement(s, trigs, ti)
			ordered := comp && ownForcesOrdered(local, trigs, ti)
			order := orderOf(s, local, trigs[ti])
			var promise *cand
			if comp && !ordered {
				promise = promised(local, trigs, ti)
			}
			if s.parsed != nil && (s.parsed.generic(trigs[ti]) || s.parsed.wished(trigs[ti])) {
				continue
			}
			if !ordered && order == nil && promise == nil && (comp || governed(s, trigs, lastVerb, ti) || purpose(s.Tokens, trigs[ti])) {
				continue
			}
			if trigs[ti].Pattern.Kind != "noun" {
				lastVerb = ti
			}
			cd := c.build(a, s, trigs, ti, local, events)
			if cd == nil {
				continue
			}
			if order != nil {
				// "Eritrea ordered a general mobilisation": the act ordered,
				// by the one who ordered it; the order is not output.
				cd.ev.Source, cd.srcIdx = order.ev.Source, order.srcIdx
				if cd.ev.Target.Country == "" && cd.ev.Target.Agent == "" {
					cd.ev.Target, cd.tgtIdx = order.ev.Target, order.tgtIdx
				}
				cd.anaphor = false
				order.anaphor = true
			}
			if promise != nil {
				c.keepPromise(cd, promise, local)
			}
			if strings.HasPrefix(cd.ev.CAMEO, "15") && ownForces(cd) {
				// "Taiwan put its forces on high alert": in a story of two
				// countries, a show of force is aimed at the other one (in
				// a story of one, or sent to a place at home, it stays
				// there).
				if foe := homeThreat(events, cd.ev.Source.Country); foe.Code != "" {
					// "… would send troops to the region" after gunmen's
					// attack at home: the force is aimed at them.
					cd.ev.Target, cd.tgtIdx = foe, -1
					cd.ev.Confidence -= 0.2
				} else if x, y := storyPair(events, salience); x != "" && y != "" && (cd.ev.Source.Country == x || cd.ev.Source.Country == y) && sentencePlace(s) != cd.ev.Source.Country {
					other := x
					if other == cd.ev.Source.Country {
						other = y
					}
					cd.ev.Target, cd.tgtIdx = event.Actor{Country: other, Code: other}, -1
					cd.ev.Confidence -= 0.2
				}
			}
			if (strings.HasPrefix(cd.ev.CAMEO, "13") || strings.HasPrefix(cd.ev.CAMEO, "15") || strings.HasPrefix(cd.ev.CAMEO, "19")) && cd.ev.Target.Country == "" && cd.ev.Target.Agent == "" && cd.ev.Source.Code != "" {
				// "The army vowed to retake the town", "sent reinforcements
				// to the area", "launched an offensive": a threat, a show or
				// use of force that names no one is aimed at the party its
				// maker has been fighting.
				if foe := opponent(events, cd.ev.Source); foe.Code != "" {
					cd.ev.Target, cd.tgtIdx = foe, -1
					cd.ev.Confidence -= 0.2
				}
			}
			if mediation(cd.ev.CAMEO) && cd.ev.Target.Country != "" && cd.ev.Target.Country == cd.ev.Source.Country {
				// "offered to host talks between their ministers": one
				// mediates between others, never with itself.
				cd.ev.Target, cd.tgtIdx = event.Actor{}, -1
			}
			releaseHolder(s, cd, events)
			local = append(local, mutual(expandTargets(s, expand(s, cd)))...)
		}
		sameJudgement(s, local)
		participleVictims(s, local)
		foldVictims(local, events)
		for _, cd := range local {
			if cd.anaphor {
				continue
			}
			events = append(events, cd)
		}
		events = append(events, c.resolveSentence(s, local, events, salience)...)
		implicitDoers(s, local, mem, story)
		aidTargets(local, story)
		mem.remember(s, local)
	}
	out := make([]event.Event, 0, len(events))
	for _, cd := range events {
		if c.kept(cd) {
			out = append(out, cd.ev)
		}
	}
	return out
}

// sameJudgement drops a judgement told by a participle adjoined to an act
// of the same kind between the same countries: "lodged a protest, calling
// the attack dangerous" is one protest.
func sameJudgement(s *Sentence, local []*cand) {
	p := s.parsed
	if p == nil {
		return
	}
	for _, cd := range local {
		w := p.triggerWord(cd.trig)
		if cd.anaphor || !strings.HasPrefix(cd.ev.CAMEO, "11") || w < 0 || p.t[w].Rel != syntax.Advcl || !strings.HasSuffix(strings.ToLower(p.t[w].Form), "ing") {
			continue
		}
		for _, o := range local {
			if o == cd || o.anaphor || o.ev.CAMEO[:2] != cd.ev.CAMEO[:2] || o.ev.Source.Country != cd.ev.Source.Country || o.ev.Target.Country != cd.ev.Target.Country {
				continue
			}
			if ow := p.triggerWord(o.trig); ow >= 0 && (ow == p.t[w].Head || p.coordRoot(ow) == p.coordRoot(p.t[w].Head)) {
				cd.anaphor = true
				break
			}
		}
	}
}

// participleVictims folds a killing told by a participle adjoined to an
// attack into the attack when the participle names no country of the dead
// ("attacked Sudanese police near Geneina, killing one officer"): the
// officer was one of those attacked, and the toll is the attack's.
func participleVictims(s *Sentence, local []*cand) {
	p := s.parsed
	if p == nil {
		return
	}
	for _, cd := range local {
		w := p.triggerWord(cd.trig)
		if cd.anaphor || !violent(cd.ev.CAMEO) || cd.ev.Target.Country != "" || w < 0 || p.t[w].Rel != syntax.Advcl || !strings.HasSuffix(strings.ToLower(p.t[w].Form), "ing") {
			continue
		}
		for _, o := range local {
			if o == cd || o.anaphor || !violent(o.ev.CAMEO) || o.ev.Source.Code != cd.ev.Source.Code || o.ev.Target.Country == "" {
				continue
			}
			if ow := p.triggerWord(o.trig); ow >= 0 && ow == p.t[w].Head {
				cd.anaphor, cd.foldedInto = true, o
				break
			}
		}
	}
}

// foldVictims folds harm told only by its victims ("at least three people
// were killed", "two soldiers were wounded") into the act of force or
// repression the story told before against the same country: one
// happening told over two sentences is one event, and the deaths go to it.
func foldVictims(local, events []*cand) {
	for _, v := range local {
		e := &v.ev
		if !v.victim || v.anaphor || e.Source.Country != "" || e.Source.Agent != "" || e.Target.Country == "" || forceRank(e.CAMEO) < 3 {
			continue // an arrest told by its victims is an act of its own
		}
		// The most forceful act against that country, latest first.
		var best *cand
		for i := len(events) - 1; i >= 0; i-- {
			o := events[i]
			if o.anaphor || o.victim || o.ev.Target.Country != e.Target.Country || forceRank(o.ev.CAMEO) == 0 {
				continue
			}
			if best == nil || forceRank(o.ev.CAMEO) > forceRank(best.ev.CAMEO) {
				best = o
			}
		}
		if best != nil {
			v.anaphor = true
			v.foldedInto = best
		}
	}
}

// forceRank orders acts by force: fighting or assault (3), violent
// repression (2), other coercion (1), anything else (0).
func forceRank(code string) int {
	switch {
	case code >= "18" && code < "21":
		return 3
	case strings.HasPrefix(code, "175"):
		return 2
	case strings.HasPrefix(code, "17"):
		return 1
	}
	return 0
}

// kept reports whether an event in the making is output: it has a doer
// (or is told by its victims) and someone it was done to.
func (c *Coder) kept(cd *cand) bool {
	e := &cd.ev
	noSource := e.Source.Country == "" && e.Source.Agent == ""
	noTarget := e.Target.Country == "" && e.Target.Agent == ""
	switch {
	case cd.anaphor, noSource && noTarget, noSource && !(cd.victim && violent(e.CAMEO) && e.Target.Country != ""):
		// Only harm may be told by its victims alone ("9 Pakistanis died"),
		// and only when they are somebody's ("eight people were killed"
		// says too little).
		return false
	case noTarget && !c.OneSided:
		// An act with no one it was done to ("resigned", "denied opening
		// fire") is not a dyadic event; OneSided keeps it.
		return false
	}
	return true
}

// outsideNames drops triggers made of words inside a name ("Liberation" in
// "Moro Islamic Liberation Front", "Economic Cooperation" in APEC's name).
func outsideNames(s *Sentence, trigs []Trigger) []Trigger {
	kept := trigs[:0]
	for _, tr := range trigs {
		inside := false
		for _, m := range s.Actors {
			named := m.Kind == actors.KindGroup || m.Kind == actors.KindIGO || m.Kind == actors.KindPerson || m.Kind == actors.KindCountry
			whole := m.Start <= tr.Start && tr.End <= m.End // "United Nations peacekeeping force"
			if named && (len(m.Entries) == 1 && m.Start <= tr.Start && tr.HeadEnd <= m.End || whole) && m.End-m.Start > 1 {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, tr)
		}
	}
	return kept
}

// weapons that, as the subject of a verb of contact or arrival, make it an
// attack: "missiles hit", "shells landed", "drones struck".
var weapons = map[string]string{"missile": "195", "missiles": "195", "drone": "195", "drones": "195",
	"warplane": "195", "warplanes": "195", "jets": "195", "aircraft": "195", "bombers": "195",
	"airstrike": "195", "airstrikes": "195", "rocket": "194", "rockets": "194", "mortar": "194",
	"mortars": "194", "shell": "194", "shells": "194", "artillery": "194", "tanks": "194",
	"bullets": "193", "gunfire": "193", "sniper": "193", "snipers": "193"}

// contactVerbs are neutral verbs that code as attacks with a weapon subject.
var contactVerbs = map[string]bool{"hit": true, "hits": true, "hitting": true, "struck": true,
	"strike": true, "strikes": true, "striking": true, "landed": true, "landing": true, "land": true,
	"lands": true, "slammed": true, "slamming": true, "pounded": true, "pounding": true, "rained": true,
	"raining": true, "targeted": true, "targeting": true, "fell": true, "falling": true, "crashed": true,
	"exploded": true, "smashed": true, "killed": true, "destroyed": true, "damaged": true}

var weaponPatterns = map[string]*Pattern{}

func init() {
	for _, code := range []string{"193", "194", "195"} {
		weaponPatterns[code] = &Pattern{Code: code, Kind: "verb", Text: "WEAPON + hit|strike|land|…",
			Elements: [][]string{{"*"}}, Source: "rule: weapon subject (internal/coding)"}
	}
}

// weaponTriggers adds attack triggers for contact verbs whose subject is a
// weapon, replacing any weaker reading of the same word ("missiles landing
// in" is not a visit).
func weaponTriggers(s *Sentence, trigs []Trigger) []Trigger {
	toks := s.Tokens
	var out []Trigger
	for i, t := range toks {
		if !contactVerbs[t.Norm] || i == 0 {
			continue
		}
		code := ""
		for k := i - 1; k >= 0 && k >= i-3; k-- {
			if c, ok := weapons[toks[k].Norm]; ok {
				code = c
				break
			}
			if toks[k].Punct || toks[k].Norm == "and" && k == i-1 {
				break
			}
		}
		if code == "" {
			continue
		}
		tr := Trigger{Pattern: weaponPatterns[code], Start: i, End: i + 1, HeadEnd: i + 1, Spans: []int{i, i + 1}}
		kept := trigs[:0]
		for _, o := range trigs {
			if o.Start <= i && i < o.End && len(o.Pattern.Elements) <= 2 && o.Pattern.Code[:2] < "18" {
				continue
			}
			kept = append(kept, o)
		}
		trigs = kept
		clash := false
		for _, o := range trigs {
			if o.Start <= i && i < o.End {
				clash = true
			}
		}
		if !clash {
			out = append(out, tr)
		}
	}
	if len(out) == 0 {
		return trigs
	}
	trigs = append(trigs, out...)
	sort.Slice(trigs, func(a, b int) bool { return trigs[a].Start < trigs[b].Start })
	return trigs
}

var demandPattern = &Pattern{Code: "100", Kind: "verb", Text: "SPEAKER said … TARGET must|should",
	Elements: [][]string{{"must"}}, Source: "rule: obligation reported (internal/coding)"}

// speechVerbs report what a party says another must do.
var speechVerbs = map[string]bool{"said": true, "says": true, "declared": true, "insisted": true,
	"reiterated": true, "stressed": true, "warned": true, "told": true, "argued": true, "concluded": true,
	"announced": true, "stated": true, "added": true, "demanded": true, "reminded": true, "reminder": true}

// mustTriggers codes "X said (that) Y must …" as X demanding of Y (100)
// when no pattern already codes the clause after "must".
func mustTriggers(s *Sentence, trigs []Trigger) []Trigger {
	toks := s.Tokens
	for i, t := range toks {
		if t.Norm != "must" && t.Norm != "should" {
			continue
		}
		// Y stands right before "must"; a speech verb before Y.
		hasY, hasSpeech := false, false
		for _, m := range s.Actors {
			if m.End <= i && m.End >= i-3 && !m.Modifier {
				hasY = true // "the rebels in Darfur must"
			}
		}
		for k := 0; k < i; k++ {
			if speechVerbs[toks[k].Norm] {
				hasSpeech = true
			}
		}
		if !hasY || !hasSpeech {
			continue
		}
		covered := false
		for _, o := range trigs {
			if o.Start > i && o.Start <= i+3 && o.Pattern.Code[:2] == "10" {
				covered = true
			}
		}
		if !covered {
			trigs = append(trigs, Trigger{Pattern: demandPattern, Start: i, End: i + 1, HeadEnd: i + 1, Spans: []int{i, i + 1}})
			// The act after "must" is what is demanded, not done.
			kept := trigs[:0]
			for _, o := range trigs {
				if o.Start > i && o.Start <= i+4 && o.Pattern != demandPattern {
					continue
				}
				kept = append(kept, o)
			}
			trigs = kept
		}
	}
	sort.SliceStable(trigs, func(a, b int) bool { return trigs[a].Start < trigs[b].Start })
	return trigs
}

// received maps what was received from a party to the code of the giving
// ("Ukraine received tanks from Germany": Germany gave military aid), and
// whether the receiver is the doer (hosting a visit).
var received = map[string]struct {
	code  string
	hosts bool
}{
	"weapons": {"072", false}, "arms": {"072", false}, "tanks": {"072", false}, "missiles": {"072", false},
	"ammunition": {"072", false}, "jets": {"072", false}, "drones": {"072", false}, "howitzers": {"072", false},
	"aid": {"070", false}, "assistance": {"070", false}, "help": {"070", false}, "supplies": {"070", false},
	"loans": {"071", false}, "loan": {"071", false}, "funds": {"071", false}, "money": {"071", false},
	"grants": {"071", false}, "grant": {"071", false}, "food": {"073", false}, "medicine": {"073", false},
	"medicines": {"073", false}, "assurances": {"030", false}, "guarantees": {"030", false},
	"promises": {"030", false}, "pledges": {"030", false}, "threats": {"130", false}, "warnings": {"130", false},
	"ministers": {"043", true}, "minister": {"043", true}, "delegation": {"043", true}, "delegations": {"043", true},
	"envoy": {"043", true}, "envoys": {"043", true}, "visitors": {"043", true}, "president": {"043", true},
}

// receivePatterns are the read-only patterns of receiveTriggers, one per code.
var receivePatterns = map[string]*Pattern{}

func init() {
	for _, r := range received {
		if receivePatterns[r.code] == nil {
			receivePatterns[r.code] = &Pattern{Code: r.code, Kind: "verb", Text: "receive " + r.code + " from",
				Elements: [][]string{{"receive"}}, Source: "rule: X received Y from Z (internal/coding)"}
		}
	}
}

// appealVerbs ask another party to act: "wants Y to", "asked Y to".
var appealVerbs = map[string]bool{"wants": true, "wanted": true, "want": true, "asked": true, "asks": true,
	"ask": true, "pressed": true, "presses": true, "press": true, "told": true, "tells": true,
	"encouraged": true, "encourages": true, "invited": true, "invites": true, "pushed": true, "pushes": true}

// appealedTo finds "V Y to TRIGGER" with V an appeal verb: it returns Y's
// actor index and V's token, or -1.
func appealedTo(s *Sentence, tr Trigger) (int, int) {
	toks := s.Tokens
	if tr.Start < 3 || toks[tr.Start-1].Norm != "to" {
		return -1, -1
	}
	for i := range s.Actors {
		m := &s.Actors[i]
		if m.End == tr.Start-1 && m.Start > 0 && appealVerbs[toks[m.Start-1].Norm] {
			return i, m.Start - 1
		}
	}
	return -1, -1
}

// receiveTriggers codes "X received Y from Z" as Z giving Y to X (or X
// hosting Z's visitors), when no pattern already codes the words.
func receiveTriggers(s *Sentence, trigs []Trigger) []Trigger {
	toks := s.Tokens
	for i, t := range toks {
		switch t.Norm {
		case "received", "receives", "receive", "receiving":
		default:
			continue
		}
		if i > 0 && beForms[toks[i-1].Norm] && t.Norm == "received" {
			continue // "was received by"
		}
		what, from := "", -1
		for k := i + 1; k < len(toks) && k <= i+8; k++ {
			if r, ok := received[toks[k].Norm]; ok && what == "" {
				what = r.code
				if r.hosts {
					what += "h"
				}
			}
			if toks[k].Norm == "from" && what != "" {
				from = k
				break
			}
			if toks[k].Punct && toks[k].Text != "-" {
				break
			}
		}
		if from < 0 {
			continue
		}
		clash := false
		for _, o := range trigs {
			if o.Start <= i && i < o.End {
				clash = true
			}
		}
		if clash {
			continue
		}
		p := receivePatterns[strings.TrimSuffix(what, "h")]
		trigs = append(trigs, Trigger{Pattern: p, Start: i, End: from + 1, HeadEnd: i + 1, Spans: []int{i, i + 1}})
	}
	sort.SliceStable(trigs, func(a, b int) bool { return trigs[a].Start < trigs[b].Start })
	return trigs
}

// intentCode is the CAMEO code for announcing an act of each root rather
// than doing it: "will visit" is an intent to meet (036), "threatened to
// strike" a threat of force (138).
var intentCode = map[string]string{"04": "036", "05": "032", "06": "031", "07": "033", "08": "035",
	"14": "133", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}

// intentSubCode is the intent code of each kind of act that CAMEO's
// intent codes tell apart: intending to give military aid (072) is 0332,
// to release prisoners (084) 0353.
var intentSubCode = map[string]string{
	"061": "0311", "062": "0312", "063": "0313", "064": "0314",
	"045": "039", // offering to host talks between two others is offering to mediate
	"071": "0331", "072": "0332", "073": "0333", "074": "0334",
	"081": "0351", "082": "0352", "084": "0353", "085": "0354", "086": "0355", "087": "0356",
}

// setCode gives an event a code and what goes with it: Goldstein score,
// QuadClass and PLOVER mapping.
func setCode(e *event.Event, v Code) {
	e.CAMEO, e.Goldstein, e.QuadClass, e.Plover = v.Code, v.Goldstein, v.Quad, v.Plover
}

// intent returns the code for announcing an act of code's kind rather
// than doing it ("will deliver air defence systems": 0332, not 072), or
// code itself when CAMEO has no such intention.
func (c *Coder) intent(code Code) Code {
	ic, ok := intentCode[code.Root()]
	if !ok {
		return code
	}
	if sub, ok := intentSubCode[code.Code[:3]]; ok {
		ic = sub
	}
	if v, ok := c.Table.Lookup(ic); ok {
		return v
	}
	return code
}

// promised returns the bare promise ("agreed", "pledged", "vowed",
// "offered", coded 030) that trigger ti completes after "to", when CAMEO
// has an intention for ti's kind of act: "agreed to withdraw its troops
// from the border" is an intention to de-escalate (0356) aimed where the
// withdrawal is, not a bare promise. Else nil.
func promised(local []*cand, trigs []Trigger, ti int) *cand {
	tr := trigs[ti]
	if tr.Pattern.Kind == "noun" || len(tr.Pattern.Code) < 3 {
		return nil
	}
	switch tr.Pattern.Code[:2] {
	case "04", "05", "06", "07", "08": // promised cooperation; "agreed to strike" is no promise
	default:
		return nil
	}
	for j := len(local) - 1; j >= 0; j-- {
		o := local[j]
		if o.trig.End > tr.Start {
			continue
		}
		if o.noun || tr.Start-o.trig.End > 4 || o.ev.CAMEO != "030" {
			return nil
		}
		return o
	}
	return nil
}

// keepPromise makes act cd, completing a bare promise, the intention to
// do it, by the promise's parties where the act's own frame names none;
// the promise itself (and the events expanded from it) is not output.
func (c *Coder) keepPromise(cd, promise *cand, local []*cand) {
	e := &cd.ev
	agreed := strings.HasPrefix(promise.trig.Pattern.Text, "agree")
	if code, ok := c.Table.Lookup(e.CAMEO); ok && !(agreed && code.Root() == "05") {
		// (Agreeing to restore or establish ties is the diplomatic act
		// itself, decided: "agreed to restore full diplomatic relations".)
		setCode(e, c.intent(code)) // the same code where CAMEO has no intention for it
	}
	if e.Source.Country == "" && e.Source.Agent == "" {
		e.Source, cd.srcIdx = promise.ev.Source, promise.srcIdx
	}
	if e.Target.Country == "" && e.Target.Agent == "" {
		e.Target, cd.tgtIdx = promise.ev.Target, promise.tgtIdx
	}
	for _, o := range local {
		if o.trig.Start == promise.trig.Start && o.trig.Pattern == promise.trig.Pattern {
			o.anaphor = true
		}
	}
}

// modals before a verb make it an intention ("will visit", "plans to meet").
var modals = map[string]bool{"will": true, "would": true, "shall": true, "'ll": true}

// refusalCode is the rejection that a refused cooperation of each root is.
var refusalCode = map[string]string{"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}

// conditional reports an act made to depend on another's doing: "unless",
// "or face", "or else" in the clause after the verb.
func conditional(toks []text.Token, tr Trigger) bool {
	if tr.Pattern.Kind == "noun" {
		return false
	}
	for k := tr.End; k < len(toks); k++ {
		w := toks[k].Norm
		if w == ";" || w == "." {
			return false
		}
		if w == "unless" || (w == "or" && k+1 < len(toks) && (toks[k+1].Norm == "face" || toks[k+1].Norm == "else" || toks[k+1].Norm == "risk")) {
			return true
		}
		if w == "if" && tr.Start > 0 {
			// "may halt mediation if cooperation founders"
			for j := tr.Start - 1; j >= 0 && j >= tr.Start-3; j-- {
				switch toks[j].Norm {
				case "may", "might", "could", "would", "will":
					return true
				}
			}
		}
	}
	return false
}

// intended reports whether a verb trigger is told as an intention.
func intended(toks []text.Token, tr Trigger) bool {
	if tr.Pattern.Kind == "noun" {
		return false
	}
	for k := tr.Start - 1; k >= 0 && k >= tr.Start-3; k-- {
		w := toks[k].Norm
		if modals[w] {
			return true
		}
		if w == "to" && k > 0 && intentWords[toks[k-1].Norm] {
			return true
		}
		if toks[k].Punct {
			return false
		}
	}
	return false
}

// participial reports a verb opening a participle clause after a comma
// ("…, killing two soldiers"; "…, demanding that …").
func participial(toks []text.Token, tr Trigger) bool {
	return tr.Start > 0 && toks[tr.Start-1].Text == "," && strings.HasSuffix(toks[tr.Start].Norm, "ing")
}

// implicitDoers gives an arrest told in the passive with no one named
// as doing it ("30 demonstrators were arrested, police said", "the
// opposition leader was detained at her home") the police that the
// sentence or the story names, else, in a story about the detainees'
// own country, that country's police.
func implicitDoers(s *Sentence, local []*cand, mm *memory, story string) {
	for _, cd := range local {
		e := &cd.ev
		if cd.anaphor || cd.noun || e.Source.Country != "" || e.Source.Agent != "" || !strings.HasPrefix(e.CAMEO, "17") {
			continue
		}
		if !passiveTrigger(s, cd.trig) {
			continue
		}
		if (e.Target.Country == "" && e.Target.Agent == "" || e.Target.Country == story && e.Target.Agent == "CVL") && story != "" && unnamedPeople(s, cd.trig) {
			// "At least 40 people were arrested": in a story about one
			// country, its people; the protesters or opposition it told
			// of last, if any.
			e.Target = event.Actor{Country: story, Agent: "CVL", Code: story + "CVL"}
			for _, agent := range []string{"OPP", "CVL"} {
				if m, ok := mm.byAgent[agent]; ok && m.Country == story {
					e.Target = actorOf(&m)
					break
				}
			}
			cd.tgtIdx = -1
		}
		if e.Target.Country == "" || stateAgents[e.Target.Agent] {
			continue
		}
		src := -1
		for i, m := range s.Actors {
			if i != cd.tgtIdx && !m.Modifier && m.Country == e.Target.Country && (m.Agent == "COP" || m.Agent == "MIL" || m.Agent == "SPY") {
				src = i
				break
			}
		}
		switch {
		case src >= 0:
			cd.srcIdx = src
			e.Source = actorOf(&s.Actors[src])
		case mm.byAgent["COP"].Country == e.Target.Country:
			m := mm.byAgent["COP"]
			e.Source = actorOf(&m)
		case e.Target.Country == story:
			e.Source = event.Actor{Country: story, Agent: "COP", Code: story + "COP"}
		default:
			continue
		}
		e.Confidence -= 0.2
	}
}

// unnamedPeople reports a passive whose subject is people no one names a
// party ("at least 40 people were detained", "dozens were arrested",
// "three students were held").
func unnamedPeople(s *Sentence, tr Trigger) bool {
	p := s.parsed
	if p == nil || tr.Start >= len(p.node) || p.node[tr.Start] < 0 {
		return false
	}
	n := p.child(p.node[tr.Start], syntax.NsubjPass)
	if n < 0 || p.owner[n] >= 0 && s.Actors[p.owner[n]].Agent != "CVL" {
		return false
	}
	return peopleNouns[strings.ToLower(p.t[n].Lemma)] || p.t[n].Tag == syntax.NUM ||
		p.t[n].Tag == syntax.NOUN && p.child(n, syntax.Nummod) >= 0 && strings.HasSuffix(strings.ToLower(p.t[n].Form), "s")
}

// peopleNouns are nouns for people that name no party.
var peopleNouns = map[string]bool{"people": true, "person": true, "protester": true, "demonstrator": true,
	"activist": true, "student": true, "supporter": true, "man": true, "woman": true, "resident": true,
	"dozen": true, "hundred": true, "youth": true}

// stateAgents are the agents of a state's own force: an agentless arrest
// of them is no act of their state's police.
var stateAgents = map[string]bool{"GOV": true, "MIL": true, "COP": true, "SPY": true}

// passiveTrigger reports a verb trigger told as a passive clause of its
// own ("were arrested", "has been detained"), not a participle modifying
// a noun ("a member jailed last year", told in passing).
func passiveTrigger(s *Sentence, tr Trigger) bool {
	if p := s.parsed; p != nil && tr.Start < len(p.node) && p.node[tr.Start] >= 0 {
		return p.child(p.node[tr.Start], syntax.AuxPass) >= 0
	}
	for k := tr.Start - 1; k >= 0 && k >= tr.Start-3; k-- {
		switch s.Tokens[k].Norm {
		case "was", "were", "been", "being", "be", "is", "are":
			return true
		}
	}
	return false
}

// storyCountry is the country an article is about: in an article of
// three or more sentences, the country named three times or more and at
// least twice as often as any other; else the dateline's ("BEIRUT — …":
// wire copy's officials, army and police with no country named are
// mostly the dateline's); else "".
func storyCountry(salience []countryCount, sentences int, dateline string) string {
	if sentences >= 3 && len(salience) > 0 && salience[0].n >= 3 && (len(salience) == 1 || salience[0].n >= 2*salience[1].n) {
		return salience[0].iso
	}
	return dateline
}

// resolveRoles gives role words with no country of their own ("police",
// "protesters", "the crowd") a country: the place named right after them
// ("a court in Guyana", "police in Nairobi"), else, in an article that is
// clearly about one country (three or more sentences, that country named
// three times or more and at least twice as often as any other), that
// country (see storyCountry).
func resolveRoles(s *Sentence, story string, firstVerb int) {
	for i := range s.Actors {
		m := &s.Actors[i]
		if m.Kind == actors.KindPeople && m.End+1 < len(s.Tokens) && (s.Tokens[m.End].Norm == "of" || s.Tokens[m.End].Norm == "in") {
			// "the Hungarians of southern Slovakia", "Serbs in Kosovo": a
			// people where it lives is that country's.
			where := ""
			for _, p := range s.Places {
				if p.Start >= s.Tokens[m.End].End && tokenAt(s, p.Start) <= m.End+3 && p.Location.Country != "" {
					where = p.Location.Country
					break
				}
			}
			for j := i + 1; j < len(s.Actors) && where == ""; j++ {
				if o := &s.Actors[j]; o.Start > m.End && o.Start <= m.End+3 && o.Kind == actors.KindCountry && o.Country != "" {
					where = o.Country
				}
			}
			if where != "" && where != m.Country {
				m.Country = where
				m.Rule += " + a people, of the country it lives in"
			}
		}
		if m.Ethnic {
			// "ethnic Albanians in south Serbia" are Serbia's.
			if c := sentencePlace(s); c != "" && c != m.Country {
				m.Country = c
				m.Rule += " + ethnic group, of the country it lives in"
			}
			continue
		}
		if !m.Unresolved || m.Kind != actors.KindRole || m.Agent == "IGO" || m.Agent == "" {
			continue
		}
		if m.Start > 0 {
			// "its ambassador", "their own forces": the subject's own, not the
			// story's country — "The Israeli military said its jets hit".
			switch s.Tokens[m.Start-1].Norm {
			case "its", "his", "her", "their", "our", "own", "my", "your":
				for j := i - 1; j >= 0 && m.End <= firstVerb; j-- {
					if o := s.Actors[j]; o.Country != "" && !o.Modifier && o.FollowsPrep == "" {
						m.Country = o.Country
						m.Unresolved = false
						m.Rule += " + belongs to " + o.Text
						break
					}
				}
				continue
			}
		}
		country := ""
		if i > 0 {
			// "Pakistani military jets": a role word right after a party
			// is that party's.
			if o := &s.Actors[i-1]; o.End == m.Start && o.Country != "" && !o.Modifier && !o.Unresolved && !o.Possessive {
				country = o.Country
			}
		}
		for _, p := range s.Places {
			// "Darfur rebels", "Gaza residents": a place right before the role.
			if p.End <= s.Tokens[m.Start].Start && p.End >= s.Tokens[m.Start].Start-1 && p.Location.Precision != "country" {
				country = p.Location.Country
			}
		}
		if country == "" && m.End+1 < len(s.Tokens) && (s.Tokens[m.End].Norm == "in" || s.Tokens[m.End].Norm == "of" || s.Tokens[m.End].Norm == "from") {
			for _, p := range s.Places {
				if p.Start >= s.Tokens[m.End].End && p.Start <= s.Tokens[m.End].End+2 {
					country = p.Location.Country
				}
			}
			// "dissidents from military-ruled Myanmar": a country named a
			// few words on.
			for j := i + 1; j < len(s.Actors) && country == ""; j++ {
				if o := &s.Actors[j]; o.Start > m.End && o.Start <= m.End+4 && o.Country != "" &&
					(o.Kind == actors.KindCountry || o.Kind == actors.KindCapital) {
					country = o.Country
				}
			}
		}
		if country == "" && (m.End <= firstVerb || m.Agent == "CVL") {
			// Only the subject, and civilians (victims are mostly where it
			// happened): an object role placed this way would crowd out the
			// named target after it.
			country = sentencePlace(s)
		}
		if country == "" {
			country = story
		}
		if country == "" && domesticAgents[m.Agent] {
			// "The Mozambican government accepted the rebels' demands":
			// with one country in the sentence, its state's and its
			// politics' roles are that country's.
			country = onlyCountry(s)
		}
		if country == "" {
			continue
		}
		m.Country = country
		m.Unresolved = false
		m.Rule += " + country from context"
	}
}

// ownSideGuess corrects a force given its country only by the story
// ("The group said it had killed dozens of soldiers") when that made them
// the attacker's own: the attacker's last violent act before went to
// another country's side, and so does this one. It returns that country,
// or "".
func ownSideGuess(s *Sentence, src, tgt int, prior []*cand) string {
	a, t := &s.Actors[src], &s.Actors[tgt]
	if t.Country != a.Country || !strings.HasSuffix(t.Rule, " + country from context") || stateAgents[a.Agent] {
		return ""
	}
	for i := len(prior) - 1; i >= 0; i-- {
		o := &prior[i].ev
		if !violent(o.CAMEO) || o.Source.Code != a.Code() {
			continue
		}
		if o.Target.Country != "" && o.Target.Country != a.Country {
			return o.Target.Country
		}
		return ""
	}
	return ""
}

// domesticAgents are the agent types that belong to a country's state or
// politics, unlike aid groups, the press or business, which come from
// anywhere.
var domesticAgents = map[string]bool{"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true,
	"REB": true, "OPP": true, "PTY": true, "UAF": true, "SPY": true, "ELI": true}

// onlyCountry is the one country the sentence's parties and places
// belong to, or "" when it names none or several, or names the country
// itself as a party ("The government thanked China": not China's).
func onlyCountry(s *Sentence) string {
	c := ""
	for _, m := range s.Actors {
		if m.Country == "" || m.Unresolved {
			continue
		}
		if m.Agent == "" && !m.Modifier && !m.Placeish && m.FollowsPrep != "in" {
			return ""
		}
		if c != "" && m.Country != c {
			return ""
		}
		c = m.Country
	}
	for _, p := range s.Places {
		if c != "" && p.Location.Country != c {
			return ""
		}
		c = p.Location.Country
	}
	return c
}

// sentencePlace is the country of the towns and regions a sentence names,
// when they all lie in one country ("Protesters rallied in Tbilisi": the
// protesters are Georgians).
func sentencePlace(s *Sentence) string {
	country := ""
	for _, p := range s.Places {
		if p.Location.Precision == "country" {
			continue
		}
		if country != "" && p.Location.Country != country {
			return ""
		}
		country = p.Location.Country
	}
	for _, m := range s.Actors {
		// "blocked streets in Hong Kong": a country named as the place.
		if m.Kind == actors.KindCountry && (m.FollowsPrep == "in" || m.Placeish) && m.Country != "" {
			if country != "" && m.Country != country {
				return ""
			}
			country = m.Country
		}
	}
	return country
}

// memory carries the article's actors across sentences, for words that
// refer back: "the group", "the militants", "it", "they".
type memory struct {
	byAgent map[string]actors.Mention // last named actor of each agent type
	subject *actors.Mention           // source of the last event
	said    *actors.Mention           // subject of the last sentence's main clause, if a party
	group   *actors.Mention           // the last armed, political or other group named
	person  *actors.Mention           // the first person or official the last sentence named
	body    *actors.Mention           // the first state, group or body the last sentence named as a party
	names   map[string]actors.Mention // surname (folded) → the titled mention it was first named with
	bodies  map[string]actors.Mention // head noun of a named body ("commission") → its last mention
}

// keep copies a mention for the memory, which outlives the sentence's
// slice of mentions (later sentences insert into their own).
func keep(m *actors.Mention) *actors.Mention {
	c := *m
	return &c
}

func (mm *memory) remember(s *Sentence, local []*cand) {
	for _, m := range s.Actors {
		if m.Country != "" && !m.Modifier && !m.Unresolved && m.Agent != "" {
			mm.byAgent[m.Agent] = m
		}
	}
	mm.learnNames(s)
	mm.learnBodies(s)
	for i := range s.Actors {
		if m := &s.Actors[i]; m.Kind == actors.KindGroup && !m.Modifier && !m.Unresolved {
			mm.group = keep(m)
		}
	}
	// "He", "She" in the next sentence: the first person or official this
	// one names (mostly its subject).
	for i := range s.Actors {
		m := &s.Actors[i]
		if m.Modifier || m.Unresolved || m.Country == "" || m.FollowsPrep != "" && m.FollowsPrep != "by" {
			continue
		}
		if m.Kind == actors.KindPerson || (m.Kind == actors.KindRole || m.Kind == actors.KindAdj) && singularOfficial(s, m) {
			mm.person = keep(m)
			break
		}
	}
	mm.body = nil
	for i := range s.Actors {
		m := &s.Actors[i]
		if m.Modifier || m.Unresolved || m.Country == "" && m.Agent != "IGO" || m.FollowsPrep != "" && m.FollowsPrep != "by" {
			continue
		}
		if m.Kind != actors.KindPerson && !singularOfficial(s, m) && !strings.HasPrefix(m.Rule, corefRule) {
			mm.body = keep(m)
		}
		break
	}
	for i := len(local) - 1; i >= 0; i-- {
		if cd := local[i]; cd.srcIdx >= 0 && !cd.anaphor {
			m := &s.Actors[cd.srcIdx]
			if m.Country != "" || m.Agent == "IGO" {
				mm.subject = keep(m)
			}
			break
		}
	}
	mm.said = mainSubject(s)
}

// mainSubject is the party that is the subject of the sentence's main
// clause ("The Houthis said the strikes killed three civilians"), or nil:
// the one a "they" opening the next sentence most likely means.
func mainSubject(s *Sentence) *actors.Mention {
	p := s.parsed
	if p == nil {
		return nil
	}
	for v := range p.t {
		if p.t[v].Head >= 0 {
			continue
		}
		n := p.child(v, syntax.Nsubj)
		if n < 0 || p.pronounWord(n) {
			return nil
		}
		mi := p.mention(s, n)
		if mi < 0 {
			return nil
		}
		m := s.Actors[mi]
		if m.Unresolved || m.Modifier || m.Country == "" && m.Agent != "IGO" {
			return nil
		}
		return &m
	}
	return nil
}

// backRoles are role words that, after "the", refer to a party named
// before ("the group", "the militants").
var backRoles = map[string]bool{"group": true, "militants": true, "insurgents": true, "rebels": true,
	"organisation": true, "organization": true, "movement": true, "militia": true, "fighters": true,
	"government": true, "army": true, "military": true, "ministry": true, "country": true}

// corefRule opens the rule of a pronoun standing for the last doer.
const corefRule = "coreference: "

// singularOfficial reports a mention that names one official ("the
// foreign minister", "a ministry spokeswoman"), not a body or a crowd.
func singularOfficial(s *Sentence, m *actors.Mention) bool {
	w := s.Tokens[m.End-1].Norm
	return m.Agent != "" && officialNouns[w]
}

// officialNouns are the head words of one official's title.
var officialNouns = map[string]bool{"president": true, "minister": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "ambassador": true, "envoy": true, "premier": true,
	"chancellor": true, "secretary": true, "leader": true, "commander": true, "chief": true,
	"general": true, "governor": true, "mayor": true, "king": true, "queen": true, "emir": true,
	"prince": true, "official": true, "diplomat": true, "negotiator": true, "senator": true}

// learnNames remembers the people a sentence names by title ("Indonesian
// President Adi Kusumo", "Foreign Minister Aiko Tanabe"): the capitalised
// words right after a titled mention are a name the dictionaries do not
// know, and its last word is how the story will refer to the person again.
func (mm *memory) learnNames(s *Sentence) {
	toks := s.Tokens
	for _, m := range s.Actors {
		if m.Kind == actors.KindPerson || m.Kind == actors.KindGroup || m.Kind == actors.KindCapital || m.Kind == actors.KindIGO || m.Country == "" || m.Modifier || m.Unresolved || m.Agent == "" || m.Possessive {
			continue
		}
		k := nameEnd(s, m.End)
		if k == m.End {
			continue
		}
		if mm.names == nil {
			mm.names = map[string]actors.Mention{}
		}
		full := m
		full.Text = text.Slice(s.Text, toks[m.Start].Start, toks[k-1].End)
		mm.names[toks[k-1].Norm] = full
	}
	mm.learnAppositions(s)
}

// learnAppositions remembers people named with their body after or before
// the name rather than a title before it: "Grace Mwale of the opposition
// Unity Party", "Hamid Noori, a spokesman for the army,", "the party's
// deputy leader, Joseph Tembo,". The name is two to four capitalised
// words that no dictionary knows; its last word is the surname.
func (mm *memory) learnAppositions(s *Sentence) {
	toks := s.Tokens
	for k := 0; k < len(toks); k++ {
		if !nameWord(toks[k]) || isActorAt(s, toks[k].Start) || k > 0 && nameWord(toks[k-1]) {
			continue
		}
		e := nameEnd(s, k)
		if e-k < 2 || toks[e-1].Possessive {
			k = e
			continue
		}
		owner := -1
		switch {
		case e+1 < len(toks) && toks[e].Norm == "of":
			// "NAME of the opposition Unity Party"
			owner = mentionAt(s, e+1, 3)
		case e+1 < len(toks) && toks[e].Text == "," && (toks[e+1].Norm == "a" || toks[e+1].Norm == "the" || toks[e+1].Norm == "an"):
			// "NAME, a spokesman for the army,"
			owner = mentionAt(s, e+2, 4)
		case k >= 2 && toks[k-1].Text == "," && e < len(toks) && (toks[e].Text == "," || toks[e].Norm == "said"):
			// "the party's deputy leader, NAME, said"
			for i := range s.Actors {
				if s.Actors[i].End == k-1 && !s.Actors[i].Modifier {
					owner = i
				}
			}
		}
		if owner < 0 {
			k = e
			continue
		}
		m := s.Actors[owner]
		if m.Unresolved || m.Kind == actors.KindPerson || m.Country == "" && m.Agent != "IGO" || m.Agent == "" && m.Kind != actors.KindGroup {
			k = e
			continue
		}
		if mm.names == nil {
			mm.names = map[string]actors.Mention{}
		}
		if _, known := mm.names[toks[e-1].Norm]; !known {
			full := m
			full.Text = text.Slice(s.Text, toks[k].Start, toks[e-1].End)
			mm.names[toks[e-1].Norm] = full
		}
		k = e
	}
}

// nameEnd is the end of the run of up to four name words from token k
// that no dictionary knows ("Adi Kusumo"); a possessive ("Kusumo's")
// ends the run with it. It returns k when there is none.
func nameEnd(s *Sentence, k int) int {
	toks := s.Tokens
	e := k
	for e < len(toks) && e-k < 4 && nameWord(toks[e]) && !isActorAt(s, toks[e].Start) {
		e++
		if toks[e-1].Possessive {
			break
		}
	}
	return e
}

// nameWord reports a token that can be part of a person's name: a
// capitalised word of letters that is no month or weekday.
func nameWord(t text.Token) bool {
	if t.Punct || t.Text == "" {
		return false
	}
	if !text.UpperInitial(t.Text) || calendarWords[t.Norm] {
		return false
	}
	for _, c := range t.Text {
		if !unicode.IsLetter(c) && c != '-' && c != '\'' {
			return false
		}
	}
	return true
}

// calendarWords are capitalised words that are never names.
var calendarWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "may": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true}

// resolveNames makes a mention of each surname the story has named with a
// title before ("Kusumo held talks …" after "President Adi Kusumo").
func (mm *memory) resolveNames(s *Sentence) {
	if len(mm.names) == 0 {
		return
	}
	for k, t := range s.Tokens {
		full, ok := mm.names[t.Norm]
		if !ok || !nameWord(t) || isActorAt(s, t.Start) {
			continue
		}
		m := referenceAt(s, full, k, "refers to "+full.Text+" (surname)")
		m.Kind = actors.KindPerson
		insertMention(s, m)
	}
}

// referenceAt is a mention of the party ante stands for, made of the one
// word at token k that refers back to it ("Kusumo", "the commission").
func referenceAt(s *Sentence, ante actors.Mention, k int, rule string) actors.Mention {
	t := s.Tokens[k]
	m := ante
	m.Start, m.End = k, k+1
	m.RuneStart, m.RuneEnd = t.Start, t.End
	m.Text = t.Text
	m.Conjoined = -1
	m.FollowsPrep, m.PrecededByBy = actors.PrepositionBefore(s.Tokens, k)
	m.Possessive = t.Possessive
	m.Placeish, m.InParen, m.Modifier, m.Ethnic = false, false, false, false
	m.Rule = rule
	return m
}

// insertMention adds m to the sentence's mentions in order, keeping the
// joins between mentions pointing at the same ones, and returns its index.
func insertMention(s *Sentence, m actors.Mention) int {
	pos := len(s.Actors)
	for i, o := range s.Actors {
		if o.Start >= m.End {
			pos = i
			break
		}
	}
	for i := range s.Actors {
		if s.Actors[i].Conjoined >= pos {
			s.Actors[i].Conjoined++
		}
	}
	s.Actors = slices.Insert(s.Actors, pos, m)
	return pos
}

// bodyNouns are the head nouns by which a story refers again to a body it
// has named: "the commission" after "the Electoral Commission of Zambia",
// "the court" after "the Supreme Court", "the alliance" after the name of
// a party alliance, "the ministry" (and "a ministry spokesman") after
// "Chile's foreign ministry".
var bodyNouns = map[string]bool{"commission": true, "council": true, "court": true, "tribunal": true,
	"alliance": true, "coalition": true, "front": true, "committee": true, "agency": true,
	"authority": true, "assembly": true, "parliament": true, "bloc": true, "union": true,
	"federation": true, "league": true, "mission": true, "junta": true, "board": true,
	"congress": true, "senate": true, "cabinet": true, "militia": true, "embassy": true, "ministry": true}

// learnBodies remembers the bodies a sentence names with a multi-word
// name, under each body noun in the name.
func (mm *memory) learnBodies(s *Sentence) {
	for _, m := range s.Actors {
		if m.Unresolved || m.Modifier || m.Kind == actors.KindPerson || m.Country == "" && m.Agent != "IGO" || m.End-m.Start < 2 || strings.HasPrefix(m.Rule, corefRule) {
			continue
		}
		for k := m.Start; k < m.End; k++ {
			if w := s.Tokens[k].Norm; bodyNouns[w] {
				if mm.bodies == nil {
					mm.bodies = map[string]actors.Mention{}
				}
				mm.bodies[w] = m
			}
		}
	}
}

// resolveBodies makes a mention of "the commission", "the court" and the
// like where the story has named a body of that kind before.
func (mm *memory) resolveBodies(s *Sentence) {
	if len(mm.bodies) == 0 {
		return
	}
	for k := 1; k < len(s.Tokens); k++ {
		t := s.Tokens[k]
		prev, ok := mm.bodies[t.Norm]
		if !ok {
			continue
		}
		det := s.Tokens[k-1].Norm
		if det != "the" && det != "a" && det != "an" {
			continue
		}
		// "a ministry spokesman": an official of the body named before,
		// where the dictionaries gave the official no country.
		official := false
		for i := range s.Actors {
			if m := &s.Actors[i]; m.Start == k+1 && m.Unresolved && m.Kind == actors.KindRole && !m.Modifier {
				m.Country, m.Unresolved = prev.Country, false
				if m.Agent == "" {
					m.Agent = prev.Agent
				}
				m.Rule += " + of " + prev.Text
				official = true
			}
		}
		if det != "the" && !official {
			continue // "a court": another one
		}
		if k+1 < len(s.Tokens) && nameWord(s.Tokens[k+1]) {
			continue // "the Council Chamber": another name
		}
		if i := mentionAt(s, k, 1); i >= 0 {
			// "the court", a role word the dictionaries know with no
			// country: the court named before.
			if m := &s.Actors[i]; m.Unresolved && m.End == k+1 {
				m.Country, m.Unresolved = prev.Country, false
				m.Group = prev.Group
				if prev.Agent != "" {
					m.Agent = prev.Agent
				}
				m.Rule += " + refers to " + prev.Text
			}
			continue
		}
		if isActorAt(s, t.Start) {
			continue
		}
		insertMention(s, referenceAt(s, prev, k, "refers to "+prev.Text))
	}
}

// groupWords name, after "the", the group the story named last ("after
// the group fired two missiles").
var groupWords = map[string]bool{"group": true, "movement": true, "organisation": true, "organization": true}

// resolveGroup makes "the group", "the movement" a mention of the group
// named last, where the dictionaries found no party there.
func (mm *memory) resolveGroup(s *Sentence) {
	for k := 1; k < len(s.Tokens); k++ {
		if !groupWords[s.Tokens[k].Norm] || s.Tokens[k-1].Norm != "the" || isActorAt(s, s.Tokens[k].Start) {
			continue
		}
		if k+1 < len(s.Tokens) && (nameWord(s.Tokens[k+1]) || s.Tokens[k+1].Norm == "of") {
			continue // "the Group of Seven", "the group of experts"
		}
		// The group named last: earlier in this sentence ("an M23
		// spokesman said the group …"), else in the story before.
		ante := mm.group
		for i := range s.Actors {
			if m := &s.Actors[i]; m.Kind == actors.KindGroup && !m.Modifier && !m.Unresolved && m.End <= k && m.Country != "" {
				ante = m
			}
		}
		if ante == nil {
			continue
		}
		insertMention(s, referenceAt(s, *ante, k, "refers to "+ante.Text))
	}
}

// resolve gives referring words in s the actors they refer to.
func (mm *memory) resolve(s *Sentence) {
	mm.resolveNames(s)
	mm.resolveBodies(s)
	mm.resolveGroup(s)
	toks := s.Tokens
	for i := range s.Actors {
		m := &s.Actors[i]
		if !m.Unresolved || m.Start == 0 || toks[m.Start-1].Norm != "the" || m.End-m.Start != 1 || !backRoles[toks[m.Start].Norm] {
			continue
		}
		if prev, ok := mm.byAgent[m.Agent]; ok {
			m.Country = prev.Country
			m.Unresolved = false
			m.Rule += " + refers to " + prev.Text
		}
	}
	// "It said …", "They attacked …": a pronoun opening the sentence, before
	// any named actor, is the last event's doer; "He", "She" the last doer
	// who was a person or an official.
	if len(toks) == 0 || len(s.Actors) > 0 && s.Actors[0].Start == 0 {
		return
	}
	var ante *actors.Mention
	switch toks[0].Norm {
	case "it":
		ante = mm.subject
		if mm.body != nil {
			ante = mm.body
		}
	case "they":
		ante = mm.subject
		if mm.said != nil {
			ante = mm.said
		}
	case "he", "she":
		ante = mm.person
	}
	if ante == nil {
		return
	}
	ref := *ante
	ref.Start, ref.End = 0, 1
	ref.RuneStart, ref.RuneEnd = toks[0].Start, toks[0].End
	ref.Text = toks[0].Text
	ref.Conjoined = -1
	ref.FollowsPrep = ""
	ref.Possessive, ref.Placeish, ref.InParen, ref.Modifier = false, false, false, false
	ref.Rule = corefRule + ante.Text
	for k := range s.Actors {
		if s.Actors[k].Conjoined >= 0 {
			s.Actors[k].Conjoined++
		}
	}
	s.Actors = append([]actors.Mention{ref}, s.Actors...)
}

// counterparts resolves "his counterpart" (and "her", "their") to the
// other party of the story: of the story's pair, the country that is not
// the sentence's own first country.
func counterparts(s *Sentence, events []*cand, salience []string) {
	for i := range s.Actors {
		m := &s.Actors[i]
		if !m.Unresolved || m.Start == 0 || !strings.HasPrefix(s.Tokens[m.Start].Norm, "counterpart") {
			continue
		}
		switch s.Tokens[m.Start-1].Norm {
		case "his", "her", "their", "its":
		default:
			continue
		}
		a, b := storyPair(events, salience)
		if a == "" {
			return
		}
		own := ""
		for _, o := range s.Actors {
			if o.Country != "" && o.Start < m.Start {
				own = o.Country
				break
			}
		}
		switch own {
		case a:
			m.Country = b
		case b:
			m.Country = a
		default:
			continue
		}
		m.Unresolved = false
		m.Rule += " + the other party of the story"
	}
}

// reportedBefore reports a reporting verb in the few words before token
// k ("India said the two forces would meet"): the pair words are then in
// what was said, and may include the speaker.
func reportedBefore(toks []text.Token, k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if reportVerbs[toks[j].Norm] || toks[j].Norm == "says" {
			return true
		}
	}
	return false
}

// pairWords refer to the two parties of the story: "both countries", "the
// two sides".
var pairWords = [][]string{{"both", "countries"}, {"both", "sides"}, {"both", "governments"},
	{"both", "nations"}, {"the", "two", "countries"}, {"the", "two", "sides"}, {"the", "two", "governments"},
	{"the", "two", "neighbours"}, {"the", "two", "neighbors"}, {"the", "two", "nations"}, {"the", "two", "states"},
	{"the", "two", "presidents"}, {"the", "two", "leaders"}, {"both", "leaders"}, {"both", "presidents"},
	{"the", "two", "ministers"}, {"the", "two", "prime", "ministers"}, {"the", "two", "foreign", "ministers"},
	{"the", "two", "armies"}, {"both", "armies"}, {"both", "sides'"}, {"both", "neighbours"}, {"both", "neighbors"},
	{"both", "parties"}, {"the", "two", "parties"}, {"both", "states"}, {"both", "capitals"}, {"the", "two", "capitals"},
	{"the", "two", "forces"}, {"both", "forces"}, {"the", "two", "militaries"}, {"both", "militaries"},
	{"the", "two", "delegations"}, {"both", "delegations"}, {"all", "parties"}, {"all", "sides"},
	{"the", "foreign", "ministers"}, {"the", "ministers"}, {"the", "leaders"}, {"the", "delegations"}}

// bothSides resolves "both countries" to the story's two parties: the last
// pair of countries coded together, else the article's two most named
// countries, as two joined actors.
func bothSides(s *Sentence, events []*cand, salience []string) {
	toks := s.Tokens
	for i := 0; i < len(toks); i++ {
	pairs:
		for _, pw := range pairWords {
			if i+len(pw) > len(toks) {
				continue
			}
			ok := true
			for k, w := range pw {
				if toks[i+k].Norm != w {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if x, y, ok := civilSides(events); ok && sidesWords[pw[len(pw)-1]] {
				// "The government and the rebels signed a truce … the two
				// sides will exchange prisoners": one country's two sides.
				i = insertGroup(s, i, i+len(pw), x, y) - 1
				break
			}
			a, b := storyPair(events, salience)
			before := namedBefore(s, i)
			if len(before) == 2 && !jointlyNamed(s, i) {
				// "X held talks with Y, and the two leaders signed …": the
				// two just named.
				two := slices.Sorted(maps.Keys(before))
				a, b = two[0], two[1]
			} else if before[a] != before[b] && !reportedBefore(toks, i) {
				// "Georgia thanked both neighbours": not Georgia's own pair.
				a, b = "", ""
				for _, c := range salience {
					if before[c] {
						continue
					}
					if a == "" {
						a = c
					} else if b == "" {
						b = c
					}
				}
				if b == "" {
					a = ""
				}
			}
			if a == "" {
				return
			}
			end := i + len(pw)
			for _, m := range s.Actors {
				if m.Start < end && m.End > i && !m.Unresolved {
					i = end - 1
					break pairs // already an actor (a user dictionary may name it)
				}
			}
			agent := ""
			switch pw[len(pw)-1] {
			case "governments", "presidents", "leaders", "ministers":
				agent = "GOV"
			case "armies", "forces", "militaries":
				agent = "MIL"
			}
			// "governments" alone says less than "both governments": the
			// pair replaces any role mention inside it.
			insertGroup(s, i, end, event.Actor{Country: a, Agent: agent}, event.Actor{Country: b, Agent: agent})
			i = end - 1 // "mediated between the two neighbours … urged both sides"
			break
		}
	}
}

// sidesWords end pair words that may name one country's two sides ("the
// two sides", "both parties"), not two countries.
var sidesWords = map[string]bool{"sides": true, "parties": true, "sides'": true}

// civilSides returns the two sides of one country that last acted jointly
// ("the government and the rebels signed …"), in any earlier sentence: the
// sides of a civil war stay its sides while others, a mediator or foreign
// powers, act in between.
func civilSides(events []*cand) (a, b event.Actor, ok bool) {
	for j := len(events) - 1; j >= 0; j-- {
		e := events[j]
		if e.srcIdx < 0 || e.sent == nil || e.anaphor || e.noun || e.ev.Target.Country == "" && e.ev.Target.Agent == "" {
			continue // an event noun ("talks mediated by Qatar"), or an act of no one to no one
		}
		s := e.sent
		m := &s.Actors[e.srcIdx]
		partners := []int{m.Conjoined}
		for k := range s.Actors {
			if s.Actors[k].Conjoined == e.srcIdx {
				partners = append(partners, k) // the party joined after it
			}
		}
		if s.parsed != nil {
			partners = append(partners, s.parsed.coordinated(s, e.srcIdx)...)
		}
		for _, k := range partners {
			if k < 0 || k == e.srcIdx || k >= len(s.Actors) {
				continue
			}
			o := &s.Actors[k]
			if o.Country != "" && o.Country == m.Country && o.Code() != m.Code() {
				if k < e.srcIdx {
					return actorOf(o), actorOf(m), true
				}
				return actorOf(m), actorOf(o), true
			}
		}
	}
	return event.Actor{}, event.Actor{}, false
}

// insertGroup puts mentions of the parties, joined, in place of tokens
// i…end (and of any mention there); it returns end.
func insertGroup(s *Sentence, i, end int, parties ...event.Actor) int {
	toks := s.Tokens
	kept := s.Actors[:0:0]
	for _, m := range s.Actors {
		if m.Start < end && m.End > i {
			continue
		}
		kept = append(kept, m)
	}
	if len(kept) != len(s.Actors) {
		for k := range kept {
			kept[k].Conjoined = -1 // indices moved; joins only matter before the pair
		}
	}
	s.Actors = kept
	words := text.Slice(s.Text, toks[i].Start, toks[end-1].End)
	prev := -1
	for _, x := range parties {
		m := actors.Mention{Start: i, End: end, RuneStart: toks[i].Start, RuneEnd: toks[end-1].End, Text: words,
			Country: x.Country, Agent: x.Agent, Kind: actors.KindCountry, Conjoined: prev, Rule: pairRule}
		prev = insertMention(s, m)
	}
	return end
}

// numberWords are the group sizes "the three countries", "the four
// leaders" name.
var numberWords = map[string]int{"three": 3, "four": 4, "five": 5, "six": 6}

// groupNouns are the nouns of "the four leaders", "the three countries".
var groupNouns = map[string]string{"countries": "", "nations": "", "states": "", "governments": "GOV",
	"leaders": "GOV", "presidents": "GOV", "ministers": "GOV", "neighbours": "", "neighbors": ""}

// numberedGroups resolves "the four leaders", "the three countries" to the
// parties of the last act done by that many parties together ("The
// leaders of A, B, C and D agreed …; the four leaders also called on …").
func numberedGroups(s *Sentence, events []*cand) {
	toks := s.Tokens
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Norm == "the" && allyNouns[toks[i+1].Norm] && !isActorAt(s, toks[i+1].Start) {
			// "the allies", "the Europeans": the last parties that acted
			// together, however many.
			if parties := lastGroup(events, 0); parties != nil {
				i = insertGroup(s, i, i+2, parties...) - 1
			}
			continue
		}
		if i+2 >= len(toks) {
			continue
		}
		n, ok := numberWords[toks[i+1].Norm]
		agent, isGroup := groupNouns[toks[i+2].Norm]
		if toks[i].Norm != "the" || !ok || !isGroup {
			continue
		}
		parties := lastGroup(events, n)
		if parties == nil {
			continue
		}
		for k := range parties {
			if agent != "" {
				parties[k].Agent = agent
			}
		}
		i = insertGroup(s, i, i+3, parties...) - 1
	}
}

// allyNouns name, after "the", parties that acted together before.
var allyNouns = map[string]bool{"allies": true, "partners": true, "europeans": true}

// lastGroup is the parties of the last act whose doer was n parties
// joined (n = 0: two or more), in the order named, or nil.
func lastGroup(events []*cand, n int) []event.Actor {
	for j := len(events) - 1; j >= 0; j-- {
		e := events[j]
		if e.srcIdx < 0 || e.sent == nil || e.anaphor {
			continue
		}
		fits := func(g []int) bool { return len(g) == n || n == 0 && len(g) >= 2 }
		g := group(e.sent, e.srcIdx)
		if !fits(g) && e.sent.parsed != nil {
			g = append([]int{e.srcIdx}, e.sent.parsed.coordinated(e.sent, e.srcIdx)...)
			sort.Ints(g)
			g = slices.Compact(g)
		}
		if !fits(g) {
			continue
		}
		var out []event.Actor
		seen := map[string]bool{}
		for _, k := range g {
			m := &e.sent.Actors[k]
			if m.Country == "" || seen[m.Country] {
				return nil
			}
			seen[m.Country] = true
			out = append(out, actorOf(m))
		}
		return out
	}
	return nil
}

// pairRule is the rule of the mentions bothSides makes.
const pairRule = "refers to the story's two parties"

// namedBefore is the set of countries the sentence names as parties
// before token k ("both sides" said before does not count).
func namedBefore(s *Sentence, k int) map[string]bool {
	out := map[string]bool{}
	aside := asides(s.Tokens, k)
	for _, m := range s.Actors {
		if m.End <= k && m.Country != "" && !m.Modifier && m.Rule != pairRule && !aside[m.Start] {
			out[m.Country] = true
		}
	}
	return out
}

// asides marks the tokens before k that stand in a relative clause or an
// apposition set off by commas (", which Burkina Faso left last year,",
// ", a close ally of Peru,") or in parentheses: what they name is not the
// sentence's own party.
func asides(toks []text.Token, k int) []bool {
	out := make([]bool, k)
	rel, paren := false, 0
	for i := 0; i < k && i < len(toks); i++ {
		switch w := toks[i].Norm; {
		case w == "(":
			paren++
		case w == ")" && paren > 0:
			paren--
		case (w == "which" || w == "who" || w == "whose" || w == "a" || w == "an") && i > 0 && toks[i-1].Text == ",":
			// and ", a close ally of Pakistan,": an apposition
			rel = true
		case w == "," && rel:
			rel = false
		}
		out[i] = rel || paren > 0
	}
	return out
}

// jointlyNamed reports that the parties named before token k are joined
// as one subject ("Qatar and Turkey, which mediated between the two
// neighbours"): the pair words then mean others.
func jointlyNamed(s *Sentence, k int) bool {
	for i, m := range s.Actors {
		if m.End > k || m.Rule == pairRule {
			continue
		}
		if m.Conjoined >= 0 {
			return true
		}
		for j := i + 1; j < len(s.Actors) && s.parsed != nil; j++ {
			if s.Actors[j].End <= k && s.parsed.conjoined(s, i, j) {
				return true
			}
		}
	}
	return false
}

// storyPair is the story's two parties: the last compound subject of two
// countries, else the first act between two countries (the lead), else the
// article's two most named countries.
func storyPair(events []*cand, salience []string) (string, string) {
	if a, b := lastPair(events); a != "" {
		return a, b
	}
	// The lead sets the story: the first act between two countries.
	for _, c := range events {
		e := c.ev
		if e.Source.Country != "" && e.Target.Country != "" && e.Source.Country != e.Target.Country {
			return e.Source.Country, e.Target.Country
		}
	}
	if len(salience) >= 2 {
		return salience[0], salience[1]
	}
	return "", ""
}

// lastPair is the last two countries that acted together as a compound
// subject ("Sudan and Chad met"), the story's pair.
func lastPair(events []*cand) (string, string) {
	for j := len(events) - 1; j >= 0; j-- {
		e := events[j]
		if e.srcIdx < 0 || e.sent == nil {
			continue
		}
		m := e.sent.Actors[e.srcIdx]
		if m.Conjoined >= 0 {
			o := e.sent.Actors[m.Conjoined]
			if m.Country != "" && o.Country != "" && m.Country != o.Country {
				return o.Country, m.Country
			}
		}
		if e.sent.parsed != nil {
			// "Kyrgyz President A and Tajik President B held talks":
			// joined in the tree, not side by side.
			if g := e.sent.parsed.coordinated(e.sent, e.srcIdx); len(g) == 2 {
				a, b := e.sent.Actors[g[0]].Country, e.sent.Actors[g[1]].Country
				if a != "" && b != "" && a != b {
					return a, b
				}
			}
		}
	}
	return "", ""
}

// purpose reports an act named only as something's aim: "a trip aimed at
// pushing for a ceasefire", "talks designed to end the war".
func purpose(toks []text.Token, tr Trigger) bool {
	for k := tr.Start - 1; k >= 0 && k >= tr.Start-3; k-- {
		switch toks[k].Norm {
		case "aimed", "aiming", "designed", "meant", "intended":
			return k+1 < len(toks) && (toks[k+1].Norm == "at" || toks[k+1].Norm == "to")
		case "order", "as":
			// "in order to", "so as to"
			return k+1 < len(toks) && toks[k+1].Norm == "to" && k > 0 && (toks[k-1].Norm == "in" || toks[k-1].Norm == "so")
		}
	}
	return false
}

// complementizers open a clause that completes the verb before it ("agreed
// that they should cooperate", "urged X to withdraw").
var complementizers = map[string]bool{"that": true, "to": true, "should": true, "would": true,
	"could": true, "will": true, "may": true, "might": true, "whether": true, "if": true, "for": true,
	"must": true, "shall": true, "with": true}

// governed reports whether trigger ti is part of what an earlier verb
// trigger says or wants, rather than an act of its own: it follows that
// verb in the same clause through a complementizer, or it is a noun the
// verb takes as its object ("signed a pact", "condemned the attack").
// Verbs joined by "and" or a comma ("withdrew …, refused … and launched …")
// stay separate acts.
func governed(s *Sentence, trigs []Trigger, prev, ti int) bool {
	if prev < 0 {
		return false
	}
	toks := s.Tokens
	p, t := trigs[prev], trigs[ti]
	noun := t.Pattern.Kind == "noun"
	if !noun && strings.HasPrefix(p.Pattern.Code, "11") && t.Start > p.End && t.Start-p.End <= 6 && strings.HasSuffix(toks[t.Start].Norm, "ing") &&
		(toks[t.Start-1].Norm == "of" || toks[t.Start-1].Norm == "for") {
		// "accused Rwanda of backing the rebels", "blamed the army for
		// shelling": what the accusation says, not an act told.
		return true
	}
	if !noun && strings.HasPrefix(p.Pattern.Code, "04") && t.Start > p.End && t.Start-p.End <= 2 && strings.HasSuffix(toks[t.Start].Norm, "ing") &&
		(toks[t.Start-1].Norm == "on" || toks[t.Start-1].Norm == "about" || toks[t.Start-1].Norm == "over") {
		// "held talks on reopening two crossings": what the talks were
		// about, not an act done.
		return true
	}
	if !noun && t.Start == p.End && p.End == p.Start+1 && strings.HasSuffix(toks[t.Start].Norm, "ing") {
		// "denied opening fire", "rejected sending troops": a gerund
		// right after the verb is what it is about (after "issued a
		// statement praising …" it is the statement's own act).
		return true
	}
	if !noun && coordinatedVerbs(s, p, t) {
		return false
	}
	// ", and Ethiopia offered …": a new subject after "and" opens a new
	// clause, whatever came before.
	for k := t.Start - 1; k > p.End; k-- {
		if toks[k].Norm != "and" && toks[k].Norm != "but" {
			continue
		}
		for _, m := range s.Actors {
			if m.Start != k+1 || m.End > t.Start || m.Unresolved {
				continue
			}
			subjectVerb := true
			for j := m.End; j < t.Start; j++ {
				if !verbFill[toks[j].Norm] && !auxiliaries[toks[j].Norm] {
					subjectVerb = false
				}
			}
			if subjectVerb {
				return false
			}
		}
		break
	}
	for k := p.End; k < t.Start; k++ {
		w := toks[k].Norm
		if clauseBreak[w] || w == ";" || w == "(" || w == "which" || w == "who" {
			return false
		}
		if !noun && (w == "and" || w == "," || w == "or" || w == "then") {
			// A coordinated verb, unless a complementizer follows (and no
			// new clause opens first: "…, came as Israel announced it would").
			for j := k + 1; j < t.Start; j++ {
				if clauseBreak[toks[j].Norm] {
					return false
				}
				if complementizers[toks[j].Norm] && (toks[j].Norm != "with" || strings.HasSuffix(toks[t.Start].Norm, "ing")) {
					return true
				}
			}
			return false
		}
		if !noun && complementizers[w] && (w != "with" || strings.HasSuffix(toks[t.Start].Norm, "ing")) {
			// "with" only opens "with missiles landing …"
			return true
		}
	}
	return noun
}

// complement reports whether trigger ti only completes an earlier one
// ("threatened to attack", "agreed to meet") or an intention ("plans to
// visit"), so that it is not an act of its own.
func (c *Coder) complement(s *Sentence, trigs []Trigger, ti int) bool {
	tr := trigs[ti]
	toks := s.Tokens
	if tr.Start < 1 || toks[tr.Start-1].Norm != "to" {
		return false
	}
	for k := tr.Start - 2; k >= 0 && k >= tr.Start-4; k-- {
		for tj := 0; tj < ti; tj++ {
			if trigs[tj].End == k+1 && (s.parsed == nil || !s.parsed.apart(trigs[tj], tr)) {
				return true
			}
		}
	}
	return false
}

// undergone reports a pattern whose subject suffers the act ("came under
// fire", "came under shelling").
func undergone(tr Trigger) bool {
	return tr.Pattern.Kind == "verb" && strings.HasPrefix(tr.Pattern.Text, "come under")
}

// orderOf returns the order a noun trigger is the object of ("ordered a
// general mobilisation", "ordered the closure of the border"): the last
// act of the sentence, a demand (root 10) made with "order" by a party,
// ending a few words before the noun with no "to" between. Else nil.
func orderOf(s *Sentence, local []*cand, tr Trigger) *cand {
	if tr.Pattern.Kind != "noun" {
		return nil
	}
	for j := len(local) - 1; j >= 0; j-- {
		o := local[j]
		if o.noun || o.anaphor || o.trig.End > tr.Start {
			continue
		}
		if tr.Start-o.trig.End > 4 || !strings.HasPrefix(o.ev.CAMEO, "10") || o.ev.Source.Country == "" ||
			!strings.HasPrefix(s.Tokens[o.trig.Start].Norm, "order") || hasWord(s.Tokens, o.trig.End, tr.Start, "to") {
			return nil
		}
		return o
	}
	return nil
}

// ownForcesOrdered: "the president ordered the army to attack the
// rebels' bases" is the attack, not a demand made of the army. When the
// trigger after "to" completes an order (root 10) that a state gave its
// own forces or police, the order is dropped and the act it ordered is
// coded.
func ownForcesOrdered(local []*cand, trigs []Trigger, ti int) bool {
	tr := trigs[ti]
	for j := len(local) - 1; j >= 0; j-- {
		o := local[j]
		if o.trig.End > tr.Start || tr.Start-o.trig.End > 4 {
			continue
		}
		e := &o.ev
		if !strings.HasPrefix(e.CAMEO, "10") || e.Source.Country == "" || e.Target.Country != e.Source.Country {
			return false
		}
		switch e.Target.Agent {
		case "MIL", "COP", "SPY":
			o.anaphor = true // not output: the act ordered is
			return true
		}
		return false
	}
	return false
}

func (c *Coder) build(a event.Article, s *Sentence, trigs []Trigger, ti int, local []*cand, prior []*cand) *cand {
	tr := trigs[ti]
	code, ok := c.Table.Lookup(tr.Pattern.Code)
	if !ok {
		return nil
	}
	toks := s.Tokens
	cd := &cand{trig: tr, sent: s, srcIdx: -1, tgtIdx: -1, noun: tr.Pattern.Kind == "noun", object: -1}
	head := toks[tr.Start].Norm
	cd.victim = victimVerbs[head]
	src, tgt := -1, -1
	passive := false
	if !cd.noun && tr.Start > 0 && tr.HeadEnd < len(toks) && (strings.HasSuffix(head, "ed") || irregularParticiple(head)) &&
		(code.Root() >= "17" || tr.HeadEnd < len(toks) && toks[tr.HeadEnd].Norm == "of") && reducedRelative(s, tr) {
		// "officials accused of playing a role": X verb-ed of Y is passive.
		// "10 Russian soldiers killed in Ukraine": a participle after its noun.
		passive = true
	}
	if !cd.noun && tr.Start > 0 && !passive && !statePassive[head] {
		for k := tr.Start - 1; k >= 0 && k >= tr.Start-3; k-- {
			if beForms[toks[k].Norm] && strings.HasSuffix(head, "ed") || beForms[toks[k].Norm] && irregularParticiple(head) {
				passive = true
				break
			}
			if toks[k].Punct {
				break
			}
		}
	}
	if cd.noun && len(tr.Pattern.Elements) > 1 && weapons[toks[tr.Start].Norm] != "" {
		// "missiles killed four": the weapon noun is the subject of a clause.
		cd.noun = false
	}
	var tree treeResult
	if !cd.noun && !cd.victim {
		tree = treeRoles(s, tr, trigs)
	}
	if tree.denial {
		if v, ok := c.Table.Lookup("016"); ok {
			code = v
		}
	}
	appealed := false
	if y, v := appealedTo(s, tr); y >= 0 {
		// "Obama wants Putin to attack …", "Paris pressed Rome to …": an
		// appeal from the one who wants to the one asked, not the act.
		if ac, ok := c.Table.Lookup("020"); ok {
			code = ac
			appealed = true
			tgt = y
			for i := len(s.Actors) - 1; i >= 0; i-- {
				if m := &s.Actors[i]; m.End <= v && !m.Modifier && (m.FollowsPrep == "" || m.FollowsPrep == "by") {
					src = i
					break
				}
			}
		}
	}
	switch {
	case appealed:
	case strings.HasPrefix(tr.Pattern.Source, "rule: X received"):
		// "X received Y from Z": Z gives to X; X hosts Z's visitors.
		receiver := subject(s, trigs, ti, local)
		giver := mentionAt(s, tr.End, 3)
		hosts := false
		for w, r := range received {
			if r.hosts && hasWord(toks, tr.Start, tr.End, w) {
				hosts = true
			}
		}
		if hosts {
			src, tgt = receiver, giver
		} else {
			src, tgt = giver, receiver
		}
	case tr.Pattern == demandPattern:
		// "X said (that) Y must …": X demands of Y.
		for i := range s.Actors {
			if m := &s.Actors[i]; m.End <= tr.Start && m.End >= tr.Start-3 && !m.Modifier && tgt < 0 {
				tgt = i
				if m.Conjoined >= 0 {
					tgt = m.Conjoined // "the government and the rebels must": both are asked
				}
			}
		}
		speech := -1
		for k := 0; k < tr.Start; k++ {
			if speechVerbs[toks[k].Norm] {
				speech = k
			}
		}
		for i := len(s.Actors) - 1; i >= 0; i-- {
			m := &s.Actors[i]
			if m.End <= speech && !m.Modifier && (m.FollowsPrep == "" || m.FollowsPrep == "by") {
				src = i
				break
			}
		}
		if src < 0 {
			// "…, the ministry said": the speaker follows.
			for i := range s.Actors {
				if m := &s.Actors[i]; m.Start > speech-4 && m.End <= speech && i != tgt {
					src = i
				}
			}
		}
	case cd.noun:
		src = nounSource(s, tr)
		if src < 0 && lightVerbBefore(toks, tr.Start) {
			// "Italy announced a suspension of air links": the noun is the
			// object of a verb that only frames it; its subject does it.
			if i := subject(s, trigs, ti, local); i >= 0 {
				src = i
			}
		}
		tgt = nounTarget(s, tr, src)
		if src < 0 && tgt < 0 && code.Root() == "19" {
			// "fighting between the army and the rebels", "clashes
			// between X and Y": each side on the other (see mutual).
			src, tgt = betweenParties(s, tr)
			cd.between = src >= 0
		}
		if src < 0 && definite(s, tr.Start) {
			// "the raid", "this unprovoked attack": a happening told
			// before, whoever it is said to have hit.
			cd.anaphor = true
		}
	case tree.verb:
		// The tree says who did it and to whom; what it leaves open
		// (a pronoun subject, an object that is no actor) is found from
		// word order as below.
		switch {
		case tree.srcOK:
			src = tree.src
		case tree.passive:
			for k := tr.HeadEnd; k < len(toks) && k < tr.End+4; k++ {
				if toks[k].Norm == "by" {
					src = mentionAt(s, k+1, 3)
					break
				}
			}
		default:
			src = subject(s, trigs, ti, local)
			if src == inheritSource {
				src = -1
				inheritFrom(cd, local)
			}
		}
		if tree.tgt < 0 && tree.obj > 0 {
			cd.object = tree.obj
		}
		switch {
		case tree.tgtOK:
			tgt = tree.tgt
		case tree.passive:
			if tgt = subject(s, trigs, ti, local); tgt == inheritSource {
				tgt = -1
			}
		default:
			tgt = object(s, trigs, ti, src)
		}
		if tree.passive && src < 0 && tgt >= 0 {
			// A passive with no agent names only victims.
			cd.victim = true
			src = doerAfter(s, tr)
		}
	case passive:
		// "was hit by X": the subject is the target, "by X" the source.
		tgt = subject(s, trigs, ti, local)
		if tgt == inheritSource {
			// "The civilians imprisoned for … were released by Putin": the
			// subject stands before a reduced relative.
			tgt = -1
			for i := len(s.Actors) - 1; i >= 0; i-- {
				if m := &s.Actors[i]; m.End <= tr.Start && !m.Modifier && m.FollowsPrep == "" {
					tgt = i
					break
				}
			}
		}
		for k := tr.HeadEnd; k < len(toks) && k < tr.End+4; k++ {
			if toks[k].Norm == "by" {
				src = mentionAt(s, k+1, 3)
				break
			}
		}
		if tgt >= 0 && src < 0 {
			// A passive with no agent: "were killed" names only victims,
			// unless the attack is named with its doer ("in Israeli shelling").
			cd.victim = true
			src = doerAfter(s, tr)
		}
	case cd.victim:
		tgt = subject(s, trigs, ti, local)
		src = doerAfter(s, tr)
	default:
		src = subject(s, trigs, ti, local)
		if participial(toks, tr) && len(local) > 0 {
			// "…, killing two soldiers": the clause's subject does it.
			src = inheritSource
		}
		if src == inheritSource {
			src = -1
			inheritFrom(cd, local)
		}
		tgt = object(s, trigs, ti, src)
	}
	if undergone(tr) {
		// "The patrol came under fire from Venezuelan troops": the
		// subject is who was attacked, the one named after is who did it.
		src, tgt = tgt, src
		if src < 0 {
			cd.victim = true
		}
		if tgt >= 0 && (s.Actors[tgt].Kind == actors.KindPerson || singularOfficial(s, &s.Actors[tgt])) {
			// "The minister came under fire from lawmakers": criticism.
			if v, ok := c.Table.Lookup("111"); ok {
				code = v
			}
			cd.victim = false
		}
	}
	if src >= 0 {
		cd.srcIdx = src
		cd.ev.Source = actorOf(&s.Actors[src])
	}
	if tgt >= 0 {
		cd.tgtIdx = tgt
		cd.ev.Target = actorOf(&s.Actors[tgt])
		if src >= 0 && violent(code.Code) {
			if c := ownSideGuess(s, src, tgt, prior); c != "" {
				cd.ev.Target.Country, cd.ev.Target.Code = c, c+cd.ev.Target.Agent
			}
		}
	}
	// Don't code an actor acting on itself through the same words.
	if src >= 0 && src == tgt {
		cd.ev.Target = event.Actor{}
	}
	if conditional(toks, tr) && code.Root() != "13" {
		// "will withdraw its troops unless …", "must drop barriers or face
		// penalties": a threat, not the act.
		tc := "130"
		if ic, ok := intentCode[code.Root()]; ok && strings.HasPrefix(ic, "13") {
			tc = ic
		}
		if v, ok := c.Table.Lookup(tc); ok {
			code = v
		}
	} else if intended(toks, tr) {
		code = c.intent(code)
	}
	if code.Code == "130" && threatensForce(toks, tr) {
		// "warned that any incursion would be met with force"
		if v, ok := c.Table.Lookup("138"); ok {
			code = v
		}
	}
	cd.ev.Article = a.ID
	setCode(&cd.ev, code)
	cd.ev.Rule = fmt.Sprintf("%s %q (%s)", tr.Pattern.Kind, tr.Pattern.Text, tr.Pattern.Source)
	if tree.verb {
		cd.ev.Rule += tree.describe()
	}
	if undergone(tr) {
		cd.ev.Rule += "; roles swapped: the subject is the one the act was done to"
	}
	cd.ev.Evidence = event.Evidence{Sentence: s.Text, Start: s.Start, End: s.Start + text.RuneLen(s.Text)}
	cd.ev.Negated = negated(toks, tr)
	if cd.ev.Negated && code.Root() == "01" {
		// "did not comment", "has not said": no statement is no event.
		return nil
	}
	if cd.ev.Negated {
		// "would not meet", "will not accept": refusing to cooperate is a
		// rejection (12), not a cooperation that did not happen.
		if rc, ok := refusalCode[code.Root()]; ok {
			if v, ok := c.Table.Lookup(rc); ok {
				setCode(&cd.ev, v)
				cd.ev.Negated = false
			}
		}
	}
	cd.ev.Claim = claimed(s, tr, code.Root())
	runeAt := toks[tr.Start].Start
	c.date(a, s, cd, runeAt)
	if cd.ev.DatePrecision == "unknown" {
		inheritDate(cd, s, prior)
	}
	place(s, cd, runeAt)
	cd.ev.Confidence = confidence(cd)
	return cd
}

const inheritSource = -2

// statePassive participles after "be" describe the subject's state, not
// something done to it: "forces were engaged in ethnic cleansing".
var statePassive = map[string]bool{"engaged": true, "involved": true, "committed": true,
	"determined": true, "prepared": true, "interested": true, "opposed": true, "concerned": true,
	"aimed": true, "poised": true, "set": true, "bent": true}

// doerAfter finds who did a harm told by its victims: an adjective or
// possessive actor in the phrase after the verb ("killed in Israeli tank
// shelling", "died in Iran's strikes").
func doerAfter(s *Sentence, tr Trigger) int {
	toks := s.Tokens
	for i := range s.Actors {
		m := &s.Actors[i]
		if m.Start < tr.End || m.Start > tr.End+4 || brokenBetween(toks, tr.End, m.Start) || reportingTail(toks, tr.End, m.Start) {
			continue
		}
		if (m.Kind == actors.KindAdj || m.Possessive) && !m.Placeish && !m.Unresolved && m.End < len(toks) && !toks[m.End].Punct {
			return i
		}
	}
	return -1
}

// reducedRelative reports a participle right after an actor and followed by
// a preposition, with no auxiliary: "soldiers killed in Ukraine".
func reducedRelative(s *Sentence, tr Trigger) bool {
	toks := s.Tokens
	if tr.End != tr.HeadEnd || tr.HeadEnd >= len(toks) {
		return false
	}
	switch toks[tr.HeadEnd].Norm {
	case "in", "on", "at", "during", "near", "by", "when", "while", "after", "overnight", "for", "over", "since", "last", "of":
	default:
		return false
	}
	for _, m := range s.Actors {
		if m.End == tr.Start {
			return true
		}
		// "the Hamas movement jailed over a year ago": the actor's own noun
		// may stand between.
		if m.End == tr.Start-1 && !toks[m.End].Punct && !functionWord(toks[m.End].Norm) && !text.Capitalised(toks[m.End].Text) {
			return true
		}
	}
	return false
}

// symmetric codes are acts both parties do to each other: talks, calls,
// negotiations, signed agreements, cooperation.
var symmetric = map[string]bool{"041": true, "046": true, "057": true,
	"060": true, "061": true, "062": true, "0311": true, "0312": true}

// reciprocalRoots are the acts that parties joined as one subject do to
// each other when no one else is named: they agree, meet, make peace,
// cooperate, cease fire, cut ties or clash.
var reciprocalRoots = map[string]bool{"03": true, "04": true, "05": true, "06": true, "08": true, "16": true, "19": true}

// ownForces reports an event whose target is the doer's own armed forces
// or police ("its forces", "Taiwanese troops" of Taiwan).
func ownForces(cd *cand) bool {
	t := cd.ev.Target
	switch t.Agent {
	case "MIL", "COP":
	default:
		return false
	}
	return t.Country == "" || t.Country == cd.ev.Source.Country
}

// reciprocal reports an act that parties joined as one subject do to each
// other when no one else is named; praising, defending or rallying
// support (051–053) is said of a third ("France and Britain welcomed the
// ceasefire"), and so is mediating ("Egypt and Qatar, which have hosted
// talks between the warring parties"), never of each other.
func reciprocal(code string) bool {
	switch {
	case strings.HasPrefix(code, "051"), strings.HasPrefix(code, "052"), strings.HasPrefix(code, "053"), mediation(code):
		return false
	}
	return reciprocalRoots[code[:2]]
}

// mutual adds the reverse of each symmetric event that has two parties.
func mutual(cs []*cand) []*cand {
	n := len(cs)
	for _, cd := range cs[:n] {
		e := &cd.ev
		if cd.between && e.Source.Code != "" && e.Target.Code != "" && e.Source.Code != e.Target.Code {
			// "clashes between X and Y": each on the other.
		} else if !symmetric[e.CAMEO] || e.Source.Country == "" || e.Target.Country == "" || e.Source.Country == e.Target.Country {
			continue
		}
		dup := false
		for _, o := range cs {
			same := o.ev.Source.Country == e.Target.Country && o.ev.Target.Country == e.Source.Country
			if cd.between {
				same = o.ev.Source.Code == e.Target.Code && o.ev.Target.Code == e.Source.Code // one country's two sides
			}
			if same && o.ev.CAMEO[:2] == e.CAMEO[:2] {
				dup = true
			}
		}
		if dup {
			continue
		}
		r := *cd
		r.ev.Source, r.ev.Target = e.Target, e.Source
		r.srcIdx = -1
		cs = append(cs, &r)
	}
	return cs
}

// group lists the actors joined with mention i by "and" (i included).
func group(s *Sentence, i int) []int {
	if i < 0 {
		return nil
	}
	first := i
	for s.Actors[first].Conjoined >= 0 {
		first = s.Actors[first].Conjoined
	}
	out := []int{first}
	for j := first + 1; j < len(s.Actors) && s.Actors[j].Conjoined == out[len(out)-1]; j++ {
		out = append(out, j)
	}
	return out
}

// expandTargets makes one event per party of a compound object ("called
// on Thailand and Cambodia", "urged both sides").
func expandTargets(s *Sentence, cs []*cand) []*cand {
	var out []*cand
	for _, cd := range cs {
		g := group(s, cd.tgtIdx)
		if len(g) < 2 && cd.tgtIdx >= 0 && s.parsed != nil {
			g = repeatedPrep(s, cd.tgtIdx)
		}
		if len(g) < 2 || cd.ev.Target.Code != actorOf(&s.Actors[cd.tgtIdx]).Code || slices.Contains(g, cd.srcIdx) {
			// (A source inside the target's group is a joint subject's
			// party acting on another: expand paired them already.)
			out = append(out, cd)
			continue
		}
		for _, gi := range g {
			if gi == cd.srcIdx {
				continue
			}
			n := *cd
			n.tgtIdx = gi
			n.ev.Target = actorOf(&s.Actors[gi])
			if n.ev.Target.Code == n.ev.Source.Code {
				continue
			}
			out = append(out, &n)
		}
	}
	return out
}

// repeatedPrep lists target t with the parties joined to it after the
// same preposition again ("with Sweden and with Finland", "called on
// Kosovo to … and on Serbia to …"), or nil.
func repeatedPrep(s *Sentence, t int) []int {
	st := s.Actors[t].Start
	if st == 0 {
		return nil
	}
	switch s.Tokens[st-1].Norm {
	case "with", "to", "on", "against", "from", "for":
	default:
		return nil
	}
	out := []int{t}
	for _, j := range s.parsed.coordinated(s, t) {
		if js := s.Actors[j].Start; j > t && js > 0 && s.Tokens[js-1].Norm == s.Tokens[st-1].Norm {
			out = append(out, j)
		}
	}
	if len(out) == 1 {
		// "called on Kosovo to reopen the crossing and on Serbia to
		// cooperate": the second party after "and" and the preposition
		// again, which parsers hang anywhere.
		for j := t + 1; j < len(s.Actors); j++ {
			m := &s.Actors[j]
			if m.Start < 2 || m.Modifier || m.Unresolved {
				continue
			}
			if hasWord(s.Tokens, s.Actors[t].End, m.Start, ";") || hasWord(s.Tokens, s.Actors[t].End, m.Start, "but") || hasWord(s.Tokens, s.Actors[t].End, m.Start, "while") {
				break
			}
			if s.Tokens[m.Start-1].Norm == s.Tokens[st-1].Norm && s.Tokens[m.Start-2].Norm == "and" {
				out = append(out, j)
				break
			}
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// expand makes one event per party of a compound subject ("Iran and
// Pakistan resumed ties"); with no target, each party acts on the other.
func expand(s *Sentence, cd *cand) []*cand {
	if cd.srcIdx < 0 {
		return []*cand{cd}
	}
	var group []int
	i := cd.srcIdx
	for i >= 0 {
		group = append([]int{i}, group...)
		i = s.Actors[i].Conjoined
	}
	// Parties joined after the subject: "Iran and Pakistan" found from "Pakistan".
	for j := cd.srcIdx + 1; j < len(s.Actors) && s.Actors[j].Conjoined == j-1 && s.Actors[j].End <= cd.trig.Start; j++ {
		group = append(group, j)
	}
	if len(group) < 2 && s.parsed != nil {
		for _, j := range s.parsed.coordinated(s, cd.srcIdx) {
			if s.Actors[j].End <= cd.trig.Start {
				if !slices.Contains(group, j) {
					group = append(group, j)
				}
			}
		}
		sort.Ints(group)
	}
	if len(group) < 2 {
		return []*cand{cd}
	}
	for _, gi := range group {
		if c := s.Actors[gi].Country; c != "" && c == cd.ev.Target.Country {
			// "Israel and Lebanon renewed talks on an Israeli pullback": the
			// parties act on each other.
			cd.ev.Target, cd.tgtIdx = event.Actor{}, -1
		}
	}
	if cd.ev.Target.Country != "" && reciprocalRoots[cd.ev.CAMEO[:2]] {
		for i := range s.Actors {
			m := &s.Actors[i]
			if m.Kind == actors.KindCapital && (m.FollowsPrep == "in" || m.FollowsPrep == "at") && m.Text == cd.ev.Target.Text {
				// "Sudan and Chad met in Doha", "… signed a truce in
				// Doha": Doha is where, not with whom.
				cd.ev.Target, cd.tgtIdx = event.Actor{}, -1
			}
		}
	}
	if cd.ev.Target.Country == "" && cd.ev.Target.Agent == "" && !reciprocal(cd.ev.CAMEO) && !eachOther(s, cd) {
		// "Turkey and Qatar condemned the raid": each did it, neither to
		// the other.
		var out []*cand
		for _, gi := range group {
			n := *cd
			n.srcIdx = gi
			n.ev.Source = actorOf(&s.Actors[gi])
			out = append(out, &n)
		}
		return out
	}
	var out []*cand
	for _, gi := range group {
		for _, gj := range group {
			if gi == gj && cd.ev.Target.Country == "" && cd.ev.Target.Agent == "" {
				continue
			}
			n := *cd
			n.srcIdx = gi
			n.ev.Source = actorOf(&s.Actors[gi])
			if cd.ev.Target.Country == "" && cd.ev.Target.Agent == "" {
				if gi == gj {
					continue
				}
				if len(group) > 2 && gi != group[0] && gj != group[0] {
					// "the leaders of A, B, C and D signed a pact": the
					// first named and each of the others, both ways, not
					// every pair of a summit's table.
					continue
				}
				n.ev.Target, n.tgtIdx = actorOf(&s.Actors[gj]), gj
				out = append(out, &n)
				continue
			}
			if n.ev.Source.Country != "" && n.ev.Source.Country == n.ev.Target.Country && s.Actors[gi].Conjoined >= 0 || n.ev.Source.Code == n.ev.Target.Code {
				break
			}
			out = append(out, &n)
			break
		}
	}
	return out
}

// eachOther reports an act the parties of a joint subject did to each
// other ("accused each other of violating the truce", "blamed one
// another"): within the few words after the verb, in its clause.
func eachOther(s *Sentence, cd *cand) bool {
	toks := s.Tokens
	for k := cd.trig.Start + 1; k+1 < len(toks) && k <= cd.trig.Start+4; k++ {
		if toks[k].Punct {
			return false
		}
		if toks[k].Norm == "each" && toks[k+1].Norm == "other" || toks[k].Norm == "one" && toks[k+1].Norm == "another" {
			return true
		}
	}
	return false
}

// inheritFrom gives cd the source of the sentence's last verb event
// ("attacked X and killed Y", "…, killing two").
func inheritFrom(cd *cand, local []*cand) {
	for j := len(local) - 1; j >= 0; j-- {
		if !local[j].noun {
			cd.ev.Source = local[j].ev.Source
			cd.srcIdx = local[j].srcIdx
			return
		}
	}
}

// subject finds the actor doing trigger ti: the nearest actor before it in
// its clause; across an earlier verb of the same sentence the subject is
// shared ("Pakistan withdrew …, refused … and launched …").
func subject(s *Sentence, trigs []Trigger, ti int, local []*cand) int {
	tr := trigs[ti]
	toks := s.Tokens
	if i := pronounSubject(s, tr.Start); i != -1 {
		return i
	}
	best := -1
	for i := len(s.Actors) - 1; i >= 0; i-- {
		m := &s.Actors[i]
		if m.Start >= tr.Start {
			continue
		}
		for tj := ti - 1; tj >= 0; tj-- {
			if o := trigs[tj]; o.Pattern.Kind != "noun" && o.Start < m.End && m.Start < o.End && len(local) > 0 {
				// The actor is part of an earlier verb's pattern ("withdrew its
				// ambassador"): this verb shares that one's subject.
				return inheritSource
			}
		}
		if m.End > tr.Start {
			// The pattern begins inside the actor ("missiles hit" in
			// "Iranian missiles and drones hit"): the actor is the subject.
			if usable(m) && !m.Unresolved {
				return i
			}
			continue
		}
		if onlyCoordination(toks, m.End, tr.Start) {
			for tj := ti - 1; tj >= 0; tj-- {
				if o := trigs[tj]; o.Pattern.Kind != "noun" && o.End <= m.Start && len(local) > 0 {
					// "killed one soldier and wounded two": the victim of the
					// first verb does not do the second.
					return inheritSource
				}
			}
		}
		// Is there a clause break, a relative pronoun or a verb between?
		for k := m.End; k < tr.Start; k++ {
			w := toks[k].Norm
			if (w == "which" || w == "who") && k > 0 && toks[k-1].Text == "," && k-1 == m.End {
				// "Islamabad, which decried …": the antecedent is the subject.
				if usable(m) {
					return i
				}
			}
			if clauseBreak[w] || w == "which" || w == "who" || w == "that" {
				return best
			}
			for tj := ti - 1; tj >= 0; tj-- {
				if trigs[tj].Start == k && trigs[tj].Pattern.Kind != "noun" {
					if len(local) > 0 {
						return inheritSource
					}
					return best
				}
			}
		}
		if !usable(m) || m.FollowsPrep != "" && m.FollowsPrep != "by" || m.Placeish || m.InParen {
			continue
		}
		if a := appositiveHead(s, m, tr.Start); a >= 0 {
			// "Pakistan, a key U.S. ally, has refused": the head, not the
			// actor inside the apposition.
			return a
		}
		if m.Unresolved && best < 0 {
			best = i
			continue
		}
		if m.Conjoined >= 0 || !m.Unresolved {
			return i
		}
	}
	return best
}

func usable(m *actors.Mention) bool { return !m.Modifier }

// onlyCoordination reports that tokens [a, b) are just "and", "," or "then".
func onlyCoordination(toks []text.Token, a, b int) bool {
	if a >= b {
		return false
	}
	for k := a; k < b; k++ {
		switch toks[k].Norm {
		case "and", ",", "then", "but":
		default:
			return false
		}
	}
	return true
}

var pronouns = map[string]bool{"it": true, "they": true, "he": true, "she": true, "we": true}

// verbFill may stand between a pronoun subject and its verb.
var verbFill = map[string]bool{"will": true, "would": true, "could": true, "can": true, "may": true,
	"might": true, "should": true, "must": true, "has": true, "have": true, "had": true, "is": true,
	"are": true, "was": true, "were": true, "be": true, "been": true, "not": true, "also": true,
	"to": true, "prepared": true, "ready": true, "willing": true, "going": true, "about": true,
	"planning": true, "plans": true, "intends": true, "wants": true, "hoped": true, "hopes": true,
	"still": true, "now": true, "soon": true, "again": true, "already": true, "never": true, "n't": true}

// speakers' verbs introduce what a party says it does: "Nigeria announced
// that it will withdraw …", "Iraq said it would allow …".
var sayVerbs = map[string]bool{"said": true, "says": true, "announced": true, "announces": true,
	"stated": true, "declared": true, "claimed": true, "claims": true, "insisted": true, "warned": true,
	"added": true, "told": true, "promised": true, "pledged": true, "vowed": true, "confirmed": true,
	"indicated": true, "signalled": true, "signaled": true, "threatened": true, "hinted": true}

// pronounSubject resolves a pronoun subject of the verb at token v to the
// party that said it ("Nigeria announced that it will withdraw"): the index
// of that actor, or -1 when the verb has no such subject.
func pronounSubject(s *Sentence, v int) int {
	toks := s.Tokens
	k := v - 1
	for k >= 0 && verbFill[toks[k].Norm] {
		k--
	}
	if k < 1 || !pronouns[toks[k].Norm] {
		return -1
	}
	j := k - 1
	if j >= 0 && toks[j].Norm == "that" {
		j--
	}
	if j < 0 || !sayVerbs[toks[j].Norm] {
		return -1
	}
	for i := len(s.Actors) - 1; i >= 0; i-- {
		m := &s.Actors[i]
		if m.End <= j && !m.Modifier && (m.FollowsPrep == "" || m.FollowsPrep == "by") && !m.Placeish {
			return i
		}
	}
	return -1
}

// auxiliaries may stand between a subject and its verb.
var auxiliaries = map[string]bool{"has": true, "have": true, "had": true, "will": true, "would": true,
	"is": true, "was": true, "are": true, "were": true, "also": true, "again": true, "has_been": true,
	"now": true, "then": true, "today": true, "yesterday": true, "on": true, "later": true, "been": true}

// appositiveHead returns the actor before an apposition that mention m
// sits in ("Pakistan, a key U.S. ally in the war, has refused"), or -1.
func appositiveHead(s *Sentence, m *actors.Mention, verb int) int {
	toks := s.Tokens
	// A comma closes the apposition after m, then only auxiliaries.
	closeAt := -1
	for k := m.End; k < verb; k++ {
		if toks[k].Text == "," {
			closeAt = k
			continue
		}
		if closeAt >= 0 && !auxiliaries[toks[k].Norm] && !isWeekday(toks[k].Norm) {
			return -1
		}
	}
	if closeAt < 0 {
		return -1
	}
	// A comma opens it before m, right after an actor.
	for k := m.Start - 1; k > 0; k-- {
		if toks[k].Text == "," {
			for i := range s.Actors {
				a := &s.Actors[i]
				if a.End == k && !a.Modifier && a.FollowsPrep == "" {
					return i
				}
			}
			return -1
		}
		if toks[k].Punct {
			return -1
		}
	}
	return -1
}

func isWeekday(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}

// object finds the target of a verb trigger: the first actor after it in
// its clause, stopping at another trigger.
func object(s *Sentence, trigs []Trigger, ti int, src int) int {
	if i := objectOf(s, trigs, ti, src, false); i >= 0 {
		return i
	}
	// "recalled its ambassador to Morocco": with nothing else, the post is
	// the target.
	return objectOf(s, trigs, ti, src, true)
}

func objectOf(s *Sentence, trigs []Trigger, ti int, src int, modifiers bool) int {
	tr := trigs[ti]
	toks := s.Tokens
	next := len(toks)
	for tj := ti + 1; tj < len(trigs); tj++ {
		o := trigs[tj]
		if o.Pattern.Kind == "noun" {
			continue
		}
		if o.Start >= 1 && toks[o.Start-1].Norm == "to" && o.Start-1 <= tr.End+1 {
			// "pledged to expel X": the verb it governs does not end its
			// object; X is what was pledged about.
			continue
		}
		next = o.Start
		break
	}
	for i := range s.Actors {
		m := &s.Actors[i]
		if m.Start < tr.HeadEnd || i == src {
			continue
		}
		if m.Start >= next {
			return -1
		}
		if brokenBetween(toks, tr.HeadEnd, m.Start) || reportingTail(toks, tr.HeadEnd, m.Start) {
			return -1
		}
		if m.Modifier && !modifiers || m.Unresolved || m.PrecededByBy || m.InParen {
			continue
		}
		if newSubject(s, trigs, m) {
			// "… remained mum and Russia's ambassador said …": the subject
			// of the next clause, not this verb's object.
			return -1
		}
		if src >= 0 && s.Actors[src].Code() == m.Code() && m.Country != "" {
			continue
		}
		return i
	}
	return -1
}

// newSubject reports an actor that opens a coordinated clause: after "and"
// or "but", and followed by its own verb.
func newSubject(s *Sentence, trigs []Trigger, m *actors.Mention) bool {
	toks := s.Tokens
	if m.Start == 0 || m.End >= len(toks) {
		return false
	}
	if w := toks[m.Start-1].Norm; w != "and" && w != "but" {
		return false
	}
	// Its verb may follow a few words on: "Russia's UN ambassador said".
	for k := m.End; k < len(toks) && k <= m.End+3; k++ {
		if toks[k].Punct {
			return false
		}
		if sayVerbs[toks[k].Norm] {
			return true
		}
		for _, t := range trigs {
			if t.Start == k && t.Pattern.Kind != "noun" {
				return true
			}
		}
	}
	return false
}

// brokenBetween reports a clause boundary between tokens a and b.
func brokenBetween(toks []text.Token, a, b int) bool {
	for k := a; k < b; k++ {
		w := toks[k].Norm
		if w == "as" && k > 0 && asPreposition(toks[k-1].Norm) {
			continue // "described as", "such as", "known as": no new clause
		}
		if w == "(" || clauseBreak[w] && w != "however" {
			return true
		}
		if (w == "which" || w == "who") && k > 0 && toks[k-1].Text == "," {
			return true
		}
		if w == "according" {
			return true
		}
		if w == "," && k+1 < b && k+1 < len(toks) && (strings.HasSuffix(toks[k+1].Norm, "ed") && !text.Capitalised(toks[k+1].Text) || strings.HasSuffix(toks[k+1].Norm, "ing")) {
			// ", expected to be joined by …", ", killing …": a new clause.
			return true
		}
	}
	return false
}

// asPreposition reports a word after which "as" introduces a description
// ("described as", "such as", "known as"), not a clause.
func asPreposition(prev string) bool {
	switch prev {
	case "such", "known", "seen", "well", "described", "regarded", "identified", "branded", "labelled", "labeled", "designated", "listed", "named":
		return true
	}
	return false
}

// reportVerbs end a sentence as its attribution: ", the White House said".
var reportVerbs = map[string]bool{"said": true, "says": true, "announced": true, "confirmed": true,
	"told": true, "reported": true, "added": true, "stated": true, "declared": true, "noted": true,
	"explained": true, "according": true, "quoted": true, "disclosed": true, "revealed": true}

// reportingTail reports whether the actor at token b sits in a trailing
// attribution clause that begins after a comma between a and b.
func reportingTail(toks []text.Token, a, b int) bool {
	for k := a; k < b; k++ {
		if toks[k].Text != "," {
			continue
		}
		for j := k + 1; j < len(toks) && j <= k+9; j++ {
			if reportVerbs[toks[j].Norm] {
				return true
			}
			if toks[j].Punct && toks[j].Text != "." {
				break
			}
		}
	}
	return false
}

// lightVerbs frame a noun that names the act: "announced a suspension",
// "carried out strikes", "staged a protest".
var lightVerbs = map[string]bool{"announced": true, "announces": true, "ordered": true, "orders": true,
	"imposed": true, "imposes": true, "launched": true, "launches": true, "declared": true, "declares": true,
	"staged": true, "stages": true, "held": true, "holds": true, "began": true, "begins": true,
	"started": true, "starts": true, "made": true, "makes": true, "issued": true, "issues": true,
	"carried": true, "conducted": true, "conducts": true, "mounted": true, "unleashed": true,
	"resumed": true, "resumes": true, "continued": true, "continues": true, "stepped": true,
	"intensified": true, "approved": true, "approves": true, "signed": true, "offered": true}

// lightVerbBefore reports a framing verb up to four words before the noun
// at i, with only articles and modifiers between.
func lightVerbBefore(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if toks[k].Punct {
			return false
		}
		if lightVerbs[toks[k].Norm] {
			return true
		}
	}
	return false
}

// nounSource finds who did a noun trigger: "Iran's attack", "Pakistani
// air strikes", "the attack by X".
func nounSource(s *Sentence, tr Trigger) int {
	toks := s.Tokens
	for i := range s.Actors {
		m := &s.Actors[i]
		if m.Start < tr.Start && m.End > tr.Start && !m.Unresolved && !m.Modifier {
			// The noun is inside the actor: "Iranian missiles and drones hit".
			return i
		}
		if m.End <= tr.Start && m.End >= tr.Start-2 && (m.Possessive || m.Kind == actors.KindAdj) && !m.Unresolved {
			ok := true
			for k := m.End; k < tr.Start; k++ {
				if toks[k].Punct || functionWord(toks[k].Norm) {
					ok = false
				}
			}
			if ok {
				return i
			}
		}
	}
	for k := tr.End; k < len(toks) && k < tr.End+3; k++ {
		if toks[k].Norm == "by" {
			return mentionAt(s, k+1, 3)
		}
	}
	return -1
}

// nounTarget finds on whom a noun trigger fell: "strikes on X", "attack
// against X", "the killing of X", possibly through a few words ("strikes on
// terrorist hideouts of the BLA").
func nounTarget(s *Sentence, tr Trigger, src int) int {
	toks := s.Tokens
	for k := tr.End; k < len(toks) && k < tr.End+3; k++ {
		if targetPreps[toks[k].Norm] {
			for i := range s.Actors {
				m := &s.Actors[i]
				if m.Start > k && m.Start <= k+7 && i != src && !m.Unresolved && !m.Modifier && !brokenBetween(toks, k, m.Start) {
					return i
				}
			}
			return -1
		}
	}
	return -1
}

// betweenParties returns the two parties named right after "between"
// following a noun trigger ("clashes between X and Y"), or -1, -1.
func betweenParties(s *Sentence, tr Trigger) (int, int) {
	toks := s.Tokens
	for k := tr.End; k < len(toks) && k < tr.End+2; k++ {
		if toks[k].Norm != "between" {
			continue
		}
		i := mentionAt(s, k+1, 2)
		if i < 0 || s.Actors[i].Unresolved {
			return -1, -1
		}
		g := group(s, i)
		if len(g) < 2 && s.parsed != nil {
			g = s.parsed.coordinated(s, i)
		}
		for _, j := range g {
			if j > i && !s.Actors[j].Unresolved && s.Actors[j].Code() != s.Actors[i].Code() {
				return i, j
			}
		}
		return -1, -1
	}
	return -1, -1
}

func functionWord(w string) bool {
	switch w {
	case "the", "a", "an", "and", "or", "of", "in", "on", "to", "said", "was", "were", "has", "had", "have", "is", "are", "by":
		return true
	}
	return false
}

// mentionAt returns the actor starting within n tokens from token k.
func mentionAt(s *Sentence, k, n int) int {
	for i := range s.Actors {
		m := &s.Actors[i]
		if m.Start >= k && m.Start < k+n && !m.Modifier {
			return i
		}
	}
	return -1
}

func irregularParticiple(w string) bool {
	switch w {
	case "hit", "shot", "struck", "killed", "taken", "held", "seized", "beaten", "caught", "sent",
		"brought", "driven", "thrown", "hurt", "bombed", "shelled", "attacked", "arrested", "kidnapped",
		"slain", "expelled", "forced", "freed", "released", "met", "told", "given", "withdrawn", "overrun":
		return true
	}
	return false
}

func actorOf(m *actors.Mention) event.Actor {
	return event.Actor{Text: m.Text, Country: m.Country, Agent: m.Agent, Code: event.MakeCode(m.Country, m.Agent), Group: m.Group}
}

func negated(toks []text.Token, tr Trigger) bool {
	for k := tr.Start - 1; k >= 0 && k >= tr.Start-3; k-- {
		if toks[k].Punct {
			return false
		}
		if negations[toks[k].Norm] {
			return true
		}
	}
	return false
}

// claimed reports whether an act is told as someone's claim. Acts that are
// themselves speech (statements, appeals, accusations, threats) are not.
func claimed(s *Sentence, tr Trigger, root string) bool {
	switch root {
	case "01", "02", "03", "10", "11", "12", "13":
		return false
	}
	toks := s.Tokens
	for k, t := range toks {
		if k >= tr.Start && k < tr.End || !reporting[t.Norm] {
			continue
		}
		if k < tr.Start && conjoinedVerbAt(s, k, tr) {
			// "blamed Russia for the attack and expelled its diplomats":
			// the expulsion is told as done, not as alleged.
			continue
		}
		if t.Norm == "according" {
			if k+1 < len(toks) && toks[k+1].Norm == "to" {
				return true
			}
			continue
		}
		if k < tr.Start || attributionAt(toks, tr.End, k) {
			return true
		}
	}
	return false
}

// attributionAt reports whether the reporting word at k, after the act,
// heads a trailing attribution (", officials said"), not a relative
// clause of its own (", which Tehran implied was a base").
func attributionAt(toks []text.Token, from, k int) bool {
	for j := k - 1; j >= from; j-- {
		switch toks[j].Norm {
		case "which", "who", "that", "whom", "whose", "where":
			return false
		case ",", ";", "(":
			return toks[j].Norm == "," && k-j <= 9
		}
	}
	return false
}

// date gives the event the date expression nearest its trigger.
func (c *Coder) date(a event.Article, s *Sentence, cd *cand, at int) {
	best, bestDist := -1, 1<<30
	for _, d := range s.Dates {
		written := strings.ToLower(text.Slice(s.Text, d.Start, d.End))
		if d.End <= at && (followedBy(s, d.End, "after", "before") || strings.HasSuffix(written, " after") || strings.HasSuffix(written, " before")) {
			// "…, a day after Hezbollah fired rockets": the date belongs
			// to the main clause; this act's own day is not said.
			cd.ev.Date = a.Published.Format("2006-01-02")
			cd.ev.DatePrecision = "unknown"
			return
		}
	}
	published := a.Published.Format("2006-01-02")
	aside := asides(s.Tokens, len(s.Tokens))
	trigAside := cd.trig.Start < len(aside) && aside[cd.trig.Start]
	for i, d := range s.Dates {
		if deadline(s, d) || d.Future || d.Date.Format("2006-01-02") > published {
			// "stay until December", "double trade by 2030", "will meet
			// next month": when something is due is not when this was
			// said, agreed or threatened.
			continue
		}
		if k := tokenAt(s, d.Start); k < len(aside) && aside[k] && !trigAside || attributiveDate(s, d) || s.parsed.inOtherRelative(k, cd.trig.Start) {
			// "ECOWAS, which Niger left a year ago, expressed concern",
			// "condemned a breach of an accord the two signed in 2023":
			// the aside's or relative clause's time is not the act's; nor
			// is "the November 2024 ceasefire" a time, but the name of a
			// thing.
			continue
		}
		dist := d.Start - at
		if dist < 0 {
			dist = -dist + 2 // prefer what follows the verb a little less
		} else if d.Start < at {
			dist = at - d.End
		}
		if d.End <= at {
			dist = at - d.End
		}
		if dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		cd.ev.Date = a.Published.Format("2006-01-02")
		cd.ev.DatePrecision = "unknown"
		return
	}
	d := s.Dates[best]
	cd.ev.Date = d.Date.Format("2006-01-02")
	cd.ev.DatePrecision = d.Precision
	cd.ev.DateConflict = d.Conflict
}

// inheritDate dates an act whose sentence says no time by the day of the
// last act told in the sentence just before: news tells one day's
// happenings in a run of sentences ("Gunmen stormed the post on Saturday.
// The attackers set fire to the barracks.").
func inheritDate(cd *cand, s *Sentence, prior []*cand) {
	if len(prior) == 0 {
		return
	}
	o := prior[len(prior)-1]
	if o.sent == nil || o.sent.Index != s.Index-1 || o.ev.DatePrecision != "day" {
		return
	}
	cd.ev.Date, cd.ev.DatePrecision = o.ev.Date, "day"
}

// attributiveDate reports a date written as a modifier of the noun after
// it ("the November 2024 ceasefire", "a 2018 peace deal").
func attributiveDate(s *Sentence, d DateRef) bool {
	k, e := tokenAt(s, d.Start), tokenAt(s, d.End)
	if k == 0 || k >= len(s.Tokens) || e >= len(s.Tokens) {
		return false
	}
	switch s.Tokens[k-1].Norm {
	case "the", "a", "an", "its", "their", "his", "her", "this", "that":
	default:
		return false
	}
	if p := s.parsed; p != nil && e < len(p.node) && p.node[e] >= 0 {
		return p.t[p.node[e]].Tag == syntax.NOUN
	}
	return false
}

// deadline reports a date expression that sets a limit rather than a
// time: "until December", "by 2030", "within two months".
func deadline(s *Sentence, d DateRef) bool {
	k := tokenAt(s, d.Start)
	if k >= len(s.Tokens) {
		return false
	}
	switch s.Tokens[k].Norm {
	case "until", "till", "by", "within":
		return true
	}
	if k == 0 {
		return false
	}
	switch s.Tokens[k-1].Norm {
	case "until", "till", "by", "within":
		return true
	}
	return false
}

// followedBy reports whether the word right after code point r is one of ws.
func followedBy(s *Sentence, r int, ws ...string) bool {
	k := tokenAt(s, r)
	return k < len(s.Tokens) && slices.Contains(ws, s.Tokens[k].Norm)
}

// place gives the event the place named nearest after its trigger, else
// before it.
func place(s *Sentence, cd *cand, at int) {
	best, bestDist := -1, 1<<30
	trigEnd := s.Tokens[cd.trig.End-1].End
	for i, p := range s.Places {
		if capitalAsParty(s, cd, p.Start) {
			// "Yerevan condemned …", "Moscow accused Kyiv of …": a
			// capital standing for its government is a party, not where
			// the act happened.
			continue
		}
		if p.Start >= trigEnd && (inAttribution(s, trigEnd, p.Start) || brokenBetweenRunes(s, trigEnd, p.Start)) {
			// "…, officials in Bangkok said": where it was said, not done;
			// "… after strikes in Baluchistan": where another thing was done.
			continue
		}
		dist := p.Start - at
		if dist < 0 {
			dist = 3*(-dist) + 10
		}
		if dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best >= 0 {
		loc := s.Places[best].Location
		cd.ev.Location = &loc
	}
}

// capitalAsParty reports that code point r lies in the event's source, a
// capital standing for its government, or in its target when that is a
// capital and the act is words, not force ("Moscow accused Kyiv", but
// "missiles struck Kyiv" happened there).
func capitalAsParty(s *Sentence, cd *cand, r int) bool {
	in := func(i int) bool {
		if i < 0 || i >= len(s.Actors) {
			return false
		}
		m := &s.Actors[i]
		if placePreps[m.FollowsPrep] || m.Start > 0 && placePreps[s.Tokens[m.Start-1].Norm] {
			return false // "journalists working in Riga", "marched through Nairobi": a place
		}
		return m.Kind == actors.KindCapital && m.RuneStart <= r && r < m.RuneEnd
	}
	return in(cd.srcIdx) || in(cd.tgtIdx) && cd.ev.CAMEO < "15"
}

// placePreps before a capital make it a place ("in Kyiv", "the city of
// Tirana", "marched through Nairobi").
var placePreps = map[string]bool{"in": true, "at": true, "near": true, "of": true, "outside": true,
	"through": true, "across": true, "into": true, "around": true, "inside": true, "within": true}

// inAttribution reports whether code point b lies in a trailing attribution
// clause that starts after code point a.
func inAttribution(s *Sentence, a, b int) bool {
	ta, tb := tokenAt(s, a), tokenAt(s, b)
	return tb < len(s.Tokens) && ta < tb && reportingTail(s.Tokens, ta, tb)
}

func confidence(cd *cand) float64 {
	c := 0.5
	if cd.ev.Source.Country != "" {
		c += 0.15
	}
	if cd.ev.Target.Country != "" {
		c += 0.15
	}
	if len(cd.trig.Pattern.Elements) > 1 {
		c += 0.1
	}
	if cd.ev.DatePrecision == "day" {
		c += 0.05
	}
	if c > 0.95 {
		c = 0.95
	}
	return c
}

// resolveSentence fills what a sentence's events lack from the article:
// a back-reference ("the attack") hands its deaths and place to the event
// it names and gives its perpetrator as the target of reactions in the
// same sentence; deaths with no event of their own go to the latest
// violent event; a missing target falls back to the article's counterpart.
func (c *Coder) resolveSentence(s *Sentence, local []*cand, events []*cand, salience []string) (extra []*cand) {
	var ref *cand
	for _, cd := range local {
		if cd.anaphor {
			ref = latestViolent(events, cd.ev.CAMEO[:2])
		}
	}
	hasViolent := false
	for _, cd := range local {
		if !cd.anaphor && violent(cd.ev.CAMEO) && (cd.ev.Source.Country != "" || cd.ev.Source.Agent != "" || cd.victim && cd.ev.Target.Country != "") {
			hasViolent = true
		}
	}
	// "nine people died when Turkish jets bombed villages": the deaths are
	// the bombing's, not a happening of their own.
	for _, v := range local {
		if !v.victim || v.ev.Source.Country != "" || v.ev.Source.Agent != "" {
			continue
		}
		for _, o := range local {
			if o != v && !o.victim && !o.anaphor && violent(o.ev.CAMEO) && o.ev.Source.Country != "" {
				v.anaphor = true // folded into o
				break
			}
		}
	}
	for _, cd := range local {
		if cd.anaphor || violent(cd.ev.CAMEO) && !cd.victim {
			continue
		}
		if e := &cd.ev; e.CAMEO < "14" && e.Target.Country == e.Source.Country && e.Target.Agent == "" && e.Source.Agent != "" || selfPlace(s, cd) {
			// "Israel's minister warned that Israel would respond": the
			// country in the clause is the speaker's own, not the target.
			e.Target = event.Actor{}
		}
		if cd.ev.Target.Country != "" || cd.ev.Target.Agent != "" || cd.ev.Source.Country == "" && cd.ev.Source.Agent != "IGO" && cd.ev.Source.Agent != "NGO" {
			continue
		}
		if ref != nil && ref.ev.Source.Country != "" && ref.ev.Source.Country != cd.ev.Source.Country {
			cd.ev.Target = ref.ev.Source
			continue
		}
		if cd.victim {
			continue
		}
		if ts, told := toldBefore(s, cd, events); len(ts) > 0 {
			// "Rwanda welcomed the agreement": the parties to the
			// agreement signed before; "rejected the sanctions" that
			// Britain and Canada imposed: each of them.
			cd.ev.Target = ts[0]
			if cd.ev.CAMEO == "030" && strings.HasPrefix(s.Tokens[cd.trig.Start].Norm, "accept") && (told.ev.CAMEO == "039" || strings.HasPrefix(told.ev.CAMEO, "045")) {
				// "accepted the offer" of mediation: CAMEO's own code.
				if v, ok := c.Table.Lookup("038"); ok {
					setCode(&cd.ev, v)
				}
			}
			cd.ev.Confidence -= 0.1
			extra = append(extra, toEach(cd, ts[1:])...)
			continue
		}
		var before []*cand // this sentence's acts told before cd ("Qatar welcomed the deal and Saudi Arabia also welcomed it")
		for _, o := range append(local[:len(local):len(local)], extra...) {
			if o != cd && o.trig.End <= cd.trig.Start {
				before = append(before, o)
			}
		}
		if ts := alsoDid(s, cd, append(events[:len(events):len(events)], before...)); len(ts) > 0 {
			// "Uganda also welcomed it": the act told before by another,
			// done to the same parties.
			cd.ev.Target = ts[0]
			cd.ev.Confidence -= 0.2
			extra = append(extra, toEach(cd, ts[1:])...)
			continue
		}
		if t, ok := continued(s, cd, events); ok {
			// "It also claimed to have seized weapons": a pronoun doer
			// carries the story on, and what it did went to whom its
			// last act went to.
			cd.ev.Target = t
			cd.ev.Confidence -= 0.2
			continue
		}
		if mediation(cd.ev.CAMEO) || hostsTalks(s, cd) {
			// "Togo offered to mediate": between the story's two sides.
			if a, b := storyPair(events, salience); a != "" && b != "" && cd.ev.Source.Country != a && cd.ev.Source.Country != b &&
				(mediation(cd.ev.CAMEO) || !actedWith(events, cd.ev.Source.Country, a, b)) {
				if !mediation(cd.ev.CAMEO) {
					// "Brazil offered to host talks": a third party hosting
					// the two sides' talks mediates.
					mc := "045"
					if strings.HasPrefix(cd.ev.CAMEO, "03") {
						mc = "039"
					}
					if v, ok := c.Table.Lookup(mc); ok {
						setCode(&cd.ev, v)
					}
				}
				cd.ev.Target = event.Actor{Country: a, Code: a}
				cd.ev.Confidence -= 0.2
				n := *cd
				n.ev.Target = event.Actor{Country: b, Code: b}
				extra = append(extra, &n)
				continue
			}
		}
		if appealToSides(cd.ev.CAMEO) {
			// "Egypt called for a humanitarian truce": an appeal to yield,
			// meet or settle that names no one is made to the sides of the
			// civil conflict the story tells.
			if x, _, ok := civilSides(events); ok && x.Country != cd.ev.Source.Country {
				cd.ev.Target = event.Actor{Country: x.Country, Code: x.Country}
				cd.ev.Confidence -= 0.2
				continue
			}
		}
		// The other party of the story: "Pakistan withdrew its ambassador"
		// in a story about Pakistan and Iran was done to Iran.
		a, b := storyPair(events, salience)
		other := ""
		switch cd.ev.Source.Country {
		case a:
			other = b
		case b:
			other = a
		}
		if other != "" && namesCountry(s, other) && !joinedWith(s, cd.srcIdx, other) {
			cd.ev.Target = event.Actor{Country: other, Code: other}
			cd.ev.Confidence -= 0.2
		}
	}
	placeTargets(s, local)
	// Deaths last, once every act has its target.
	// Deaths go to the sentence's violent event, else to the one referred to.
	if len(s.Deaths) > 0 {
		d := s.Deaths[0]
		f := &event.Fatalities{Min: d.Min, Max: d.Max}
		// The violent act told nearest before the count ("struck …,
		// killing four") is the one that killed; others in the sentence
		// ("a day after Hezbollah fired rockets") did not.
		var best *cand
		bestDist := 1 << 30
		for _, cd := range local {
			if cd.anaphor || !violent(cd.ev.CAMEO) || cd.ev.Fatalities != nil || cd.ev.Source.Country == "" && cd.ev.Target.Country == "" {
				continue
			}
			if !c.kept(cd) {
				continue // it will not be output ("…, killing two soldiers" folds into the shelling)
			}
			dist := d.Start - s.Tokens[cd.trig.Start].Start
			if dist < 0 {
				dist = -dist * 4 // a count before the act is a weaker tie
			}
			if dist < bestDist {
				best, bestDist = cd, dist
			}
		}
		attached := best != nil
		if best != nil {
			best.ev.Fatalities = f
		}
		if !attached && !hasViolent {
			target := ref
			for _, cd := range local {
				if target == nil && cd.foldedInto != nil {
					target = cd.foldedInto // "at least four were killed": by the act they fold into
				}
			}
			if target == nil {
				target = latestViolent(events, "")
			}
			if target != nil && target.ev.Fatalities == nil {
				target.ev.Fatalities = f
			}
		}
	}
	placeTargets(s, local)
	protestTargets(local)
	repressionTargets(local)
	releasedTargets(local)
	return extra
}

// releasedTargets: prisoners a state frees without a word of whose they
// are ("freed more than 3,000 prisoners under an amnesty") are its own
// people.
func releasedTargets(local []*cand) {
	for _, cd := range local {
		e := &cd.ev
		if cd.anaphor || !strings.HasPrefix(e.CAMEO, "084") || e.Source.Country == "" || e.Target.Country != "" || e.Target.Agent != "" {
			continue
		}
		switch e.Source.Agent {
		case "GOV", "MIL", "COP", "JUD":
		default:
			continue
		}
		e.Target = event.Actor{Country: e.Source.Country, Agent: "CVL", Code: e.Source.Country + "CVL"}
		e.Confidence -= 0.1
	}
}

// repressionTargets: tear gas, rubber bullets and baton charges (175),
// curfews, states of emergency and bans (172), and threats of them (132,
// 137), that name no one they were aimed at were aimed at the state's own
// people.
func repressionTargets(local []*cand) {
	for _, cd := range local {
		e := &cd.ev
		if cd.anaphor || !repression(e.CAMEO) || e.Source.Country == "" || e.Target.Country != "" || e.Target.Agent != "" {
			continue
		}
		switch e.Source.Agent {
		case "", "GOV", "MIL", "COP", "JUD", "SPY":
		default:
			continue // a state's own measures only
		}
		e.Target = event.Actor{Country: e.Source.Country, Agent: "CVL", Code: e.Source.Country + "CVL"}
		e.Confidence -= 0.1
	}
}

// toldBefore returns, for an act on a definite object that is no party
// ("welcomed the agreement", "rejected the sanctions"), a party of the
// earlier event whose pattern named that thing ("signed a ceasefire
// agreement", "imposed sanctions"): its doer, or the one it was done to
// when the doer is the one acting now.
func toldBefore(s *Sentence, cd *cand, events []*cand) ([]event.Actor, *cand) {
	k := cd.object
	if k < 0 || k >= len(s.Tokens) || !definite(s, k) {
		return nil, nil
	}
	word := kindOfThing(s.Tokens[k].Norm)
	for i := len(events) - 1; i >= 0; i-- {
		o := events[i]
		if o == cd || o.anaphor || o.sent == s || o.ev.Source.Country == "" && o.ev.Source.Agent == "" {
			continue // not this one, or one with no doer ("the sanctions follow …")
		}
		if word == "act" || word == "measure" {
			// "welcomed the move", "condemned the decision": the last
			// act told that was more than words, and for a measure, no
			// act of force either ("condemned the incident" may be one)
			// but closing a border may be.
			if verbalRoots[o.ev.CAMEO[:2]] || o.ev.Source.Country == cd.ev.Source.Country || word == "measure" && violent(o.ev.CAMEO) && !strings.HasPrefix(o.ev.CAMEO, "191") {
				continue
			}
		} else if word == "verdict" {
			// "condemned the verdict": the last finding of guilt,
			// arrest, jailing or other coercion told, by another party.
			if !strings.HasPrefix(o.ev.CAMEO, "17") && o.ev.CAMEO != "116" || o.ev.Source.Country == cd.ev.Source.Country {
				continue
			}
		} else if word == "violence" {
			// "condemned the attack", "concern over the shelling": the
			// last act of force told before, by another party.
			if !violent(o.ev.CAMEO) || o.ev.Source.Country == "" || sameSide(o.ev.Source, cd.ev.Source) {
				continue
			}
		} else if !namesThing(o, word) {
			continue
		}
		// The same act coded for each party ("Britain and Canada
		// imposed", "signed" both ways): every party, in the order told.
		first := i
		for first > 0 && events[first-1].sent == o.sent && events[first-1].trig.Start == o.trig.Start {
			first--
		}
		var out []event.Actor
		taken := func(a event.Actor) bool {
			if a.Country == "" || sameSide(a, cd.ev.Source) {
				return true
			}
			for _, b := range out {
				if sameSide(a, b) {
					return true
				}
			}
			return false
		}
		for _, e := range events[first : i+1] {
			if e.trig.Start != o.trig.Start || e.anaphor {
				continue
			}
			party := e.ev.Source
			if taken(party) {
				party = e.ev.Target
			}
			if !taken(party) {
				out = append(out, party)
			}
		}
		return out, o
	}
	return nil, nil
}

// nonState are the agents that fight or act against their own country's
// state: an attack by them is another party's to a government that
// condemns it.
var nonState = map[string]bool{"REB": true, "UAF": true, "CRM": true, "INS": true, "SEP": true, "OPP": true}

// forceWords say that what a threat holds out is force: "met with force",
// "respond militarily", "military action", "retaliate".
var forceWords = map[string]bool{"force": true, "militarily": true, "retaliate": true, "retaliation": true,
	"retaliatory": true, "war": true, "military": true, "armed": true}

// threatensForce reports a warning whose clause holds out force: one of
// forceWords after the trigger, before the clause ends ("military" and
// "armed" only before a response or action: "military action", "an armed
// response", not "the military said").
func threatensForce(toks []text.Token, tr Trigger) bool {
	for k := tr.End; k < len(toks); k++ {
		w := toks[k].Norm
		if clauseBreak[w] || w == ";" || w == "." {
			return false
		}
		if !forceWords[w] {
			continue
		}
		if w != "military" && w != "armed" {
			return true
		}
		if k+1 < len(toks) {
			switch toks[k+1].Norm {
			case "action", "response", "retaliation", "force", "means", "option", "options", "measures", "operation":
				return true
			}
		}
	}
	return false
}

// opponent is the party a told before fought with, or that used force
// on a: the other side of the last act of force in the article between
// a's side and another, or no actor.
func opponent(events []*cand, a event.Actor) event.Actor {
	for i := len(events) - 1; i >= 0; i-- {
		o := events[i].ev
		if !violent(o.CAMEO) || o.Source.Country == "" || o.Target.Country == "" {
			continue
		}
		switch {
		case sameSide(o.Source, a) && !sameSide(o.Target, a):
			return o.Target
		case sameSide(o.Target, a) && !sameSide(o.Source, a):
			return o.Source
		}
	}
	return event.Actor{}
}

// releaseCodes are demands and appeals for the release of people or
// property: they are made of whoever holds them.
var releaseCodes = map[string]bool{"1053": true, "0253": true}

// holders are the acts by which one party comes to hold another's people
// or property: seizing, arresting or detaining, abducting.
var holders = map[string]bool{"171": true, "173": true, "181": true}

// releaseHolder aims a call for release whose frame names only those to be
// freed ("demanded the men's immediate release", "called for the
// children's release", "the release of its citizens held in Israel") at
// who holds them: the country named after "held/detained/jailed in", else
// the doer of the story's latest seizure, arrest or abduction of people of
// that country (or of anyone, when their country is unknown).
func releaseHolder(s *Sentence, cd *cand, events []*cand) {
	e := &cd.ev
	if !releaseCodes[e.CAMEO] {
		return
	}
	t := e.Target
	if t.Country != "" && (domesticAgents[t.Agent] || t.Agent == "") && t.Country != e.Source.Country {
		return // the holder is named: "urged Baku to release the reporters"
	}
	for k := cd.trig.End; k+2 < len(s.Tokens); k++ {
		w := s.Tokens[k].Norm
		if w == ";" || w == "." {
			break
		}
		if (w == "held" || w == "detained" || w == "jailed" || w == "imprisoned") && s.Tokens[k+1].Norm == "in" {
			for mi := range s.Actors {
				if m := &s.Actors[mi]; m.Start == k+2 && m.Country != "" && m.Country != e.Source.Country {
					e.Target, cd.tgtIdx = event.Actor{Text: m.Text, Country: m.Country, Agent: "GOV", Code: m.Country + "GOV"}, mi
					return
				}
			}
		}
	}
	for i := len(events) - 1; i >= 0; i-- {
		o := events[i].ev
		if !holders[o.CAMEO] || o.Source.Country == "" || o.Source.Country == e.Source.Country && o.Source.Agent == e.Source.Agent {
			continue
		}
		if t.Country != "" && o.Target.Country != t.Country {
			continue
		}
		e.Target, cd.tgtIdx = o.Source, -1
		return
	}
}

// homeThreat is the doer of the last act of force told in the article by
// a group acting against the state of country (rebels, gunmen, a cartel),
// or no actor.
func homeThreat(events []*cand, country string) event.Actor {
	for i := len(events) - 1; i >= 0; i-- {
		if o := events[i].ev; violent(o.CAMEO) && o.Source.Country == country && nonState[o.Source.Agent] {
			return o.Source
		}
	}
	return event.Actor{}
}

// sameSide reports two actors on one side: the same country, unless one
// of them is a group acting against that country's state ("the
// governor condemned the attack" by a cartel).
func sameSide(a, b event.Actor) bool {
	if a.Country != b.Country {
		return false
	}
	return a.Code == b.Code || !nonState[a.Agent] && !nonState[b.Agent]
}

// kindCodes are the CAMEO codes of acts a kind of thing names: "the
// expulsions" after "ordered the diplomats to leave" (161).
var kindCodes = map[string][]string{
	"expulsion":   {"161", "174"},
	"arrest":      {"173"},
	"deportation": {"174"},
	"sanctions":   {"163"},
	"agreement":   {"057"},
	"withdrawal":  {"0874", "0356"},
	"offer":       {"03"},       // "offered to host talks", coded as the intention to meet
	"incursion":   {"15", "19"}, // aircraft entering airspace (150) or troops crossing in force
	"release":     {"0841"},
	"accusation":  {"112"},
	"criticism":   {"11", "012"}, // "rejected the criticism": whoever disapproved, accused or voiced concern
}

// namesThing reports that event o names a thing of the kind: by its code
// (see kindCodes) or by a word of its pattern.
func namesThing(o *cand, kind string) bool {
	for _, c := range kindCodes[kind] {
		if strings.HasPrefix(o.ev.CAMEO, c) {
			return true
		}
	}
	for j := 0; j+1 < len(o.trig.Spans); j += 2 {
		for t := o.trig.Spans[j]; t < o.trig.Spans[j+1] && t < len(o.sent.Tokens); t++ {
			if kindOfThing(o.sent.Tokens[t].Norm) == kind {
				return true
			}
		}
	}
	return false
}

// knownThing reports a noun that names a kind of act or thing an earlier
// sentence may have told ("the incident", "the deal", "the sanctions").
func knownThing(w string) bool {
	switch k := kindOfThing(w); k {
	case "act", "violence", "agreement", "sanctions":
		return true
	default:
		_, ok := thingKinds[k] // a kind named after its own noun ("expulsion")
		return ok
	}
}

// kindOfThing is the noun w for comparing what two sentences speak of:
// without a plural "s" ("sanctions", "sanction"), and one word for the
// nouns news uses for one agreement ("the deal", "the accord") or one set
// of penalties ("the sanctions", "the measures", "the duties").
func kindOfThing(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		w = w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		w = w[:len(w)-1]
	}
	if k, ok := thingKinds[w]; ok {
		return k
	}
	return w
}

// verbalRoots are the CAMEO roots of acts made of words: statements,
// appeals, demands, disapproval, rejections, threats.
var verbalRoots = map[string]bool{"01": true, "02": true, "10": true, "11": true, "12": true, "13": true}

// thingKinds maps the nouns (and verb forms) by which news refers back to
// something told before onto one kind: "act" (any act more than words),
// "measure" (such an act but no force), "verdict" (a coercion, such as a
// jailing),
// "violence" (an act of force), or a kind of its own ("agreement",
// "sanctions", "expulsion" …).
var thingKinds = map[string]string{
	"move": "measure", "decision": "measure", "step": "measure", "incident": "act", "action": "measure",
	// A court's acts: "condemned the verdict" after a jailing.
	"verdict": "verdict", "sentence": "verdict", "sentencing": "verdict", "conviction": "verdict", "ruling": "verdict", "jailing": "verdict",
	"provocation": "act", "escalation": "act", "aggression": "violence", "violation": "act",
	"attack": "violence", "strike": "violence", "raid": "violence", "assault": "violence",
	"shelling": "violence", "bombing": "violence", "killing": "violence", "massacre": "violence",
	"ambush": "violence", "incursion": "incursion", "clash": "violence", "shooting": "violence",
	"death": "violence", "abduction": "violence", "kidnapping": "violence",
	// A noun and the verb forms of the same act: "the expulsion" after
	// "expelled", "the arrests" after "detained".
	"expel": "expulsion", "expelled": "expulsion", "expelling": "expulsion", "expulsion": "expulsion",
	"arrest": "arrest", "arrested": "arrest", "detain": "arrest", "detained": "arrest", "detention": "arrest",
	"deport": "deportation", "deported": "deportation", "deportation": "deportation",
	"offer": "offer", "offered": "offer", "proposal": "offer", "proposed": "offer",
	"accuse": "accusation", "accused": "accusation", "accusation": "accusation", "allegation": "accusation",
	"criticism": "criticism", "criticised": "criticism", "criticized": "criticism", "condemnation": "criticism",
	"condemned": "criticism", "concern": "criticism", "censure": "criticism",
	"withdraw": "withdrawal", "withdrew": "withdrawal", "withdrawn": "withdrawal", "withdrawal": "withdrawal", "pullout": "withdrawal",
	"release": "release", "released": "release", "freed": "release",
	"closure": "closure", "closed": "closure", "ban": "ban", "banned": "ban",
	"agreement": "agreement", "deal": "agreement", "accord": "agreement", "pact": "agreement",
	"treaty": "agreement", "memorandum": "agreement",
	"sanction": "sanctions", "measure": "sanctions", "duty": "sanctions", "tariff": "sanctions",
	"penalty": "sanctions", "restriction": "sanctions",
}

// continued returns the target of the last earlier event of the doer a
// pronoun opening the sentence stands for (see memory.resolve), or of a
// doer said to act "also" ("Japan also pledged loans": to whom its last
// act went).
func continued(s *Sentence, cd *cand, events []*cand) (event.Actor, bool) {
	if cd.srcIdx < 0 {
		return event.Actor{}, false
	}
	pronoun := strings.HasPrefix(s.Actors[cd.srcIdx].Rule, corefRule)
	if !pronoun && !hasWord(s.Tokens, 0, len(s.Tokens), "also") {
		return event.Actor{}, false
	}
	src := cd.ev.Source
	for i := len(events) - 1; i >= 0; i-- {
		e := &events[i].ev
		if events[i].anaphor || events[i].sent == s || e.Source.Country != src.Country || pronoun && e.Source.Agent != src.Agent {
			continue
		}
		if e.Target.Country == "" && e.Target.Agent == "" || e.Target.Country == src.Country {
			continue
		}
		return e.Target, true
	}
	return event.Actor{}, false
}

// toEach copies cd once for each of the further targets ts.
func toEach(cd *cand, ts []event.Actor) []*cand {
	var out []*cand
	for _, t := range ts {
		n := *cd
		n.ev.Target = t
		out = append(out, &n)
	}
	return out
}

// alsoDid returns the targets of the act with cd's code that another
// party did before (in an earlier sentence, or earlier in this one), when
// cd's sentence says "also" and its object is no party ("Uganda also
// welcomed it", "Chad also condemned the strikes"), in the order told;
// else nil.
func alsoDid(s *Sentence, cd *cand, events []*cand) []event.Actor {
	if cd.srcIdx < 0 || !hasWord(s.Tokens, 0, len(s.Tokens), "also") || strings.HasPrefix(s.Actors[cd.srcIdx].Rule, corefRule) {
		return nil
	}
	for i := len(events) - 1; i >= 0; i-- {
		o := events[i]
		if o.anaphor || o == cd || o.sent == s && o.trig.End > cd.trig.Start || o.ev.CAMEO != cd.ev.CAMEO || o.ev.Target.Code == "" || sameSide(o.ev.Source, cd.ev.Source) {
			continue
		}
		var out []event.Actor
		for _, e := range events {
			if e.sent == o.sent && e.trig.Start == o.trig.Start && !e.anaphor && e.ev.Target.Code != "" && !sameSide(e.ev.Target, cd.ev.Source) &&
				!slices.ContainsFunc(out, func(a event.Actor) bool { return a.Code == e.ev.Target.Code }) {
				out = append(out, e.ev.Target)
			}
		}
		return out
	}
	return nil
}

// joinedWith reports that the country is one of the parties joined with
// mention src as one subject ("Egypt and Jordan condemned …"): they acted
// together, not on each other.
func joinedWith(s *Sentence, src int, iso string) bool {
	for _, gi := range group(s, src) {
		if s.Actors[gi].Country == iso {
			return true
		}
	}
	if p := s.parsed; p != nil && src >= 0 {
		for i := range s.Actors {
			if s.Actors[i].Country == iso && p.conjoined(s, src, i) {
				return true
			}
		}
	}
	return false
}

// datelineCountry is the country of the place in a wire dateline opening
// the article ("KABUL — ", "Nairobi, May 4 (Reuters) - "), or "".
func datelineCountry(sents []Sentence) string {
	if len(sents) == 0 {
		return ""
	}
	s := &sents[0]
	for _, p := range s.Places {
		if p.End <= s.Dateline {
			return p.Location.Country
		}
	}
	return ""
}

// namesCountry reports that the sentence names the country, as a party or
// a place ("its ambassador in Tehran"): a story's other party is a target
// only where the sentence refers to it.
func namesCountry(s *Sentence, iso string) bool {
	for i := range s.Actors {
		if s.Actors[i].Country == iso {
			return true
		}
	}
	for _, p := range s.Places {
		if p.Location.Country == iso {
			return true
		}
	}
	return false
}

// protestTargets: a protest, strike or blockade whose target is not named
// is aimed at the protesters' own government (CAMEO's convention), and so
// is one that only names where it happened in that country.
func protestTargets(local []*cand) {
	for _, cd := range local {
		e := &cd.ev
		if !strings.HasPrefix(e.CAMEO, "14") || e.Source.Country == "" || e.Source.Agent == "GOV" {
			continue
		}
		if e.Target.Country == "" && e.Target.Agent == "" || e.Target.Country == e.Source.Country && e.Target.Agent == "" {
			e.Target = event.Actor{Country: e.Source.Country, Agent: "GOV", Code: e.Source.Country + "GOV"}
		}
	}
}

// placeTargets gives an act with no target the state where it fell or took
// place: a country named as a place after the verb ("in central Iran",
// "the eastern Iranian city of"), else the country of the event's place
// ("lifted the state of emergency in West Darfur" → Sudan).
func placeTargets(s *Sentence, local []*cand) {
	for _, cd := range local {
		if cd.anaphor || cd.ev.Target.Country != "" || cd.ev.Target.Agent != "" {
			continue
		}
		at := cd.trig.Start
		for i := range s.Actors {
			m := &s.Actors[i]
			if m.Start > at && (m.Placeish || m.FollowsPrep == "in" && m.Kind == actors.KindCountry) && m.Country != "" &&
				!brokenBetween(s.Tokens, cd.trig.End, m.Start) && !hasWord(s.Tokens, cd.trig.End, m.Start, "that") {
				cd.ev.Target = event.Actor{Text: m.Text, Country: m.Country, Code: m.Country}
				break
			}
		}
		if cd.ev.Target.Country != "" {
			continue
		}
		endRune := s.Tokens[cd.trig.End-1].End
		for _, p := range s.Places {
			if p.Start < endRune || p.Location.Precision == "country" || isActorAt(s, p.Start) || brokenBetweenRunes(s, endRune, p.Start) {
				continue
			}
			cd.ev.Target = event.Actor{Country: p.Location.Country, Code: p.Location.Country}
			break
		}
	}
}

// aidTargets gives aid that names no recipient ("the EU announced 2
// million euros in humanitarian aid", "Beijing would provide emergency
// assistance") the country the story is about: in news of a disaster or a
// war, that is where the aid goes.
func aidTargets(local []*cand, story string) {
	for _, cd := range local {
		e := &cd.ev
		if cd.anaphor || e.Target.Country != "" || e.Target.Agent != "" || story == "" || e.Source.Country == story {
			continue
		}
		if e.Source.Country == "" && e.Source.Agent != "IGO" && e.Source.Agent != "NGO" {
			continue
		}
		if strings.HasPrefix(e.CAMEO, "07") || strings.HasPrefix(e.CAMEO, "033") {
			e.Target = event.Actor{Country: story, Code: story}
			e.Confidence -= 0.2
		}
	}
}

// repression reports the codes of a state's measures against its own
// people: violent repression, administrative sanctions, threats of
// repression.
func repression(code string) bool {
	return strings.HasPrefix(code, "175") || strings.HasPrefix(code, "172") || strings.HasPrefix(code, "132") || code == "137"
}

// actedWith reports whether country c did something together with a or
// b (one act, c and one of them among its doers: "The leaders of A, B, C
// and D signed …"): one of the parties, hosting talks, does not mediate.
func actedWith(events []*cand, c, a, b string) bool {
	for _, o := range events {
		if o.ev.Source.Country != c {
			continue
		}
		for _, p := range events {
			if p.sent == o.sent && p.trig.Start == o.trig.Start && (p.ev.Source.Country == a || p.ev.Source.Country == b) {
				return true
			}
		}
	}
	return false
}

// appealToSides reports an appeal to yield, to meet or negotiate, to
// settle or to accept mediation (025–028): what one asks of the sides of
// a conflict.
func appealToSides(code string) bool {
	return code >= "025" && code < "029"
}

// hostsTalks reports hosting talks, or offering to, with no one named
// to talk: "offered to host talks", "will host the negotiations".
func hostsTalks(s *Sentence, cd *cand) bool {
	if !strings.HasPrefix(cd.ev.CAMEO, "036") && !strings.HasPrefix(cd.ev.CAMEO, "043") {
		return false
	}
	host, talks := false, false
	for k := cd.trig.Start; k < cd.trig.End && k < len(s.Tokens); k++ {
		switch s.Tokens[k].Norm {
		case "host", "hosts", "hosted", "hosting":
			host = true
		case "talks", "negotiations":
			talks = true
		}
	}
	return host && talks
}

// mediation reports the codes of mediating or offering to mediate, acts
// done between two others.
func mediation(code string) bool {
	return code == "039" || strings.HasPrefix(code, "045")
}

// hasWord reports whether word w occurs in tokens [a, b).
func hasWord(toks []text.Token, a, b int, w string) bool {
	for k := a; k < b && k < len(toks); k++ {
		if toks[k].Norm == w {
			return true
		}
	}
	return false
}

// selfPlace reports an event whose target is the source's own capital
// named as the place ("Brazil offered to host talks in Brasília").
func selfPlace(s *Sentence, cd *cand) bool {
	e := &cd.ev
	if cd.tgtIdx < 0 || e.Target.Country == "" || e.Target.Country != e.Source.Country {
		return false
	}
	m := &s.Actors[cd.tgtIdx]
	return m.Kind == actors.KindCapital && (m.FollowsPrep == "in" || m.FollowsPrep == "at")
}

// isActorAt reports whether an actor mention covers code point r.
func isActorAt(s *Sentence, r int) bool {
	for _, m := range s.Actors {
		if m.RuneStart <= r && r < m.RuneEnd {
			return true
		}
	}
	return false
}

// brokenBetweenRunes is brokenBetween for code-point offsets.
func brokenBetweenRunes(s *Sentence, a, b int) bool {
	ta, tb := tokenAt(s, a), tokenAt(s, b)
	return ta < tb && brokenBetween(s.Tokens, ta, tb)
}

// tokenAt is the index of the first token starting at or after code point
// r, or len(s.Tokens) when there is none.
func tokenAt(s *Sentence, r int) int {
	for i, t := range s.Tokens {
		if t.Start >= r {
			return i
		}
	}
	return len(s.Tokens)
}

func violent(code string) bool {
	return code >= "18" && code < "21" || strings.HasPrefix(code, "145")
}

func latestViolent(events []*cand, root string) *cand {
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		if violent(e.ev.CAMEO) && (root == "" || violent(root) || e.ev.CAMEO[:2] == root) && e.ev.Source.Country != "" {
			return e
		}
	}
	return nil
}

type countryCount struct {
	iso string
	n   int
}

// countryCounts orders the countries of an article by how often they are
// named as actors, most first.
func countryCounts(sents []Sentence) []countryCount {
	n := map[string]int{}
	for _, s := range sents {
		for _, m := range s.Actors {
			if m.Country != "" && !m.Modifier {
				n[m.Country]++
			}
		}
	}
	out := make([]countryCount, 0, len(n))
	for k, v := range n {
		out = append(out, countryCount{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].iso < out[j].iso
	})
	return out
}
