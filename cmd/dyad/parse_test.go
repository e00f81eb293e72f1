package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseText(t *testing.T) {
	out, errs, code := run(t, "parse", "Ghana recalled its ambassador. Talks resumed on Monday.")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if n := strings.Count(out, "# text = "); n != 2 {
		t.Errorf("%d sentences in the CoNLL-U, want 2:\n%s", n, out)
	}
	// "recalled" heads the first sentence, with "Ghana" its subject.
	if !strings.Contains(out, "\trecalled\trecall\tVERB\t_\t_\t0\troot\t") || !strings.Contains(out, "1\tGhana\tGhana\tPROPN\t_\t_\t2\tnsubj\t") {
		t.Errorf("unexpected analysis:\n%s", out)
	}
	tree, _, code := run(t, "parse", "--format", "tree", "Ghana recalled its ambassador.")
	if code != exitOK || !strings.HasPrefix(strings.SplitN(tree, "\n", 3)[1], "recalled  root VERB (recall)") {
		t.Errorf("tree (exit %d):\n%s", code, tree)
	}
}

// --conllu keeps the file's words, multi-word token lines and comments,
// and replaces the annotation.
func TestParseCoNLLU(t *testing.T) {
	out, errs, code := run(t, "parse", "--conllu", "--score", "testdata/parse.conllu")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	for _, want := range []string{"# sent_id = made-up-1\n", "2-3\tdidn't\t_", "\tfree\tfree\tVERB\t_\t_\t0\troot\t", "SpaceAfter=No"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "7 words: UPOS") {
		t.Errorf("--score printed %q", errs)
	}
	_, errs, code = run(t, "parse", "--conllu", "testdata/mixed.jsonl")
	if code != exitFail || !strings.Contains(errs, "mixed.jsonl:1") {
		t.Errorf("a JSONL file as CoNLL-U: exit %d, stderr %q", code, errs)
	}
	if _, _, code := run(t, "parse", "--score", "x"); code != exitUsage {
		t.Errorf("--score without --conllu: exit %d, want %d", code, exitUsage)
	}
}

func TestParseRejectsBinary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "blob.txt")
	if err := os.WriteFile(bin, []byte{0xff, 0xfe, 0, 1}, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := run(t, "parse", bin)
	if code != exitFail || out != "" || !strings.Contains(errs, "not UTF-8") {
		t.Errorf("binary input: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
