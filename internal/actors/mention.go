package actors

import (
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/text"
)

// Mention is an actor as it appears in a sentence, after composition:
// "the Iranian ambassador" is one mention, IRN + GOV.
type Mention struct {
	Start, End   int // tokens [Start, End)
	RuneStart    int // code points in the sentence
	RuneEnd      int
	Text         string
	Country      string
	Agent        string
	Group        string // CAMEO known-group code of the organisation or group named ("UNO", "HMS"), or ""
	Kind         Kind   // kind of the head entry
	Modifier     bool   // names a place or relation, not a party ("ambassador to Pakistan")
	Unresolved   bool   // a role with no country yet ("the police", "his counterpart")
	Rule         string // the entries that made it, for --explain
	Possessive   bool   // written with 's ("Pakistan's")
	Placeish     bool   // followed by a place noun ("Iranian city", "Pakistan's Baluchistan Province")
	Entries      []*Entry
	Conjoined    int  // index of the mention this one is joined to by "and", or -1
	InParen      bool // inside parentheses
	FollowsPrep  string
	PrecededByBy bool
	Ethnic       bool // "ethnic Albanians": coded by where they live when the sentence says
}

// Code is the CAMEO actor code of the mention.
func (m *Mention) Code() string { return m.Country + m.Agent }

// groupOf is the known-group code of the first entry of a mention that
// has one: "Red Cross officials" are the Red Cross's, "the leader of
// Hamas" is Hamas's.
func groupOf(es []*Entry) string {
	for _, e := range es {
		if e.Group != "" {
			return e.Group
		}
	}
	return ""
}

// words that may stand between an adjective and its role word:
// "Pakistani security forces", "Iranian foreign minister".
var functionWords = map[string]bool{
	"said": true, "says": true, "has": true, "have": true, "had": true, "was": true, "were": true,
	"is": true, "are": true, "will": true, "would": true, "and": true, "or": true, "but": true,
	"to": true, "of": true, "in": true, "on": true, "at": true, "by": true, "for": true, "with": true,
	"from": true, "that": true, "which": true, "who": true, "the": true, "a": true, "an": true,
	"its": true, "their": true, "his": true, "her": true, "it": true, "they": true, "not": true,
	"as": true, "be": true, "been": true, "did": true, "does": true, "do": true, "also": true,
}

// riverSentence reports a sentence about a river, where "bank" is a shore.
func riverSentence(toks []text.Token) bool {
	for _, t := range toks {
		switch t.Norm {
		case "river", "rivers", "riverbank", "river's", "shore":
			return true
		}
	}
	return false
}

// partOfPlaceName reports a country or capital that is only part of the
// name of a street or sea: followed by a capitalised "Road", "Street" …,
// or after a capitalised "Gulf of", "Sea of" ….
func partOfPlaceName(toks []text.Token, m Mention, k Kind) bool {
	if k != KindCountry && k != KindCapital {
		return false
	}
	if m.End < len(toks) && facilityNouns[toks[m.End].Norm] && text.UpperInitial(toks[m.End].Text) {
		return true
	}
	if m.Start >= 2 && toks[m.Start-1].Norm == "of" && waterNouns[toks[m.Start-2].Norm] && text.UpperInitial(toks[m.Start-2].Text) {
		return true
	}
	return false
}

// facilityNouns end the names of streets and squares, often named after
// another place ("Cairo Road" in Lusaka, "Beirut Street" in Cairo).
var facilityNouns = map[string]bool{"road": true, "street": true, "avenue": true, "square": true,
	"boulevard": true, "highway": true, "bridge": true}

// NamesFacility reports a capitalised word that ends the name of a street
// or square ("Road" in "Cairo Road"): a place name before it is only part
// of that name.
func NamesFacility(word string) bool {
	return text.UpperInitial(word) && facilityNouns[strings.ToLower(word)]
}

