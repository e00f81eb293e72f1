package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyad-events/dyad/internal/actors"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/places"
	"github.com/dyad-events/dyad/internal/text"
)

// readTextArg returns the text to inspect: the arguments joined, a file
// named by the only argument, or stdin.
func readTextArg(args []string) (string, error) {
	if len(args) == 0 || len(args) == 1 && args[0] == "-" {
		b, err := io.ReadAll(os.Stdin)
		return string(b), err
	}
	if len(args) == 1 {
		if b, err := os.ReadFile(args[0]); err == nil {
			return string(b), nil
		}
	}
	return strings.Join(args, " "), nil
}

func runActors(ctx context.Context, d *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("actors", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var dicts listFlag
	fs.Var(&dicts, "actors", "a user actor dictionary, file or directory (repeatable)")
	date := fs.String("date", "", "the day names are read on (terms of office), YYYY-MM-DD; default today")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dyad actors [flags] FILE | TEXT…\n\nLists the actors found in a text, with the dictionary entries that matched.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	day := time.Now().UTC()
	if *date != "" {
		t, err := time.Parse("2006-01-02", *date)
		if err != nil {
			fmt.Fprintf(stderr, "dyad actors: --date %q: want YYYY-MM-DD\n", *date)
			return exitUsage
		}
		day = t
	}
	bundled, err := d.Actors()
	if err != nil {
		fmt.Fprintln(stderr, "dyad actors:", err)
		return exitFail
	}
	layers := [][]actors.Entry{bundled}
	for _, p := range dicts {
		es, err := actors.LoadPath(p)
		if err != nil {
			fmt.Fprintln(stderr, "dyad actors:", err)
			return exitFail
		}
		layers = append(layers, es)
	}
	dict := actors.New(layers...)
	src, err := readTextArg(fs.Args())
	if err != nil {
		fmt.Fprintln(stderr, "dyad actors:", err)
		return exitFail
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SENTENCE\tTEXT\tCODE\tNOTE\tRULE")
	for i, s := range text.Sentences(text.Clean(src).Text) {
		toks := text.Tokenize(s.Text)
		for _, m := range dict.Mentions(s.Text, toks, day) {
			note := []string{}
			if m.Modifier {
				note = append(note, "modifier")
			}
			if m.Unresolved {
				note = append(note, "no country")
			}
			if m.Placeish {
				note = append(note, "place")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", i+1, m.Text, orDash(m.Code()), orDash(strings.Join(note, ",")), m.Rule)
		}
	}
	tw.Flush()
	return exitOK
}

func runGeocode(ctx context.Context, d *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("geocode", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var ctxCountries listFlag
	fs.Var(&ctxCountries, "country", "an ISO3 country the text is about (repeatable), to resolve ambiguous names")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dyad geocode [--country ISO3] FILE | TEXT…\n\nShows the places named in a text, the candidates considered and the choice.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	g, err := d.Gazetteer()
	if err != nil {
		fmt.Fprintln(stderr, "dyad geocode:", err)
		return exitFail
	}
	src, err := readTextArg(fs.Args())
	if err != nil {
		fmt.Fprintln(stderr, "dyad geocode:", err)
		return exitFail
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TEXT\tCHOSEN\tPRECISION\tLAT\tLON\tOTHER CANDIDATES")
	for _, m := range g.Find(src, places.Context{Countries: ctxCountries}) {
		var others []string
		for i, c := range m.Candidates {
			if i == 5 {
				others = append(others, "…")
				break
			}
			others = append(others, c.String())
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.4f\t%.4f\t%s\n", m.Text, m.Place.String(), m.Place.Precision, m.Place.Lat, m.Place.Lon, orDash(strings.Join(others, "; ")))
	}
	tw.Flush()
	return exitOK
}
