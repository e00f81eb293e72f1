// Package pipeline owns the order of the stages: it takes one article
// through cleaning, sentences, actors, dates, places, death counts, coding
// and fusion, and returns its events. It holds the loaded dictionaries.
// Run codes many inputs' articles on several goroutines and hands back
// their results in input order, for every command that codes articles.
package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/dyad-events/dyad/internal/actors"
	"github.com/dyad-events/dyad/internal/coding"
	"github.com/dyad-events/dyad/internal/coding/llm"
	"github.com/dyad-events/dyad/internal/dates"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/fatalities"
	"github.com/dyad-events/dyad/internal/fusion"
	"github.com/dyad-events/dyad/internal/places"
	"github.com/dyad-events/dyad/internal/syntax"
	"github.com/dyad-events/dyad/internal/text"
)

// Pipeline codes articles. Build it once with New; it is safe for
// concurrent use.
type Pipeline struct {
	Actors *actors.Dictionary
	Coder  *coding.Coder // the rule coder
	Places *places.Gazetteer
	// Syntax parses the sentences that name a party, for the coder to read
	// who did what to whom from the tree; nil leaves sentences unparsed.
	Syntax  *syntax.Model
	parsers sync.Pool // *syntax.Parser, one per goroutine at a time
	// Use is the coder Code uses: the rule coder unless Options chose
	// another.
	Use coding.EventCoder
	// CoderVersion is what every event's Coder field says: the binary's
	// version and DataDigest, or "" when Options gave no version.
	CoderVersion string
}

// Files are the file systems a pipeline's data is read from. No package
// reaches for dyad's embedded data itself: cmd/dyad passes data.FS and
// the data/places files in, and a test or a program may pass others laid
// out the same way (a dictionary of its own, a smaller gazetteer).
type Files struct {
	// Data holds the dictionaries, code tables and model as data.FS lays
	// them out: actors/ (actors.LoadFS), cameo/ (coding.LoadTable), verbs/
	// (coding.LoadVerbs) and syntax/ (syntax.Load).
	Data fs.FS
	// Gazetteer holds the gazetteer's files at its root, as data/places
	// lays them out (places.LoadFS).
	Gazetteer fs.FS
}

// Data is the data pipelines code with, read from its Files: the actor
// dictionary, the CAMEO tables, the syntax model and the gazetteer. Each
// part is read the first time it is asked for and kept for the Data's
// life; loading the model and the gazetteer takes about a second each, so
// a program makes one Data (cmd/dyad makes one in main) and builds every
// pipeline it needs from it with New, and a command that needs one part
// (dyad parse: the model) loads only that one. This is the only cache of
// loaded data: it belongs to the Data value, not to the process. A Data is
// safe for concurrent use.
type Data struct {
	files  Files
	actors func() ([]actors.Entry, error)
	table  func() (*coding.Table, error)
	syntax func() (*syntax.Model, error)
	places func() (*places.Gazetteer, error)
}

// NewData returns the data read from files. Nothing is read yet: each
// part is read when first asked for, and a bad file is reported then.
func NewData(files Files) *Data {
	return &Data{
		files: files,
		actors: sync.OnceValues(func() ([]actors.Entry, error) {
			return actors.LoadFS(files.Data, "actors")
		}),
		table: sync.OnceValues(func() (*coding.Table, error) {
			t, err := coding.LoadTable(files.Data)
			if err != nil {
				return nil, fmt.Errorf("load code tables: %w", err)
			}
			return t, nil
		}),
		syntax: sync.OnceValues(func() (*syntax.Model, error) {
			m, err := syntax.Load(files.Data)
			if err != nil {
				return nil, fmt.Errorf("load syntax model: %w", err)
			}
			return m, nil
		}),
		places: sync.OnceValues(func() (*places.Gazetteer, error) { return places.LoadFS(files.Gazetteer) }),
	}
}

// Files returns the file systems the data is read from.
func (d *Data) Files() Files { return d.files }

// Actors returns the entries of the bundled actor dictionary (Files.Data's
// actors/), which New layers the user's dictionaries over. The slice is
// shared: callers must not change it.
func (d *Data) Actors() ([]actors.Entry, error) { return d.actors() }

// Table returns the CAMEO code tables (Files.Data's cameo/).
func (d *Data) Table() (*coding.Table, error) { return d.table() }

