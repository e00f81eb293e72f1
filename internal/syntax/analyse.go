package syntax

import (
	"fmt"
	"io"
	"strings"

	"github.com/dyad-events/dyad/internal/text"
)

// Analyse splits one sentence into words (as Universal Dependencies
// English does) and tags, lemmatizes and parses them. The tokens' offsets
// are within the sentence.
func (p *Parser) Analyse(sentence string) []Token {
	p.wordBuf = text.AppendWords(p.wordBuf[:0], sentence)
	return p.AnalyseWords(p.wordBuf)
}

// AnalyseWords tags, lemmatizes and parses a sentence already split by
// text.Words; the tokens keep the words' offsets.
func (p *Parser) AnalyseWords(words []text.Word) []Token {
	return p.AnalyseNames(words, nil)
}

// AnalyseNames is AnalyseWords with names[i] marking the words the caller
// knows to be part of proper names (see ParseNames).
func (p *Parser) AnalyseNames(words []text.Word, names []bool) []Token {
	toks := make([]Token, len(words))
	for i, w := range words {
		toks[i] = Token{Form: w.Form, Start: w.Start, End: w.End, ByteStart: w.ByteStart, ByteEnd: w.ByteEnd, SpaceAfter: w.SpaceAfter}
	}
	p.ParseNames(toks, names)
	return toks
}

// WriteTree writes a sentence's tree as indented text: each word under its
// head, with its relation, tag and lemma.
func WriteTree(w io.Writer, toks []Token) error {
	kids := make([][]int, len(toks)+1) // kids[0]: the root's children
	for i, t := range toks {
		h := t.Head + 1
		if h < 0 || h > len(toks) {
			h = 0
		}
		kids[h] = append(kids[h], i)
	}
	var sb strings.Builder
	seen := make([]bool, len(toks))
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if seen[i] {
			return
		}
		seen[i] = true
		t := toks[i]
		fmt.Fprintf(&sb, "%s%s  %s %s", strings.Repeat("  ", depth), t.Form, t.Rel, t.Tag)
		if t.Lemma != t.Form {
			fmt.Fprintf(&sb, " (%s)", t.Lemma)
		}
		sb.WriteByte('\n')
		for _, k := range kids[i+1] {
			walk(k, depth+1)
		}
	}
	for _, r := range kids[0] {
		walk(r, 0)
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
