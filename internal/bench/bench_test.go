package bench

import (
	"encoding/json"
	"io"
	"reflect"
	"sync"
	"testing"

	"github.com/dyad-events/dyad/data"
	placesdata "github.com/dyad-events/dyad/data/places"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/pipeline"
)

// testData is the embedded data, loaded once per test binary.
var testData = pipeline.NewData(pipeline.Files{Data: data.FS, Gazetteer: placesdata.FS})

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
	pipeErr  error
)

// testPipeline loads the bundled pipeline once per test binary.
func testPipeline(tb testing.TB) *pipeline.Pipeline {
	tb.Helper()
	pipeOnce.Do(func() { pipe, pipeErr = pipeline.New(testData, pipeline.Options{}) })
	if pipeErr != nil {
		tb.Fatal(pipeErr)
	}
	return pipe
}

func corpus(tb testing.TB, n int, sizes ...Size) []event.Article {
	tb.Helper()
	g, err := NewGenerator(testPipeline(tb).Actors.Entries, 1)
	if err != nil {
		tb.Fatal(err)
	}
	return g.Corpus(n, sizes)
}

// The same seed gives the same corpus, and sizes give their lengths.
func TestGeneratorDeterministic(t *testing.T) {
	a, b := corpus(t, 30), corpus(t, 30)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different corpus")
	}
	for _, s := range Sizes {
		lo, hi := s.sentenceRange()
		for _, art := range corpus(t, 10, s) {
			if art.Text == "" || art.Title == "" || art.Published.IsZero() {
				t.Fatalf("incomplete article %+v", art)
			}
			n := len(textSentences(art.Text))
			// Boilerplate and by-lines may add a sentence or two; the
			// splitter may join an odd pair.
			if n < lo-1 || n > hi+3 {
				t.Errorf("%s article has %d sentences, want about %d..%d:\n%s", s, n, lo, hi, art.Text)
			}
		}
	}
	t.Logf("sample:\n%s\n%s", corpus(t, 1)[0].Title, corpus(t, 1)[0].Text)
}

// The stages, run one by one, give exactly pipeline.Code's events.
func TestStagesMatchPipeline(t *testing.T) {
	p := testPipeline(t)
	arts := corpus(t, 24)
	res, ws := RunStages(p, arts)
	if len(res) != len(Stages)+1 {
		t.Fatalf("got %d timings", len(res))
	}
	events := 0
	for _, w := range ws {
		want := p.Code(w.Article).Events
		got := w.Events
		if !reflect.DeepEqual(asJSON(t, got), asJSON(t, want)) {
			t.Fatalf("article %s: stages and pipeline.Code differ:\nstages:   %s\npipeline: %s", w.Article.ID, asJSON(t, got), asJSON(t, want))
		}
		events += len(got)
	}
	if events == 0 {
		t.Fatal("generated articles coded no events")
	}
	t.Logf("%d articles, %d sentences, %d events", len(arts), res[0].Sentences, events)
}

func asJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func textSentences(s string) []string {
	var out []string
	for _, x := range NewWork([]event.Article{{Text: s}}) {
		CleanStage(x)
		SentenceStage(x)
		out = x.Texts
	}
	return out
}

// prepared runs the corpus through prep, so a benchmark can time the
// stage after it alone.
func prepared(b *testing.B, prep func(p *pipeline.Pipeline, w *Work)) ([]*Work, int, int64) {
	p := testPipeline(b)
	arts := corpus(b, 60)
	ws := NewWork(arts)
	if prep != nil {
		for _, w := range ws {
			prep(p, w)
		}
	}
	sents, bytes := CorpusStats(arts)
	return ws, sents, bytes
}

// upTo is the stages before Stages[i], and Stages[i]'s Prepare.
func upTo(i int) func(p *pipeline.Pipeline, w *Work) {
	return func(p *pipeline.Pipeline, w *Work) {
		for _, st := range Stages[:i] {
			if st.Prepare != nil {
				st.Prepare(p, w)
			}
			st.Run(p, w)
		}
		if st := Stages[i]; st.Prepare != nil {
			st.Prepare(p, w)
		}
	}
}

// benchStage times f over the corpus, prepared by prep, and reports
// sentences/s and MB/s of raw article text.
func benchStage(b *testing.B, prep, f func(p *pipeline.Pipeline, w *Work)) {
	p := testPipeline(b)
	ws, sents, bytes := prepared(b, prep)
	b.SetBytes(bytes)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, w := range ws {
			f(p, w)
		}
	}
	b.ReportMetric(float64(sents)*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkClean times text.Clean (boilerplate removal).
func BenchmarkClean(b *testing.B) {
	benchStage(b, nil, func(_ *pipeline.Pipeline, w *Work) { CleanStage(w) })
}

// BenchmarkSentences times sentence splitting of cleaned text.
func BenchmarkSentences(b *testing.B) {
	benchStage(b, func(_ *pipeline.Pipeline, w *Work) { CleanStage(w) }, func(_ *pipeline.Pipeline, w *Work) { SentenceStage(w) })
}

// BenchmarkActors times tokenising and actor recognition.
func BenchmarkActors(b *testing.B) { benchStage(b, upTo(1), ActorStage) }

// BenchmarkDates times date resolution.
func BenchmarkDates(b *testing.B) {
	benchStage(b, upTo(2), func(_ *pipeline.Pipeline, w *Work) { DateStage(w) })
}

// BenchmarkPlaces times geocoding with the gazetteer.
func BenchmarkPlaces(b *testing.B) { benchStage(b, upTo(3), PlaceStage) }

// BenchmarkFatalities times finding numbers of dead.
func BenchmarkFatalities(b *testing.B) {
	benchStage(b, upTo(4), func(_ *pipeline.Pipeline, w *Work) { FatalityStage(w) })
}

// BenchmarkCode times the coder on the pipeline's analysed sentences.
func BenchmarkCode(b *testing.B) { benchStage(b, upTo(5), CodeStage) }

// BenchmarkFusion times within-article fusion.
func BenchmarkFusion(b *testing.B) {
	benchStage(b, upTo(6), func(_ *pipeline.Pipeline, w *Work) { FusionStage(w) })
}

// BenchmarkExtract is pipeline.Code and the event JSON encoding of dyad
// extract, on one goroutine.
func BenchmarkExtract(b *testing.B) {
	enc := json.NewEncoder(io.Discard)
	benchStage(b, nil, func(p *pipeline.Pipeline, w *Work) {
		for _, e := range p.Code(w.Article).Events {
			enc.Encode(e)
		}
	})
}