// memberHeads are role words that name the people of the body named
// after them ("leaders of the opposition").
var memberHeads = map[string]bool{"leader": true, "leaders": true, "member": true, "members": true,
	"supporters": true, "head": true, "heads": true, "activists": true, "chairman": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true}

// waterNouns open the names of seas and straits ("Gulf of Aden").
var waterNouns = map[string]bool{"gulf": true, "sea": true, "bay": true, "strait": true, "straits": true}

// placeNouns after an actor name make it a location ("the Iranian city of").
var placeNouns = map[string]bool{
	"city": true, "town": true, "village": true, "province": true, "district": true, "region": true,
	"border": true, "territory": true, "capital": true, "port": true, "coast": true, "airspace": true,
	"soil": true, "waters": true, "county": true, "area": true,
	"countryside": true, "mountains": true, "desert": true, "frontier": true,
}

// Mentions finds the actors of a tokenised sentence, composing adjectives
// and possessives with role words and marking names that only modify.
func (d *Dictionary) Mentions(sentence string, toks []text.Token, day time.Time) []Mention {
	ms := d.Lookup(toks, day)
	if riverSentence(toks) {
		// "fire from the Venezuelan bank" of a river: a shore, not a bank
		// that lends.
		kept := ms[:0]
		for _, m := range ms {
			if m.Entry.Kind == KindRole && m.End == m.Start+1 && (toks[m.Start].Norm == "bank" || toks[m.Start].Norm == "banks") {
				continue
			}
			kept = append(kept, m)
		}
		ms = kept
	}
	var out []Mention
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		e := m.Entry
		men := Mention{Start: m.Start, End: m.End, Country: e.Country, Agent: e.Agent, Kind: e.Kind,
			Entries: []*Entry{e}, Conjoined: -1, Possessive: toks[m.End-1].Possessive}
		if e.Kind == KindRole {
			men.Unresolved = true
		}
		// "Hungarian and Romanian officials": adjectives joined before one
		// role word each take it.
		if (e.Kind == KindAdj || e.Kind == KindCountry && !men.Possessive) && i+2 < len(ms) && ms[i+1].Entry.Kind == KindAdj && ms[i+1].Start == m.End+1 &&
			(toks[m.End].Norm == "and" || toks[m.End].Text == ",") && ms[i+2].Entry.Kind == KindRole && ms[i+2].Start == ms[i+1].End {
			men.Agent = ms[i+2].Entry.Agent
			men.Entries = append(men.Entries, ms[i+2].Entry)
		}
		// "Bosnian Serbs", "Iraqi Kurds": a people named by where they live.
		if e.Kind == KindAdj && i+1 < len(ms) && ms[i+1].Entry.Kind == KindPeople && ms[i+1].Start == m.End {
			men.End = ms[i+1].End
			men.Agent = "CVL"
			if ms[i+1].Entry.Agent != "" {
				men.Agent = ms[i+1].Entry.Agent
			}
			men.Entries = append(men.Entries, ms[i+1].Entry)
			i++
		}
		// "ethnic Albanians": an ethnic group, of the country it lives in.
		if (e.Kind == KindPeople || e.Kind == KindAdj) && m.Start > 0 && toks[m.Start-1].Norm == "ethnic" {
			men.Ethnic = true
		}
		// Adjective, possessive or bare name followed by a role word.
		if e.Kind != KindRole && e.Kind != KindPerson && i+1 < len(ms) && ms[i+1].Entry.Kind == KindRole {
			r := ms[i+1]
			gap := r.Start - m.End
			ok := gap == 0
			if !ok && gap <= 2 && (e.Kind == KindAdj || men.Possessive) {
				ok = true
				for k := m.End; k < r.Start; k++ {
					if toks[k].Punct || functionWords[toks[k].Norm] {
						ok = false
					}
				}
			}
			if ok {
				men.End = r.End
				// "Red Cross officials", "EC ministers": an organisation keeps
				// its own agent; a country takes the role's.
				if r.Entry.Agent != "" && !(e.Kind == KindIGO || e.Kind == KindGroup) || men.Agent == "" {
					men.Agent = r.Entry.Agent
				}
				if e.Kind == KindCapital && r.Entry.Agent != "" {
					men.Agent = r.Entry.Agent
				}
				men.Entries = append(men.Entries, r.Entry)
				men.Unresolved = false
				men.Possessive = toks[r.End-1].Possessive
				i++
			}
		}
		// A role followed by "of" and a country: "the foreign minister of Iran".
		if men.Unresolved && i+1 < len(ms) && ms[i+1].Start == men.End+1 && toks[men.End].Norm == "of" && ms[i+1].Entry.Country != "" && ms[i+1].Entry.Kind != KindRole {
			c := ms[i+1]
			men.Country = c.Entry.Country
			men.End = c.End
			men.Unresolved = false
			men.Entries = append(men.Entries, c.Entry)
			i++
		}
		// "leaders of the opposition", "members of the ruling party": a
		// head word's people are of the body named after it.
		if men.Unresolved && memberHeads[toks[men.End-1].Norm] && i+1 < len(ms) && ms[i+1].Entry.Kind == KindRole && ms[i+1].Entry.Agent != "" &&
			men.End+1 < len(toks) && toks[men.End].Norm == "of" && (ms[i+1].Start == men.End+1 || ms[i+1].Start == men.End+2 && toks[men.End+1].Norm == "the") {
			men.Agent = ms[i+1].Entry.Agent
			men.End = ms[i+1].End
			men.Entries = append(men.Entries, ms[i+1].Entry)
			i++
		}
		// "missiles and drones", "troops and police": a second role joins the first.
		for i+1 < len(ms) && ms[i+1].Entry.Kind == KindRole && ms[i+1].Start == men.End+1 &&
			(toks[men.End].Norm == "and" || toks[men.End].Norm == "or") {
			men.End = ms[i+1].End
			i++
		}
		// An alias in parentheses: "Jaish al-Adl (Army of Justice)", "(BLA)".
		if men.End+1 < len(toks) && toks[men.End].Text == "(" {
			close := -1
			for k := men.End + 1; k < len(toks) && k < men.End+8; k++ {
				if toks[k].Text == ")" {
					close = k
					break
				}
			}
			if close > 0 {
				inner := true
				for k := men.End + 1; k < close; k++ {
					if toks[k].Punct {
						inner = false
					}
				}
				if inner {
					for i+1 < len(ms) && ms[i+1].End <= close {
						i++
					}
					men.End = close + 1
				}
			}
		}
		if men.End < len(toks) && placeNouns[toks[men.End].Norm] {
			men.Placeish = true
		}
		if partOfPlaceName(toks, men, e.Kind) {
			continue // "Cairo Road", "the Gulf of Oman": a place's name, no party
		}
		if m.Start >= 2 && toks[m.Start-1].Norm == "to" {
			for _, pm := range out {
				if pm.End == m.Start-1 && pm.Agent == "GOV" && pm.Kind != KindCapital {
					// "the ambassador to Pakistan": Pakistan only says which post.
					men.Modifier = true
				}
			}
		}
		men.FollowsPrep, men.PrecededByBy = PrepositionBefore(toks, men.Start)
		men.InParen = inParens(toks, men.Start)
		men.RuneStart, men.RuneEnd = toks[men.Start].Start, toks[men.End-1].End
		men.Text = strings.TrimSuffix(strings.TrimSuffix(text.Slice(sentence, men.RuneStart, men.RuneEnd), "'s"), "’s")
		men.Rule = ruleOf(men.Entries)
		men.Group = groupOf(men.Entries)
		out = append(out, men)
	}
	for i := 1; i < len(out); i++ {
		a, b := out[i-1], out[i]
		// "Iran and Pakistan", "Brazil and the United States".
		if a.End >= len(toks) || a.Modifier != b.Modifier {
			continue
		}
		gap := make([]string, 0, 3)
		for k := a.End; k < b.Start && len(gap) < 4; k++ {
			gap = append(gap, toks[k].Norm)
		}
		switch strings.Join(gap, " ") {
		case "and", "and the", "or", "as well as":
			out[i].Conjoined = i - 1
		case ", and", ", and the":
			// The end of a list ("Iran, Libya, and Cuba"); alone, a comma
			// before "and" joins clauses, not parties.
			if a.Conjoined >= 0 {
				out[i].Conjoined = i - 1
			}
		case ",", ", the":
			// A list: "Iran, Libya, North Korea and Cuba" — joined when an
			// "and" closes it.
			if listCloses(out, toks, i) {
				out[i].Conjoined = i - 1
			}
		}
	}
	return out
}

