package syntax

import (
	"fmt"
	"io/fs"

	"github.com/dyad-events/dyad/internal/syntax/conllu"
)

// FromCoNLLU converts a treebank sentence to a training sentence. It
// fails on a word without a head or with a tag that is not universal.
func FromCoNLLU(s *conllu.Sentence) (TrainSentence, error) {
	var t TrainSentence
	for _, w := range s.Words {
		tag, ok := ParseUPOS(w.UPOS)
		if !ok {
			return t, fmt.Errorf("line %d: word %d: UPOS %q is not a universal tag", s.Line, w.ID, w.UPOS)
		}
		if w.Head < 0 {
			return t, fmt.Errorf("line %d: word %d: no head", s.Line, w.ID)
		}
		rel, _ := ParseRel(w.Deprel)
		t.Forms = append(t.Forms, w.Form)
		t.Lemmas = append(t.Lemmas, w.Lemma)
		t.Tags = append(t.Tags, tag)
		t.Heads = append(t.Heads, w.Head)
		t.Rels = append(t.Rels, rel)
	}
	return t, nil
}

// ModelPath is where the bundled model lives in dyad's data tree.
const ModelPath = "syntax/english.model"

// Load reads the model at ModelPath in fsys (dyad's embedded data.FS).
func Load(fsys fs.FS) (*Model, error) {
	f, err := fsys.Open(ModelPath)
	if err != nil {
		return nil, fmt.Errorf("syntax model: %w", err)
	}
	defer f.Close()
	return Read(f, ModelPath)
}
