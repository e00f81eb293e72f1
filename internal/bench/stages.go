package bench

import (
	"time"

	"github.com/dyad-events/dyad/internal/actors"
	"github.com/dyad-events/dyad/internal/coding"
	"github.com/dyad-events/dyad/internal/dates"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/fatalities"
	"github.com/dyad-events/dyad/internal/fusion"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/places"
	"github.com/dyad-events/dyad/internal/syntax"
	"github.com/dyad-events/dyad/internal/text"
)

// Work is one article on its way through the stages: each stage reads
// what the earlier ones left and fills its own fields. The stages are
// those of pipeline.Pipeline.Code, split so each can be timed alone; the
// events they produce are the same (TestStagesMatchPipeline checks it).
type Work struct {
	Article   event.Article
	Cleaned   string
	Sentences []text.Sentence
	Texts     []string
	Words     [][]text.Word // each sentence's words: the one token stream
	Tokens    [][]text.Token
	Actors    [][]actors.Mention
	Dates     [][]dates.Expr
	Places    [][]places.Mention
	Deaths    [][]fatalities.Count
	Trees     [][]syntax.Token // the parsed sentences (nil where none)
	Coded     []coding.Sentence
	Raw       []event.Event // the coder's events, before fusion
	Events    []event.Event // after fusion
}

// Stage is one step of the coding pipeline.
type Stage struct {
	Name string
	// Prepare, when set, runs untimed before the stage.
	Prepare func(p *pipeline.Pipeline, w *Work)
	Run     func(p *pipeline.Pipeline, w *Work)
}

// Stages are the pipeline's stages in order. Before "coding",
// AnalyseStage runs untimed, so the coder reads the pipeline's own
// analysed sentences; the only work of pipeline.Code that no stage times
// is Analyse's assembling of the stages' findings (small: see the
// "extract" line of dyad bench for the whole).
var Stages = []Stage{
	{Name: "clean+sentences+words", Run: func(_ *pipeline.Pipeline, w *Work) { CleanStage(w); SentenceStage(w) }},
	{Name: "tokens+actors", Run: ActorStage},
	{Name: "dates", Run: func(_ *pipeline.Pipeline, w *Work) { DateStage(w) }},
	{Name: "places", Run: PlaceStage},
	{Name: "fatalities", Run: func(_ *pipeline.Pipeline, w *Work) { FatalityStage(w) }},
	{Name: "syntax", Run: SyntaxStage},
	{Name: "coding", Prepare: AnalyseStage, Run: CodeStage},
	{Name: "fusion", Run: func(_ *pipeline.Pipeline, w *Work) { FusionStage(w) }},
}

// NewWork starts articles on their way through the stages.
func NewWork(arts []event.Article) []*Work {
	ws := make([]*Work, len(arts))
	for i, a := range arts {
		ws[i] = &Work{Article: a}
	}
	return ws
}

// CleanStage removes boilerplate from the article's text.
func CleanStage(w *Work) { w.Cleaned = text.Clean(w.Article.Text).Text }

// SentenceStage splits the cleaned text into sentences and words.
func SentenceStage(w *Work) {
	w.Sentences = text.Sentences(w.Cleaned)
	w.Texts = make([]string, len(w.Sentences))
	w.Words = make([][]text.Word, len(w.Sentences))
	for i, s := range w.Sentences {
		w.Texts[i] = s.Text
		w.Words[i] = text.Words(s.Text)
	}
}

// ActorStage tokenises each sentence and finds its actors.
func ActorStage(p *pipeline.Pipeline, w *Work) {
	w.Tokens = make([][]text.Token, len(w.Sentences))
	w.Actors = make([][]actors.Mention, len(w.Sentences))
	for i, s := range w.Sentences {
		w.Tokens[i] = text.TokenizeWords(s.Text, w.Words[i])
		w.Actors[i] = p.Actors.Mentions(s.Text, w.Tokens[i], w.Article.Published)
	}
}

// DateStage resolves the article's date expressions.
func DateStage(w *Work) { w.Dates = dates.ResolveWords(w.Texts, w.Words, w.Article.Published) }

// PlaceStage geocodes each sentence, with the countries its actors and
// the article's earlier actors name as context.
func PlaceStage(p *pipeline.Pipeline, w *Work) {
	w.Places = make([][]places.Mention, len(w.Sentences))
	var article []string
	for i, s := range w.Sentences {
		var sent []string
		for _, m := range w.Actors[i] {
			if m.Country != "" {
				sent = appendNew(sent, m.Country)
				article = appendNew(article, m.Country)
			}
		}
		w.Places[i] = p.Places.FindWords(s.Text, w.Words[i], places.Context{Countries: append(sent, article...)})
	}
}