var directions = map[string]bool{"northern": true, "southern": true, "eastern": true, "western": true,
	"central": true, "north": true, "south": true, "east": true, "west": true, "northeastern": true,
	"northwestern": true, "southeastern": true, "southwestern": true, "neighbouring": true, "neighboring": true}

// PrepositionBefore returns the preposition a mention starting at token
// start follows (over "the" and compass words: "in northern Iraq"), or ""
// (also for "thousands of protesters", where the mention heads its
// phrase), and whether that word is "by".
func PrepositionBefore(toks []text.Token, start int) (prep string, by bool) {
	if start <= 0 || start > len(toks) {
		return "", false
	}
	k := start - 1
	for k > 0 && (toks[k].Norm == "the" || directions[toks[k].Norm]) {
		k-- // "in northern Iraq", "in the south of"
	}
	prev := toks[k].Norm
	prep = prepositions[prev]
	if prev == "of" && start >= 2 && quantity(toks[start-2].Norm) {
		// "thousands of protesters", "members of the army": the actor
		// heads its phrase.
		prep = ""
	}
	return prep, prev == "by"
}

var prepositions = map[string]string{"of": "of", "in": "in", "to": "to", "from": "from", "with": "with",
	"by": "by", "on": "on", "at": "at", "for": "for", "against": "against", "into": "into", "near": "near",
	"over": "over", "between": "between", "toward": "toward", "towards": "towards", "across": "across",
	"inside": "inside", "within": "within", "about": "about", "under": "under", "among": "among",
	"including": "including", "besides": "besides", "alongside": "alongside"}