// Syntax returns the tagging and parsing model (Files.Data's syntax/). It
// is only read after loading; parsers keep their own state.
func (d *Data) Syntax() (*syntax.Model, error) { return d.syntax() }

// Gazetteer returns the gazetteer (Files.Gazetteer).
func (d *Data) Gazetteer() (*places.Gazetteer, error) { return d.places() }

// Options add users' dictionaries to the bundled ones.
type Options struct {
	ActorFiles []string // user actor dictionaries (files or directories), override bundled names
	// LLM, when its URL is set, codes with a language model behind an
	// OpenAI-compatible API instead of the rules (which remain the
	// fallback when the model fails).
	LLM LLMOptions
	// OneSided keeps events with a source and no target ("X resigned").
	OneSided  bool
	VerbFiles []string // user verb pattern files or directories
	// Version is the binary's version; when set, every event carries it
	// with a digest of the data in use (Pipeline.CoderVersion).
	Version string
}

// LLMOptions choose the language-model coder.
type LLMOptions struct {
	URL, Model, APIKey string
}

// DataDigest is a digest of everything the coder reads besides its own
// code: the data in files (dictionaries, patterns, code tables, model,
// gazetteer), the user's dictionary and pattern files, and the language
// model named, if any. Two runs with the same binary and the same digest
// code alike.
func DataDigest(files Files, opt Options) (string, error) {
	h := sha256.New()
	for _, set := range []struct {
		fsys fs.FS
		name string
	}{{files.Data, "data"}, {files.Gazetteer, "gazetteer"}} {
		d, err := Digest(set.fsys, ".")
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %s\n", set.name, d)
	}
	for _, paths := range [][]string{opt.ActorFiles, opt.VerbFiles} {
		for _, path := range paths {
			d, err := Digest(os.DirFS(path), ".")
			if err != nil {
				// A file, not a folder: its own bytes.
				d, err = fileDigest(path)
			}
			if err != nil {
				return "", fmt.Errorf("digest %s: %w", path, err)
			}
			fmt.Fprintf(h, "user %s %s\n", filepath.Base(path), d)
		}
	}
	if opt.LLM.URL != "" {
		fmt.Fprintf(h, "llm %s %s\n", opt.LLM.URL, opt.LLM.Model)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

func fileDigest(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])[:12], nil
}

// New builds a pipeline on d's dictionaries, tables, gazetteer and model
// (loading those not loaded yet), with the user's dictionaries and
// patterns in opt layered over the bundled ones.
func New(d *Data, opt Options) (*Pipeline, error) {
	bundled, err := d.Actors()
	if err != nil {
		return nil, err
	}
	layers := [][]actors.Entry{bundled}
	for _, p := range opt.ActorFiles {
		es, err := actors.LoadPath(p)
		if err != nil {
			return nil, err
		}
		layers = append(layers, es)
	}
	table, err := d.Table()
	if err != nil {
		return nil, err
	}
	verbs, err := coding.LoadVerbs(d.files.Data, opt.VerbFiles...)
	if err != nil {
		return nil, err
	}
	gaz, err := d.Gazetteer()
	if err != nil {
		return nil, err
	}
	model, err := d.Syntax()
	if err != nil {
		return nil, err
	}
	p := &Pipeline{Actors: actors.New(layers...), Coder: &coding.Coder{Table: table, Verbs: verbs, OneSided: opt.OneSided}, Places: gaz, Syntax: model}
	p.Use = p.Coder
	if opt.Version != "" {
		digest, err := DataDigest(d.files, opt)
		if err != nil {
			return nil, err
		}
		p.CoderVersion = opt.Version + "+" + digest
	}
	if opt.LLM.URL != "" {
		if opt.LLM.Model == "" {
			return nil, fmt.Errorf("llm coder: a model name is needed")
		}
		p.Use = &llm.Coder{URL: opt.LLM.URL, Model: opt.LLM.Model, APIKey: opt.LLM.APIKey, Table: table, Fallback: p.Coder}
	}
	return p, nil
}

// Result is one article's coding.
type Result struct {
	Article event.Article // as read
	Text    string        // cleaned text; evidence offsets refer to it
	Events  []event.Event
	Coder   string // the coder version that coded it (Pipeline.CoderVersion)
}

