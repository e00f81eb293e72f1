package fusion

import (
	"math"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dyad-events/dyad/internal/event"
)

// Mention is one telling of a happening: an article's event.
type Mention struct {
	Article string
	Source  string // the outlet (host of the article URL), for NumSources
	Event   event.Event
}

// Fused is one happening told by one or more articles.
type Fused struct {
	Event       event.Event // the best-supported reading
	Mentions    []Mention
	NumMentions int // sentences that told it
	NumSources  int // distinct outlets
	NumArticles int // distinct articles
	// Fatalities spans what the sources said: 7 and 9 dead → {7, 9}.
	Fatalities *event.Fatalities
	Confidence float64
}

// Index fuses events across articles incrementally. Events of one
// happening link when they share the dyad (source and target countries),
// the CAMEO root, fall within Window days of each other (a week when a date
// is unknown) and, when both are placed in cities, lie within Km of each
// other. Fused events are the connected groups of linked events, so the
// result does not depend on the order articles arrive. Adding an article
// links its events to their neighbours only; it is safe for concurrent use.
type Index struct {
	Window int     // days; default 1
	Km     float64 // default 100

	mu       sync.Mutex
	mentions []Mention
	alive    []bool
	days     []int // day number of each mention
	parent   []int // union-find over mentions
	buckets  map[bucket][]int
	byArt    map[string][]int
	dirty    bool // a removal happened: rebuild the links before reading
}

type bucket struct {
	key string
	day int
}

// unknownWindow is how far an undated mention may link.
const unknownWindow = 7

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{Window: 1, Km: 100, buckets: map[bucket][]int{}, byArt: map[string][]int{}}
}

func bucketKey(e *event.Event) string {
	return e.Source.Country + "|" + e.Target.Country + "|" + e.CAMEO[:min(2, len(e.CAMEO))]
}

func dayNumber(date string) int {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return 0
	}
	return int(t.Unix() / 86400)
}

// Add fuses one article's events into the index. Adding an article again
// replaces its earlier events, so re-ingesting changes nothing.
func (x *Index) Add(article, articleURL string, evs []event.Event) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if old := x.byArt[article]; len(old) > 0 {
		for _, i := range old {
			x.alive[i] = false
		}
		x.byArt[article] = nil
		x.dirty = true
	}
	host := article
	if u, err := url.Parse(articleURL); err == nil && u.Host != "" {
		host = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	}
	for _, e := range evs {
		i := len(x.mentions)
		x.mentions = append(x.mentions, Mention{Article: article, Source: host, Event: e})
		x.alive = append(x.alive, true)
		x.days = append(x.days, dayNumber(e.Date))
		x.parent = append(x.parent, i)
		x.byArt[article] = append(x.byArt[article], i)
		x.link(i)
		b := bucket{bucketKey(&e), x.days[i]}
		x.buckets[b] = append(x.buckets[b], i)
	}
}

// link unites mention i with every live mention it links to.
func (x *Index) link(i int) {
	e := &x.mentions[i].Event
	key := bucketKey(e)
	w := x.Window
	if e.DatePrecision == "unknown" {
		w = unknownWindow
	}
	for d := x.days[i] - unknownWindow; d <= x.days[i]+unknownWindow; d++ {
		dist := d - x.days[i]
		if dist < 0 {
			dist = -dist
		}
		for _, j := range x.buckets[bucket{key, d}] {
			if j == i || !x.alive[j] {
				continue
			}
			o := &x.mentions[j].Event
			limit := w
			if o.DatePrecision == "unknown" {
				limit = unknownWindow
			}
			if dist > limit || !x.links(o, e) {
				continue
			}
			x.union(i, j)
		}
	}
}

func (x *Index) find(i int) int {
	for x.parent[i] != i {
		x.parent[i] = x.parent[x.parent[i]]
		i = x.parent[i]
	}
	return i
}

func (x *Index) union(a, b int) {
	ra, rb := x.find(a), x.find(b)
	if ra != rb {
		if ra < rb {
			x.parent[rb] = ra
		} else {
			x.parent[ra] = rb
		}
	}
}

// rebuild recomputes the links after removals.
func (x *Index) rebuild() {
	x.buckets = map[bucket][]int{}
	for i := range x.parent {
		x.parent[i] = i
	}
	for i := range x.mentions {
		if !x.alive[i] {
			continue
		}
		x.link(i)
		b := bucket{bucketKey(&x.mentions[i].Event), x.days[i]}
		x.buckets[b] = append(x.buckets[b], i)
	}
	x.dirty = false
}