func inParens(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		switch toks[k].Text {
		case "(":
			return true
		case ")":
			return false
		}
	}
	return false
}

func ruleOf(es []*Entry) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.String()
	}
	return strings.Join(parts, " + ")
}

var quantityWords = map[string]bool{"thousands": true, "hundreds": true, "dozens": true, "scores": true,
	"millions": true, "tens": true, "number": true, "group": true, "groups": true, "members": true,
	"member": true, "some": true, "many": true, "most": true, "all": true, "majority": true,
	"hundred": true, "thousand": true, "delegation": true, "team": true, "handful": true,
	"several": true, "few": true, "one": true, "two": true, "three": true, "four": true, "five": true,
	"dozen": true, "units": true, "unit": true, "contingent": true, "battalion": true, "leaders": true,
	"leader": true, "head": true, "chief": true, "representatives": true, "officials": true}

// quantity reports a word that counts or groups the actor after "of".
func quantity(w string) bool {
	if quantityWords[w] {
		return true
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return r == ','
		}
	}
	return w != ""
}

// listCloses reports whether the comma-separated actors from out[i] on end
// in "and X", making a list rather than an apposition.
func listCloses(out []Mention, toks []text.Token, i int) bool {
	for j := i; j+1 < len(out); j++ {
		a, b := out[j], out[j+1]
		if b.Start <= a.End || b.Start > a.End+3 {
			return false
		}
		var gap []string
		for k := a.End; k < b.Start; k++ {
			gap = append(gap, toks[k].Norm)
		}
		switch strings.Join(gap, " ") {
		case "and", "and the", ", and", ", and the":
			return true
		case ",", ", the":
			continue
		}
		return false
	}
	return false
}
