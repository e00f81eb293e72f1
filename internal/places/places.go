// Package places is dyad's gazetteer: it finds place names in news text and
// says where they are, as a city, a first-order administrative division
// (admin1) or a country.
//
// Gazetteer.Find and Gazetteer.FindWords read a text in the words that
// text.Words splits it into, the program's one tokenizer, and the names
// of the gazetteer are split the same way when it is loaded (Fold), so
// that a name is found as it is written.
//
// The embedded data (package data/places) is built from GeoNames
// (https://www.geonames.org, CC BY 4.0) by tools/gengazetteer, plus a file of
// curated additions. Both use one line format, UTF-8 and tab-separated; a
// line starting with '#' is a comment and blank lines are ignored:
//
//		kind  country  admin1  name  lat  lon  population  feature  alternates
//
//	  - kind: "country", "admin1", "city", or "demonym" (an adjective of
//	    nationality such as "Iranian", used in patterns like "the Iranian city
//	    of Saravan"; only name and alternates count).
//	  - country: ISO 3166-1 alpha-3 code.
//	  - admin1: the GeoNames admin1 code within the country ("02" for
//	    Balochistan in PAK), "-" for none. A city names its division by code.
//	  - name: the preferred English name.
//	  - lat, lon: decimal degrees; population: an integer. Any of the three may
//	    be "-" on a line that only adds names to an entry already loaded.
//	  - feature: the GeoNames feature code of a city (PPLC capital, PPLA seat
//	    of an admin1, PPL…), "-" otherwise.
//	  - alternates: other names, separated by '|', or "-".
//
// Trailing fields may be left out (they read as "-"). A line whose kind,
// country and admin1 code match an entry already loaded (for a city: one
// loaded from an earlier source of LoadSources, with a name that folds to
// the same key; one file may list two villages of one name) merges into it: its alternates are added,
// any given coordinates and population replace the old ones, and a country's
// or admin1's name becomes its preferred name (the old one still matches). This is how
// additions.tsv adds spellings (Baluchistan, Kiev) to GeoNames entries.
package places

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad/internal/event"
)

// Precision values of a Place.
const (
	PrecisionCity    = "city"
	PrecisionAdmin1  = "admin1"
	PrecisionCountry = "country"
)

// Place is one gazetteer entry.
type Place struct {
	Name       string  // preferred English name, e.g. "Saravan"
	Country    string  // ISO 3166-1 alpha-3, e.g. "IRN"
	Admin1     string  // first-order division name, e.g. "Sistan and Baluchestan"
	Lat, Lon   float64 // decimal degrees; a representative point for an admin1 or country
	Precision  string  // "city", "admin1" or "country"
	Population int     // people; for an admin1 or country, the sum over its listed places
}

// String shows a place for people: "Saravan, Sistan and Baluchestan, IRN
// (city 27.3700,62.3300)".
func (p Place) String() string {
	var b strings.Builder
	b.WriteString(p.Name)
	if p.Admin1 != "" && p.Admin1 != p.Name {
		b.WriteString(", ")
		b.WriteString(p.Admin1)
	}
	if p.Country != "" {
		b.WriteString(", ")
		b.WriteString(p.Country)
	}
	fmt.Fprintf(&b, " (%s %.4f,%.4f)", p.Precision, p.Lat, p.Lon)
	return b.String()
}

// Location converts a place to the event location type.
func (p Place) Location() event.Location {
	return event.Location{Name: p.Name, Country: p.Country, Admin1: p.Admin1,
		Lat: p.Lat, Lon: p.Lon, Precision: p.Precision}
}

// Context is what the surrounding text says about where we are.
type Context struct {
	Countries []string // ISO3 codes named in the sentence and article, most salient first
}

// Mention is a place name found in a text.
type Mention struct {
	Start, End int     // offsets in Unicode code points (runes) in the text passed to Find or FindWords, end exclusive
	Text       string  // the words as written: the text from Start to End
	Place      Place   // the chosen reading
	Candidates []Place // other readings considered, best first (for `dyad geocode`)
}

type kind uint8

const (
	kindCity kind = iota
	kindAdmin1
	kindCountry
)

func (k kind) precision() string {
	switch k {
	case kindAdmin1:
		return PrecisionAdmin1
	case kindCountry:
		return PrecisionCountry
	}
	return PrecisionCity
}

type entry struct {
	kind     kind
	country  string
	admin1   string // code
	name     string
	lat, lon float64
	pop      int
	feature  string
}

// Gazetteer is a loaded set of places with a name index. It is read-only
// once loaded and safe for concurrent use.
type Gazetteer struct {
	entries   []entry
	index     map[string][]int32 // folded name → entries
	countries map[string]int32   // ISO3 → entry
	admins    map[string]int32   // "PAK.02" → entry
	cities    map[string]int32   // "PAK.02.panjgur" → entry (for merging; built for a second source)
	source    int                // index of the source being read
	demonyms  map[string][]string
	common    map[string]bool
	maxTokens int
}

