package bench

import (
	"io/fs"
	"runtime"
	"time"

	"github.com/dyad-events/dyad/internal/syntax"
)

// SyntaxResult is what loading and running the tagger and parser cost.
type SyntaxResult struct {
	LoadSeconds float64 `json:"load_seconds"`
	HeapBytes   uint64  `json:"heap_bytes"` // heap the loaded model holds
	Beam        int     `json:"beam"`
	Sentences   int     `json:"sentences"`
	Words       int     `json:"words"`
	// Tagging alone and tagging+parsing (with tokenising), one
	// goroutine, over the same sentences.
	TagPerSec   float64 `json:"tag_sentences_per_sec"`
	ParsePerSec float64 `json:"parse_sentences_per_sec"`
}

// MeasureSyntax loads the model from fsys, noting the time and the heap it
// takes, and times tagging and parsing the sentences on one goroutine.
func MeasureSyntax(fsys fs.FS, sentences []string) (SyntaxResult, *syntax.Model, error) {
	var r SyntaxResult
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	m, err := syntax.Load(fsys)
	if err != nil {
		return r, nil, err
	}
	r.LoadSeconds = time.Since(start).Seconds()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if after.HeapInuse > before.HeapInuse {
		r.HeapBytes = after.HeapInuse - before.HeapInuse
	}
	r.Beam = m.Beam
	p := m.NewParser()
	toks := make([][]syntax.Token, len(sentences))
	start = time.Now()
	for i, s := range sentences {
		toks[i] = p.Analyse(s)
		r.Words += len(toks[i])
	}
	r.ParsePerSec = rate(float64(len(sentences)), time.Since(start))
	start = time.Now()
	for _, t := range toks {
		p.Tag(t)
	}
	r.TagPerSec = rate(float64(len(sentences)), time.Since(start))
	r.Sentences = len(sentences)
	return r, m, nil
}
