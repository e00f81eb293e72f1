package bench

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/actors"
	"github.com/dyad-events/dyad/internal/coding"
	"github.com/dyad-events/dyad/internal/eval"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/text"
)

// The fuzz targets here drive parsers and the pipeline through their
// exported functions: users' dictionaries (actors.ParseFile,
// coding.LoadVerbs), gold files (eval.Read) and arbitrary article text
// (pipeline.Code). None may panic, and what they return must be usable.

const fuzzSentence = "Ruritanian troops shelled Graustark positions near Strelsau on Monday, killing three soldiers, and President Yetive Halfont condemned the attack."

var fuzzDay = time.Date(2022, 3, 9, 0, 0, 0, 0, time.UTC)

// FuzzActorsParseFile loads arbitrary user actor dictionaries and looks
// actors up with what loaded.
func FuzzActorsParseFile(f *testing.F) {
	for _, s := range []string{
		"RUR\t-\tcountry\tRuritania|Kingdom of Ruritania\nRUR\t-\tadj\tRuritanian\nRUR\tGOV\tcapital\tStrelsau\n",
		"GRA\tGOV\tperson\tYetive Halfont|Halfont\t2020-01-01..2024-12-31\n",
		"# comment\n\n-\tREB\tgroup\tRed Hand|RH\n",
		"RUR\tMIL\trole\tarmy|troops\n",
		"RUR\t-\tcountry\t|\n", "X\tY\tZ\n", "RUR\tGOV\tperson\tA B\t2024-13-01..\n",
	} {
		f.Add(s)
	}
	toks := text.Tokenize(fuzzSentence)
	f.Fuzz(func(t *testing.T, data string) {
		es, err := actors.ParseFile("user.tsv", strings.NewReader(data))
		if err != nil {
			return
		}
		for _, e := range es {
			_ = e.Code()
			_ = e.String()
		}
		d := actors.New(es)
		for _, m := range d.Mentions(fuzzSentence, toks, fuzzDay) {
			if m.Start < 0 || m.End > utf8.RuneCountInString(fuzzSentence) || m.Start > m.End {
				t.Fatalf("mention %+v outside the sentence", m)
			}
		}
		if len(es) > 0 {
			// Names must be findable in a sentence made of them.
			s := strings.Join(es[0].Names, " and ")
			d.Mentions(s, text.Tokenize(s), fuzzDay)
		}
	})
}

// FuzzLoadVerbs loads arbitrary irregular-verb and pattern files and codes
// a sentence with what loaded.
func FuzzLoadVerbs(f *testing.F) {
	f.Add("shell\tshelled\tshelled\n", "194\tverb\tshell\n190\tnoun\tattack\n")
	f.Add("", "111\tverb\tcondemn\n")
	f.Add("go\twent\tgone\tgoes\tgoing\n", "0\tverb\t\n")
	f.Add("x\n", "194\tphrase\topen fire on\n")
	f.Add("", "042\tverb\tvisit _ capital\n")
	f.Add("", "190\tnoun\tattack|raid\n# c\n\n999\tverb\tkill\n")
	f.Fuzz(func(t *testing.T, irregular, patterns string) {
		fsys := fstest.MapFS{
			"verbs/irregular.tsv":   {Data: []byte(irregular)},
			"verbs/patterns-01.tsv": {Data: []byte(patterns)},
		}
		v, err := coding.LoadVerbs(fsys)
		if err != nil {
			return
		}
		p := testPipeline(t)
		c := &coding.Coder{Table: p.Coder.Table, Verbs: v}
		sents := p.Analyse(fuzzSentence, fuzzDay)
		for _, e := range c.Code(event.Article{ID: "fuzz", Published: fuzzDay}, sents) {
			if e.CAMEO == "" {
				t.Fatalf("event without a code: %+v", e)
			}
		}
	})
}

// FuzzEvalRead reads arbitrary gold JSONL and scores it against itself.
func FuzzEvalRead(f *testing.F) {
	for _, s := range []string{
		`{"article":"a1","date":"2024-01-02","source":{"code":"IRN"},"target":{"code":"PAK"},"cameo":"190"}`,
		`{"article":"a1","ignore":{"source":"IRN"}}` + "\n" + `{"article":"a1","cameo":"0","alt":[{"cameo":"19"}]}`,
		`{"article":"a1","fatalities":{"min":1,"max":null},"location":{"name":"X","country":"IRN"},"optional":true}`,
		"\n\n{}\n", "{", `[1,2]`, `{"article":1}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		rows, err := eval.Read("gold.jsonl", strings.NewReader(data))
		if err != nil {
			return
		}
		eval.Score(rows, rows)
		eval.Score(rows, nil)
		eval.Score(nil, rows)
	})
}

// FuzzPipeline codes arbitrary text: no panic, and every event's evidence
// is the stretch of the cleaned text its offsets say.
func FuzzPipeline(f *testing.F) {
	g, err := NewGenerator(testPipeline(f).Actors.Entries, 3)
	if err != nil {
		f.Fatal(err)
	}
	for _, a := range g.Corpus(4, []Size{Short}) {
		f.Add(a.Text)
	}
	f.Add(fuzzSentence)
	f.Add("")
	f.Add("\x00\xff\n\n. . .")
	f.Add("Iran's troops shelled positions near Saravan on Tuesday , killing 3 , 000 people.\u00a0\u200b")
	f.Add(strings.Repeat("Iran and Pakistan ", 200))
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<14 {
			return
		}
		p := testPipeline(t)
		r := p.Code(event.Article{ID: "fuzz", Text: s, Published: fuzzDay})
		for _, e := range r.Events {
			ev := e.Evidence
			if ev.Start < 0 || ev.End < ev.Start || ev.End > utf8.RuneCountInString(r.Text) {
				t.Fatalf("evidence %d..%d outside the text (%d runes)", ev.Start, ev.End, utf8.RuneCountInString(r.Text))
			}
			if got := text.Slice(r.Text, ev.Start, ev.End); got != ev.Sentence {
				t.Fatalf("evidence offsets %d..%d give %q, evidence says %q", ev.Start, ev.End, got, ev.Sentence)
			}
			if e.Date != "" {
				if _, err := time.Parse("2006-01-02", e.Date); err != nil {
					t.Fatalf("event date %q: %v", e.Date, err)
				}
			}
		}
	})
}