// Source is one named input of LoadSources.
type Source struct {
	Name string    // used in error messages: "NAME line 12: lat: …"
	R    io.Reader // plain or gzip-compressed gazetteer lines
}

// Load reads a gazetteer in the line format of the package comment, plain or
// gzip-compressed. Errors name the line and field: "gazetteer line 12: lat: …".
func Load(r io.Reader) (*Gazetteer, error) {
	return LoadSources(Source{Name: "gazetteer", R: r})
}

// LoadSources reads several gazetteer files in order, later ones adding to
// and merging into earlier ones (the GeoNames file, then additions).
func LoadSources(srcs ...Source) (*Gazetteer, error) {
	return loadSources(0, srcs...)
}

// loadSources is LoadSources with a hint of the number of names.
func loadSources(names int, srcs ...Source) (*Gazetteer, error) {
	g := &Gazetteer{
		index:     make(map[string][]int32, names),
		countries: map[string]int32{},
		admins:    map[string]int32{},
		demonyms:  map[string][]string{},
		common:    map[string]bool{},
	}
	for i, s := range srcs {
		g.source = i
		if err := g.read(s); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// SetCommonWords replaces the list of place names that are also common
// English words (folded, one a line, '#' comments): readings of these need
// more evidence. Call it before the gazetteer is shared.
func (g *Gazetteer) SetCommonWords(r io.Reader) error {
	sc := bufio.NewScanner(r)
	m := map[string]bool{}
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if w == "" || w[0] == '#' {
			continue
		}
		m[Fold(w)] = true
	}
	if err := sc.Err(); err != nil {
		return err
	}
	g.common = m
	return nil
}

func (g *Gazetteer) read(src Source) error {
	br := bufio.NewReaderSize(src.R, 1<<16)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("%s line 1: gzip: %w", src.Name, err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 || line[0] == '#' {
			continue
		}
		if err := g.addLine(string(line)); err != nil {
			return fmt.Errorf("%s line %d: %w", src.Name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s line %d: %w", src.Name, n+1, err)
	}
	return nil
}

// fieldError is "field: problem".
func fieldError(field, format string, args ...any) error {
	return fmt.Errorf("%s: %s", field, fmt.Sprintf(format, args...))
}

func (g *Gazetteer) addLine(line string) error {
	var f [9]string
	line = strings.TrimRight(line, "\r")
	nf := 0
	for nf < len(f) {
		field, rest, more := strings.Cut(line, "\t")
		f[nf] = strings.TrimSpace(field)
		nf++
		line = rest
		if !more {
			break
		}
		if nf == len(f) {
			return errors.New("too many fields (want at most 9)")
		}
	}
	if nf < 4 {
		return fmt.Errorf("%d fields, want at least 4 (kind, country, admin1, name)", nf)
	}
	for i := range f {
		if f[i] == "" {
			f[i] = "-"
		}
	}
	var k kind
	switch f[0] {
	case "city":
		k = kindCity
	case "admin1":
		k = kindAdmin1
	case "country":
		k = kindCountry
	case "demonym":
		return g.addDemonym(f)
	default:
		return fieldError("kind", "%q is not country, admin1, city or demonym", f[0])
	}
	if !isISO3(f[1]) {
		return fieldError("country", "%q is not an ISO 3166-1 alpha-3 code", f[1])
	}
	if f[3] == "-" || strings.ContainsAny(f[3], "|") {
		return fieldError("name", "%q is not a name", f[3])
	}
	e := entry{kind: k, country: f[1], name: f[3]}
	if f[2] != "-" {
		e.admin1 = f[2]
	}
	if k == kindAdmin1 && e.admin1 == "" {
		return fieldError("admin1", "an admin1 line needs its code")
	}
	haveCoords := f[4] != "-" || f[5] != "-"
	if haveCoords {
		var err error
		if e.lat, err = parseCoord(f[4], 90); err != nil {
			return fieldError("lat", "%v", err)
		}
		if e.lon, err = parseCoord(f[5], 180); err != nil {
			return fieldError("lon", "%v", err)
		}
	}
	havePop := f[6] != "-"
	if havePop {
		p, err := strconv.Atoi(f[6])
		if err != nil || p < 0 {
			return fieldError("population", "%q is not a count of people", f[6])
		}
		e.pop = p
	}
	if f[7] != "-" {
		e.feature = f[7]
	}
	var alts []string
	if f[8] != "-" {
		for rest, more := f[8], true; more; {
			var a string
			a, rest, more = strings.Cut(rest, "|")
			if a = strings.TrimSpace(a); a != "" {
				alts = append(alts, a)
			}
		}
	}
	nameKey := Fold(e.name)
	if nameKey == "" {
		return fieldError("name", "%q has no letters", e.name)
	}

	// Merge into an existing entry?
	var key string
	var byKey map[string]int32
	switch k {
	case kindCountry:
		key, byKey = e.country, g.countries
	case kindAdmin1:
		key, byKey = e.country+"."+e.admin1, g.admins
	default:
		// Cities merge only into entries of earlier sources: one file may
		// list two villages of one name in one division.
		if g.source > 0 {
			if g.cities == nil {
				g.cities = make(map[string]int32, len(g.entries))
				for id := range g.entries {
					if c := &g.entries[id]; c.kind == kindCity {
						g.cities[c.country+"."+c.admin1+"."+Fold(c.name)] = int32(id)
					}
				}
			}
			key, byKey = e.country+"."+e.admin1+"."+nameKey, g.cities
		}
	}
	if id, ok := byKey[key]; ok && byKey != nil {
		old := &g.entries[id]
		if haveCoords {
			old.lat, old.lon = e.lat, e.lon
		}
		if havePop {
			old.pop = e.pop
		}
		if e.feature != "" {
			old.feature = e.feature
		}
		if k != kindCity && e.name != old.name {
			old.name = e.name // the old name stays indexed as an alternate
			g.indexName(e.name, id)
		}
		for _, a := range alts {
			g.indexName(a, id)
		}
		return nil
	}
	if !haveCoords {
		return fieldError("lat", "a new entry needs coordinates")
	}
	id := int32(len(g.entries))
	g.entries = append(g.entries, e)
	if byKey != nil {
		byKey[key] = id
	}
	g.indexKey(nameKey, id)
	for _, a := range alts {
		g.indexName(a, id)
	}
	return nil
}

func (g *Gazetteer) addDemonym(f [9]string) error {
	if !isISO3(f[1]) {
		return fieldError("country", "%q is not an ISO 3166-1 alpha-3 code", f[1])
	}
	names := []string{f[3]}
	if f[8] != "-" {
		names = append(names, strings.Split(f[8], "|")...)
	}
	for _, n := range names {
		k := Fold(n)
		if k == "" {
			continue
		}
		if !contains(g.demonyms[k], f[1]) {
			g.demonyms[k] = append(g.demonyms[k], f[1])
		}
	}
	return nil
}

func (g *Gazetteer) indexName(name string, id int32) {
	g.indexKey(Fold(name), id)
}

func (g *Gazetteer) indexKey(k string, id int32) {
	if k == "" {
		return
	}
	ids := g.index[k]
	for _, x := range ids {
		if x == id {
			return
		}
	}
	g.index[k] = append(ids, id)
	if len(ids) > 0 {
		return // a second reading: its length is known already
	}
	if n := strings.Count(k, " ") + 1; n > g.maxTokens {
		g.maxTokens = n
	}
}

func parseCoord(s string, limit float64) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if !(v >= -limit && v <= limit) {
		return 0, fmt.Errorf("%v is out of range ±%v", v, limit)
	}
	return v, nil
}

func isISO3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// The gazetteer's files, as package data/places embeds them and LoadFS
// reads them:
// GeoNames, the curated additions, and the common words that are no
// place name on their own.
const (
	FileGazetteer   = "gazetteer.tsv.gz"
	FileAdditions   = "additions.tsv"
	FileCommonWords = "commonwords.txt"
)

// LoadFS reads the gazetteer from fsys, which holds FileGazetteer,
// FileAdditions and FileCommonWords at its root (dyad passes the embedded
// data/places files; a test or a user may pass others laid out the same
// way). The gazetteer returned is safe for concurrent use.
func LoadFS(fsys fs.FS) (*Gazetteer, error) {
	main, err := fsys.Open(FileGazetteer)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	defer main.Close()
	add, err := fsys.Open(FileAdditions)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	defer add.Close()
	g, err := loadSources(1<<19, Source{Name: FileGazetteer, R: main}, Source{Name: FileAdditions, R: add})
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	cw, err := fsys.Open(FileCommonWords)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	defer cw.Close()
	if err := g.SetCommonWords(cw); err != nil {
		return nil, fmt.Errorf("load gazetteer: %s: %w", FileCommonWords, err)
	}
	return g, nil
}

// place converts an entry to a Place.
func (g *Gazetteer) place(id int32) Place {
	e := &g.entries[id]
	p := Place{Name: e.name, Country: e.country, Lat: e.lat, Lon: e.lon,
		Precision: e.kind.precision(), Population: e.pop}
	if e.kind != kindCountry && e.admin1 != "" {
		if aid, ok := g.admins[e.country+"."+e.admin1]; ok {
			p.Admin1 = g.entries[aid].name
		}
	}
	return p
}

// Country returns a country as a Place, its coordinates a representative
// point inside it.
func (g *Gazetteer) Country(iso3 string) (Place, bool) {
	id, ok := g.countries[strings.ToUpper(iso3)]
	if !ok {
		return Place{}, false
	}
	return g.place(id), true
}

// Lookup returns every entry whose name or alternate name folds to the same
// key as name, most populous first, without any context rules.
func (g *Gazetteer) Lookup(name string) []Place {
	ids := g.index[Fold(name)]
	out := make([]Place, 0, len(ids))
	for _, id := range ids {
		out = append(out, g.place(id))
	}
	sortPlaces(out)
	return out
}

// Len reports the number of entries (countries, admin1s and cities).
func (g *Gazetteer) Len() int { return len(g.entries) }
