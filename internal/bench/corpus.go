package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/actors"
	"github.com/dyad-events/dyad/internal/event"
)

// Size is an article length class of the generated corpus.
type Size string

// Article sizes: roughly 5, 15 and 45 sentences (about 0.6, 1.8 and 5.5 KB
// of text), the spread of wire briefs, ordinary reports and long features.
const (
	Short  Size = "short"
	Medium Size = "medium"
	Long   Size = "long"
)

// Sizes lists every size, shortest first.
var Sizes = []Size{Short, Medium, Long}

// ParseSizes reads a comma-separated list of sizes ("short,long").
func ParseSizes(s string) ([]Size, error) {
	var out []Size
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		switch Size(f) {
		case Short, Medium, Long:
			out = append(out, Size(f))
		default:
			return nil, fmt.Errorf("unknown size %q (want short, medium or long)", f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no sizes in %q", s)
	}
	return out, nil
}

// sentenceRange is the number of sentences of each size, inclusive.
func (s Size) sentenceRange() (lo, hi int) {
	switch s {
	case Short:
		return 4, 6
	case Long:
		return 38, 52
	default:
		return 12, 18
	}
}

// country is what the generator knows about one country from the
// dictionary.
type country struct {
	code, name, adj, capital string
	persons                  []actors.Entry
	groups                   []string
}

// Generator composes news articles deterministically from a seed. Build
// it with NewGenerator; it is not safe for concurrent use.
type Generator struct {
	rng       *rand.Rand
	countries []country
	igos      []string
	groups    []string // groups with no country
	seq       int
}

// NewGenerator builds a generator over the entries of an actor dictionary
// (pipeline.Pipeline.Actors.Entries): countries that have a name, an
// adjective and a capital, their leaders (used only on dates the entry is
// valid), armed groups and international organisations.
func NewGenerator(entries []actors.Entry, seed uint64) (*Generator, error) {
	byCode := map[string]*country{}
	get := func(code string) *country {
		c := byCode[code]
		if c == nil {
			c = &country{code: code}
			byCode[code] = c
		}
		return c
	}
	g := &Generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	for _, e := range entries {
		if len(e.Names) == 0 {
			continue
		}
		name := e.Names[0]
		switch {
		case e.Kind == actors.KindIGO:
			if len(name) > 3 && !strings.Contains(name, ".") {
				g.igos = append(g.igos, name)
			}
		case e.Kind == actors.KindGroup && e.Agent == "REB":
			if len(name) < 4 {
				continue
			}
			if e.Country == "" {
				g.groups = append(g.groups, name)
			} else {
				get(e.Country).groups = append(get(e.Country).groups, name)
			}
		case e.Country == "":
		case e.Kind == actors.KindCountry:
			if c := get(e.Country); c.name == "" {
				c.name = name
			}
		case e.Kind == actors.KindAdj:
			if c := get(e.Country); c.adj == "" {
				c.adj = name
			}
		case e.Kind == actors.KindCapital && e.Agent == "GOV":
			if c := get(e.Country); c.capital == "" {
				c.capital = name
			}
		case e.Kind == actors.KindPerson && e.Agent == "GOV" && strings.Contains(name, " "):
			c := get(e.Country)
			c.persons = append(c.persons, e)
		}
	}
	codes := make([]string, 0, len(byCode))
	for code, c := range byCode {
		if c.name != "" && c.adj != "" && c.capital != "" {
			codes = append(codes, code)
		}
	}
	sort.Strings(codes)
	for _, code := range codes {
		g.countries = append(g.countries, *byCode[code])
	}
	sort.Strings(g.igos)
	sort.Strings(g.groups)
	if len(g.countries) < 3 || len(g.igos) == 0 || len(g.groups) == 0 {
		return nil, fmt.Errorf("bench: dictionary too small to generate articles (%d countries, %d organisations, %d groups)",
			len(g.countries), len(g.igos), len(g.groups))
	}
	return g, nil
}

// Countries is the number of countries the generator draws actors from.
func (g *Generator) Countries() int { return len(g.countries) }

// Article composes the next article of the given size. Its id is
// "gen-<seq>-<size>", its publication date between 2010 and 2025.
func (g *Generator) Article(size Size) event.Article {
	g.seq++
	r := g.rng
	pub := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(16*365))
	a := g.pick()
	b := g.pick()
	for b.code == a.code {
		b = g.pick()
	}
	c := g.pick()
	for c.code == a.code || c.code == b.code {
		c = g.pick()
	}
	st := &story{g: g, pub: pub, a: a, b: b, c: c}
	lo, hi := size.sentenceRange()
	n := lo + r.IntN(hi-lo+1)
	var sb strings.Builder
	lead := eventTemplates[r.IntN(len(eventTemplates))]
	sb.WriteString(st.fill(lead))
	inPara := 1
	for i := 1; i < n; i++ {
		if inPara >= 1+r.IntN(3) {
			sb.WriteString("\n")
			inPara = 0
		} else {
			sb.WriteString(" ")
		}
		if r.IntN(100) < 45 {
			sb.WriteString(st.fill(eventTemplates[r.IntN(len(eventTemplates))]))
		} else {
			sb.WriteString(st.fill(fillerTemplates[r.IntN(len(fillerTemplates))]))
		}
		inPara++
	}
	// Page furniture the cleaner has to drop, as scraped text carries it.
	if r.IntN(3) == 0 {
		sb.WriteString("\n")
		sb.WriteString(boilerplate[r.IntN(len(boilerplate))])
	}
	if r.IntN(4) == 0 {
		fmt.Fprintf(&sb, "\n(Reporting by %s; editing by %s)", g.reporter(), g.reporter())
	}
	id := fmt.Sprintf("gen-%06d-%s", g.seq, size)
	return event.Article{
		ID:        id,
		URL:       "https://news.example.org/" + pub.Format("2006/01/02") + "/" + id,
		Published: pub,
		Title:     st.fill(headlines[r.IntN(len(headlines))]),
		Text:      sb.String(),
		Language:  "en",
	}
}

