package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/dedup"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/watch"
)

func runWatch(ctx context.Context, d *pipeline.Data, args []string, _, stderr io.Writer) int {
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", store.DefaultURL, "store URL: sqlite://FILE or postgres://USER@HOST:PORT/DB")
	interval := fs.Duration("interval", 15*time.Minute, "time between two polls of the feeds")
	once := fs.Bool("once", false, "poll the feeds once, store what is new and exit")
	delay := fs.Duration("delay", time.Second, "least time between two requests to one host")
	timeout := fs.Duration("timeout", 30*time.Second, "longest a request may take")
	tries := fs.Int("tries", 3, "rounds in which a failing page is tried before it is given up")
	agent := fs.String("user-agent", "dyad/"+binaryVersion(), "the User-Agent sent (robots.txt groups are matched by its first word)")
	dd := fs.Float64("dedup", dedup.DefaultThreshold, "leave out pages whose text is this similar to one stored since the watcher started (0: off)")
	allLangs := fs.Bool("all-languages", false, "code pages in any language (default: English, and pages whose language cannot be told)")
	var cf codingFlags
	cf.addDictionaries(fs)
	quiet := fs.Bool("quiet", false, "print only each round's summary and problems, not each stored page")
	fs.Usage = func() {
		fmt.Fprintln(stderr, `usage: dyad watch [flags] FEED_URL|FILE_OF_URLS…

Follows RSS and Atom feeds: polls each one every --interval with a
conditional request, fetches each new article page once (one request to a
host at a time, --delay apart; robots.txt obeyed), codes it and stores it.
What it has fetched is kept in the store, so a watcher stopped and started
again fetches and stores nothing twice. A FILE_OF_URLS lists feeds, one per
line (# comments). A feed or page that fails is logged with its URL and
the watcher goes on; a page that failed is tried again next round.`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "dyad watch: "+format+"\n", a...)
		return exitUsage
	}
	if fs.NArg() == 0 {
		return usageErr("no feeds: give feed URLs or files that list them")
	}
	if *interval < time.Second && !*once {
		return usageErr("--interval %s: want at least 1s", *interval)
	}
	if *dd < 0 || *dd > 1 {
		return usageErr("--dedup %v: want a similarity between 0 and 1", *dd)
	}
	if *tries < 1 {
		return usageErr("--tries %d: want at least 1", *tries)
	}
	var feeds []string
	for _, a := range fs.Args() {
		if strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://") {
			feeds = append(feeds, a)
			continue
		}
		f, err := os.Open(a)
		if err != nil {
			return usageErr("%q is neither an http(s) URL nor a file of them: %v", a, err)
		}
		list, err := watch.ReadList(a, f)
		f.Close()
		if err != nil {
			return usageErr("%v", err)
		}
		feeds = append(feeds, list...)
	}
	if len(feeds) == 0 {
		return usageErr("the files list no feeds")
	}
	s, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintln(stderr, "dyad watch:", err)
		return exitFail
	}
	defer s.Close()
	p, err := pipeline.New(d, cf.pipelineOptions())
	if err != nil {
		fmt.Fprintln(stderr, "dyad watch:", err)
		return exitFail
	}
	opt := watch.Options{
		Client:       &http.Client{Timeout: *timeout},
		UserAgent:    *agent,
		HostDelay:    *delay,
		MaxTries:     *tries,
		AllLanguages: *allLangs,
		Log: func(m string) {
			if *quiet && strings.Contains(m, ": stored, ") {
				return
			}
			fmt.Fprintln(stderr, "dyad watch:", m)
		},
	}
	if *dd > 0 {
		opt.Dedup = dedup.New(*dd)
	}
	w := watch.New(s, p, opt)
	round := 0
	problems := 0
	report := func(st watch.Stats) {
		round++
		problems += st.Problems()
		fmt.Fprintf(stderr, "dyad watch: round %d at %s: %s\n", round, time.Now().Format(time.RFC3339), st)
	}
	if *once {
		st, err := w.Round(ctx, feeds)
		if err != nil {
			fmt.Fprintln(stderr, "dyad watch:", err)
			return exitFail
		}
		report(st)
	} else {
		fmt.Fprintf(stderr, "dyad watch: following %d feeds every %s into %s (Ctrl-C stops)\n", len(feeds), *interval, redact(*db))
		if err := w.Run(ctx, feeds, *interval, report); err != nil {
			fmt.Fprintln(stderr, "dyad watch:", err)
			return exitFail
		}
	}
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "dyad watch: stopped; what was stored stays, and the next start goes on from there")
	}
	if *once && problems > 0 {
		return exitRejected // the round finished, but some feeds or pages failed
	}
	return exitOK
}
