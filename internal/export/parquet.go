package export

import (
	"bufio"
	"fmt"
	"time"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/parquet-go/parquet-go"
)

// ParquetRow is one event as a row of the Parquet export: typed columns
// (the date as a DATE, counts as integers, coordinates as doubles), the
// codes dictionary-encoded, the optional parts as nullable groups and the
// mentions as a list. Every field of event.Event has a column, so a file
// reads back into the events that were written (see ParquetEvent).
type ParquetRow struct {
	ID            string               `parquet:"id"`
	Article       string               `parquet:"article,dict"`
	URL           string               `parquet:"url,dict"`
	Date          int32                `parquet:"date,date"`
	DatePrecision string               `parquet:"date_precision,dict"`
	DateConflict  *ParquetDateConflict `parquet:"date_conflict,optional"`
	Source        ParquetActor         `parquet:"source"`
	Target        ParquetActor         `parquet:"target"`
	CAMEO         string               `parquet:"cameo,dict"`
	QuadClass     int32                `parquet:"quad_class"`
	Goldstein     float64              `parquet:"goldstein"`
	PloverType    string               `parquet:"plover_type,dict"`
	PloverMode    string               `parquet:"plover_mode,dict"`
	Location      *ParquetLocation     `parquet:"location,optional"`
	Fatalities    *ParquetFatalities   `parquet:"fatalities,optional"`
	Negated       bool                 `parquet:"negated"`
	Claim         bool                 `parquet:"claim"`
	Confidence    float64              `parquet:"confidence"`
	Evidence      ParquetEvidence      `parquet:"evidence"`
	Mentions      []ParquetEvidence    `parquet:"mentions,list"`
	NumMentions   int32                `parquet:"num_mentions"`
	NumSources    int32                `parquet:"num_sources"`
	NumArticles   int32                `parquet:"num_articles"`
	Rule          string               `parquet:"rule"`
	Coder         string               `parquet:"coder,dict"`
}

// ParquetActor is a source or target.
type ParquetActor struct {
	Text    string `parquet:"text"`
	Country string `parquet:"country,dict"`
	Agent   string `parquet:"agent,dict"`
	Code    string `parquet:"code,dict"`
	Group   string `parquet:"group,dict"` // CAMEO known-group code, "" for none
}

// ParquetDateConflict is event.DateConflict.
type ParquetDateConflict struct {
	Written string `parquet:"written"`
	Chosen  string `parquet:"chosen"`
	Reason  string `parquet:"reason"`
}

// ParquetLocation is event.Location.
type ParquetLocation struct {
	Name      string  `parquet:"name"`
	Country   string  `parquet:"country,dict"`
	Admin1    string  `parquet:"admin1,dict"`
	Lat       float64 `parquet:"lat"`
	Lon       float64 `parquet:"lon"`
	Precision string  `parquet:"precision,dict"`
}

// ParquetFatalities is event.Fatalities; a null bound is open.
type ParquetFatalities struct {
	Min *int32 `parquet:"min,optional"`
	Max *int32 `parquet:"max,optional"`
}

// ParquetEvidence is event.Evidence.
type ParquetEvidence struct {
	Sentence string `parquet:"sentence"`
	Start    int32  `parquet:"start"`
	End      int32  `parquet:"end"`
	Article  string `parquet:"article"`
}

// parquetRowGroup is the number of rows buffered before a row group is
// written: large enough for column statistics and dictionaries to pay,
// small enough that an export of millions of events streams.
const parquetRowGroup = 128 << 10

type parquetWriter struct {
	w   *parquet.GenericWriter[ParquetRow]
	bw  *bufio.Writer
	opt Options
	row [1]ParquetRow
}

func newParquetWriter(bw *bufio.Writer, opt Options) *parquetWriter {
	return &parquetWriter{bw: bw, opt: opt,
		w: parquet.NewGenericWriter[ParquetRow](bw, parquet.Compression(&parquet.Zstd), parquet.MaxRowsPerRowGroup(parquetRowGroup))}
}

func (p *parquetWriter) Write(e event.Event) error {
	r, err := parquetRow(e, p.opt.SourceURL(e.Article))
	if err != nil {
		return err
	}
	p.row[0] = r
	_, err = p.w.Write(p.row[:])
	return err
}

