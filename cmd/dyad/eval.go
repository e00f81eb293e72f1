package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/dyad-events/dyad/internal/eval"
	"github.com/dyad-events/dyad/internal/pipeline"
)

func runEval(ctx context.Context, d *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf codingFlags
	cf.add(fs)
	var articles listFlag
	fs.Var(&articles, "articles", "article JSONL to code and score (instead of a SYSTEM file; repeatable)")
	misses := fs.Bool("misses", false, "list missed gold events and false alarms")
	confusion := fs.Bool("confusion", true, "print the gold-code × system-code table of matched pairs")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dyad eval [flags] GOLD.jsonl [SYSTEM.jsonl]\n       dyad eval [flags] GOLD.jsonl --articles ARTICLES.jsonl\n       dyad eval [flags] DIR  (DIR/gold.jsonl scored on DIR/articles.jsonl)\n\nScores events against gold by the contract's match rule.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(reorder(args)); err != nil {
		return exitUsage
	}
	goldPath := fs.Arg(0)
	if fs.NArg() == 1 && len(articles) == 0 {
		// "dyad eval eval/news-b": a set's folder, gold.jsonl and
		// articles.jsonl inside.
		if fi, err := os.Stat(goldPath); err == nil && fi.IsDir() {
			dir := goldPath
			goldPath = filepath.Join(dir, "gold.jsonl")
			arts := filepath.Join(dir, "articles.jsonl")
			for _, f := range []string{goldPath, arts} {
				if _, err := os.Stat(f); err != nil {
					fmt.Fprintf(stderr, "dyad eval: %s is a folder but has no %s (an evaluation set holds gold.jsonl and articles.jsonl)\n", dir, filepath.Base(f))
					return exitUsage
				}
			}
			articles = append(articles, arts)
		}
	}
	if fs.NArg() < 1 || (fs.NArg() < 2 && len(articles) == 0) {
		fmt.Fprintln(stderr, "dyad eval: give a gold file and a system file, a gold file and --articles, or an evaluation set's folder")
		fs.Usage()
		return exitUsage
	}
	gold, err := eval.Load(goldPath)
	if err != nil {
		fmt.Fprintln(stderr, "dyad eval:", err)
		return exitFail
	}
	var sys []eval.Row
	if len(articles) > 0 {
		iopt, popt, err := cf.options()
		if err != nil {
			fmt.Fprintln(stderr, "dyad eval:", err)
			return exitUsage
		}
		p, err := pipeline.New(d, popt)
		if err != nil {
			fmt.Fprintln(stderr, "dyad eval:", err)
			return exitFail
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		if _, err := codeInputs(ctx, p, articles, iopt, cf.workers, stderr, func(r pipeline.Result) error {
			for _, e := range r.Events {
				if err := enc.Encode(e); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			fmt.Fprintln(stderr, "dyad eval:", err)
			return exitFail
		}
		if sys, err = eval.Read("coded articles", &buf); err != nil {
			fmt.Fprintln(stderr, "dyad eval:", err)
			return exitFail
		}
	} else if sys, err = eval.Load(fs.Arg(1)); err != nil {
		fmt.Fprintln(stderr, "dyad eval:", err)
		return exitFail
	}
	res := eval.Score(gold, sys)
	if *confusion && len(res.PerCode) > 0 {
		fmt.Fprintln(stdout, "matched pairs by code (gold → system):")
		type row struct {
			g, s string
			n    int
		}
		var rows []row
		for k, n := range res.PerCode {
			rows = append(rows, row{k[0], k[1], n})
		}
		sort.Slice(rows, func(i, j int) bool {
			if rows[i].g != rows[j].g {
				return rows[i].g < rows[j].g
			}
			return rows[i].s < rows[j].s
		})
		for _, r := range rows {
			mark := ""
			if r.g != r.s {
				mark = "  (inexact)"
			}
			fmt.Fprintf(stdout, "  %-5s → %-5s %4d%s\n", r.g, r.s, r.n, mark)
		}
	}
	res.Write(stdout, *misses)
	return exitOK
}

// reorder moves flags after positional arguments to the front, so
// "dyad eval GOLD --articles A" parses as users expect.
func reorder(args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			if !bytes.ContainsRune([]byte(a), '=') && takesValue(a) && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

func takesValue(flagName string) bool {
	switch flagName {
	case "--articles", "-articles", "--published", "-published", "--actors", "-actors", "--verbs", "-verbs", "--workers", "-workers":
		return true
	}
	return false
}
