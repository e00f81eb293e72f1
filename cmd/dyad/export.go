package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/export"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
)

// queryFlags are the event filters, as flags.
type queryFlags struct {
	dyad, actor, start, end, root, code, place, bbox, text, coder string
	quad, limit                                                   int
	group                                                         string
}

func (q *queryFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&q.dyad, "dyad", "", "two actor codes, events between them either way (IRN,PAK)")
	fs.StringVar(&q.actor, "actor", "", "an actor code, as source or target (IRN, PAKMIL)")
	fs.StringVar(&q.group, "group", "", "a known-group code, as source or target (UNO, NAT, HMS)")
	fs.StringVar(&q.start, "start", "", "first event date, YYYY-MM-DD")
	fs.StringVar(&q.end, "end", "", "last event date, YYYY-MM-DD")
	fs.StringVar(&q.root, "root", "", "CAMEO root code (19)")
	fs.StringVar(&q.code, "code", "", "CAMEO code prefix (195)")
	fs.IntVar(&q.quad, "quad", 0, "QuadClass 1-4")
	fs.StringVar(&q.place, "place", "", "location name, admin1 or country code")
	fs.StringVar(&q.bbox, "bbox", "", "bounding box MINLON,MINLAT,MAXLON,MAXLAT")
	fs.StringVar(&q.text, "text", "", "words that must all be in the evidence sentence")
	fs.IntVar(&q.limit, "limit", 0, "most events to write (0: all)")
	fs.StringVar(&q.coder, "coder", "", "the events this coder version produced (see dyad version, dyad recode) instead of the current ones")
}

func (q *queryFlags) filter() (store.Filter, error) {
	var f store.Filter
	if q.dyad != "" {
		a, b, ok := strings.Cut(strings.ToUpper(q.dyad), ",")
		if !ok || a == "" || b == "" {
			return f, fmt.Errorf("--dyad %q: want two actor codes, A,B", q.dyad)
		}
		f.Dyad = [2]string{a, b}
	}
	for _, d := range []struct {
		name, s string
		t       *time.Time
	}{{"start", q.start, &f.Start}, {"end", q.end, &f.End}} {
		if d.s == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", d.s)
		if err != nil {
			return f, fmt.Errorf("--%s %q: not YYYY-MM-DD", d.name, d.s)
		}
		*d.t = t
	}
	if q.bbox != "" {
		parts := strings.Split(q.bbox, ",")
		var b [4]float64
		if len(parts) != 4 {
			return f, fmt.Errorf("--bbox %q: want MINLON,MINLAT,MAXLON,MAXLAT", q.bbox)
		}
		for i, p := range parts {
			v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil {
				return f, fmt.Errorf("--bbox %q: %q is not a number", q.bbox, p)
			}
			b[i] = v
		}
		f.BBox = &b
	}
	if q.limit < 0 {
		return f, fmt.Errorf("--limit %d: want 0 (all) or more", q.limit)
	}
	if q.quad < 0 || q.quad > 4 {
		return f, fmt.Errorf("--quad %d: want 1 to 4", q.quad)
	}
	f.Actor, f.Root, f.Code, f.Quad, f.Place, f.Text, f.Coder = strings.ToUpper(q.actor), q.root, q.code, q.quad, q.place, q.text, q.coder
	if f.Group = strings.ToUpper(strings.TrimSpace(q.group)); !groupFlag(f.Group) {
		return f, fmt.Errorf("--group %q: want a 3-letter known-group code (UNO, NAT, HMS)", q.group)
	}
	return f, nil
}

// groupFlag reports a --group value the store takes: empty, or three
// letters A to Z.
func groupFlag(g string) bool {
	return g == "" || len(g) == 3 && strings.Trim(g, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

func runExport(ctx context.Context, _ *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", store.DefaultURL, "store URL: sqlite://PATH or postgres://…")
	format := fs.String("format", "jsonl", "output format: "+strings.Join(export.Formats, ", "))
	out := fs.String("out", "", "output file (default: stdout)")
	var qf queryFlags
	qf.add(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dyad export [--db URL] --format gdelt|csv|jsonl|parquet [--out FILE] [filters]\n\nWrites the store's events (those matching the filters) in a format other tools read.\ngdelt is the 61-column GDELT 2.0 event table; see internal/export for what fills each column.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dyad export: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	if !export.ValidFormat(*format) {
		fmt.Fprintf(stderr, "dyad export: --format %q: want one of %s\n", *format, strings.Join(export.Formats, ", "))
		return exitUsage
	}
	f, err := qf.filter()
	if err != nil {
		fmt.Fprintln(stderr, "dyad export:", err)
		return exitUsage
	}
	st, err := openExisting(ctx, *db)
	if err != nil {
		fmt.Fprintln(stderr, "dyad export:", err)
		return exitFail
	}
	defer st.Close()
	if err := exportEvents(ctx, st, f, qf.limit, *format, *out, stdout); err != nil {
		fmt.Fprintln(stderr, "dyad export:", err)
		return exitFail
	}
	return exitOK
}

// exportEvents pages through the events matching f and writes them.
// At most limit events are written; 0 means all.
func exportEvents(ctx context.Context, st store.Store, f store.Filter, limit int, format, out string, stdout io.Writer) (err error) {
	w := stdout
	if out != "" {
		file, err := os.Create(out)
		if err != nil {
			return err
		}
		defer func() {
			if cerr := file.Close(); err == nil {
				err = cerr
			}
		}()
		w = file
	}
	urls := map[string]string{}
	ew, err := export.New(format, w, export.Options{SourceURL: func(id string) string { return urls[id] }})
	if err != nil {
		return err
	}
	f.Limit = store.MaxLimit
	written := 0
	for {
		evs, next, err := st.Events(ctx, f)
		if err != nil {
			return err
		}
		for _, e := range evs {
			if limit > 0 && written == limit {
				return ew.Close()
			}
			written++
			urls[e.Article] = e.ArticleURL
			if err := ew.Write(e.Event); err != nil {
				return err
			}
			delete(urls, e.Article)
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	return ew.Close()
}
