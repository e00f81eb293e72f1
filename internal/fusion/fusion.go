// Package fusion owns "one event per happening": it merges the mentions of
// one happening within an article (and, later, across articles) into one
// event that keeps every mention.
package fusion

import (
	"github.com/dyad-events/dyad/internal/event"
)

var precisionRank = map[string]int{"day": 4, "week": 3, "month": 2, "year": 1, "unknown": 0, "": 0}

// Article merges events of one article that tell the same happening: the
// same CAMEO root between the same source and target countries and agents
// whose dates agree (or are unknown). The first mention is the evidence;
// the merged event takes the most precise date, the first place and the
// first death count, and lists every mention.
func Article(evs []event.Event) []event.Event {
	var out []event.Event
	for _, e := range evs {
		merged := false
		for i := range out {
			if same(&out[i], &e) {
				absorb(&out[i], &e)
				merged = true
				break
			}
		}
		if !merged {
			e.Mentions = []event.Evidence{e.Evidence}
			out = append(out, e)
		}
	}
	return out
}

// codesAgree reports that two codes can tell one happening: the same
// root, and the same kind of act within it ("signed a deal" and "thanked"
// are two acts of root 05), unless one is the root's general code or the
// root is force, where one strike is told as an attack, a shelling and an
// air strike.
func codesAgree(a, b string) bool {
	if len(a) < 3 || len(b) < 3 || a[:2] != b[:2] {
		return false
	}
	return a[:3] == b[:3] || a[2] == '0' || b[2] == '0' || a[:2] >= "18"
}

func same(a, b *event.Event) bool {
	if a.Article != b.Article || !codesAgree(a.CAMEO, b.CAMEO) || a.Negated != b.Negated {
		return false
	}
	if a.Source.Country != b.Source.Country {
		return false
	}
	if a.Target.Country != b.Target.Country {
		// One sentence telling one act twice, once without its target:
		// "shelled Armenian positions, killing two soldiers".
		oneSided := a.Target.Country == "" && a.Target.Agent == "" || b.Target.Country == "" && b.Target.Agent == ""
		return oneSided && a.Evidence.Start == b.Evidence.Start && a.Source.Country != "" && datesAgree(a, b)
	}
	if a.Source.Agent != b.Source.Agent && a.Source.Agent != "" && b.Source.Agent != "" && a.Source.Country == "" {
		return false
	}
	if a.Source.Country == "" && a.Source.Group != b.Source.Group || a.Target.Country == "" && a.Target.Group != b.Target.Group {
		// Amnesty and Human Rights Watch condemning one verdict are two
		// voices: organisations of no country are told apart by group.
		return false
	}
	if a.Source.Country == a.Target.Country && differ(a.Source.Agent, b.Source.Agent) {
		// Within one country the agents are the whole dyad: rebels storming
		// a police post and the army striking the rebels are two acts.
		return false
	}
	return datesAgree(a, b)
}

// differ reports two agents that are both known and not the same.
func differ(a, b string) bool {
	return a != "" && b != "" && a != b
}

// datesAgree: two dated mentions of one happening fall within a day; an
// undated (unknown) mention agrees with anything.
func datesAgree(a, b *event.Event) bool {
	if a.DatePrecision != "day" || b.DatePrecision != "day" {
		return true
	}
	return a.Date == b.Date
}

func absorb(dst, src *event.Event) {
	seen := false
	for _, m := range dst.Mentions {
		if m.Start == src.Evidence.Start {
			seen = true
		}
	}
	if !seen {
		dst.Mentions = append(dst.Mentions, src.Evidence)
	}
	if precisionRank[src.DatePrecision] > precisionRank[dst.DatePrecision] {
		dst.Date, dst.DatePrecision, dst.DateConflict = src.Date, src.DatePrecision, src.DateConflict
	}
	if dst.Location == nil {
		dst.Location = src.Location
	}
	if dst.Fatalities == nil {
		dst.Fatalities = src.Fatalities
	}
	// A more specific code (4 digits over 3, a non-root over a root) wins.
	if len(src.CAMEO) > len(dst.CAMEO) || (dst.CAMEO[2] == '0' && src.CAMEO[2] != '0' && len(src.CAMEO) >= len(dst.CAMEO)) {
		dst.CAMEO, dst.Goldstein, dst.QuadClass, dst.Plover = src.CAMEO, src.Goldstein, src.QuadClass, src.Plover
	}
	if dst.Source.Agent == "" {
		dst.Source.Agent, dst.Source.Code = src.Source.Agent, src.Source.Code
	}
	if dst.Target.Country == "" && dst.Target.Agent == "" {
		dst.Target = src.Target
	}
	if dst.Target.Agent == "" && dst.Target.Country == src.Target.Country {
		dst.Target.Agent, dst.Target.Code = src.Target.Agent, src.Target.Code
	}
	if src.Confidence > dst.Confidence {
		dst.Confidence = src.Confidence
	}
}
