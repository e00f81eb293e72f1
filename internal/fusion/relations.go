package fusion

import (
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/event"
)

// Relation states of a country pair.
const (
	StateNormal    = "normal"
	StateSuspended = "suspended" // ties cut, ambassadors recalled or withdrawn
	StateRestored  = "restored"
)

// Change is a move of a dyad's diplomatic state, with the event behind it.
type Change struct {
	Date     string `json:"date"`
	State    string `json:"state"`
	CAMEO    string `json:"cameo"`
	Source   string `json:"source"`
	Evidence string `json:"evidence"`
}

// Point is one period of a dyad's time series.
type Point struct {
	Period    string  `json:"period"` // first day of the day, week or month
	Count     int     `json:"count"`
	Goldstein float64 `json:"goldstein"` // sum
	Quad      [4]int  `json:"quad"`      // events per QuadClass 1..4
}

// Relation is a country pair's relations over time: the state machine of
// diplomatic ties (normal → suspended on recalls, expulsions or cut ties →
// restored) and the series of their events. It is computed from events
// each time, and differs from store.Relation, which is one recorded state
// (one Change of this, as a stored row): one pair's whole history here,
// one row there.
type Relation struct {
	Article      string   `json:"article,omitempty"`
	Dyad         []string `json:"dyad"`
	State        string   `json:"state"`
	Broken       string   `json:"broken,omitempty"`
	Restored     string   `json:"restored,omitempty"`
	DurationDays *int     `json:"duration_days,omitempty"`
	Changes      []Change `json:"changes,omitempty"`
	Events       int      `json:"events"`
	Series       []Point  `json:"series,omitempty"`
}

// diplomatic words in a pattern or sentence that tie a code to relations.
var tieWords = []string{"relation", "ties", "ambassador", "envoy", "embass", "diplomat", "recogni"}

func aboutTies(e *event.Event) bool {
	s := strings.ToLower(e.Rule + " " + e.Evidence.Sentence)
	for _, w := range tieWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// breaks reports an event that suspends or downgrades diplomatic ties.
func breaks(e *event.Event) bool {
	return strings.HasPrefix(e.CAMEO, "161") && !e.Negated
}

// restores reports an event that restores ties.
func restores(e *event.Event) bool {
	if e.Negated || !strings.HasPrefix(e.CAMEO, "05") {
		return false
	}
	return e.CAMEO == "050" || e.CAMEO == "054" || aboutTies(e)
}

// Relations computes each country pair's relations from events; bucket is
// "day", "week" or "month" for the series ("" for none).
func Relations(evs []event.Event, bucket string) []Relation {
	byDyad := map[[2]string][]event.Event{}
	for _, e := range evs {
		a, b := e.Source.Country, e.Target.Country
		if a == "" || b == "" || a == b {
			continue
		}
		if b < a {
			a, b = b, a
		}
		byDyad[[2]string{a, b}] = append(byDyad[[2]string{a, b}], e)
	}
	var out []Relation
	for d, list := range byDyad {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Date < list[j].Date })
		r := Relation{Dyad: []string{d[0], d[1]}, State: StateNormal, Events: len(list)}
		for i := range list {
			e := &list[i]
			switch {
			case breaks(e) && r.State != StateSuspended:
				r.State = StateSuspended
				r.Broken, r.Restored, r.DurationDays = e.Date, "", nil
				r.Changes = append(r.Changes, change(e, StateSuspended))
			case restores(e) && r.State == StateSuspended && e.Date >= r.Broken:
				r.State = StateRestored
				r.Restored = e.Date
				if b, err := time.Parse("2006-01-02", r.Broken); err == nil {
					if rs, err := time.Parse("2006-01-02", e.Date); err == nil {
						days := int(rs.Sub(b).Hours() / 24)
						r.DurationDays = &days
					}
				}
				r.Changes = append(r.Changes, change(e, StateRestored))
			}
		}
		if bucket != "" {
			r.Series = series(list, bucket)
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Dyad[0] != out[j].Dyad[0] {
			return out[i].Dyad[0] < out[j].Dyad[0]
		}
		return out[i].Dyad[1] < out[j].Dyad[1]
	})
	return out
}

func change(e *event.Event, state string) Change {
	return Change{Date: e.Date, State: state, CAMEO: e.CAMEO, Source: e.Source.Country, Evidence: e.Evidence.Sentence}
}

// Period returns the first day of the day, week (Monday) or month of date.
func Period(date, bucket string) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return date
	}
	switch bucket {
	case "week":
		wd := (int(t.Weekday()) + 6) % 7
		t = t.AddDate(0, 0, -wd)
	case "month":
		t = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return t.Format("2006-01-02")
}

func series(evs []event.Event, bucket string) []Point {
	idx := map[string]*Point{}
	var keys []string
	for _, e := range evs {
		k := Period(e.Date, bucket)
		p := idx[k]
		if p == nil {
			p = &Point{Period: k}
			idx[k] = p
			keys = append(keys, k)
		}
		p.Count++
		p.Goldstein += e.Goldstein
		if e.QuadClass >= 1 && e.QuadClass <= 4 {
			p.Quad[e.QuadClass-1]++
		}
	}
	sort.Strings(keys)
	out := make([]Point, len(keys))
	for i, k := range keys {
		out[i] = *idx[k]
	}
	return out
}
