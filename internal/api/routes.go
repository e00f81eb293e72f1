package api

import (
	"context"
	"sort"
	"time"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/fusion"
	"github.com/dyad-events/dyad/internal/store"
)

// Route is one API endpoint: its method and path pattern (Go 1.22
// ServeMux syntax), what it takes and what it answers. The routes table is
// the single description of the API: the mux, the parameter validation and
// the OpenAPI document are all made from it.
type Route struct {
	Method, Path string
	ID           string // OpenAPI operationId
	Summary      string
	Params       []Param
	// Result is a zero value of the response body's type; the OpenAPI
	// schema is generated from it.
	Result any
	handle func(ctx context.Context, s *Server, q *Query) (any, error)
}

// The parameters routes share.
var (
	pDyad = Param{Name: "dyad", In: "query", Kind: KindDyad, Example: "IRN,PAK",
		Doc: "two actor codes, events between them in either direction; a 3-letter country code also matches its agents (IRN matches IRNGOV)",
		set: func(q *Query, v any) { q.Filter.Dyad = v.([2]string) }}
	pActor = Param{Name: "actor", In: "query", Kind: KindCode, Example: "IRN",
		Doc: "an actor code, as source or target; a 3-letter country code also matches its agents",
		set: func(q *Query, v any) { q.Filter.Actor = v.(string) }}
	pGroup = Param{Name: "group", In: "query", Kind: KindGroup, Example: "UNO",
		Doc: "a CAMEO known-group code (as GDELT's KnownGroupCode: UNO the United Nations, EEC the European Union, NAT NATO, AFU the African Union, HMS Hamas…), as source or target",
		set: func(q *Query, v any) { q.Filter.Group = v.(string) }}
	pStart = Param{Name: "start", In: "query", Kind: KindDate, Example: "2024-01-01",
		Doc: "first event date, inclusive (YYYY-MM-DD)",
		set: func(q *Query, v any) { q.Filter.Start = v.(time.Time) }}
	pEnd = Param{Name: "end", In: "query", Kind: KindDate, Example: "2024-12-31",
		Doc: "last event date, inclusive (YYYY-MM-DD)",
		set: func(q *Query, v any) { q.Filter.End = v.(time.Time) }}
	pRoot = Param{Name: "root", In: "query", Kind: KindDigits, Min: 2, Max: 2, Example: "19",
		Doc: "CAMEO root code, 01 to 20",
		set: func(q *Query, v any) { q.Filter.Root = v.(string) }}
	pCode = Param{Name: "code", In: "query", Kind: KindDigits, Min: 2, Max: 4, Example: "195",
		Doc: "CAMEO code prefix, 2 to 4 digits (195 matches 195 and 1951)",
		set: func(q *Query, v any) { q.Filter.Code = v.(string) }}
	pQuad = Param{Name: "quad", In: "query", Kind: KindInt, Min: 1, Max: 4, Example: "4",
		Doc: "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict",
		set: func(q *Query, v any) { q.Filter.Quad = v.(int) }}
	pPlace = Param{Name: "place", In: "query", Kind: KindString, Example: "Saravan",
		Doc: "location name, admin1 name or ISO alpha-3 country code (exact, case-insensitive)",
		set: func(q *Query, v any) { q.Filter.Place = v.(string) }}
	pCoder = Param{Name: "coder", In: "query", Kind: KindString, Example: "v1.4.0+3f2a9c1d0b7e",
		Doc: "the events this coder version produced (current or replaced by a later re-code; see `dyad version` and `dyad recode`) instead of the current events",
		set: func(q *Query, v any) { q.Filter.Coder = v.(string) }}
	pBBox = Param{Name: "bbox", In: "query", Kind: KindBBox, Example: "44,25,64,40",
		Doc: "events located in a box: min lon, min lat, max lon, max lat",
		set: func(q *Query, v any) { q.Filter.BBox = v.(*[4]float64) }}
	pText = Param{Name: "text", Alias: "q", In: "query", Kind: KindWords, Example: "ambassador",
		Doc: "words that must all appear in the evidence sentence (dyad query --text; the older name q is still accepted)",
		set: func(q *Query, v any) { q.Filter.Text = v.(string) }}
	pLimit = Param{Name: "limit", In: "query", Kind: KindInt, Min: 1, Max: MaxLimit, Example: "50",
		Doc: "page size", Default: "50",
		set: func(q *Query, v any) { q.Filter.Limit = v.(int) }}
	pCursor = Param{Name: "cursor", In: "query", Kind: KindCursor,
		Doc: "next_cursor of the previous page",
		set: func(q *Query, v any) { q.Filter.Cursor = v.(string) }}
	pBucket = Param{Name: "bucket", In: "query", Kind: KindEnum, Enum: []string{"day", "week", "month"}, Default: "day",
		Doc: "width of a time-series bucket (weeks start on Monday)",
		set: func(q *Query, v any) { q.Bucket = v.(string) }}
	pID = Param{Name: "id", In: "path", Kind: KindID, Required: true,
		Doc: "the id", set: func(q *Query, v any) { q.ID = v.(string) }}
	pA = Param{Name: "a", In: "query", Kind: KindCode, Required: true, Example: "IRN",
		Doc: "one side's actor code", set: func(q *Query, v any) { q.A = v.(string) }}
	pB = Param{Name: "b", In: "query", Kind: KindCode, Required: true, Example: "PAK",
		Doc: "the other side's actor code", set: func(q *Query, v any) { q.B = v.(string) }}
)

