package event

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
)

// ID is an event's stable id: a hash of its article id, evidence start,
// CAMEO code, source and target codes. Coding the same article again
// with the same dictionaries gives the same ids.
func ID(articleID string, e Event) string {
	h := sha256.New()
	for _, s := range []string{articleID, strconv.Itoa(e.Evidence.Start), e.CAMEO, e.Source.Code, e.Target.Code} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// AssignIDs sets the id of every event of one article that has none, with
// ID, and the article of every event that has none; a second event with
// the same id in the article gets "-2", "-3"… appended, so ids stay
// unique and deterministic.
func AssignIDs(articleID string, evs []Event) {
	seen := make(map[string]int, len(evs))
	for i := range evs {
		if evs[i].Article == "" {
			evs[i].Article = articleID
		}
		id := evs[i].ID
		if id == "" {
			id = ID(articleID, evs[i])
		}
		seen[id]++
		if n := seen[id]; n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		evs[i].ID = id
	}
}

// FusedID is the id of a happening fused from several events: a digest of
// their ids, whatever their order, so it stays the same while the
// happening's members do.
func FusedID(memberIDs []string) string {
	ids := append([]string(nil), memberIDs...)
	sort.Strings(ids)
	h := sha256.New()
	h.Write([]byte("fused\x00"))
	for _, id := range ids {
		h.Write([]byte(id))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}
