// Command trainsyntax trains dyad's part-of-speech tagger, lemmatizer and
// dependency parser from Universal Dependencies English treebanks and
// writes the model the binary embeds (data/syntax/english.model).
//
// From the repository root, with the shared treebanks beside it:
//
//	go run ./tools/trainsyntax          # train on gum-train + ewt-train, choose the epoch on gum-dev
//	go run ./tools/trainsyntax -final   # the bundled model: also trains on ewt-dev
//
// The defaults are the bundled model's settings: a two-pass tagger, a
// beam of 4, 2^23 move and 2^20 label feature buckets, rows below 256
// pruned, seed 1. It takes about ten minutes on two cores and 3 GB of
// memory.
//
// Training is deterministic: the same treebanks, options and seed give the
// same model file.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/progress"
	"github.com/dyad-events/dyad/internal/syntax"
	"github.com/dyad-events/dyad/internal/syntax/conllu"
)

func main() {
	dir := flag.String("treebanks", "../shared/treebanks", "folder of the UD English treebanks")
	trainFiles := flag.String("train", "gum-train.conllu,ewt-train.conllu", "training files (comma-separated, in -treebanks)")
	devFile := flag.String("dev", "gum-dev.conllu", "file to choose the parser's epoch on")
	final := flag.Bool("final", false, "also train on ewt-dev.conllu (the bundled model)")
	irregular := flag.String("irregular", "data/verbs/irregular.tsv", "irregular verb forms (lemma, past, participle, …) for the lemmatizer; empty for none")
	wordnet := flag.String("wordnet", "/usr/share/wordnet", "WordNet 3 database folder for the tagger's lexicon (Debian package wordnet-base); empty for none")
	out := flag.String("out", "data/syntax/english.model", "model file to write")
	var opt syntax.TrainOptions
	flag.IntVar(&opt.TagEpochs, "tag-epochs", 8, "tagger epochs")
	flag.IntVar(&opt.ParseEpochs, "parse-epochs", 14, "parser epochs")
	flag.IntVar(&opt.Folds, "folds", 5, "jack-knife folds for the parser's training tags")
	flag.UintVar(&opt.TagBits, "tag-bits", 19, "log2 of the tagger's feature buckets")
	flag.UintVar(&opt.MoveBits, "move-bits", 23, "log2 of the parser's feature buckets")
	flag.UintVar(&opt.LabelBits, "label-bits", 20, "log2 of the labeller's feature buckets")
	flag.IntVar(&opt.Beam, "beam", 4, "beam size (1: greedy with a dynamic oracle)")
	flag.IntVar(&opt.Prune, "prune", 256, "drop weight rows whose largest int16 weight is below this (0 keeps every non-zero row)")
	flag.BoolVar(&opt.TagOnly, "tag-only", false, "train and score the tagger alone")
	verbose := flag.Bool("v", false, "print each epoch's figures even when stderr is not a terminal")
	flag.Uint64Var(&opt.Seed, "seed", 1, "random seed (shuffling, exploration)")
	flag.Parse()

	start := time.Now()
	files := strings.Split(*trainFiles, ",")
	if *final {
		files = append(files, "ewt-dev.conllu")
	}
	var train []syntax.TrainSentence
	for _, f := range files {
		ss, err := read(filepath.Join(*dir, f))
		if err != nil {
			fail(err)
		}
		train = append(train, ss...)
	}
	dev, err := read(filepath.Join(*dir, *devFile))
	if err != nil {
		fail(err)
	}
	opt.Dev = dev
	if *irregular != "" {
		if opt.Inflections, err = readIrregular(*irregular); err != nil {
			fail(err)
		}
	}
	if *wordnet != "" {
		if opt.Lexicon, err = syntax.ReadWordNet(*wordnet); err != nil {
			fail(fmt.Errorf("lexicon: %w (install the Debian package wordnet-base, or pass -wordnet '')", err))
		}
	}
	if *verbose || progress.IsTerminal(os.Stderr) {
		opt.Progress = func(format string, args ...any) {
			fmt.Fprintf(os.Stderr, "%6.1fs  %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
		}
	}
	m, err := syntax.Train(train, opt)
	if err != nil {
		fail(err)
	}
	sc := m.Evaluate(dev)
	m.Info = fmt.Sprintf("trained on %s (%d sentences); tagger %d epochs, parser %d epochs (best on %s), %d folds, beam %d, bits %d/%d/%d, prune %d, seed %d\n%s: UPOS %.4f lemma %.4f UAS %.4f LAS %.4f\n",
		strings.Join(files, " + "), len(train), opt.TagEpochs, opt.ParseEpochs, *devFile, opt.Folds, opt.Beam, opt.TagBits, opt.MoveBits, opt.LabelBits, opt.Prune, opt.Seed,
		*devFile, sc.UPOS, sc.Lemma, sc.UAS, sc.LAS)
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		fail(err)
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		fail(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "%s", m.Describe())
	fmt.Fprintf(os.Stderr, "wrote %s (%.1f MB) in %s\n", *out, float64(buf.Len())/1e6, time.Since(start).Round(time.Second))
}

func read(path string) ([]syntax.TrainSentence, error) {
	ss, err := conllu.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []syntax.TrainSentence
	for _, s := range ss {
		if len(s.Words) == 0 {
			continue
		}
		t, err := syntax.FromCoNLLU(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, t)
	}
	return out, nil
}

// readIrregular reads dyad's irregular verb table: a lemma, then its
// forms, per tab-separated line.
func readIrregular(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return nil, fmt.Errorf("%s:%d: want a lemma and at least two forms", path, i+1)
		}
		for _, form := range f[1:] {
			for _, v := range strings.Split(form, "|") {
				if v = strings.TrimSpace(v); v != "" && v != "-" {
					out[v] = f[0]
				}
			}
		}
	}
	return out, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "trainsyntax:", err)
	os.Exit(1)
}
