// Package export owns writing events out in the formats other tools read:
// the GDELT 2.0 event table (tab-separated, 61 columns), a flat CSV with a
// header, JSONL in the contract's event shape, and Parquet with typed
// columns for pandas, Arrow, DuckDB or Spark. It takes events one at a
// time, so an export of any size streams. Of dyad's packages it imports
// only internal/event.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/event"
)

// Formats lists the format names New accepts.
var Formats = []string{"gdelt", "csv", "jsonl", "parquet"}

// Options carry what an event alone does not say.
type Options struct {
	// SourceURL returns the URL of the article with the given id, or "".
	// GDELT's SOURCEURL and the CSV's url column come from it; nil leaves
	// them empty.
	SourceURL func(article string) string
	// Added is GDELT's DATEADDED. The zero value means the time New is called.
	Added time.Time
}

// Writer writes events in one format. Call Close to flush.
type Writer interface {
	// Write writes one event.
	Write(e event.Event) error
	// Close flushes what is buffered; it does not close the underlying writer.
	Close() error
}

// New returns a Writer for format ("gdelt", "csv", "jsonl" or "parquet")
// on w.
func New(format string, w io.Writer, opt Options) (Writer, error) {
	if opt.Added.IsZero() {
		opt.Added = time.Now().UTC()
	}
	if opt.SourceURL == nil {
		opt.SourceURL = func(string) string { return "" }
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	switch format {
	case "gdelt":
		return &gdeltWriter{w: bw, opt: opt}, nil
	case "csv":
		return &csvWriter{w: csv.NewWriter(bw), bw: bw, opt: opt}, nil
	case "jsonl":
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		return &jsonlWriter{enc: enc, bw: bw}, nil
	case "parquet":
		return newParquetWriter(bw, opt), nil
	}
	return nil, fmt.Errorf("unknown format %q; want one of %s", format, strings.Join(Formats, ", "))
}

// ValidFormat reports whether New accepts format.
func ValidFormat(format string) bool { return slices.Contains(Formats, format) }

type jsonlWriter struct {
	enc *json.Encoder
	bw  *bufio.Writer
}

func (j *jsonlWriter) Write(e event.Event) error { return j.enc.Encode(e) }
func (j *jsonlWriter) Close() error              { return j.bw.Flush() }

// CSVHeader is the header row of the CSV format, in column order.
var CSVHeader = []string{
	"id", "article", "url", "date", "date_precision",
	"source_text", "source_country", "source_agent", "source_code",
	"target_text", "target_country", "target_agent", "target_code",
	"cameo", "quad_class", "goldstein", "plover_type", "plover_mode",
	"location_name", "location_country", "location_admin1", "lat", "lon", "location_precision",
	"fatalities_min", "fatalities_max", "negated", "claim", "confidence",
	"evidence", "evidence_start", "evidence_end", "mentions",
	"source_group", "target_group",
}

type csvWriter struct {
	w      *csv.Writer
	bw     *bufio.Writer
	opt    Options
	header bool
}

func (c *csvWriter) Write(e event.Event) error {
	if !c.header {
		c.header = true
		if err := c.w.Write(CSVHeader); err != nil {
			return err
		}
	}
	var locName, locCountry, locAdmin1, lat, lon, locPrec string
	if l := e.Location; l != nil {
		locName, locCountry, locAdmin1, locPrec = l.Name, l.Country, l.Admin1, l.Precision
		lat, lon = ftoa(l.Lat, 5), ftoa(l.Lon, 5)
	}
	var fmin, fmax string
	if f := e.Fatalities; f != nil {
		fmin, fmax = itoaPtr(f.Min), itoaPtr(f.Max)
	}
	return c.w.Write([]string{
		e.ID, e.Article, c.opt.SourceURL(e.Article), e.Date, e.DatePrecision,
		e.Source.Text, e.Source.Country, e.Source.Agent, e.Source.Code,
		e.Target.Text, e.Target.Country, e.Target.Agent, e.Target.Code,
		e.CAMEO, fmt.Sprint(e.QuadClass), ftoa(e.Goldstein, 1), e.Plover.Type, e.Plover.Mode,
		locName, locCountry, locAdmin1, lat, lon, locPrec,
		fmin, fmax, fmt.Sprint(e.Negated), fmt.Sprint(e.Claim), ftoa(e.Confidence, 3),
		e.Evidence.Sentence, fmt.Sprint(e.Evidence.Start), fmt.Sprint(e.Evidence.End), fmt.Sprint(max(1, len(e.Mentions))),
		e.Source.Group, e.Target.Group,
	})
}

func (c *csvWriter) Close() error {
	if !c.header { // an empty export still says what its columns are
		c.header = true
		if err := c.w.Write(CSVHeader); err != nil {
			return err
		}
	}
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

func itoaPtr(p *int) string {
	if p == nil {
		return ""
	}
	return fmt.Sprint(*p)
}

// ftoa formats f with at most prec decimals and no trailing zeros.
func ftoa(f float64, prec int) string {
	s := fmt.Sprintf("%.*f", prec, f)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}
