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
	"sync"

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

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) int {
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
	p, err := pipeline.New(popt)
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

// runStats counts what a run did.
type runStats struct {
	articles, events, rejected, skipped int
}

func finish(name string, st runStats, err error, stderr io.Writer) int {
	if err != nil {
		fmt.Fprintf(stderr, "dyad %s: %v\n", name, err)
		return exitFail
	}
	if st.rejected > 0 {
		fmt.Fprintf(stderr, "dyad %s: %d articles coded, %d events, %d records rejected (see above)\n", name, st.articles, st.events, st.rejected)
		return exitRejected
	}
	return exitOK
}

// codeInputs reads every input, codes articles on workers and hands the
// results to emit in input order. Bad records are reported on stderr and
// counted; they do not stop the run.
func codeInputs(ctx context.Context, p *pipeline.Pipeline, paths []string, iopt ingest.Options, workers int,
	stderr io.Writer, emit func(pipeline.Result) error) (runStats, error) {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	if workers < 1 {
		workers = 1
	}
	var st runStats
	bar := progress.New(stderr, "coding", "articles")
	defer bar.Done()

	type job struct {
		a   ingest.Article
		res chan pipeline.Result
	}
	jobs := make(chan job, workers*4)
	order := make(chan chan pipeline.Result, workers*4)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.res <- p.Code(j.a)
			}
		}()
	}
	var emitErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ch := range order {
			r := <-ch
			if emitErr != nil {
				continue
			}
			st.articles++
			st.events += len(r.Events)
			bar.Add(1)
			emitErr = emit(r)
		}
	}()
	var readErr error
	var mu sync.Mutex
	if iopt.Notice == nil {
		iopt.Notice = func(m string) { fmt.Fprintln(stderr, "dyad:", m) }
	}
	if iopt.Skip == nil {
		iopt.Skip = func(a ingest.Article, why string) {
			mu.Lock()
			st.skipped++
			mu.Unlock()
			fmt.Fprintf(stderr, "dyad: skipped %s (%s): %s\n", a.Origin, a.ID, why)
		}
	}
	problems := newProblemLog(stderr)
	bad := problems.report
	for _, path := range paths {
		err := ingest.Read(path, iopt, func(a ingest.Article) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			ch := make(chan pipeline.Result, 1)
			order <- ch
			jobs <- job{a: a, res: ch}
			return nil
		}, bad)
		if err != nil {
			if ctx.Err() != nil {
				readErr = fmt.Errorf("interrupted; output so far is complete up to the last article written")
				break
			}
			// A file that cannot be read is one bad input, not the end of the run.
			bad(ingest.Problem{File: path, Err: err})
		}
	}
	close(jobs)
	close(order)
	wg.Wait()
	<-done
	problems.flush()
	st.rejected = problems.count()
	if emitErr != nil {
		return st, emitErr
	}
	return st, readErr
}
