package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/dyad-events/dyad/internal/dedup"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/fusion"
	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/progress"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// codingFlags are the flags every command that codes articles shares.
type codingFlags struct {
	published string
	actors    listFlag
	verbs     listFlag
	workers   int
	dedup     float64
	allLangs  bool
	llmURL    string
	llmModel  string
	oneSided  bool
}

func (c *codingFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&c.published, "published", "", "publication date (YYYY-MM-DD) for plain-text input that has none")
	c.addDictionaries(fs)
	fs.IntVar(&c.workers, "workers", runtime.GOMAXPROCS(0), "articles coded in parallel")
	fs.Float64Var(&c.dedup, "dedup", 0, "skip near-duplicate articles at this similarity (0.8 is usual; 0: off)")
	fs.BoolVar(&c.allLangs, "all-languages", false, "code articles in any language (default: English, and articles whose language cannot be told)")
	fs.StringVar(&c.llmURL, "llm-url", "", "code with a language model behind this OpenAI-compatible API (e.g. http://127.0.0.1:8000/v1) instead of the rules; key from $DYAD_LLM_KEY")
	fs.StringVar(&c.llmModel, "llm-model", "", "the model name for --llm-url")
}

// addDictionaries adds the flags that choose what the coder reads (the
// user's dictionaries, --one-sided): all a command that codes stored text
// again, or text it fetches itself, takes of codingFlags.
func (c *codingFlags) addDictionaries(fs *flag.FlagSet) {
	fs.Var(&c.actors, "actors", "a user actor dictionary, file or directory (repeatable); its names override the bundled ones")
	fs.Var(&c.verbs, "verbs", "a user verb-pattern file or directory (repeatable), added to the bundled patterns")
	fs.BoolVar(&c.oneSided, "one-sided", false, "keep events that have no target (\"X resigned\"); by default every event has a source or victim and a target")
}

// pipelineOptions are the coder's options from the dictionary flags alone.
func (c *codingFlags) pipelineOptions() pipeline.Options {
	return pipeline.Options{ActorFiles: c.actors, VerbFiles: c.verbs, OneSided: c.oneSided, Version: binaryVersion()}
}

func (c *codingFlags) options() (ingest.Options, pipeline.Options, error) {
	io := ingest.Options{IDs: ingest.NewIDs()} // the same article in two inputs is coded once
	if c.published != "" {
		t, err := ingest.ParsePublished(c.published)
		if err != nil {
			return io, pipeline.Options{}, fmt.Errorf("--published: %w", err)
		}
		io.Published = t
	}
	if !c.allLangs {
		io.Languages = []string{"en"}
	}
	if c.dedup < 0 || c.dedup > 1 {
		return io, pipeline.Options{}, fmt.Errorf("--dedup %v: want a similarity between 0 and 1", c.dedup)
	}
	if c.dedup > 0 {
		io.Dedup = dedup.New(c.dedup)
	}
	llmOpt := pipeline.LLMOptions{URL: c.llmURL, Model: c.llmModel, APIKey: os.Getenv("DYAD_LLM_KEY")}
	po := c.pipelineOptions()
	po.LLM = llmOpt
	return io, po, nil
}

func runExtract(ctx context.Context, d *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf codingFlags
	cf.add(fs)
	explain := fs.Bool("explain", false, "add to each event the rule (dictionary patterns) that produced it")
	fuse := fs.Bool("fuse", false, "fuse the events of all articles: one event per happening across articles, with num_mentions, num_sources, num_articles and every mention (holds all events in memory; written at the end)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dyad extract [flags] [FILE…]  (no FILE or '-': stdin)\n\nReads article JSONL or text, writes event JSONL to stdout.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	iopt, popt, err := cf.options()
	if err != nil {
		fmt.Fprintln(stderr, "dyad extract:", err)
		return exitUsage
	}
	p, err := pipeline.New(d, popt)
	if err != nil {
		fmt.Fprintln(stderr, "dyad extract:", err)
		return exitFail
	}
	out := bufio.NewWriterSize(stdout, 1<<16)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	write := func(e event.Event) error {
		if !*explain {
			e.Rule = ""
		}
		return enc.Encode(e)
	}
	index := fusion.NewIndex()
	st, err := codeInputs(ctx, p, fs.Args(), iopt, cf.workers, stderr, func(r pipeline.Result) error {
		if *fuse {
			index.Add(r.Article.ID, r.Article.URL, r.Events)
			return nil
		}
		for _, e := range r.Events {
			if err := write(e); err != nil {
				return err
			}
		}
		return nil
	})
	if *fuse && err == nil {
		for _, f := range index.Events() {
			if err = write(f.AsEvent()); err != nil {
				break
			}
		}
	}
	out.Flush()
	return finish("extract", st, err, stderr)
}

// finish prints how a run that coded articles ended and returns its exit
// status.
func finish(name string, st pipeline.Stats, err error, stderr io.Writer) int {
	if err != nil {
		fmt.Fprintf(stderr, "dyad %s: %v\n", name, err)
		return exitFail
	}
	if st.Rejected > 0 {
		fmt.Fprintf(stderr, "dyad %s: %d articles coded, %d events, %d records rejected (see above)\n", name, st.Articles, st.Events, st.Rejected)
		return exitRejected
	}
	return exitOK
}

// codeInputs codes every input through p.Run, handing the results to
// emit in input order, with what the command line adds: a progress bar,
// skipped articles and notices on stderr, and rejected input on stderr a
// few lines per file.
func codeInputs(ctx context.Context, p *pipeline.Pipeline, paths []string, iopt ingest.Options, workers int,
	stderr io.Writer, emit func(pipeline.Result) error) (pipeline.Stats, error) {
	bar := progress.New(stderr, "coding", "articles")
	defer bar.Done()
	if iopt.Notice == nil {
		iopt.Notice = func(m string) { fmt.Fprintln(stderr, "dyad:", m) }
	}
	if iopt.Skip == nil {
		iopt.Skip = func(a event.Article, why string) {
			fmt.Fprintf(stderr, "dyad: skipped %s (%s): %s\n", a.Origin, a.ID, why)
		}
	}
	problems := newProblemLog(stderr)
	st, err := p.Run(ctx, paths, pipeline.RunOptions{
		Workers:   workers,
		Read:      iopt,
		OnProblem: problems.report,
		OnCoded:   func() { bar.Add(1) },
	}, emit)
	problems.flush()
	return st, err
}
