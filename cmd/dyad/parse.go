package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/syntax"
	"github.com/dyad-events/dyad/internal/syntax/conllu"
	"github.com/dyad-events/dyad/internal/text"
)

func runParse(ctx context.Context, d *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "conllu", "output for text: conllu or tree")
	conll := fs.Bool("conllu", false, "the input is CoNLL-U: keep its words, write them with predicted LEMMA, UPOS, HEAD and DEPREL")
	score := fs.Bool("score", false, "with --conllu: print the accuracy against the input's own annotation on stderr")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dyad parse [--format conllu|tree] FILE | TEXT…\n       dyad parse --conllu [--score] FILE|-\n\nTags and parses text (each sentence's words, lemmas, parts of speech and dependency tree),\nor re-annotates a CoNLL-U file's words.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *format != "conllu" && *format != "tree" {
		fmt.Fprintf(stderr, "dyad parse: --format %q: want conllu or tree\n", *format)
		return exitUsage
	}
	if *score && !*conll {
		fmt.Fprintln(stderr, "dyad parse: --score needs --conllu")
		return exitUsage
	}
	m, err := d.Syntax()
	if err != nil {
		fmt.Fprintln(stderr, "dyad parse:", err)
		return exitFail
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if *conll {
		if fs.NArg() != 1 {
			fmt.Fprintln(stderr, "dyad parse: --conllu takes one file (or - for stdin)")
			return exitUsage
		}
		return parseCoNLLU(m, fs.Arg(0), *score, out, stderr)
	}
	src, err := readTextArg(fs.Args())
	if err != nil {
		fmt.Fprintln(stderr, "dyad parse:", err)
		return exitFail
	}
	if !utf8.ValidString(src) {
		fmt.Fprintln(stderr, "dyad parse: the input is not UTF-8 text")
		return exitFail
	}
	p := m.NewParser()
	for i, s := range text.Sentences(src) {
		if ctx.Err() != nil {
			return exitFail
		}
		toks := p.Analyse(s.Text)
		if *format == "tree" {
			fmt.Fprintf(out, "# %d: %s\n", i+1, s.Text)
			syntax.WriteTree(out, toks)
			out.WriteByte('\n')
			continue
		}
		writeCoNLLU(out, i+1, s.Text, toks)
	}
	return exitOK
}

// writeCoNLLU writes an analysed sentence in CoNLL-U.
func writeCoNLLU(w *bufio.Writer, id int, sentence string, toks []syntax.Token) {
	fmt.Fprintf(w, "# sent_id = %d\n# text = %s\n", id, sentence)
	for i, t := range toks {
		misc := "_"
		if !t.SpaceAfter && i < len(toks)-1 {
			misc = "SpaceAfter=No"
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t_\t_\t%d\t%s\t_\t%s\n", i+1, t.Form, t.Lemma, t.Tag, t.Head+1, t.Rel, misc)
	}
	w.WriteByte('\n')
}

// parseCoNLLU re-annotates a CoNLL-U file's words and, with score, prints
// the accuracy against the file's own annotation.
func parseCoNLLU(m *syntax.Model, path string, score bool, out *bufio.Writer, stderr io.Writer) int {
	var r io.Reader = os.Stdin
	name := "stdin"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintln(stderr, "dyad parse:", err)
			return exitFail
		}
		defer f.Close()
		r, name = f, path
	}
	rd := conllu.NewReader(r, name)
	p := m.NewParser()
	var gold, pred []*conllu.Sentence
	var toks []syntax.Token
	for {
		s, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Fprintln(stderr, "dyad parse:", err)
			return exitFail
		}
		toks = toks[:0]
		for _, w := range s.Words {
			toks = append(toks, syntax.Token{Form: w.Form})
		}
		p.Parse(toks)
		ps := *s
		ps.Words = make([]conllu.Word, len(s.Words))
		for i, w := range s.Words {
			t := toks[i]
			w.Lemma, w.UPOS, w.XPOS, w.Feats = t.Lemma, t.Tag.String(), "_", "_"
			w.Head, w.Deprel, w.Deps = t.Head+1, t.Rel.String(), "_"
			ps.Words[i] = w
		}
		if err := conllu.Write(out, &ps); err != nil {
			fmt.Fprintln(stderr, "dyad parse:", err)
			return exitFail
		}
		if score {
			gold, pred = append(gold, s), append(pred, &ps)
		}
	}
	if score {
		sc, err := conllu.Score(gold, pred)
		if err != nil {
			fmt.Fprintln(stderr, "dyad parse:", err)
			return exitFail
		}
		fmt.Fprintf(stderr, "%s: %d words: UPOS %s  lemma %s  UAS %s  LAS %s  (LAS with subtypes %s)\n", name, sc.Words,
			pct(sc.UPOS), pct(sc.Lemma), pct(sc.UAS), pct(sc.LAS), pct(sc.LASFull))
	}
	return exitOK
}

func pct(f float64) string { return strconv.FormatFloat(100*f, 'f', 2, 64) }
