package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/export"
	"github.com/parquet-go/parquet-go"
)

func intp(n int) *int { return &n }

var sample = event.Event{
	ID: "a1b2c3", Article: "seed", Date: "2024-01-18", DatePrecision: "day",
	Source: event.Actor{Text: "Pakistan", Country: "PAK", Agent: "MIL", Code: "PAKMIL"},
	Target: event.Actor{Text: "Iran", Country: "IRN", Code: "IRN"},
	CAMEO:  "195", QuadClass: 4, Goldstein: -10, Plover: event.Plover{Type: "ASSAULT", Mode: "aerial"},
	Location: &event.Location{Name: "Saravan", Country: "IRN", Admin1: "Sistan and Baluchestan",
		Lat: 27.37, Lon: 62.33, Precision: "city"},
	Fatalities: &event.Fatalities{Min: intp(7), Max: intp(9)},
	Confidence: 0.9,
	Evidence:   event.Evidence{Sentence: "Pakistani jets struck\tSaravan,\nkilling nine.", Start: 0, End: 44},
}

var opt = export.Options{
	Added:     time.Date(2024, 1, 19, 8, 30, 0, 0, time.UTC),
	SourceURL: func(id string) string { return "https://example.com/" + id },
}

func write(t *testing.T, format string, evs ...event.Event) string {
	t.Helper()
	var b bytes.Buffer
	w, err := export.New(format, &b, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if err := w.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestGDELTHas61Columns(t *testing.T) {
	if n := len(export.GDELTColumns); n != 61 {
		t.Fatalf("GDELTColumns has %d names, want 61", n)
	}
	noLoc := sample
	noLoc.Location, noLoc.ID, noLoc.Date = nil, "", "garbage"
	out := write(t, "gdelt", sample, noLoc)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want 2:\n%s", len(lines), out)
	}
	for i, l := range lines {
		if n := len(strings.Split(l, "\t")); n != 61 {
			t.Errorf("line %d has %d columns, want 61: %q", i+1, n, l)
		}
	}
	col := map[string]string{}
	for i, v := range strings.Split(lines[0], "\t") {
		col[export.GDELTColumns[i]] = v
	}
	want := map[string]string{
		"Day": "20240118", "MonthYear": "202401", "Year": "2024", "FractionDate": "2024.1315",
		"Actor1Code": "PAKMIL", "Actor1Name": "PAKISTAN", "Actor1CountryCode": "PAK", "Actor1Type1Code": "MIL",
		"Actor2Code": "IRN", "Actor2CountryCode": "IRN", "IsRootEvent": "1",
		"EventCode": "195", "EventBaseCode": "195", "EventRootCode": "19", "QuadClass": "4", "GoldsteinScale": "-10",
		"NumMentions": "1", "Actor1Geo_Type": "0", "ActionGeo_Type": "4",
		"ActionGeo_FullName": "Saravan, Sistan and Baluchestan", "ActionGeo_CountryCode": "IR",
		"ActionGeo_Lat": "27.37", "ActionGeo_Long": "62.33",
		"DATEADDED": "20240119083000", "SOURCEURL": "https://example.com/seed",
	}
	for k, v := range want {
		if col[k] != v {
			t.Errorf("%s = %q, want %q", k, col[k], v)
		}
	}
	if id := col["GlobalEventID"]; id == "" || strings.Trim(id, "0123456789") != "" {
		t.Errorf("GlobalEventID %q is not an integer", id)
	}
}

// The known-group columns carry each side's CAMEO known-group code, and
// stay empty for an actor with none.
func TestGDELTKnownGroups(t *testing.T) {
	un := event.Actor{Text: "United Nations", Agent: "IGO", Code: "IGO", Group: "UNO"}
	hamas := event.Actor{Text: "Hamas", Country: "PSE", Agent: "REB", Code: "PSEREB", Group: "HMS"}
	israel := event.Actor{Text: "Israel", Country: "ISR", Code: "ISR"}
	for _, c := range []struct {
		name           string
		source, target event.Actor
		want1, want2   string
	}{
		{"source", un, israel, "UNO", ""},
		{"target", israel, hamas, "", "HMS"},
		{"both", un, hamas, "UNO", "HMS"},
		{"neither", israel, sample.Target, "", ""},
	} {
		e := sample
		e.Source, e.Target = c.source, c.target
		row := export.GDELTRow(e, opt)
		col := map[string]string{}
		for i, v := range row {
			col[export.GDELTColumns[i]] = v
		}
		if col["Actor1KnownGroupCode"] != c.want1 || col["Actor2KnownGroupCode"] != c.want2 {
			t.Errorf("%s: KnownGroupCode %q, %q; want %q, %q", c.name, col["Actor1KnownGroupCode"], col["Actor2KnownGroupCode"], c.want1, c.want2)
		}
		if col["Actor1Code"] != c.source.Code || col["Actor1Type1Code"] != c.source.Agent {
			t.Errorf("%s: Actor1Code %q, Type1 %q; the group must not change them", c.name, col["Actor1Code"], col["Actor1Type1Code"])
		}
	}
	e := sample
	e.Source = un
	recs, err := csv.NewReader(strings.NewReader(write(t, "csv", e))).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("csv: %v, %d records", err, len(recs))
	}
	for i, h := range recs[0] {
		if want := map[string]string{"source_group": "UNO", "target_group": ""}[h]; (h == "source_group" || h == "target_group") && recs[1][i] != want {
			t.Errorf("csv %s = %q, want %q", h, recs[1][i], want)
		}
	}
	if !strings.HasSuffix(strings.Join(recs[0], ","), ",source_group,target_group") {
		t.Errorf("csv header lacks the group columns at its end: %v", recs[0])
	}
}