// Corpus generates n articles, cycling through sizes.
func (g *Generator) Corpus(n int, sizes []Size) []event.Article {
	if len(sizes) == 0 {
		sizes = Sizes
	}
	out := make([]event.Article, n)
	for i := range out {
		out[i] = g.Article(sizes[i%len(sizes)])
	}
	return out
}

// WriteJSONL writes n generated articles (sizes cycling) to w as the
// contract's article JSONL, one at a time, so any n streams in constant
// memory.
func (g *Generator) WriteJSONL(w io.Writer, n int, sizes []Size) error {
	if len(sizes) == 0 {
		sizes = Sizes
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := 0; i < n; i++ {
		if err := enc.Encode(JSONLArticle(g.Article(sizes[i%len(sizes)]))); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// ArticleLine is one line of the contract's article JSONL.
type ArticleLine struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published"`
	Title     string `json:"title,omitempty"`
	Text      string `json:"text"`
}

// JSONLArticle is an article as a line of article JSONL.
func JSONLArticle(a event.Article) ArticleLine {
	return ArticleLine{ID: a.ID, URL: a.URL, Published: a.Published.Format("2006-01-02"), Title: a.Title, Text: a.Text}
}

func (g *Generator) pick() *country { return &g.countries[g.rng.IntN(len(g.countries))] }

func (g *Generator) reporter() string {
	return givenNames[g.rng.IntN(len(givenNames))] + " " + surnames[g.rng.IntN(len(surnames))]
}

// story holds one article's cast.
type story struct {
	g       *Generator
	pub     time.Time
	a, b, c *country
}

// fill replaces the {placeholders} of a template.
func (s *story) fill(t string) string {
	var sb strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			sb.WriteString(t)
			break
		}
		j := strings.IndexByte(t[i:], '}')
		sb.WriteString(t[:i])
		sb.WriteString(s.word(t[i+1 : i+j]))
		t = t[i+j+1:]
	}
	out := sb.String()
	r, n := utf8.DecodeRuneInString(out)
	return string(unicode.ToUpper(r)) + out[n:]
}

