package export

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/event"
)

// GDELTColumns names the 61 columns of the GDELT 2.0 event table in order.
// The "gdelt" format writes them tab-separated with no header, as GDELT's
// own export files do. What dyad puts in each:
//
//   - GlobalEventID: the event id when it is a decimal integer, otherwise a
//     stable 53-bit FNV-1a hash of the id (or of article, evidence offsets and
//     code when the event has no id).
//   - Day, MonthYear, Year, FractionDate: the event's date (not the
//     publication date); FractionDate is Year + (Month*30+Day)/365 as GDELT
//     computes it.
//   - Actor*Code, Actor*CountryCode, Actor*Type1Code: the CAMEO actor code,
//     the ISO 3166-1 alpha-3 country (CAMEO's country codes are ISO alpha-3
//     for almost all states) and the CAMEO agent. Actor*Name is the actor's
//     words in the article, upper-cased as in GDELT. Actor*KnownGroupCode is
//     the actor's CAMEO known-group code (UNO, NAT, HMS…; empty for none).
//     Ethnic, religion and the second and third type codes are empty.
//   - IsRootEvent: 1 when the evidence is the article's first sentence.
//   - EventCode, EventBaseCode, EventRootCode: the CAMEO code and its 3- and
//     2-digit prefixes; QuadClass and GoldsteinScale as coded.
//   - NumMentions: the sentences that told the event; NumSources and
//     NumArticles: 1 (one row per event per article). AvgTone: empty, as dyad
//     does not measure tone.
//   - Actor1Geo_*, Actor2Geo_*: type 0 and empty (dyad places the action,
//     not the actors).
//   - ActionGeo_*: the event's location. Type 1 country, 4 world city, 5
//     world state (2 and 3 for US states and cities); CountryCode is the FIPS
//     10-4 code (as GDELT uses), converted from ISO alpha-3 by the GeoNames
//     table; ADM1Code is that FIPS country code alone (dyad keeps admin1
//     names, not codes); FeatureID is the FIPS code for a country and empty
//     otherwise.
//   - DATEADDED: Options.Added as YYYYMMDDHHMMSS (UTC).
//   - SOURCEURL: the article's URL from Options.SourceURL.
var GDELTColumns = []string{
	"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// FIPS returns the FIPS 10-4 country code for an ISO 3166-1 alpha-3 code,
// or "" when there is none.
func FIPS(iso3 string) string { return fips[iso3] }

type gdeltWriter struct {
	w   *bufio.Writer
	opt Options
	row []string
}

// GDELTRow returns the 61 GDELT 2.0 columns for e (see GDELTColumns).
func GDELTRow(e event.Event, opt Options) []string {
	row := make([]string, 0, len(GDELTColumns))
	row = append(row, strconv.FormatInt(globalID(e), 10))
	if t, err := time.Parse("2006-01-02", e.Date); err == nil {
		frac := float64(int(t.Month())*30+t.Day()) / 365
		row = append(row, t.Format("20060102"), t.Format("200601"), t.Format("2006"),
			fmt.Sprintf("%.4f", float64(t.Year())+frac))
	} else {
		row = append(row, "", "", "", "")
	}
	row = appendActor(row, e.Source)
	row = appendActor(row, e.Target)
	root := "0"
	if e.Evidence.Start == 0 {
		root = "1"
	}
	row = append(row, root, e.CAMEO, prefix(e.CAMEO, 3), prefix(e.CAMEO, 2),
		strconv.Itoa(e.QuadClass), ftoa(e.Goldstein, 1),
		strconv.Itoa(max(1, e.NumMentions, len(e.Mentions))), strconv.Itoa(max(1, e.NumSources)), strconv.Itoa(max(1, e.NumArticles)), "")
	row = appendGeo(row, nil)
	row = appendGeo(row, nil)
	row = appendGeo(row, e.Location)
	added := opt.Added
	if added.IsZero() {
		added = time.Now()
	}
	url := ""
	if opt.SourceURL != nil {
		url = opt.SourceURL(e.Article)
	}
	row = append(row, added.UTC().Format("20060102150405"), url)
	for i, f := range row {
		row[i] = clean(f)
	}
	return row
}

func (g *gdeltWriter) Write(e event.Event) error {
	g.row = GDELTRow(e, g.opt)
	for i, f := range g.row {
		if i > 0 {
			g.w.WriteByte('\t')
		}
		g.w.WriteString(f)
	}
	return g.w.WriteByte('\n')
}

func (g *gdeltWriter) Close() error { return g.w.Flush() }

func appendActor(row []string, a event.Actor) []string {
	return append(row, a.Code, strings.ToUpper(a.Text), a.Country, a.Group, "", "", "", a.Agent, "", "")
}

func appendGeo(row []string, l *event.Location) []string {
	if l == nil {
		return append(row, "0", "", "", "", "", "", "", "")
	}
	fc := fips[l.Country]
	us := l.Country == "USA"
	typ, feature := "4", ""
	switch l.Precision {
	case "country":
		typ, feature = "1", fc
	case "admin1":
		typ = "5"
		if us {
			typ = "2"
		}
	default:
		if us {
			typ = "3"
		}
	}
	name := l.Name
	if l.Admin1 != "" && l.Admin1 != l.Name {
		name += ", " + l.Admin1
	}
	return append(row, typ, name, fc, fc, "", ftoa(l.Lat, 4), ftoa(l.Lon, 4), feature)
}

func prefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

// clean keeps a field on one line and in one column.
func clean(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\r' || r == '\n' }), " ")
}

// globalID gives GDELT an integer id for e.
func globalID(e event.Event) int64 {
	if n, err := strconv.ParseInt(e.ID, 10, 64); err == nil && n >= 0 {
		return n
	}
	h := fnv.New64a()
	if e.ID != "" {
		h.Write([]byte(e.ID))
	} else {
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00%s", e.Article, e.Evidence.Start, e.Evidence.End, e.CAMEO)
	}
	return int64(h.Sum64() & (1<<53 - 1))
}
