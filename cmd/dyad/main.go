// Command dyad turns news text into political event data: who did what to
// whom, when and where, coded in CAMEO with the evidence sentence behind
// every event. This package only wires command-line flags to the packages
// under internal/.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/dyad-events/dyad/data"
	placesdata "github.com/dyad-events/dyad/data/places"
	"github.com/dyad-events/dyad/internal/pipeline"
)

// Exit statuses.
const (
	exitOK       = 0
	exitFail     = 1 // the run could not be done
	exitUsage    = 2 // bad flags or arguments
	exitRejected = 3 // the run finished, but some input was rejected (see stderr)
)

type command struct {
	name, summary string
	run           func(ctx context.Context, d *pipeline.Data, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"extract", "code articles (JSONL, text) into event JSONL on stdout", runExtract},
		{"eval", "score events against gold events (the contract's match rule)", runEval},
		{"ingest", "code articles and store them and their events (SQLite or PostgreSQL), or queue them", runIngest},
		{"watch", "follow RSS/Atom feeds: fetch new article pages, code them and store them, every interval", runWatch},
		{"recode", "code stored articles again with this binary and dictionaries, and print what changed", runRecode},
		{"query", "print stored events matching filters (dates, actors, codes, places, text)", runQuery},
		{"worker", "pull queued articles, code them and store them (scale-out)", runWorker},
		{"relations", "code articles and show each country pair's relations over time", runRelations},
		{"actors", "list the actors found in a text and the dictionary entries that matched", runActors},
		{"parse", "tag and parse text (UD parts of speech, lemmas, dependency trees) or re-annotate CoNLL-U", runParse},
		{"geocode", "show the places named in a text, with candidates and the choice", runGeocode},
		{"serve", "serve the JSON API and the dashboard over a store", runServe},
		{"export", "write stored events as GDELT 2.0 TSV, CSV or JSONL", runExport},
		{"bench", "measure throughput, peak memory, store ingest and API latency on generated articles", runBench},
		{"version", "print the binary's version and digests of the bundled data", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// The one place the embedded data is named: every command reads its
	// dictionaries, tables, model and gazetteer from d, each part loaded
	// when a command first asks for it.
	d := pipeline.NewData(pipeline.Files{Data: data.FS, Gazetteer: placesdata.FS})
	os.Exit(Run(ctx, d, os.Args[1:], os.Stdout, os.Stderr))
}

// Run runs the dyad command line with args, the commands reading their
// data from d, and returns the exit status.
func Run(ctx context.Context, d *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	if len(args) == 2 && args[0] == "help" {
		// "dyad help extract" is "dyad extract -h".
		args = []string{args[1], "-h"}
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			code := c.run(ctx, d, args[1:], stdout, stderr)
			if code == exitUsage && asksHelp(args[1:]) {
				return exitOK // the usage asked for was printed
			}
			return code
		}
	}
	fmt.Fprintf(stderr, "dyad: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

// asksHelp reports a -h, -help or --help flag among a command's arguments
// (before a "--" that ends the flags).
func asksHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: dyad COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'dyad COMMAND -h' for a command's flags.")
}
