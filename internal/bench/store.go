package bench

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/store"
)

// synthCodes are the CAMEO codes synthetic events draw from, with their
// QuadClass, Goldstein score and PLOVER type.
var synthCodes = []struct {
	code   string
	quad   int
	gold   float64
	plover string
}{
	{"010", 1, 0, "CONSULT"}, {"036", 1, 4, "CONSULT"}, {"042", 1, 1.9, "CONSULT"}, {"043", 1, 2.8, "CONSULT"},
	{"051", 1, 3.4, "COOPERATE"}, {"057", 1, 8, "AGREE"}, {"061", 2, 6.4, "COOPERATE"}, {"070", 2, 7, "AID"},
	{"073", 2, 7.4, "AID"}, {"0841", 2, 1.9, "RETREAT"}, {"111", 3, -2, "ACCUSE"}, {"112", 3, -2, "ACCUSE"},
	{"122", 3, -4, "REJECT"}, {"130", 3, -4.4, "THREATEN"}, {"141", 3, -6.5, "PROTEST"}, {"161", 4, -4, "SANCTION"},
	{"163", 4, -8, "SANCTION"}, {"173", 4, -5, "ARREST"}, {"174", 4, -5, "EXPEL"}, {"181", 4, -9, "ASSAULT"},
	{"190", 4, -10, "ASSAULT"}, {"193", 4, -10, "ASSAULT"}, {"194", 4, -10, "ASSAULT"}, {"195", 4, -10, "ASSAULT"},
}

var synthAgents = []string{"", "", "GOV", "GOV", "MIL", "MIL", "REB", "CVL", "COP", "BUS"}

// Locator gives a country's representative location (places.Gazetteer's
// Country), or nil.
type Locator func(iso3 string) *event.Location

// SyntheticArticle makes one stored article with n coded events without
// running the coder: actors, codes, dates and places are drawn at random
// (from the generator's seed) and each event's evidence is a generated
// sentence of the article's text. It is for filling a store quickly.
func (g *Generator) SyntheticArticle(n int, locate Locator) store.Coded {
	g.seq++
	r := g.rng
	pub := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(16*365))
	a := g.pick()
	b := g.pick()
	for b.code == a.code {
		b = g.pick()
	}
	st := &story{g: g, pub: pub, a: a, b: b, c: g.pick()}
	id := fmt.Sprintf("syn-%08d", g.seq)
	var sb strings.Builder
	evs := make([]event.Event, 0, n)
	off := 0
	for i := 0; i < n; i++ {
		s := st.fill(eventTemplates[r.IntN(len(eventTemplates))])
		if i > 0 {
			sb.WriteString(" ")
			off++
		}
		sb.WriteString(s)
		end := off + utf8.RuneCountInString(s)
		src, tgt := a, b
		if r.IntN(3) == 0 {
			src, tgt = b, a
		}
		c := synthCodes[r.IntN(len(synthCodes))]
		e := event.Event{
			Article: id, Date: pub.AddDate(0, 0, -r.IntN(4)).Format("2006-01-02"), DatePrecision: "day",
			Source: actor(src.name, src.code, synthAgents[r.IntN(len(synthAgents))]),
			Target: actor(tgt.name, tgt.code, synthAgents[r.IntN(len(synthAgents))]),
			CAMEO:  c.code, QuadClass: c.quad, Goldstein: c.gold, Plover: event.Plover{Type: c.plover},
			Confidence: 0.9, Evidence: event.Evidence{Sentence: s, Start: off, End: end},
		}
		if locate != nil && r.IntN(4) > 0 {
			e.Location = locate(tgt.code)
		}
		if c.quad == 4 && r.IntN(3) == 0 {
			k := 1 + r.IntN(30)
			e.Fatalities = &event.Fatalities{Min: &k, Max: &k}
		}
		e.Mentions = []event.Evidence{e.Evidence}
		evs = append(evs, e)
		off = end
	}
	text := sb.String()
	title := st.fill(headlines[r.IntN(len(headlines))])
	return store.Coded{
		Article: event.Article{ID: id, URL: "https://news.example.org/" + id, Title: title, Published: pub,
			Hash: event.Article{Published: pub, Title: title, Text: text}.ContentHash(), Language: "en", Text: text},
		Events: evs,
	}
}

func actor(name, country, agent string) event.Actor {
	return event.Actor{Text: name, Country: country, Agent: agent, Code: country + agent}
}

// IngestResult is the rate of a store ingest.
type IngestResult struct {
	Articles int           `json:"articles"`
	Events   int           `json:"events"`
	Batch    int           `json:"batch"`
	Seconds  float64       `json:"seconds"`
	Duration time.Duration `json:"-"`
}

// EventsPerSec is the event rate.
func (r IngestResult) EventsPerSec() float64 { return rate(float64(r.Events), r.Duration) }

// ArticlesPerSec is the article rate.
func (r IngestResult) ArticlesPerSec() float64 { return rate(float64(r.Articles), r.Duration) }

// Ingest stores coded articles with store.PutBatch, batch articles per
// transaction (as dyad ingest does), and times it.
func Ingest(ctx context.Context, s store.Store, coded []store.Coded, batch int) (IngestResult, error) {
	if batch < 1 {
		batch = 1
	}
	res := IngestResult{Batch: batch}
	start := time.Now()
	for i := 0; i < len(coded); i += batch {
		j := min(i+batch, len(coded))
		if _, err := store.PutBatch(ctx, s, coded[i:j]); err != nil {
			return res, err
		}
		for _, c := range coded[i:j] {
			res.Articles++
			res.Events += len(c.Events)
		}
	}
	res.Duration = time.Since(start)
	res.Seconds = res.Duration.Seconds()
	return res, nil
}

// Fill stores synthetic articles (perArticle events each, batch articles
// per transaction) until the store has received events events, generating
// each batch just before storing it, so memory stays small. progress, when
// not nil, is called after each batch with the events stored so far.
func (g *Generator) Fill(ctx context.Context, s store.Store, events, perArticle, batch int, locate Locator,
	progress func(stored int)) (IngestResult, error) {
	if perArticle < 1 {
		perArticle = 1
	}
	if batch < 1 {
		batch = 1
	}
	res := IngestResult{Batch: batch}
	buf := make([]store.Coded, 0, batch)
	var spent time.Duration
	for res.Events < events {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		buf = buf[:0]
		n := 0
		for len(buf) < batch && res.Events+n < events {
			k := min(perArticle, events-res.Events-n)
			buf = append(buf, g.SyntheticArticle(k, locate))
			n += k
		}
		start := time.Now()
		if _, err := store.PutBatch(ctx, s, buf); err != nil {
			return res, err
		}
		spent += time.Since(start)
		res.Articles += len(buf)
		res.Events += n
		if progress != nil {
			progress(res.Events)
		}
	}
	res.Duration = spent
	res.Seconds = spent.Seconds()
	return res, nil
}
