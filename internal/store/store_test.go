package store

import (
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/event"
)

func TestRebindDollar(t *testing.T) {
	if got := RebindDollar("a = ? AND (b, c) > (?, ?)"); got != "a = $1 AND (b, c) > ($2, $3)" {
		t.Errorf("got %q", got)
	}
}

func TestIDs(t *testing.T) {
	d := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	if Hash(d, "t", "x", "") == Hash(d.AddDate(0, 0, 1), "t", "x", "") || Hash(d, "t", "x", "") != Hash(d, "t", "x", "") {
		t.Error("hash must depend on the date and be stable")
	}
	e := event.Event{CAMEO: "195", Source: event.Actor{Code: "PAK"}, Target: event.Actor{Code: "IRN"}}
	evs := []event.Event{e, e, {CAMEO: "111"}}
	AssignIDs("a", evs)
	if evs[1].ID != evs[0].ID+"-2" || evs[2].ID == evs[0].ID || evs[0].ID != EventID("a", e) || evs[0].Article != "a" {
		t.Errorf("ids = %s %s %s", evs[0].ID, evs[1].ID, evs[2].ID)
	}
}

func TestCursor(t *testing.T) {
	d, id, err := decodeCursor(encodeCursor("2024-01-02", "abc|d"))
	if err != nil || d != "2024-01-02" || id != "abc|d" {
		t.Errorf("round trip: %q %q %v", d, id, err)
	}
	if _, _, err := decodeCursor("bm9wZQ"); err == nil {
		t.Error("bad cursor accepted")
	}
}
