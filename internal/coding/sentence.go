package coding

import (
	"time"

	"github.com/dyad-events/dyad/internal/actors"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/syntax"
	"github.com/dyad-events/dyad/internal/text"
)

// Sentence is one sentence with what the earlier stages found in it. All
// Start/End offsets inside are code points within Text.
type Sentence struct {
	Index  int
	Text   string
	Start  int // code point offset of the sentence in the article's cleaned text
	Tokens []text.Token
	Actors []actors.Mention
	Dates  []DateRef
	Places []PlaceRef
	Deaths []DeathRef
	// Dateline is where a wire dateline opening the sentence ends ("KABUL
	// —", "NAIROBI, March 3 (Reuters) -"), in code points; 0 for none.
	Dateline int
	// Tree is the sentence's dependency parse (package syntax), nil when
	// it was not parsed; the coder then reads word order alone.
	Tree []syntax.Token

	parsed *parse // Tree aligned with Tokens and Actors, set by Coder.Code
}

// DateRef is a resolved date expression in a sentence.
type DateRef struct {
	Start, End int
	Date       time.Time
	Precision  string
	Conflict   *event.DateConflict
	// Future marks an expression read in a future clause ("will meet on
	// Tuesday", "agreed to meet in December"): it dates what is planned.
	Future bool
}

// PlaceRef is a place named in a sentence.
type PlaceRef struct {
	Start, End int
	Location   event.Location
}

// DeathRef is a number of dead reported in a sentence.
type DeathRef struct {
	Start, End int
	Min, Max   *int
}
