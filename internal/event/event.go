// Package event is dyad's contract, the types every package speaks: the
// Article, from reading it (ingest, the queue, the watcher) through the
// stages to the store and the API, and the Event coded from it, exactly
// as ../shared/CONTRACT.md fixes it plus dyad's own extra fields, which
// every stage after coding (fusion, store, api, export) passes on.
package event

// Actor is one side of an event: who did it, or to whom it was done.
type Actor struct {
	Text    string `json:"text"`    // the words in the article
	Country string `json:"country"` // ISO 3166-1 alpha-3, or "" for no country
	Agent   string `json:"agent"`   // CAMEO agent type (GOV, MIL, REB, …) or ""
	Code    string `json:"code"`    // Country and Agent joined
	// Group is the CAMEO known-group code of an international body, armed
	// group, party or NGO ("UNO" the United Nations, "NAT" NATO, "HMS"
	// Hamas), as in GDELT's KnownGroupCode; "" (and left out of JSON) for
	// none. It keeps apart bodies that share a code ("IGO").
	Group string `json:"group,omitempty"`
}

// MakeCode joins a country and an agent into a CAMEO actor code.
func MakeCode(country, agent string) string { return country + agent }

// Plover is the PLOVER event type and mode mapped from the CAMEO code.
type Plover struct {
	Type string `json:"type"`
	Mode string `json:"mode"`
}

// Location is where an event happened.
type Location struct {
	Name      string  `json:"name"`
	Country   string  `json:"country"`
	Admin1    string  `json:"admin1,omitempty"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Precision string  `json:"precision"` // city, admin1 or country
}

// Fatalities is a range of reported deaths; a nil bound is open.
type Fatalities struct {
	Min *int `json:"min"`
	Max *int `json:"max"`
}

// Evidence is the sentence an event came from, with its offsets in the
// cleaned article text in Unicode code points, end exclusive.
type Evidence struct {
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	// Article is set on mentions of an event fused across articles.
	Article string `json:"article,omitempty"`
}

// DateConflict records a written date that its context contradicts: the
// event carries the date the context supports, and this keeps what was written.
type DateConflict struct {
	Written string `json:"written"`
	Chosen  string `json:"chosen"`
	Reason  string `json:"reason"`
}

// Event is one coded happening in one article.
type Event struct {
	ID            string        `json:"id,omitempty"`
	Article       string        `json:"article"`
	Date          string        `json:"date"`
	DatePrecision string        `json:"date_precision"`
	DateConflict  *DateConflict `json:"date_conflict,omitempty"`
	Source        Actor         `json:"source"`
	Target        Actor         `json:"target"`
	CAMEO         string        `json:"cameo"`
	QuadClass     int           `json:"quad_class"`
	Goldstein     float64       `json:"goldstein"`
	Plover        Plover        `json:"plover"`
	Location      *Location     `json:"location,omitempty"`
	Fatalities    *Fatalities   `json:"fatalities,omitempty"`
	Negated       bool          `json:"negated"`
	Claim         bool          `json:"claim"`
	Confidence    float64       `json:"confidence"`
	Evidence      Evidence      `json:"evidence"`
	// Mentions lists every sentence that told this happening, the first
	// being Evidence; fusion fills it.
	Mentions []Evidence `json:"mentions,omitempty"`
	// NumMentions, NumSources and NumArticles count, for an event fused
	// across articles, the sentences, outlets and articles that told it
	// (as GDELT's columns of those names); zero for one article's event.
	NumMentions int `json:"num_mentions,omitempty"`
	NumSources  int `json:"num_sources,omitempty"`
	NumArticles int `json:"num_articles,omitempty"`
	// Rule names the dictionary patterns that produced the event (--explain).
	Rule string `json:"rule,omitempty"`
	// Coder is the version of the coder that produced the event: the
	// binary's version and a digest of the dictionaries, patterns, code
	// tables, gazetteer and model it used (see `dyad version`).
	Coder string `json:"coder,omitempty"`
}