func (s *story) word(key string) string {
	r := s.g.rng
	var c *country
	switch key[0] {
	case 'A':
		c = s.a
	case 'B':
		c = s.b
	case 'C':
		c = s.c
	}
	if c != nil {
		switch key[1:] {
		case "":
			return c.name
		case "adj":
			return c.adj
		case "cap":
			return c.capital
		case "lead":
			return s.leader(c)
		case "group":
			if len(c.groups) > 0 && r.IntN(3) > 0 {
				return c.groups[r.IntN(len(c.groups))]
			}
			return s.g.groups[r.IntN(len(s.g.groups))]
		}
	}
	switch key {
	case "igo":
		return s.g.igos[r.IntN(len(s.g.igos))]
	case "day":
		return s.pub.AddDate(0, 0, -1-r.IntN(6)).Weekday().String()
	case "date":
		d := s.pub.AddDate(0, 0, -r.IntN(20))
		return d.Format("2 January")
	case "month":
		return s.pub.AddDate(0, 1+r.IntN(8), 0).Month().String()
	case "n":
		return numberWords[r.IntN(len(numberWords))]
	case "N":
		return fmt.Sprint(4 + r.IntN(120))
	case "M":
		return fmt.Sprint(5 * (1 + r.IntN(60)))
	}
	return "{" + key + "}"
}

// leader is a head of government or minister of c valid on the story's
// date, or a role phrase when the dictionary has none.
func (s *story) leader(c *country) string {
	var valid []string
	for i := range c.persons {
		if c.persons[i].ValidOn(s.pub) {
			valid = append(valid, c.persons[i].Names[0])
		}
	}
	if len(valid) > 0 {
		return valid[s.g.rng.IntN(len(valid))]
	}
	return "the " + c.adj + " " + roles[s.g.rng.IntN(len(roles))]
}

// The vocabulary below was written for this package. Placeholders: {A},
// {B}, {C} are the story's countries (A and B its main pair), with suffixes
// adj, cap (capital), lead (a leader valid on the publication date or a
// role) and group (an armed group); {igo} an international organisation;
// {day} a weekday in the week before publication; {date} a day of month;
// {month} a month name; {n} a number word; {N} and {M} numerals.

var eventTemplates = []string{
	"{Aadj} troops shelled positions near {Bcap} on {day}, killing {n} soldiers, officials said.",
	"{A} recalled its ambassador from {Bcap} for consultations on {day}.",
	"{Alead} met {Blead} in {Acap} on {day} to discuss trade and border security.",
	"{A} and {B} signed an agreement on energy cooperation in {Ccap} on {day}.",
	"The {Aadj} foreign ministry condemned the {Badj} missile test as a dangerous provocation.",
	"{Aadj} police arrested {N} people suspected of links to {Agroup} in {Acap}, a spokesman said.",
	"The {igo} called on {A} and {B} to exercise restraint and return to talks.",
	"{A} accused {B} of violating the ceasefire along their shared border.",
	"{Aadj} warplanes struck {Bgroup} hideouts outside {Bcap} on {day}, killing at least {N} militants, the army said.",
	"{Alead} said {A} was ready to resume negotiations with {B} without preconditions.",
	"{A} imposed new sanctions on {Badj} banks on {day}, the finance ministry said.",
	"{A} pledged {M} million dollars in humanitarian aid to {B} after the floods.",
	"Protesters gathered outside the {Badj} embassy in {Acap} on {day}, demanding the release of detained journalists.",
	"{A} expelled {n} {Badj} diplomats, accusing them of espionage.",
	"A suicide bomber killed {N} people at a market in {Acap} on {day}, and {Agroup} claimed responsibility.",
	"{Aadj} and {Badj} officials will hold talks in {Ccap} next week, the ministry announced.",
	"{A} threatened to cut gas supplies to {B} if the debt was not paid by the end of the month.",
	"{Alead} visited {Bcap} on {date}, the first such trip in a decade.",
	"{A} denied that its forces had crossed into {B}.",
	"{Badj} forces released {n} {Aadj} fishermen who had been detained last month, the foreign ministry said.",
	"{A} rejected {Badj} demands for compensation.",
	"The {Aadj} navy seized a {Badj} oil tanker on {day}.",
	"The {igo} condemned the attack on {Acap} and urged an independent investigation.",
	"{Alead} praised {B} for its support during the crisis.",
	"Gunmen ambushed a {Aadj} army convoy near {Acap} on {day}, killing {n} soldiers and wounding {N} others.",
	"{C} offered to mediate between {A} and {B}, the president's office said.",
	"{Aadj} authorities deported {N} {Badj} migrants on {day}.",
	"{A} and {B} restored diplomatic relations on {date} after a two-year rift.",
	"{A} cut diplomatic ties with {B} on {day}, citing interference in its internal affairs.",
	"{Badj} artillery fire killed {n} civilians in a village near the border, {Aadj} officials said.",
	"{A} summoned the {Badj} ambassador to protest against the detention of its citizens.",
	"{Alead} thanked {Clead} for hosting the talks and promised to implement the agreement.",
	"{A} agreed to provide {B} with military training and equipment, the defence ministry said.",
	"{Bgroup} fighters attacked a police station in {Bcap} overnight, killing {n} officers.",
	"{A} appealed to the {igo} for help in caring for refugees fleeing the fighting in {B}.",
	"{A} said it would not recognise the result of the election in {B}.",
	"{Aadj} and {Badj} troops exchanged fire across the border on {day}, leaving {n} people dead.",
	"{Alead} warned that {A} would respond forcefully to any further provocation by {B}.",
	"The {igo} voted to extend its mission in {B} for another year.",
	"{A} welcomed the decision by {B} to release the detained aid workers.",
}