func TestFIPS(t *testing.T) {
	for iso, want := range map[string]string{"DEU": "GM", "GBR": "UK", "IRN": "IR", "PAK": "PK", "USA": "US", "XXX": ""} {
		if got := export.FIPS(iso); got != want {
			t.Errorf("FIPS(%q) = %q, want %q", iso, got, want)
		}
	}
}

func TestCSV(t *testing.T) {
	recs, err := csv.NewReader(strings.NewReader(write(t, "csv", sample, sample))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("got %d records, want header + 2", len(recs))
	}
	row := map[string]string{}
	for i, h := range recs[0] {
		row[h] = recs[1][i]
	}
	for k, v := range map[string]string{"url": "https://example.com/seed", "cameo": "195", "source_code": "PAKMIL",
		"fatalities_min": "7", "fatalities_max": "9", "lat": "27.37", "evidence": sample.Evidence.Sentence} {
		if row[k] != v {
			t.Errorf("%s = %q, want %q", k, row[k], v)
		}
	}
	if got := write(t, "csv"); !strings.HasPrefix(got, "id,article,") {
		t.Errorf("empty CSV export = %q, want the header", got)
	}
}

func TestJSONLRoundTrip(t *testing.T) {
	out := write(t, "jsonl", sample)
	var got event.Event
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.CAMEO != "195" || got.Location.Name != "Saravan" || *got.Fatalities.Max != 9 || got.Evidence != sample.Evidence {
		t.Errorf("round trip lost fields: %+v", got)
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := export.New("xlsx", &bytes.Buffer{}, opt); err == nil {
		t.Error("New(xlsx) succeeded")
	}
}

// The Parquet export reads back, in a generic Parquet reader, into every
// field of the events written: nulls stay null, open bounds stay open.
func TestParquetRoundTrip(t *testing.T) {
	full := sample
	full.DateConflict = &event.DateConflict{Written: "Jan 17", Chosen: "2024-01-18", Reason: "weekday"}
	full.Fatalities = &event.Fatalities{Min: intp(7)}
	full.Mentions = []event.Evidence{full.Evidence, {Sentence: "Iran condemned the strikes.", Start: 45, End: 72, Article: "other"}}
	full.Negated, full.Claim = true, true
	full.Target.Group = "HMS"
	full.NumMentions, full.NumSources, full.NumArticles = 2, 2, 2
	full.Rule, full.Coder = `verb "strike" (verbs/patterns-19.tsv:1)`, "v1+abc"
	bare := event.Event{ID: "x", Article: "a2", Date: "1999-12-31", DatePrecision: "year", CAMEO: "010",
		Source: event.Actor{Country: "KEN", Code: "KEN"}, Evidence: event.Evidence{Sentence: "Kenya said so.", End: 14}}
	out := write(t, "parquet", full, bare, sample)
	r := parquet.NewGenericReader[export.ParquetRow](strings.NewReader(out))
	defer r.Close()
	rows := make([]export.ParquetRow, 5)
	n, err := r.Read(rows)
	if n != 3 || err != nil && err != io.EOF {
		t.Fatalf("read %d rows, %v", n, err)
	}
	if rows[0].URL != "https://example.com/seed" {
		t.Errorf("url = %q", rows[0].URL)
	}
	for i, want := range []event.Event{full, bare, sample} {
		if got := export.ParquetEvent(rows[i]); !reflect.DeepEqual(got, want) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got, want)
		}
	}
	if col, ok := r.Schema().Lookup("date"); !ok || col.Node.Type().LogicalType().String() != "DATE" {
		t.Errorf("the date column is not a Parquet DATE")
	}
}
