package store

import (
	"testing"
	"time"
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
