package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/fusion"
	"github.com/dyad-events/dyad/internal/pipeline"
)

func runRelations(ctx context.Context, d *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("relations", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf codingFlags
	cf.add(fs)
	format := fs.String("format", "table", "output format: table or jsonl")
	bucket := fs.String("bucket", "day", "time-series period: day, week or month")
	overall := fs.Bool("overall", false, "one row per dyad over all articles (default: one per article and dyad)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dyad relations [flags] ARTICLES… [A B]\n\nCodes the articles and prints each country pair's diplomatic state changes and event series.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *format != "table" && *format != "jsonl" {
		fmt.Fprintf(stderr, "dyad relations: --format %q: want table or jsonl\n", *format)
		return exitUsage
	}
	switch *bucket {
	case "day", "week", "month":
	default:
		fmt.Fprintf(stderr, "dyad relations: --bucket %q: want day, week or month\n", *bucket)
		return exitUsage
	}
	paths := fs.Args()
	var want [2]string
	if n := len(paths); n >= 2 && isCountryCode(paths[n-1]) && isCountryCode(paths[n-2]) {
		want = [2]string{strings.ToUpper(paths[n-2]), strings.ToUpper(paths[n-1])}
		paths = paths[:n-2]
	}
	iopt, popt, err := cf.options()
	if err != nil {
		fmt.Fprintln(stderr, "dyad relations:", err)
		return exitUsage
	}
	p, err := pipeline.New(d, popt)
	if err != nil {
		fmt.Fprintln(stderr, "dyad relations:", err)
		return exitFail
	}
	byArticle := map[string][]event.Event{}
	var order []string
	var all []event.Event
	st, err := codeInputs(ctx, p, paths, iopt, cf.workers, stderr, func(r pipeline.Result) error {
		if _, ok := byArticle[r.Article.ID]; !ok {
			order = append(order, r.Article.ID)
		}
		byArticle[r.Article.ID] = append(byArticle[r.Article.ID], r.Events...)
		all = append(all, r.Events...)
		return nil
	})
	if err != nil {
		return finish("relations", st, err, stderr)
	}
	var rels []fusion.Relation
	if *overall {
		rels = fusion.Relations(all, *bucket)
	} else {
		for _, id := range order {
			for _, r := range fusion.Relations(byArticle[id], *bucket) {
				r.Article = id
				rels = append(rels, r)
			}
		}
	}
	var kept []fusion.Relation
	for _, r := range rels {
		if want[0] != "" && !(r.Dyad[0] == min(want[0], want[1]) && r.Dyad[1] == max(want[0], want[1])) {
			continue
		}
		kept = append(kept, r)
	}
	if *format == "jsonl" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, r := range kept {
			if err := enc.Encode(r); err != nil {
				return finish("relations", st, err, stderr)
			}
		}
	} else {
		tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ARTICLE\tDYAD\tSTATE\tBROKEN\tRESTORED\tDAYS\tEVENTS\tGOLDSTEIN")
		for _, r := range kept {
			days := ""
			if r.DurationDays != nil {
				days = fmt.Sprint(*r.DurationDays)
			}
			g := 0.0
			for _, pt := range r.Series {
				g += pt.Goldstein
			}
			fmt.Fprintf(tw, "%s\t%s-%s\t%s\t%s\t%s\t%s\t%d\t%.1f\n", orDash(r.Article), r.Dyad[0], r.Dyad[1], r.State, orDash(r.Broken), orDash(r.Restored), orDash(days), r.Events, g)
		}
		tw.Flush()
	}
	return finish("relations", st, nil, stderr)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func isCountryCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, c := range strings.ToUpper(s) {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}
