package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"
)

// Machine describes where a benchmark ran.
type Machine struct {
	CPUs       int    `json:"cpus"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	CPUModel   string `json:"cpu_model,omitempty"`
	Go         string `json:"go"`
	OS         string `json:"os"`
	Arch       string `json:"arch"`
}

// ThisMachine describes the running machine (the CPU model from
// /proc/cpuinfo on Linux).
func ThisMachine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0), Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
	}
	return m
}

// Report is what one `dyad bench` run measured.
type Report struct {
	Machine Machine `json:"machine"`
	Corpus  struct {
		Source   string `json:"source"` // "generated (seed N, sizes …)" or the files read
		Articles int    `json:"articles"`
		Bytes    int64  `json:"bytes"`
	} `json:"corpus"`
	LoadSeconds float64 `json:"load_seconds"` // pipeline.New: dictionaries, tables, gazetteer
	// Syntax is the tagger and parser alone: model load, heap, speed.
	Syntax *SyntaxResult `json:"syntax,omitempty"`
	// Extract is the whole `dyad extract` path: reading article JSONL,
	// coding on Workers goroutines, encoding event JSON (to nowhere).
	Extract Throughput `json:"extract"`
	// Stages times each stage on one goroutine, stage after stage.
	Stages []Throughput `json:"stages,omitempty"`
	// Memory is the peak over the whole run (corpus in memory included
	// unless streamed).
	Memory MemPeak `json:"memory"`
	// ExtractMemory is the peak while the extract path ran.
	ExtractMemory MemPeak `json:"extract_memory"`
	// Ingest is storing the coded corpus with --db.
	Ingest *IngestResult `json:"ingest,omitempty"`
	// Fill is storing synthetic events for the API test.
	Fill      *IngestResult `json:"fill,omitempty"`
	APIEvents int           `json:"api_store_events,omitempty"` // events in the store the API was queried over
	API       []Latency     `json:"api,omitempty"`
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteTable writes the report as aligned text tables.
func (r *Report) WriteTable(w io.Writer) error {
	bw := bufio.NewWriter(w)
	m := r.Machine
	fmt.Fprintf(bw, "machine: %d CPUs (GOMAXPROCS %d), %s, %s %s/%s\n", m.CPUs, m.GOMAXPROCS, m.CPUModel, m.Go, m.OS, m.Arch)
	fmt.Fprintf(bw, "corpus:  %d articles, %.1f MB, %s\n", r.Corpus.Articles, float64(r.Corpus.Bytes)/1e6, r.Corpus.Source)
	fmt.Fprintf(bw, "load:    %.2fs (dictionaries, tables, gazetteer)\n", r.LoadSeconds)
	if sy := r.Syntax; sy != nil {
		fmt.Fprintf(bw, "syntax:  model load %.2fs, heap %.0f MB, beam %d; one goroutine over %d sentences (%d words): tag %.0f sentences/s, tag+parse %.0f sentences/s\n",
			sy.LoadSeconds, float64(sy.HeapBytes)/(1<<20), sy.Beam, sy.Sentences, sy.Words, sy.TagPerSec, sy.ParsePerSec)
	}
	bw.WriteString("\n")
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "stage\tworkers\tseconds\tsentences/s\tarticles/s\tMB/s\tshare\t")
	line := func(t Throughput, share string) {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.0f\t%.1f\t%.3f\t%s\t\n", t.Name, t.Workers, t.Duration.Seconds(),
			t.SentencesPerSec(), t.ArticlesPerSec(), t.MBPerSec(), share)
	}
	line(r.Extract, "")
	if n := len(r.Stages); n > 0 {
		total := r.Stages[n-1].Duration
		for _, s := range r.Stages {
			line(s, fmt.Sprintf("%.1f%%", 100*s.Duration.Seconds()/max(total.Seconds(), 1e-9)))
		}
	}
	tw.Flush()
	fmt.Fprintf(bw, "\nevents: %d (%.0f/s through extract)\n", r.Extract.Events, r.Extract.EventsPerSec())
	mb := func(b uint64) string { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }
	fmt.Fprintf(bw, "memory during extract: heap in use %s, Go runtime sys %s (peaks of %d samples)\n",
		mb(r.ExtractMemory.HeapInuse), mb(r.ExtractMemory.Sys), r.ExtractMemory.Samples)
	fmt.Fprintf(bw, "memory, whole run:     heap in use %s, Go runtime sys %s, VmHWM (peak RSS) %s\n",
		mb(r.Memory.HeapInuse), mb(r.Memory.Sys), mb(r.Memory.VmHWM))
	if i := r.Ingest; i != nil {
		fmt.Fprintf(bw, "ingest:  %d articles, %d events in %.2fs: %.0f events/s, %.0f articles/s (batch %d)\n",
			i.Articles, i.Events, i.Seconds, i.EventsPerSec(), i.ArticlesPerSec(), i.Batch)
	}
	if f := r.Fill; f != nil {
		fmt.Fprintf(bw, "fill:    %d synthetic events (%d articles) in %.1fs: %.0f events/s (batch %d)\n",
			f.Events, f.Articles, f.Seconds, f.EventsPerSec(), f.Batch)
	}
	if len(r.API) > 0 {
		fmt.Fprintf(bw, "\nAPI over a store of %d events:\n", r.APIEvents)
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "query\trequests\terrors\tp50 ms\tp90 ms\tp99 ms\tmax ms\t")
		for _, l := range r.API {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t\n", l.Name, l.N, l.Errors, l.P50, l.P90, l.P99, l.Max)
		}
		tw.Flush()
	}
	return bw.Flush()
}
