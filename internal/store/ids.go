package store

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"github.com/dyad-events/dyad/internal/event"
)

// Hash is an article's content hash: what makes two articles the same
// story for the store and for the queue's de-duplication. It covers the
// publication date (it anchors every relative date), the title and the
// text, not the id or URL, so the same text under two URLs is a duplicate.
func Hash(published time.Time, title, text, html string) string {
	h := sha256.New()
	h.Write([]byte(published.UTC().Format("2006-01-02")))
	for _, s := range []string{title, text, html} {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// EventID is an event's stable id: a hash of its article id, evidence
// start, CAMEO code, source and target codes. Coding the same article
// again gives the same ids.
func EventID(articleID string, e event.Event) string {
	h := sha256.New()
	for _, s := range []string{articleID, strconv.Itoa(e.Evidence.Start), e.CAMEO, e.Source.Code, e.Target.Code} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// AssignIDs sets the id of every event of one article that has none, with
// EventID; a second event with the same id in the article gets "-2", "-3"…
// appended, so ids stay unique and deterministic.
func AssignIDs(articleID string, evs []event.Event) {
	seen := make(map[string]int, len(evs))
	for i := range evs {
		if evs[i].Article == "" {
			evs[i].Article = articleID
		}
		id := evs[i].ID
		if id == "" {
			id = EventID(articleID, evs[i])
		}
		seen[id]++
		if n := seen[id]; n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		evs[i].ID = id
	}
}
