package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/bench"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/text"
)

func runBench(ctx context.Context, d *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	articles := fs.Int("articles", 300, "number of generated articles")
	sizesFlag := fs.String("sizes", "short,medium,long", "article sizes to generate, cycled (short ≈5, medium ≈15, long ≈45 sentences)")
	seed := fs.Uint64("seed", 1, "generator seed (same seed, same corpus)")
	var corpus listFlag
	fs.Var(&corpus, "corpus", "measure on this input (any format dyad extract reads; repeatable) instead of generated articles")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "articles coded in parallel on the extract path")
	stream := fs.Bool("stream", false, "write the generated corpus to a temporary file and code it from there without holding it in memory (for peak-memory runs); skips the per-stage timings")
	stages := fs.Bool("stages", true, "also time each stage on one goroutine")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile (pprof) of the measured runs to FILE (pprof -focus picks one: 'Pipeline..Run\\b', RunStages, Ingest, LoadTest)")
	memprofile := fs.String("memprofile", "", "write a heap profile (pprof) at the end to FILE")
	db := fs.String("db", "", "also store the coded corpus in this store (sqlite://FILE, postgres://…) and time it")
	batch := fs.Int("batch", 64, "articles per transaction when storing")
	apiEvents := fs.Int("api-events", 0, "fill the store (--db, or a temporary SQLite file) with N synthetic events, then time /api/events queries")
	apiRequests := fs.Int("api-requests", 100, "requests per query kind in the API test")
	apiConc := fs.Int("api-concurrency", 4, "concurrent clients in the API test")
	writeCorpus := fs.String("write-corpus", "", "only write the generated corpus as article JSONL to FILE ('-': stdout) and exit")
	format := fs.String("format", "table", "output: table or json")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dyad bench [flags]\n\nMeasures dyad on generated (or given) articles: the extract path end to end and each\nstage (sentences/s, articles/s, MB/s), peak memory, and optionally store ingest and API latency.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	sizes, err := bench.ParseSizes(*sizesFlag)
	if err == nil && *format != "table" && *format != "json" {
		err = fmt.Errorf("--format must be table or json, not %q", *format)
	}
	if err == nil && (*articles < 1 || *workers < 1 || *batch < 1 || *apiRequests < 1 || *apiConc < 1) {
		err = fmt.Errorf("--articles, --workers, --batch, --api-requests and --api-concurrency must be at least 1")
	}
	if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("unexpected argument %q (use --corpus FILE)", fs.Arg(0))
	}
	if err != nil {
		fmt.Fprintln(stderr, "dyad bench:", err)
		return exitUsage
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "dyad bench:", err)
		return exitFail
	}

	memAll := bench.StartMem(50 * time.Millisecond)
	rep := &bench.Report{Machine: bench.ThisMachine()}
	start := time.Now()
	p, err := pipeline.New(d, pipeline.Options{})
	if err != nil {
		return fail(err)
	}
	rep.LoadSeconds = time.Since(start).Seconds()
	gen, err := bench.NewGenerator(p.Actors.Entries, *seed)
	if err != nil {
		return fail(err)
	}

	if *writeCorpus != "" {
		w := stdout
		if *writeCorpus != "-" {
			f, err := os.Create(*writeCorpus)
			if err != nil {
				return fail(err)
			}
			defer f.Close()
			w = f
		}
		if err := gen.WriteJSONL(w, *articles, sizes); err != nil {
			return fail(err)
		}
		return exitOK
	}

	// The corpus: the files given, or generated articles in a temporary
	// file, so the extract path reads JSONL as dyad extract does.
	tmp, err := os.MkdirTemp("", "dyad-bench-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(tmp)
	var arts []event.Article // in memory for the stage run
	paths := []string(corpus)
	if len(paths) > 0 {
		rep.Corpus.Source = strings.Join(paths, ", ")
		if *stages && !*stream {
			for _, path := range paths {
				err := ingest.Read(path, ingest.Options{}, func(a event.Article) error {
					arts = append(arts, a)
					return nil
				}, func(ingest.Problem) {})
				if err != nil {
					return fail(err)
				}
			}
		}
	} else {
		rep.Corpus.Source = fmt.Sprintf("generated (seed %d, sizes %s)", *seed, *sizesFlag)
		path := filepath.Join(tmp, "corpus.jsonl")
		f, err := os.Create(path)
		if err != nil {
			return fail(err)
		}
		if *stream {
			err = gen.WriteJSONL(f, *articles, sizes)
		} else {
			arts = gen.Corpus(*articles, sizes)
			enc := json.NewEncoder(f)
			enc.SetEscapeHTML(false)
			for _, a := range arts {
				if err = enc.Encode(bench.JSONLArticle(a)); err != nil {
					break
				}
			}
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fail(err)
		}
		paths = []string{path}
	}

	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return fail(err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fail(err)
		}
		defer pprof.StopCPUProfile()
	}

	// The extract path.
	keep := *db != ""
	var coded []store.Coded
	ex := bench.Throughput{Name: "extract", Workers: *workers}
	enc := json.NewEncoder(io.Discard)
	enc.SetEscapeHTML(false)
	runtime.GC()
	memEx := bench.StartMem(20 * time.Millisecond)
	start = time.Now()
	st, err := codeInputs(ctx, p, paths, ingest.Options{}, *workers, stderr, func(r pipeline.Result) error {
		ex.Bytes += int64(len(r.Article.Text))
		ex.Sentences += len(text.Sentences(r.Text))
		for _, e := range r.Events {
			e.Rule = ""
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
		if keep {
			coded = append(coded, store.Coded{Article: r.StoreArticle(), Events: r.Events})
		}
		return nil
	})
	ex.Duration = time.Since(start)
	rep.ExtractMemory = memEx.Stop()
	if err != nil {
		return fail(err)
	}
	ex.Seconds, ex.Articles, ex.Events = ex.Duration.Seconds(), st.Articles, st.Events
	rep.Extract = ex
	rep.Corpus.Articles, rep.Corpus.Bytes = ex.Articles, ex.Bytes

	if *stages && len(arts) > 0 {
		rep.Stages, _ = bench.RunStages(p, arts)
		var sents []string
		for _, a := range arts {
			for _, s := range text.Sentences(text.Clean(a.Text).Text) {
				sents = append(sents, s.Text)
			}
		}
		sy, _, err := bench.MeasureSyntax(d.Files().Data, sents)
		if err != nil {
			return fail(err)
		}
		rep.Syntax = &sy
	}
	arts = nil

	if *db != "" || *apiEvents > 0 {
		url := *db
		if url == "" {
			url = "sqlite://" + filepath.Join(tmp, "api.db")
		}
		s, err := openStore(ctx, url)
		if err != nil {
			return fail(err)
		}
		defer s.Close()
		if *db != "" {
			res, err := bench.Ingest(ctx, s, coded, *batch)
			if err != nil {
				return fail(err)
			}
			rep.Ingest = &res
		}
		coded = nil
		if *apiEvents > 0 {
			locate := func(iso3 string) *event.Location {
				pl, ok := p.Places.Country(iso3)
				if !ok {
					return nil
				}
				l := pl.Location()
				return &l
			}
			if err := bench.MeasureAPI(ctx, rep, s, gen, locate, bench.APIOptions{Events: *apiEvents, Batch: *batch,
				Requests: *apiRequests, Concurrency: *apiConc, Seed: *seed}, stderr); err != nil {
				return fail(err)
			}
		}
	}

	rep.Memory = memAll.Stop()
	if *memprofile != "" {
		f, err := os.Create(*memprofile)
		if err != nil {
			return fail(err)
		}
		runtime.GC()
		err = pprof.WriteHeapProfile(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fail(err)
		}
	}
	if *format == "json" {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteTable(stdout)
	}
	if err != nil {
		return fail(err)
	}
	if st.Rejected > 0 {
		fmt.Fprintf(stderr, "dyad bench: %d records rejected (see above)\n", st.Rejected)
		return exitRejected
	}
	return exitOK
}
