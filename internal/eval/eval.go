// Package eval owns scoring: it matches system events to gold events by the
// rule of ../shared/CONTRACT.md (same article, CAMEO root, source and
// target countries and negation; closest date wins; alternatives and
// optional gold honoured) and computes the figures the shared scorer prints.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Actor is the part of an actor the scorer reads.
type Actor struct {
	Country string `json:"country"`
	Agent   string `json:"agent"`
	// Group is the optional CAMEO known-group code ("UNO", "HMS"). It never
	// decides a match: matched pairs whose gold names a group are counted
	// in the group_exact figure, and a system actor with no group there is
	// only a wrong group, not a missed event.
	Group string `json:"group"`
}

// Location is the part of a location the scorer reads.
type Location struct {
	Name      string   `json:"name"`
	Country   string   `json:"country"`
	Admin1    string   `json:"admin1"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
	Precision string   `json:"precision"`
	Approx    bool     `json:"approx"`
}

// Fatalities is a death range; nil is an open bound.
type Fatalities struct {
	Min *int `json:"min"`
	Max *int `json:"max"`
}

// Alt is another acceptable reading of a gold event.
type Alt struct {
	CAMEO   *string `json:"cameo"`
	Source  *Actor  `json:"source"`
	Target  *Actor  `json:"target"`
	Negated *bool   `json:"negated"`
}

// Row is a gold or system event (or a gold "ignore" rule).
type Row struct {
	Article       string          `json:"article"`
	Date          string          `json:"date"`
	DatePrecision string          `json:"date_precision"`
	Source        *Actor          `json:"source"`
	Target        *Actor          `json:"target"`
	CAMEO         string          `json:"cameo"`
	Negated       bool            `json:"negated"`
	Claim         *bool           `json:"claim"`
	Alt           []Alt           `json:"alt"`
	Optional      bool            `json:"optional"`
	Location      *Location       `json:"location"`
	Fatalities    *Fatalities     `json:"fatalities"`
	Ignore        *Ignore         `json:"ignore"`
	Note          string          `json:"note"`
	Evidence      json.RawMessage `json:"evidence"`
	Line          int             `json:"-"`
}

// Ignore drops system events of an article by source or target country.
type Ignore struct {
	SourceCountry string `json:"source_country"`
	TargetCountry string `json:"target_country"`
}

// Load reads JSONL rows; errors name the file and line.
func Load(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(path, f)
}

// Read reads JSONL rows from r.
func Read(name string, r io.Reader) ([]Row, error) {
	var rows []Row
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 64<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var row Row
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			return nil, fmt.Errorf("%s:%d: not JSON: %w", name, n, err)
		}
		row.Line = n
		rows = append(rows, row)
	}
	return rows, sc.Err()
}

func country(a *Actor) string {
	if a == nil {
		return ""
	}
	return strings.ToUpper(a.Country)
}

type reading struct {
	root, code, src, tgt string
	neg                  bool
}

func readings(g *Row) []reading {
	base := reading{g.CAMEO[:min(2, len(g.CAMEO))], g.CAMEO, country(g.Source), country(g.Target), g.Negated}
	out := []reading{base}
	for _, a := range g.Alt {
		r := base
		if a.CAMEO != nil {
			r.code = *a.CAMEO
			r.root = r.code[:min(2, len(r.code))]
		}
		if a.Source != nil {
			r.src = country(a.Source)
		}
		if a.Target != nil {
			r.tgt = country(a.Target)
		}
		if a.Negated != nil {
			r.neg = *a.Negated
		}
		out = append(out, r)
	}
	return out
}

// compatible: ok when s can stand for g; exact when its code is a gold reading's.
func compatible(g, s *Row) (ok, exact bool) {
	root := s.CAMEO[:min(2, len(s.CAMEO))]
	for _, r := range readings(g) {
		if root == r.root && country(s.Source) == r.src && country(s.Target) == r.tgt && s.Negated == r.neg {
			ok = true
			if s.CAMEO == r.code {
				exact = true
			}
		}
	}
	return ok, exact
}

func day(s string) (time.Time, bool) {
	if len(s) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	return t, err == nil
}

// Counts is true and false positives and negatives.
type Counts struct{ TP, FP, FN int }

// Pair is a matched gold and system event.
type Pair struct {
	Gold, System *Row
	Exact        bool
}

// Result is a scoring.
type Result struct {
	Counts
	PerRoot      map[string]*Counts
	Checks       map[string]int
	Misses       []*Row // gold not found
	Alarms       []*Row // system events matching no gold
	Pairs        []Pair
	PerCode      map[[2]string]int // gold code, system code -> matched pairs
	GoldArticles int
}

// Score matches system rows to gold rows by the contract's rule.
func Score(goldRows, sysRows []Row) *Result {
	gold := map[string][]*Row{}
	rules := map[string][]*Ignore{}
	for i := range goldRows {
		g := &goldRows[i]
		if g.Ignore != nil {
			rules[g.Article] = append(rules[g.Article], g.Ignore)
			continue
		}
		gold[g.Article] = append(gold[g.Article], g)
	}
	system := map[string][]*Row{}
	for i := range sysRows {
		s := &sysRows[i]
		system[s.Article] = append(system[s.Article], s)
	}
	res := &Result{PerRoot: map[string]*Counts{}, Checks: map[string]int{}, PerCode: map[[2]string]int{}, GoldArticles: len(gold)}
	root := func(code string) *Counts {
		r := code[:min(2, len(code))]
		if res.PerRoot[r] == nil {
			res.PerRoot[r] = &Counts{}
		}
		return res.PerRoot[r]
	}
	arts := map[string]bool{}
	for a := range gold {
		arts[a] = true
	}
	for a := range system {
		arts[a] = true
	}
	var order []string
	for a := range arts {
		order = append(order, a)
	}
	sort.Strings(order)
	for _, art := range order {
		gs := gold[art]
		var ss []*Row
		for _, s := range system[art] {
			if !ignored(rules[art], s) {
				ss = append(ss, s)
			}
		}
		type cand struct {
			optional, inexact bool
			dist, i, j        int
		}
		var pairs []cand
		for i, g := range gs {
			for j, s := range ss {
				ok, exact := compatible(g, s)
				if !ok {
					continue
				}
				dist := 9999
				gd, gok := day(g.Date)
				sd, sok := day(s.Date)
				if gok && sok {
					dist = int(math.Abs(gd.Sub(sd).Hours() / 24))
				}
				pairs = append(pairs, cand{g.Optional, !exact, dist, i, j})
			}
		}
		sort.Slice(pairs, func(a, b int) bool {
			x, y := pairs[a], pairs[b]
			if x.optional != y.optional {
				return !x.optional
			}
			if x.inexact != y.inexact {
				return !x.inexact
			}
			if x.dist != y.dist {
				return x.dist < y.dist
			}
			if x.i != y.i {
				return x.i < y.i
			}
			return x.j < y.j
		})
		usedG, usedS := map[int]bool{}, map[int]bool{}
		for _, p := range pairs {
			if usedG[p.i] || usedS[p.j] {
				continue
			}
			usedG[p.i], usedS[p.j] = true, true
			g, s := gs[p.i], ss[p.j]
			if g.Optional {
				continue
			}
			res.TP++
			root(g.CAMEO).TP++
			res.Pairs = append(res.Pairs, Pair{g, s, !p.inexact})
			res.PerCode[[2]string{g.CAMEO, s.CAMEO}]++
			check(res.Checks, g, s, !p.inexact, p.dist)
		}
		for i, g := range gs {
			if !usedG[i] && !g.Optional {
				res.FN++
				root(g.CAMEO).FN++
				res.Misses = append(res.Misses, g)
			}
		}
		for j, s := range ss {
			if !usedS[j] {
				res.FP++
				root(s.CAMEO).FP++
				res.Alarms = append(res.Alarms, s)
			}
		}
	}
	return res
}

func ignored(rules []*Ignore, s *Row) bool {
	for _, r := range rules {
		if r.SourceCountry != "" && country(s.Source) == r.SourceCountry {
			return true
		}
		if r.TargetCountry != "" && country(s.Target) == r.TargetCountry {
			return true
		}
	}
	return false
}

func check(c map[string]int, g, s *Row, exact bool, dist int) {
	c["code_n"]++
	if exact {
		c["code_ok"]++
	}
	if g.DatePrecision == "day" {
		c["date_n"]++
		if dist <= 1 {
			c["date_ok"]++
		}
	}
	if gl := g.Location; gl != nil {
		c["loc_n"]++
		sl := s.Location
		if sl == nil {
			sl = &Location{}
		}
		ok := strings.ToUpper(sl.Country) == gl.Country
		if ok {
			c["loc_country_ok"]++
		}
		if gl.Precision == "city" && gl.Lat != nil && gl.Lon != nil {
			c["loc_city_n"]++
			limit := 25.0
			if gl.Approx {
				limit = 50
			}
			near := sl.Lat != nil && sl.Lon != nil && km(*gl.Lat, *gl.Lon, *sl.Lat, *sl.Lon) <= limit
			if gl.Approx && normName(sl.Admin1) != "" && normName(sl.Admin1) == normName(gl.Admin1) {
				near = true
			}
			if ok && near {
				c["loc_city_ok"]++
			}
		}
	}
	if gf := g.Fatalities; gf != nil {
		c["fat_n"]++
		sf := s.Fatalities
		if sf == nil {
			sf = &Fatalities{}
		}
		if eqInt(sf.Min, gf.Min) && eqInt(sf.Max, gf.Max) {
			c["fat_ok"]++
		}
	}
	for _, side := range [][2]*Actor{{g.Source, s.Source}, {g.Target, s.Target}} {
		ga, sa := side[0], side[1]
		if ga == nil || ga.Group == "" {
			continue
		}
		c["group_n"]++
		if sa != nil && strings.EqualFold(sa.Group, ga.Group) {
			c["group_ok"]++
		}
	}
	if g.Claim != nil || s.Claim != nil {
		c["claim_n"]++
		if (g.Claim != nil && *g.Claim) == (s.Claim != nil && *s.Claim) {
			c["claim_ok"]++
		}
	}
}

func eqInt(a, b *int) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func km(la1, lo1, la2, lo2 float64) float64 {
	rad := math.Pi / 180
	a1, a2 := la1*rad, la2*rad
	h := math.Pow(math.Sin((a2-a1)/2), 2) + math.Cos(a1)*math.Cos(a2)*math.Pow(math.Sin((lo2-lo1)*rad/2), 2)
	return 6371 * 2 * math.Asin(math.Sqrt(h))
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// P, R and F1 of the result.
func (r *Result) P() float64 { return ratio(r.TP, r.TP+r.FP) }

// R is recall.
func (r *Result) R() float64 { return ratio(r.TP, r.TP+r.FN) }

// F1 is the harmonic mean of P and R.
func (r *Result) F1() float64 {
	p, rc := r.P(), r.R()
	if p+rc == 0 {
		return 0
	}
	return 2 * p * rc / (p + rc)
}

// Figures are the named figures the shared scorer prints, then, when the
// gold names known groups, group_exact (the matched actors whose gold group
// the system gave too) and group_actors (how many such gold actors were
// matched); gold with no groups prints exactly the shared scorer's figures.
func (r *Result) Figures() [][2]any {
	c := r.Checks
	round := func(x float64) float64 { return math.Round(x*1000) / 1000 }
	fs := [][2]any{
		{"code_exact", round(ratio(c["code_ok"], c["code_n"]))},
		{"date_within_1_day", round(ratio(c["date_ok"], c["date_n"]))},
		{"dated_pairs", c["date_n"]},
		{"location_country", round(ratio(c["loc_country_ok"], c["loc_n"]))},
		{"location_25km", round(ratio(c["loc_city_ok"], c["loc_city_n"]))},
		{"located_pairs", c["loc_n"]},
		{"fatalities_exact", round(ratio(c["fat_ok"], c["fat_n"]))},
		{"fatality_pairs", c["fat_n"]},
		{"claim_flag", round(ratio(c["claim_ok"], c["claim_n"]))},
	}
	if c["group_n"] > 0 {
		fs = append(fs, [2]any{"group_exact", round(ratio(c["group_ok"], c["group_n"]))}, [2]any{"group_actors", c["group_n"]})
	}
	return fs
}

// Write prints the report in the shared scorer's layout, ending with the
// line "F1 … P … R … tp … fp … fn …".
func (r *Result) Write(w io.Writer, misses bool) {
	fmt.Fprintf(w, "%4s %4s %4s %4s\n", "root", "tp", "fp", "fn")
	var roots []string
	for k := range r.PerRoot {
		roots = append(roots, k)
	}
	sort.Strings(roots)
	for _, k := range roots {
		c := r.PerRoot[k]
		fmt.Fprintf(w, "%4s %4d %4d %4d\n", k, c.TP, c.FP, c.FN)
	}
	for _, f := range r.Figures() {
		v := fmt.Sprint(f[1])
		if x, ok := f[1].(float64); ok {
			// As Python prints a float: 1.0, 0.857.
			v = strconv.FormatFloat(x, 'f', -1, 64)
			if !strings.Contains(v, ".") {
				v += ".0"
			}
		}
		fmt.Fprintf(w, "%s: %s\n", f[0], v)
	}
	if misses {
		for _, g := range r.Misses {
			fmt.Fprintln(w, "MISS", g.Article, g.CAMEO, country(g.Source), country(g.Target), g.Note)
		}
		for _, s := range r.Alarms {
			var ev struct {
				Sentence string `json:"sentence"`
			}
			_ = json.Unmarshal(s.Evidence, &ev)
			fmt.Fprintln(w, "FALSE", s.Article, s.CAMEO, country(s.Source), country(s.Target), truncate(ev.Sentence, 120))
		}
	}
	fmt.Fprintf(w, "F1 %.3f P %.3f R %.3f tp %d fp %d fn %d\n", r.F1(), r.P(), r.R(), r.TP, r.FP, r.FN)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