func (p *parquetWriter) Close() error {
	if err := p.w.Close(); err != nil {
		return err
	}
	return p.bw.Flush()
}

// epoch is day 0 of Parquet's DATE type.
var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

func parquetRow(e event.Event, url string) (ParquetRow, error) {
	d, err := time.Parse("2006-01-02", e.Date)
	if err != nil {
		return ParquetRow{}, fmt.Errorf("parquet: event %s: date %q: %w", e.ID, e.Date, err)
	}
	r := ParquetRow{
		ID: e.ID, Article: e.Article, URL: url,
		Date: int32(d.Sub(epoch).Hours() / 24), DatePrecision: e.DatePrecision,
		Source: ParquetActor(e.Source), Target: ParquetActor(e.Target),
		CAMEO: e.CAMEO, QuadClass: int32(e.QuadClass), Goldstein: e.Goldstein,
		PloverType: e.Plover.Type, PloverMode: e.Plover.Mode,
		Negated: e.Negated, Claim: e.Claim, Confidence: e.Confidence,
		Evidence:    parquetEvidence(e.Evidence),
		NumMentions: int32(e.NumMentions), NumSources: int32(e.NumSources), NumArticles: int32(e.NumArticles),
		Rule: e.Rule, Coder: e.Coder,
	}
	if c := e.DateConflict; c != nil {
		r.DateConflict = &ParquetDateConflict{Written: c.Written, Chosen: c.Chosen, Reason: c.Reason}
	}
	if l := e.Location; l != nil {
		r.Location = &ParquetLocation{Name: l.Name, Country: l.Country, Admin1: l.Admin1, Lat: l.Lat, Lon: l.Lon, Precision: l.Precision}
	}
	if f := e.Fatalities; f != nil {
		r.Fatalities = &ParquetFatalities{Min: int32Ptr(f.Min), Max: int32Ptr(f.Max)}
	}
	for _, m := range e.Mentions {
		r.Mentions = append(r.Mentions, parquetEvidence(m))
	}
	return r, nil
}

// ParquetEvent turns a row read back from a Parquet export into the event
// that was written.
func ParquetEvent(r ParquetRow) event.Event {
	e := event.Event{
		ID: r.ID, Article: r.Article,
		Date: epoch.AddDate(0, 0, int(r.Date)).Format("2006-01-02"), DatePrecision: r.DatePrecision,
		Source: event.Actor(r.Source), Target: event.Actor(r.Target),
		CAMEO: r.CAMEO, QuadClass: int(r.QuadClass), Goldstein: r.Goldstein,
		Plover:  event.Plover{Type: r.PloverType, Mode: r.PloverMode},
		Negated: r.Negated, Claim: r.Claim, Confidence: r.Confidence,
		Evidence:    event.Evidence(evidenceOf(r.Evidence)),
		NumMentions: int(r.NumMentions), NumSources: int(r.NumSources), NumArticles: int(r.NumArticles),
		Rule: r.Rule, Coder: r.Coder,
	}
	if c := r.DateConflict; c != nil {
		e.DateConflict = &event.DateConflict{Written: c.Written, Chosen: c.Chosen, Reason: c.Reason}
	}
	if l := r.Location; l != nil {
		e.Location = &event.Location{Name: l.Name, Country: l.Country, Admin1: l.Admin1, Lat: l.Lat, Lon: l.Lon, Precision: l.Precision}
	}
	if f := r.Fatalities; f != nil {
		e.Fatalities = &event.Fatalities{Min: intPtr(f.Min), Max: intPtr(f.Max)}
	}
	for _, m := range r.Mentions {
		e.Mentions = append(e.Mentions, evidenceOf(m))
	}
	return e
}

func parquetEvidence(ev event.Evidence) ParquetEvidence {
	return ParquetEvidence{Sentence: ev.Sentence, Start: int32(ev.Start), End: int32(ev.End), Article: ev.Article}
}

func evidenceOf(p ParquetEvidence) event.Evidence {
	return event.Evidence{Sentence: p.Sentence, Start: int(p.Start), End: int(p.End), Article: p.Article}
}

func int32Ptr(p *int) *int32 {
	if p == nil {
		return nil
	}
	v := int32(*p)
	return &v
}

func intPtr(p *int32) *int {
	if p == nil {
		return nil
	}
	v := int(*p)
	return &v
}