func (x *Index) links(a, b *event.Event) bool {
	if a.Negated != b.Negated {
		return false
	}
	if a.Location != nil && b.Location != nil && a.Location.Precision == "city" && b.Location.Precision == "city" {
		if distanceKm(a.Location, b.Location) > x.Km {
			return false
		}
	}
	return true
}

func distanceKm(a, b *event.Location) float64 {
	rad := math.Pi / 180
	h := math.Pow(math.Sin((b.Lat-a.Lat)*rad/2), 2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Pow(math.Sin((b.Lon-a.Lon)*rad/2), 2)
	return 6371 * 2 * math.Asin(math.Sqrt(h))
}

// AsEvent returns the fused happening as one event: the best reading, with
// every mention (tagged with its article) and the counts of mentions,
// outlets and articles. A happening told by several events has the id
// event.FusedID gives their ids; one told once keeps its event's id.
func (f Fused) AsEvent() event.Event {
	e := f.Event
	e.Mentions = nil
	for _, m := range f.Mentions {
		ms := m.Event.Mentions
		if len(ms) == 0 {
			ms = []event.Evidence{m.Event.Evidence}
		}
		for _, ev := range ms {
			ev.Article = m.Article
			e.Mentions = append(e.Mentions, ev)
		}
	}
	e.NumMentions, e.NumSources, e.NumArticles = f.NumMentions, f.NumSources, f.NumArticles
	if len(f.Mentions) > 1 {
		// Not the id of the member that gives the reading, which another
		// member arriving could change: one for the member set.
		ids := make([]string, len(f.Mentions))
		for i, m := range f.Mentions {
			ids[i] = m.Event.ID
		}
		e.ID = event.FusedID(ids)
	}
	return e
}

// Events returns the fused happenings, in date order.
func (x *Index) Events() []Fused {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.dirty {
		x.rebuild()
	}
	groups := map[int][]Mention{}
	for i := range x.mentions {
		if x.alive[i] {
			r := x.find(i)
			groups[r] = append(groups[r], x.mentions[i])
		}
	}
	out := make([]Fused, 0, len(groups))
	for _, ms := range groups {
		out = append(out, summarise(ms))
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Event, out[j].Event
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.Article != b.Article {
			return a.Article < b.Article
		}
		return a.Evidence.Start < b.Evidence.Start
	})
	return out
}

// summarise picks the best-supported reading of a group, independent of
// the order of its members.
func summarise(ms []Mention) Fused {
	sort.Slice(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if pa, pb := precisionRank[a.Event.DatePrecision], precisionRank[b.Event.DatePrecision]; pa != pb {
			return pa > pb
		}
		if a.Article != b.Article {
			return a.Article < b.Article
		}
		return a.Event.Evidence.Start < b.Event.Evidence.Start
	})
	f := Fused{Event: ms[0].Event, Mentions: ms}
	// The date most mentions agree on.
	dates := map[string]int{}
	for _, m := range ms {
		if m.Event.DatePrecision != "unknown" {
			dates[m.Event.Date]++
		}
	}
	best := ""
	for d, n := range dates {
		if best == "" || n > dates[best] || n == dates[best] && d < best {
			best = d
		}
	}
	if best != "" {
		f.Event.Date = best
	}
	arts, outlets := map[string]bool{}, map[string]bool{}
	var lo, hi *int
	open := false
	perOutlet := map[string]float64{}
	for _, m := range ms {
		arts[m.Article] = true
		outlets[m.Source] = true
		f.NumMentions += max(1, len(m.Event.Mentions))
		if fa := m.Event.Fatalities; fa != nil {
			for _, v := range []*int{fa.Min, fa.Max} {
				if v == nil {
					continue
				}
				if lo == nil || *v < *lo {
					lo = intp(*v)
				}
				if hi == nil || *v > *hi {
					hi = intp(*v)
				}
			}
			if fa.Max == nil {
				open = true
			}
		}
		if f.Event.Location == nil && m.Event.Location != nil {
			f.Event.Location = m.Event.Location
		}
		if m.Event.Confidence > perOutlet[m.Source] {
			perOutlet[m.Source] = m.Event.Confidence
		}
	}
	if lo != nil {
		f.Fatalities = &event.Fatalities{Min: lo, Max: hi}
		if open {
			f.Fatalities.Max = nil
		}
		f.Event.Fatalities = f.Fatalities
	}
	f.NumArticles, f.NumSources = len(arts), len(outlets)
	// Confidence grows with independent outlets: 1 - Π(1 - c) over outlets.
	miss := 1.0
	for _, c := range perOutlet {
		miss *= 1 - c
	}
	f.Confidence = math.Round((1-miss)*1000) / 1000
	f.Event.Confidence = f.Confidence
	return f
}

func intp(v int) *int { return &v }
