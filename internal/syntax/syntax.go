// Package syntax owns the analysed sentence's grammar: a part-of-speech
// tagger, a lemmatizer and a labelled dependency parser for English, with
// Universal Dependencies v2 tags and relations. Both the tagger and the
// parser are averaged perceptrons over hashed features, decoded greedily;
// the parser is arc-hybrid, trained with a dynamic oracle. The model is
// trained from UD treebanks by tools/trainsyntax and embedded in the binary.
package syntax

import "strings"

// UPOS is a universal part-of-speech tag.
type UPOS uint8

// The seventeen universal part-of-speech tags; NoTag is an untagged word.
const (
	NoTag UPOS = iota
	ADJ
	ADP
	ADV
	AUX
	CCONJ
	DET
	INTJ
	NOUN
	NUM
	PART
	PRON
	PROPN
	PUNCT
	SCONJ
	SYM
	VERB
	X
	numTags
)

var tagNames = [numTags]string{"_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
	"PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

// String returns the tag as UD writes it ("NOUN"), or "_" for NoTag.
func (t UPOS) String() string {
	if t < numTags {
		return tagNames[t]
	}
	return "_"
}

// ParseUPOS returns the tag named s, or NoTag and false.
func ParseUPOS(s string) (UPOS, bool) {
	for i, n := range tagNames {
		if i > 0 && n == s {
			return UPOS(i), true
		}
	}
	return NoTag, false
}

// Nominal reports a noun, proper noun or pronoun.
func (t UPOS) Nominal() bool { return t == NOUN || t == PROPN || t == PRON }

// Rel is a Universal Dependencies relation, with its English subtype where
// the treebanks use one ("nsubj:pass", "obl:agent").
type Rel uint8

// The relations of UD English. Dep is also what an unknown label reads as.
const (
	NoRel Rel = iota
	Acl
	AclRelcl
	Advcl
	AdvclRelcl
	Advmod
	Amod
	Appos
	Aux
	AuxPass
	Case
	Cc
	CcPreconj
	Ccomp
	Compound
	CompoundPrt
	Conj
	Cop
	Csubj
	CsubjOuter
	CsubjPass
	Dep
	Det
	DetPredet
	Discourse
	Dislocated
	Expl
	Fixed
	Flat
	Goeswith
	Iobj
	List
	Mark
	Nmod
	NmodDesc
	NmodPoss
	NmodUnmarked
	Nsubj
	NsubjOuter
	NsubjPass
	Nummod
	Obj
	Obl
	OblAgent
	OblUnmarked
	Orphan
	Parataxis
	Punct
	Reparandum
	Root
	Vocative
	Xcomp
	numRels
)

var relNames = [numRels]string{"_", "acl", "acl:relcl", "advcl", "advcl:relcl", "advmod", "amod", "appos",
	"aux", "aux:pass", "case", "cc", "cc:preconj", "ccomp", "compound", "compound:prt", "conj", "cop",
	"csubj", "csubj:outer", "csubj:pass", "dep", "det", "det:predet", "discourse", "dislocated", "expl",
	"fixed", "flat", "goeswith", "iobj", "list", "mark", "nmod", "nmod:desc", "nmod:poss",
	"nmod:unmarked", "nsubj", "nsubj:outer", "nsubj:pass", "nummod", "obj", "obl", "obl:agent",
	"obl:unmarked", "orphan", "parataxis", "punct", "reparandum", "root", "vocative", "xcomp"}

// String returns the relation as UD writes it ("nsubj:pass").
func (r Rel) String() string {
	if r < numRels {
		return relNames[r]
	}
	return "dep"
}

// ParseRel returns the relation named s. A subtype dyad does not know
// falls back to its universal part ("obl:tmod" → obl); a label it does not
// know at all reads as Dep, and ok is false.
func ParseRel(s string) (r Rel, ok bool) {
	for i, n := range relNames {
		if i > 0 && n == s {
			return Rel(i), true
		}
	}
	if i := strings.IndexByte(s, ':'); i > 0 {
		if r, ok := ParseRel(s[:i]); ok {
			return r, true
		}
	}
	return Dep, false
}

// Universal returns the relation without its subtype (NsubjPass → Nsubj).
func (r Rel) Universal() Rel {
	s := r.String()
	if i := strings.IndexByte(s, ':'); i > 0 {
		u, _ := ParseRel(s[:i])
		return u
	}
	return r
}

// Token is one word of an analysed sentence.
type Token struct {
	Form  string // as written
	Lemma string // dictionary form ("expel" for "expelled")
	Tag   UPOS
	// Head is the index of the governing token in the sentence, -1 for
	// the root.
	Head               int
	Rel                Rel
	Start, End         int // code points within the sentence, end exclusive
	ByteStart, ByteEnd int // bytes within the sentence, end exclusive
	SpaceAfter         bool
}