// StoreArticle is what a store keeps of the coded article: its metadata,
// its language (as the input's "language" field says, else as detected),
// the cleaned text the events' offsets refer to, the content hash the
// store de-duplicates by and the coder version. What only the input holds
// (HTML, byline, unknown fields) is left out.
func (r Result) StoreArticle() event.Article {
	a := r.Article
	lang := a.Language // as detected
	if raw, ok := a.Extra["language"]; ok {
		var given string // as the input says; a field that is no string says nothing
		if json.Unmarshal(raw, &given) == nil && given != "" {
			lang = given
		}
	}
	return event.Article{ID: a.ID, Origin: a.Origin, URL: a.URL, Title: a.Title, Published: a.Published,
		Hash: a.ContentHash(), Language: lang, Text: r.Text, Coder: r.Coder}
}

// Analyse runs the stages before coding and returns the analysed sentences.
func (p *Pipeline) Analyse(cleaned string, published time.Time) []coding.Sentence {
	sents := text.Sentences(cleaned)
	texts := make([]string, len(sents))
	// The words of each sentence: dates, places and fatalities read them
	// (and the parser will); actors and the coder read the coarser tokens
	// text.TokenizeWords makes of them.
	words := make([][]text.Word, len(sents))
	for i, s := range sents {
		texts[i] = s.Text
		words[i] = text.Words(s.Text)
	}
	exprs := dates.ResolveWords(texts, words, published)
	out := make([]coding.Sentence, len(sents))
	var articleCountries []string
	for i, s := range sents {
		toks := text.TokenizeWords(s.Text, words[i])
		ms := p.Actors.Mentions(s.Text, toks, published)
		dateline := 0
		if dl := text.DatelineWords(words[i]); dl > 0 {
			// "MOSCOW —" says where the story was filed; the capital
			// there stands for no government.
			dateline = words[i][dl-1].End
			for k := range ms {
				if ms[k].RuneEnd <= dateline {
					ms[k].Modifier = true
				}
			}
		}
		cs := &out[i]
		*cs = coding.Sentence{Index: i, Text: s.Text, Start: s.Start, Tokens: toks, Actors: ms, Dateline: dateline}
		cs.Tree = p.Tree(words[i], toks, ms)
		var sentCountries []string
		for _, m := range ms {
			if m.Country != "" {
				sentCountries = appendNew(sentCountries, m.Country)
				articleCountries = appendNew(articleCountries, m.Country)
			}
		}
		for _, e := range exprs[i] {
			d := coding.DateRef{Start: e.Start, End: e.End, Date: e.Date, Precision: e.Precision, Future: e.Future}
			if e.Conflict != nil {
				d.Conflict = &event.DateConflict{Written: e.Conflict.Written.Format("2006-01-02"),
					Chosen: e.Date.Format("2006-01-02"), Reason: e.Conflict.Reason}
			}
			cs.Dates = append(cs.Dates, d)
		}
		ctx := places.Context{Countries: append(sentCountries, articleCountries...)}
		for _, pm := range p.Places.FindWords(s.Text, words[i], ctx) {
			if notAPlace(ms, pm) || personName(ms, words[i], pm) || facilityName(words[i], pm) {
				continue
			}
			pm = ownedBy(ms, toks, pm)
			cs.Places = append(cs.Places, coding.PlaceRef{Start: pm.Start, End: pm.End, Location: pm.Place.Location()})
		}
		for _, c := range fatalities.FindWords(s.Text, words[i]) {
			cs.Deaths = append(cs.Deaths, coding.DeathRef{Start: c.Start, End: c.End, Min: c.Min, Max: c.Max})
		}
	}
	return out
}

// notAPlace reports a place name that the sentence uses for an actor:
// a demonym ("Thai" is a people, not a town of that name) or a country
// named as a party rather than a location ("summoned Cambodia's
// ambassador", but not "died in Iran").
func notAPlace(ms []actors.Mention, pm places.Mention) bool {
	for _, m := range ms {
		if m.RuneStart > pm.Start || pm.End > m.RuneEnd {
			continue
		}
		if m.Kind == actors.KindAdj || m.Kind == actors.KindPeople {
			return true
		}
		if m.Possessive || len(m.Entries) > 1 && !m.Placeish {
			// "Tehran's ambassador", "Cambodia's foreign ministry".
			return true
		}
		if pm.Place.Precision == places.PrecisionCountry && !m.Placeish {
			switch m.FollowsPrep {
			case "in", "into", "inside", "across", "near", "over", "to", "within", "from":
			default:
				return true
			}
		}
	}
	return false
}

