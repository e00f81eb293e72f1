package syntax

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad/data"
	"github.com/dyad-events/dyad/internal/syntax/conllu"
)

// benchSentences are news sentences written for the benchmark.
var benchSentences = []string{
	"Belgium, Hungary and Poland each expelled one Russian diplomat on Tuesday, the foreign ministries said.",
	"The protesters were scattered with tear gas by the police outside the parliament in the capital.",
	"Turkey, China and Russia condemned the killing of the ambassador and called for an independent inquiry.",
	"At least twelve people were killed when a car bomb exploded near a market in the northern city late on Friday.",
	"The two leaders agreed to restore diplomatic ties that were broken off in 2016 after the embassy was stormed.",
	"Officials said the talks would resume next week in Geneva.",
	"He denied that his government had supplied weapons to the rebels.",
	"Rescue workers were still searching for survivors on Sunday.",
}

func loadBundled(tb testing.TB) *Model {
	tb.Helper()
	m, err := Load(data.FS)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// benchTexts are the sentences to time: the shared dev treebank's (598
// sentences of varied genres, so that no cache of the parser's sees the
// same sentence twice in a row), else the few written above.
func benchTexts(b *testing.B) []string {
	ss, err := conllu.ReadFile(filepath.Join("..", "..", "..", "shared", "treebanks", "gum-dev.conllu"))
	if err != nil {
		b.Logf("no shared treebank (%v): timing %d sentences of our own", err, len(benchSentences))
		return benchSentences
	}
	var out []string
	for _, s := range ss {
		if t := s.Text(); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// BenchmarkParse measures tagging and parsing (with tokenizing), one
// sentence per iteration.
func BenchmarkParse(b *testing.B) {
	m := loadBundled(b)
	texts := benchTexts(b)
	p := m.NewParser()
	words := 0
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		words += len(p.Analyse(texts[i%len(texts)]))
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
	b.ReportMetric(float64(words)/float64(b.N), "words/sentence")
}

// BenchmarkTag measures tagging alone.
func BenchmarkTag(b *testing.B) {
	m := loadBundled(b)
	p := m.NewParser()
	var toks [][]Token
	for _, s := range benchSentences {
		toks = append(toks, p.Analyse(s))
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p.Tag(toks[i%len(toks)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkLoad measures reading the bundled model.
func BenchmarkLoad(b *testing.B) {
	raw, err := os.ReadFile("../../data/" + ModelPath)
	if err != nil {
		b.Skip("no model file:", err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		loadBundled(b)
	}
}