// filterParams are the event filters every listing takes.
var filterParams = []Param{pDyad, pActor, pGroup, pStart, pEnd, pRoot, pCode, pQuad, pPlace, pBBox, pText, pCoder}

func with(ps []Param, more ...Param) []Param { return append(append([]Param(nil), ps...), more...) }

// EventsPage is one page of events.
type EventsPage struct {
	Events []store.StoredEvent `json:"events"`
	// NextCursor fetches the next page ("" on the last one).
	NextCursor string `json:"next_cursor"`
}

// ActorsResult lists actors by activity.
type ActorsResult struct {
	Actors []store.ActorCount `json:"actors"`
}

// SeriesResult is a time series of event counts and Goldstein sums, with
// the relation states recorded for the dyad when one was asked for.
type SeriesResult struct {
	Bucket    string           `json:"bucket"`
	Points    []store.Point    `json:"points"`
	Relations []store.Relation `json:"relations"`
	// RelationsFrom says where Relations came from: "store" (recorded
	// states), "events" (derived from the dyad's events when the store has
	// none recorded) or "" (no dyad asked for).
	RelationsFrom string `json:"relations_from"`
}

// RelationsResult lists the recorded states of one relation.
type RelationsResult struct {
	A         string           `json:"a"`
	B         string           `json:"b"`
	Relations []store.Relation `json:"relations"`
	// RelationsFrom is "store" or "events", as in SeriesResult.
	RelationsFrom string `json:"relations_from"`
}

// Span is a coded stretch of an article's text: an event's evidence or
// one of its other mentions, in code points of the cleaned text, end
// exclusive.
type Span struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	EventID  string `json:"event_id"`
	CAMEO    string `json:"cameo"`
	Source   string `json:"source"`
	Target   string `json:"target"`
	Evidence bool   `json:"evidence"` // the event's evidence sentence, not another mention
}

// ArticleResult is an article's cleaned text with its coded spans.
type ArticleResult struct {
	Article event.Article `json:"article"`
	Spans   []Span        `json:"spans"`
	// SpansComplete is false when the API could not gather every event of
	// the article.
	SpansComplete bool `json:"spans_complete"`
}

// CodersResult lists coder versions, those still coding articles first.
type CodersResult struct {
	Coders []store.CoderCount `json:"coders"`
}

// ErrorResult is the body of every error answer.
type ErrorResult struct {
	Error string `json:"error"`
}

