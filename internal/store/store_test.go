package store

import "testing"

func TestRebindDollar(t *testing.T) {
	if got := RebindDollar("a = ? AND (b, c) > (?, ?)"); got != "a = $1 AND (b, c) > ($2, $3)" {
		t.Errorf("got %q", got)
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
