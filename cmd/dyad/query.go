package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/fusion"
	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
)

func runQuery(ctx context.Context, _ *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", store.DefaultURL, "store URL: sqlite://FILE or postgres://USER@HOST:PORT/DB")
	format := fs.String("format", "table", "output: table or jsonl (one event per line, the contract's shape plus id)")
	start := fs.String("start", "", "first event date, YYYY-MM-DD")
	end := fs.String("end", "", "last event date, YYYY-MM-DD (inclusive)")
	dyad := fs.String("dyad", "", "two actor codes, e.g. IRN,PAK (either direction; a country code also matches its agents)")
	actor := fs.String("actor", "", "actor code as source or target, e.g. IRN or IRNGOV")
	group := fs.String("group", "", "known-group code as source or target, e.g. UNO (the UN), NAT (NATO), HMS (Hamas)")
	code := fs.String("code", "", "CAMEO code or prefix, e.g. 19 or 195")
	root := fs.String("root", "", "CAMEO root code, e.g. 19")
	quad := fs.Int("quad", 0, "QuadClass 1-4 (0: any)")
	place := fs.String("place", "", "place name, admin1 name or country code")
	bbox := fs.String("bbox", "", "bounding box MINLON,MINLAT,MAXLON,MAXLAT")
	text := fs.String("text", "", "words that must all be in the evidence sentence")
	limit := fs.Int("limit", 100, "most events to print (0: all)")
	coder := fs.String("coder", "", "the events this coder version produced (see dyad version, dyad recode) instead of the current ones")
	fused := fs.Bool("fused", false, "fuse the matching events across articles: one per happening, with num_mentions, num_sources and num_articles (computed from the stored events, so it is the same however many workers stored them)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dyad query [flags]\n\nPrints stored events matching the filters, by date.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "dyad query: "+format+"\n", a...)
		return exitUsage
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected argument %q", fs.Arg(0))
	}
	if *format != "table" && *format != "jsonl" {
		return usageErr("--format %q: want table or jsonl", *format)
	}
	f := store.Filter{Actor: *actor, Code: *code, Root: *root, Quad: *quad, Place: *place, Text: *text, Coder: *coder}
	if f.Group = strings.ToUpper(strings.TrimSpace(*group)); !groupFlag(f.Group) {
		return usageErr("--group %q: want a 3-letter known-group code (UNO, NAT, HMS)", *group)
	}
	for _, d := range []struct {
		flag, v string
		dst     *store.Filter
		end     bool
	}{{"start", *start, &f, false}, {"end", *end, &f, true}} {
		if d.v == "" {
			continue
		}
		t, err := ingest.ParsePublished(d.v)
		if err != nil {
			return usageErr("--%s: %v", d.flag, err)
		}
		if d.end {
			f.End = t
		} else {
			f.Start = t
		}
	}
	if *dyad != "" {
		a, b, ok := strings.Cut(*dyad, ",")
		if !ok || strings.TrimSpace(a) == "" || strings.TrimSpace(b) == "" {
			return usageErr("--dyad %q: want two codes, e.g. IRN,PAK", *dyad)
		}
		f.Dyad = [2]string{strings.TrimSpace(a), strings.TrimSpace(b)}
	}
	if *bbox != "" {
		parts := strings.Split(*bbox, ",")
		if len(parts) != 4 {
			return usageErr("--bbox %q: want MINLON,MINLAT,MAXLON,MAXLAT", *bbox)
		}
		var b [4]float64
		for i, p := range parts {
			v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil {
				return usageErr("--bbox %q: %v", *bbox, err)
			}
			b[i] = v
		}
		f.BBox = &b
	}
	if *limit < 0 {
		return usageErr("--limit %d: want 0 or more", *limit)
	}
	s, err := openExisting(ctx, *db)
	if err != nil {
		fmt.Fprintln(stderr, "dyad query:", err)
		return exitFail
	}
	defer s.Close()

	out := bufio.NewWriterSize(stdout, 1<<16)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	if *format == "table" {
		fmt.Fprintln(tw, "DATE\tSOURCE\tTARGET\tCAMEO\tQUAD\tGOLDSTEIN\tPLACE\tARTICLE\tEVIDENCE")
	}
	// show writes one event as a JSON line or a table row whose ARTICLE
	// column says what is given.
	show := func(e event.Event, article string) error {
		if *format == "jsonl" {
			return enc.Encode(e)
		}
		place := ""
		if e.Location != nil {
			place = e.Location.Name
		}
		_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%+.1f\t%s\t%s\t%s\n", e.Date, e.Source.Code, e.Target.Code, e.CAMEO,
			e.QuadClass, e.Goldstein, place, article, clip(e.Evidence.Sentence, 80))
		return err
	}
	n := 0
	var index *fusion.Index
	byArticle := map[string][]event.Event{}
	urls := map[string]string{}
	if *fused {
		index = fusion.NewIndex()
	}
	for {
		f.Limit = store.MaxLimit
		if *limit > 0 && !*fused {
			f.Limit = min(store.MaxLimit, *limit-n)
		}
		evs, next, err := s.Events(ctx, f)
		if err != nil {
			fmt.Fprintln(stderr, "dyad query:", err)
			return exitUsage
		}
		for _, e := range evs {
			if *fused {
				byArticle[e.Article] = append(byArticle[e.Article], e.Event)
				urls[e.Article] = e.ArticleURL
				continue
			}
			if err := show(e.Event, e.Article); err != nil {
				fmt.Fprintln(stderr, "dyad query:", err)
				return exitFail
			}
		}
		n += len(evs)
		if next == "" || (*limit > 0 && n >= *limit && !*fused) {
			break
		}
		f.Cursor = next
	}
	if *fused {
		for id, evs := range byArticle {
			index.Add(id, urls[id], evs)
		}
		n = 0
		for _, fe := range index.Events() {
			if *limit > 0 && n >= *limit {
				break
			}
			n++
			e := fe.AsEvent()
			if err := show(e, fmt.Sprintf("%d articles, %d sources", e.NumArticles, e.NumSources)); err != nil {
				fmt.Fprintln(stderr, "dyad query:", err)
				return exitFail
			}
		}
	}
	tw.Flush()
	if *format == "table" {
		fmt.Fprintf(out, "(%d events)\n", n)
	}
	return exitOK
}

// clip shortens s to at most n characters, for a table cell.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