// Routes returns the API's routes.
func Routes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/events", ID: "listEvents", Summary: "Events matching the filters, ordered by date, one page at a time",
			Params: with(filterParams, pLimit, pCursor), Result: EventsPage{}, handle: listEvents},
		{Method: "GET", Path: "/api/events/{id}", ID: "getEvent", Summary: "One event with its evidence and every mention",
			Params: []Param{pID}, Result: store.StoredEvent{}, handle: getEvent},
		{Method: "GET", Path: "/api/actors", ID: "listActors", Summary: "Actors by number of events matching the filters",
			Params: with(filterParams, pLimit), Result: ActorsResult{}, handle: listActors},
		{Method: "GET", Path: "/api/series", ID: "getSeries", Summary: "Event counts and Goldstein sums by date bucket, with the dyad's relation states",
			Params: with(filterParams, pBucket), Result: SeriesResult{}, handle: getSeries},
		{Method: "GET", Path: "/api/relations", ID: "getRelations", Summary: "Recorded relation states between two actors",
			Params: []Param{pA, pB}, Result: RelationsResult{}, handle: getRelations},
		{Method: "GET", Path: "/api/articles/{id}", ID: "getArticle", Summary: "An article's cleaned text with its coded spans",
			Params: []Param{pID}, Result: ArticleResult{}, handle: getArticle},
		{Method: "GET", Path: "/api/stats", ID: "getStats", Summary: "What the store holds",
			Result: store.Stats{}, handle: getStats},
		{Method: "GET", Path: "/api/coders", ID: "listCoders", Summary: "The coder versions whose events the store holds, current and replaced by a re-code (pass one as coder= to read its events)",
			Result: CodersResult{}, handle: listCoders},
	}
}

func listEvents(ctx context.Context, s *Server, q *Query) (any, error) {
	evs, next, err := s.store.Events(ctx, q.Filter)
	if err != nil {
		return nil, err
	}
	return EventsPage{Events: nonNil(evs), NextCursor: next}, nil
}

func getEvent(ctx context.Context, s *Server, q *Query) (any, error) {
	return s.store.Event(ctx, q.ID)
}

func listActors(ctx context.Context, s *Server, q *Query) (any, error) {
	as, err := s.store.Actors(ctx, q.Filter)
	if err != nil {
		return nil, err
	}
	return ActorsResult{Actors: nonNil(as)}, nil
}

func getSeries(ctx context.Context, s *Server, q *Query) (any, error) {
	ps, err := s.store.Series(ctx, q.Filter, q.Bucket)
	if err != nil {
		return nil, err
	}
	res := SeriesResult{Bucket: q.Bucket, Points: nonNil(ps), Relations: []store.Relation{}}
	if d := q.Filter.Dyad; d[0] != "" {
		rs, from, err := s.relations(ctx, d[0], d[1])
		if err != nil {
			return nil, err
		}
		res.Relations, res.RelationsFrom = rs, from
	}
	return res, nil
}

func getRelations(ctx context.Context, s *Server, q *Query) (any, error) {
	rs, from, err := s.relations(ctx, q.A, q.B)
	if err != nil {
		return nil, err
	}
	return RelationsResult{A: q.A, B: q.B, Relations: rs, RelationsFrom: from}, nil
}

// deriveMaxEvents bounds the events read to derive a relation's states.
const deriveMaxEvents = 50000

// relations returns the relation states between a and b that the store
// recorded or, when it recorded none, the state changes fusion derives from
// the events between them.
func (s *Server) relations(ctx context.Context, a, b string) ([]store.Relation, string, error) {
	rs, err := s.store.Relations(ctx, a, b)
	if err != nil {
		return nil, "", err
	}
	if len(rs) > 0 {
		return rs, "store", nil
	}
	f := store.Filter{Dyad: [2]string{a, b}, Limit: store.MaxLimit}
	var evs []event.Event
	for len(evs) < deriveMaxEvents {
		page, next, err := s.store.Events(ctx, f)
		if err != nil {
			return nil, "", err
		}
		for _, e := range page {
			evs = append(evs, e.Event)
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	out := []store.Relation{}
	for _, r := range fusion.Relations(evs, "") {
		for _, c := range r.Changes {
			sr := store.Relation{A: r.Dyad[0], B: r.Dyad[1], State: c.State, Since: c.Date}
			if c.State == fusion.StateSuspended {
				sr.Broken = c.Date
			} else {
				sr.Restored = c.Date
			}
			out = append(out, sr)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Since < out[j].Since })
	return out, "events", nil
}

func listCoders(ctx context.Context, s *Server, q *Query) (any, error) {
	cs, err := s.store.Coders(ctx)
	if err != nil {
		return nil, err
	}
	return CodersResult{Coders: nonNil(cs)}, nil
}

func getStats(ctx context.Context, s *Server, q *Query) (any, error) {
	return s.store.Stats(ctx)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
