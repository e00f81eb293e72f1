package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/progress"
	"github.com/dyad-events/dyad/internal/recode"
	"github.com/dyad-events/dyad/internal/store"
)

func runRecode(ctx context.Context, d *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("recode", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", store.DefaultURL, "store URL: sqlite://FILE or postgres://USER@HOST:PORT/DB")
	var cf codingFlags
	cf.addDictionaries(fs)
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "articles coded in parallel")
	dryRun := fs.Bool("dry-run", false, "report what would change without storing anything")
	asJSON := fs.Bool("json", false, "print the report, with every changed event, as one JSON object")
	fs.Usage = func() {
		fmt.Fprintln(stderr, `usage: dyad recode [flags]

Codes every stored article again with this binary and its dictionaries,
stores the new events as the current ones (the replaced events stay in the
store under their coder version: query --coder, the API's coder= and
export --coder read them) and prints what changed: events added, removed,
re-coded (the same sentence and parties, another code) and changed (another
date, place, death count…), per CAMEO root, then one line per change.
With --dry-run nothing is stored.`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dyad recode: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	s, err := openExisting(ctx, *db)
	if err != nil {
		fmt.Fprintln(stderr, "dyad recode:", err)
		return exitFail
	}
	defer s.Close()
	p, err := pipeline.New(d, cf.pipelineOptions())
	if err != nil {
		fmt.Fprintln(stderr, "dyad recode:", err)
		return exitFail
	}
	st, err := s.Stats(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "dyad recode:", err)
		return exitFail
	}
	bar := progress.New(stderr, fmt.Sprintf("re-coding %d articles", st.Articles-st.Duplicates), "done")
	start, done := time.Now(), 0
	rep, err := recode.Run(ctx, s, p, recode.Options{DryRun: *dryRun, Workers: *workers, Progress: func(n int) {
		bar.Add(n - done)
		done = n
	}})
	bar.Done()
	if err != nil {
		fmt.Fprintln(stderr, "dyad recode:", err)
		if rep != nil && rep.Articles > 0 && !*dryRun {
			fmt.Fprintf(stderr, "dyad recode: %d articles were re-coded and stored before it stopped; run it again to finish\n", rep.Articles)
		}
		return exitFail
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintln(stderr, "dyad recode:", err)
			return exitFail
		}
	} else {
		printRecode(stdout, rep)
	}
	verb := "stored"
	if *dryRun {
		verb = "not stored (--dry-run)"
	}
	fmt.Fprintf(stderr, "dyad recode: %d articles in %s; new events %s (%s)\n", rep.Articles, time.Since(start).Round(time.Millisecond), verb, redact(*db))
	return exitOK
}

// printRecode writes a re-code report for a reader: the summary, a table
// per CAMEO root and one line per change.
func printRecode(w io.Writer, r *recode.Report) {
	var from []string
	for c, n := range r.From {
		if c == "" {
			c = "(no version recorded)"
		}
		from = append(from, fmt.Sprintf("%s: %d", c, n))
	}
	sort.Strings(from)
	fmt.Fprintf(w, "re-coded %d articles with coder %s (coded before by %s)\n", r.Articles, r.Coder, strings.Join(from, ", "))
	if r.Same() {
		fmt.Fprintf(w, "no change: all %d events coded as before\n", r.Unchanged)
		return
	}
	fmt.Fprintf(w, "events: %d unchanged, %d added, %d removed, %d re-coded, %d changed\n\n", r.Unchanged, r.Added, r.Removed, r.Recoded, r.Changed)
	var roots []string
	for root := range r.ByRoot {
		roots = append(roots, root)
	}
	sort.Strings(roots)
	fmt.Fprintf(w, "%-4s %7s %7s %12s %10s %7s\n", "root", "added", "removed", "re-coded out", "re-coded in", "changed")
	for _, root := range roots {
		c := r.ByRoot[root]
		fmt.Fprintf(w, "%-4s %7d %7d %12d %10d %7d\n", root, c.Added, c.Removed, c.RecodedFrom, c.RecodedTo, c.Changed)
	}
	fmt.Fprintln(w)
	for _, c := range r.Changes {
		switch c.Kind {
		case recode.Added:
			fmt.Fprintf(w, "added    %s %s\n", c.Article, describe(c.New))
		case recode.Removed:
			fmt.Fprintf(w, "removed  %s %s\n", c.Article, describe(c.Old))
		case recode.Recoded:
			fmt.Fprintf(w, "re-coded %s %s -> %s\n", c.Article, describe(c.Old), c.New.CAMEO)
		case recode.Changed:
			fmt.Fprintf(w, "changed  %s %s (%s)\n", c.Article, describe(c.New), strings.Join(c.Fields, ", "))
		}
	}
}

// describe is one event in a line: code, dyad, date and its evidence.
func describe(e *event.Event) string {
	side := func(a event.Actor) string {
		if a.Code == "" {
			return "-"
		}
		return a.Code
	}
	ev := e.Evidence.Sentence
	if r := []rune(ev); len(r) > 100 {
		ev = string(r[:99]) + "…"
	}
	return fmt.Sprintf("%s %s %s->%s %s %q", e.ID, e.CAMEO, side(e.Source), side(e.Target), e.Date, ev)
}