var fillerTemplates = []string{
	"The two countries have a long history of disputes over the region.",
	"Trade between the two neighbours reached {M} billion dollars last year, according to official figures.",
	"Analysts said the move could further complicate efforts to revive negotiations.",
	"The ministry did not give further details.",
	"Residents reported hearing explosions throughout the night.",
	"It was not immediately possible to verify the claims independently.",
	"Prices of wheat and fuel have risen sharply since the beginning of the year.",
	"The talks are expected to focus on water sharing, transit routes and energy.",
	"Local television showed images of damaged buildings and burning vehicles.",
	"Officials in {Acap} declined to comment.",
	"The government is under pressure from opposition parties ahead of elections in {month}.",
	"Hospitals in the area said they were struggling to cope with the number of wounded.",
	"Diplomats said a joint statement was being drafted.",
	"The agreement must still be ratified by parliament.",
	"Shares in {Acap} fell sharply after the announcement.",
	"Human rights groups have criticised conditions in detention centres.",
	"Aid agencies warned that supplies of food and medicine were running low.",
	"The main border crossing remained closed to traffic on {day}.",
	"Officials said an investigation had been opened.",
	"Reporters were not allowed to enter the area.",
	"More than {N} families have left their homes since the fighting began, according to local authorities.",
	"The dispute dates back to a disagreement over the demarcation of the frontier.",
	"Both sides have deployed additional units to the area in recent weeks.",
	"The central bank said inflation had slowed to {n} percent in {month}.",
	"Schools in the region were closed as a precaution.",
	"A spokesman said the minister would travel to {Ccap} later in the month.",
	"Weather forecasters expect heavy rain in the coming days, which could hamper relief efforts.",
	"Opposition leaders called the decision a mistake and demanded a debate in parliament.",
	"The statement gave no timetable for the withdrawal.",
	"The harvest was the smallest in {n} years, the agriculture ministry said.",
}

var headlines = []string{
	"{A} and {B} trade accusations after border incident",
	"{Aadj} leader calls for calm as tensions with {B} rise",
	"{B} protests after {Aadj} strikes near {Bcap}",
	"Talks between {A} and {B} to resume in {Ccap}",
	"{A} recalls envoy from {Bcap}",
	"Aid pledged as crisis in {B} deepens",
	"{Aadj} court jails suspects in {Acap} attack",
	"{A}, {B} sign energy deal",
}

var boilerplate = []string{
	"Share this article",
	"Advertisement",
	"Sign up for our daily newsletter",
	"Copyright 2024. All rights reserved.",
	"Related: more world news",
	"Follow us on social media",
}

var numberWords = []string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "15", "20"}

var roles = []string{"foreign minister", "defence minister", "prime minister", "president", "interior minister"}

var givenNames = []string{"Amira", "Daniel", "Leila", "Tomas", "Nadia", "Omar", "Sofia", "Jonas", "Priya", "Kofi", "Elena", "Hamid"}

var surnames = []string{"Haddad", "Novak", "Mensah", "Lindqvist", "Rahimi", "Okafor", "Petrenko", "Castillo", "Sato", "Brennan", "Qureshi", "Moreau"}

// CountryCodes are the ISO codes of the countries the generator uses.
func (g *Generator) CountryCodes() []string {
	out := make([]string, len(g.countries))
	for i, c := range g.countries {
		out[i] = c.code
	}
	return out
}
