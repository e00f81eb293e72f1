package conllu

import (
	"fmt"
	"strings"
)

// Scores are the standard attachment scores over syntactic words.
//
// Every word counts, punctuation included (the CoNLL 2018 shared task's convention).
type Scores struct {
	Words int // syntactic words compared

	UPOS  float64 // fraction of words whose UPOS is right
	Lemma float64 // fraction whose LEMMA is right; a gold "_" accepts any lemma, as in CoNLL 2018
	UAS   float64 // fraction whose HEAD is right
	// LAS is the fraction whose HEAD and the universal part of DEPREL (before any ':') are
	// right: the CoNLL 2018 shared task's LAS, under which "nsubj:pass" matches "nsubj".
	LAS float64
	// LASFull is the fraction whose HEAD and whole DEPREL, subtype included, are right.
	LASFull float64
}

// Score compares predicted with gold sentence by sentence (same number of sentences, same words
// in each; return an error naming the sentence otherwise). LAS compares the universal part of the
// label only, as the CoNLL 2018 shared task's evaluation does; LASFull compares the whole label,
// subtype included ("nsubj:pass"). All fractions are 0 when there are no words.
func Score(gold, pred []*Sentence) (Scores, error) {
	if len(gold) != len(pred) {
		return Scores{}, fmt.Errorf("conllu: %d gold sentences but %d predicted", len(gold), len(pred))
	}
	var n, upos, lemma, uas, las, lasFull int
	for i, g := range gold {
		p := pred[i]
		if len(g.Words) != len(p.Words) {
			return Scores{}, fmt.Errorf("conllu: %s: %d gold words but %d predicted", sentenceName(i, g, p), len(g.Words), len(p.Words))
		}
		for j := range g.Words {
			gw, pw := &g.Words[j], &p.Words[j]
			if gw.Form != pw.Form {
				return Scores{}, fmt.Errorf("conllu: %s: word %d is %q in gold but %q predicted", sentenceName(i, g, p), j+1, gw.Form, pw.Form)
			}
			n++
			if gw.UPOS == pw.UPOS {
				upos++
			}
			if gw.Lemma == "_" || gw.Lemma == pw.Lemma {
				lemma++
			}
			if gw.Head == pw.Head {
				uas++
				if universal(gw.Deprel) == universal(pw.Deprel) {
					las++
				}
				if gw.Deprel == pw.Deprel {
					lasFull++
				}
			}
		}
	}
	if n == 0 {
		return Scores{}, nil
	}
	f := func(k int) float64 { return float64(k) / float64(n) }
	return Scores{Words: n, UPOS: f(upos), Lemma: f(lemma), UAS: f(uas), LAS: f(las), LASFull: f(lasFull)}, nil
}

// universal returns the universal part of a dependency relation: "nsubj" for "nsubj:pass".
func universal(deprel string) string {
	u, _, _ := strings.Cut(deprel, ":")
	return u
}

// sentenceName names sentence i (0-based) for an error message.
func sentenceName(i int, g, p *Sentence) string {
	name := fmt.Sprintf("sentence %d (gold line %d, predicted line %d", i+1, g.Line, p.Line)
	if id, ok := g.comment("sent_id"); ok {
		name += ", sent_id " + id
	}
	return name + ")"
}