// FatalityStage finds the numbers of dead in each sentence.
func FatalityStage(w *Work) {
	w.Deaths = make([][]fatalities.Count, len(w.Sentences))
	for i, s := range w.Sentences {
		w.Deaths[i] = fatalities.FindWords(s.Text, w.Words[i])
	}
}

// SyntaxStage tags and parses the sentences that name a party, as the
// pipeline does for the coder.
func SyntaxStage(p *pipeline.Pipeline, w *Work) {
	w.Trees = make([][]syntax.Token, len(w.Sentences))
	for i := range w.Sentences {
		w.Trees[i] = p.Tree(w.Words[i], w.Tokens[i], w.Actors[i])
	}
}

// AnalyseStage runs pipeline.Analyse on the cleaned text: the stages
// above plus assembling (and filtering) what they found into the
// sentences the coder reads. RunStages runs it untimed before "coding", so
// that coding and fusion see exactly what pipeline.Code gives them.
func AnalyseStage(p *pipeline.Pipeline, w *Work) {
	w.Coded = p.Analyse(w.Cleaned, w.Article.Published)
}

// CodeStage codes the analysed sentences into events.
func CodeStage(p *pipeline.Pipeline, w *Work) {
	w.Raw = p.Coder.Code(w.Article, w.Coded)
}

// FusionStage merges the article's mentions of one happening and gives
// each event its stable id, as pipeline.Code does.
func FusionStage(w *Work) {
	w.Events = fusion.Article(w.Raw)
	event.AssignIDs(w.Article.ID, w.Events)
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// Throughput is how fast something went over a corpus.
type Throughput struct {
	Name      string        `json:"name"`
	Seconds   float64       `json:"seconds"`
	Articles  int           `json:"articles"`
	Sentences int           `json:"sentences"`
	Bytes     int64         `json:"bytes"`
	Events    int           `json:"events,omitempty"`
	Workers   int           `json:"workers"`
	Duration  time.Duration `json:"-"`
}

// SentencesPerSec is the sentence rate.
func (t Throughput) SentencesPerSec() float64 { return rate(float64(t.Sentences), t.Duration) }

// ArticlesPerSec is the article rate.
func (t Throughput) ArticlesPerSec() float64 { return rate(float64(t.Articles), t.Duration) }

// MBPerSec is the rate of raw article text, in MB (10^6 bytes) per second.
func (t Throughput) MBPerSec() float64 { return rate(float64(t.Bytes)/1e6, t.Duration) }

// EventsPerSec is the event rate.
func (t Throughput) EventsPerSec() float64 { return rate(float64(t.Events), t.Duration) }

func rate(n float64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return n / d.Seconds()
}

// CorpusStats counts a corpus's sentences (as the pipeline splits them)
// and bytes of text.
func CorpusStats(arts []event.Article) (sentences int, bytes int64) {
	for _, a := range arts {
		bytes += int64(len(a.Text))
		sentences += len(text.Sentences(text.Clean(a.Text).Text))
	}
	return sentences, bytes
}

// RunStages takes the articles through the stages one stage at a time
// (every article through a stage before the next stage starts), on one
// goroutine, and times each stage. The last entry is the sum. The work is
// returned for inspection.
func RunStages(p *pipeline.Pipeline, arts []event.Article) ([]Throughput, []*Work) {
	ws := NewWork(arts)
	var bytes int64
	for _, a := range arts {
		bytes += int64(len(a.Text))
	}
	var out []Throughput
	var total time.Duration
	for _, st := range Stages {
		if st.Prepare != nil {
			for _, w := range ws {
				st.Prepare(p, w)
			}
		}
		start := time.Now()
		for _, w := range ws {
			st.Run(p, w)
		}
		d := time.Since(start)
		total += d
		out = append(out, Throughput{Name: st.Name, Duration: d})
	}
	sents, events := 0, 0
	for _, w := range ws {
		sents += len(w.Sentences)
		events += len(w.Events)
	}
	out = append(out, Throughput{Name: "all stages", Duration: total, Events: events})
	for i := range out {
		out[i].Articles, out[i].Sentences, out[i].Bytes, out[i].Workers = len(arts), sents, bytes, 1
		out[i].Seconds = out[i].Duration.Seconds()
	}
	return out, ws
}