// facilityName reports a place name that begins the name of a street or
// square ("Cairo Road" in Lusaka): not that place.
func facilityName(words []text.Word, pm places.Mention) bool {
	w, ok := wordAfter(words, pm.End)
	return ok && actors.NamesFacility(w.Form)
}

// wordAfter returns the word after code point end, when a word ends there.
func wordAfter(words []text.Word, end int) (text.Word, bool) {
	for k, w := range words {
		if w.Start >= end {
			return w, k > 0 && words[k-1].End == end
		}
	}
	return text.Word{}, false
}

// personName reports a place name that is the first name of a person
// given a title ("opposition leader Mary Banda", "President Victoria
// Nkosi"): it follows a role word and a capitalised word follows it.
func personName(ms []actors.Mention, words []text.Word, pm places.Mention) bool {
	titled := false
	for _, m := range ms {
		if m.Kind == actors.KindRole || m.Agent != "" && m.Kind == actors.KindAdj {
			if m.RuneEnd < pm.Start && pm.Start-m.RuneEnd <= 1 {
				titled = true
			}
		}
	}
	if !titled {
		return false
	}
	w, ok := wordAfter(words, pm.End)
	return ok && w.Start <= pm.End+1 && text.UpperInitial(w.Form)
}

// ownedBy prefers, for a place written after a country's possessive
// ("Iraq's Kurdistan region"), the reading that lies in that country.
func ownedBy(ms []actors.Mention, toks []text.Token, pm places.Mention) places.Mention {
	for _, m := range ms {
		if !m.Possessive || m.Country == "" || m.RuneEnd > pm.Start || pm.Start-m.RuneEnd > 3 || pm.Place.Country == m.Country {
			continue
		}
		for _, c := range pm.Candidates {
			if c.Country == m.Country {
				pm.Place = c
				return pm
			}
		}
	}
	return pm
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// Code codes one article.
func (p *Pipeline) Code(a event.Article) Result {
	cleaned := text.Clean(a.Text)
	sents := p.Analyse(cleaned.Text, a.Published)
	coder := p.Use
	if coder == nil {
		coder = p.Coder
	}
	evs := fusion.Article(coder.Code(a, sents))
	event.AssignIDs(a.ID, evs)
	for i := range evs {
		evs[i].Coder = p.CoderVersion
	}
	return Result{Article: a, Text: cleaned.Text, Events: evs, Coder: p.CoderVersion}
}

// Tree tags and parses one sentence's words for the coder, or returns nil
// when the pipeline has no parser, the sentence names no party (mentions
// ms) or its tokens hold no word of any verb or noun pattern: parsing is
// the costliest stage, and such a sentence yields no event however it is
// read. A wire dateline ("KABUL —") is no part of the grammar that follows
// it and is left out; the names the actor dictionaries found are marked as
// proper nouns for the tagger.
func (p *Pipeline) Tree(words []text.Word, toks []text.Token, ms []actors.Mention) []syntax.Token {
	if p.Syntax == nil || len(ms) == 0 || len(p.Coder.Verbs.Find(toks)) == 0 {
		return nil
	}
	parser, ok := p.parsers.Get().(*syntax.Parser)
	if !ok {
		parser = p.Syntax.NewParser()
	}
	defer p.parsers.Put(parser)
	rest := words[text.DatelineWords(words):]
	return parser.AnalyseNames(rest, nameWords(rest, ms))
}

// nameWords marks the words inside the names the actor dictionaries found
// (countries, capitals, people, groups, international bodies) that are
// written capitalised: the parser is told they are proper nouns.
func nameWords(words []text.Word, ms []actors.Mention) []bool {
	var names []bool
	for _, m := range ms {
		switch m.Kind {
		case actors.KindCountry, actors.KindCapital, actors.KindPerson, actors.KindGroup, actors.KindIGO:
		default:
			continue
		}
		for k, w := range words {
			if w.Start < m.RuneStart || w.End > m.RuneEnd {
				continue
			}
			if !text.UpperInitial(w.Form) {
				continue
			}
			if names == nil {
				names = make([]bool, len(words))
			}
			names[k] = true
		}
	}
	return names
}
