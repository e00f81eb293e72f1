package event

import "testing"

func TestAssignIDs(t *testing.T) {
	e := Event{CAMEO: "195", Source: Actor{Code: "PAK"}, Target: Actor{Code: "IRN"}, Evidence: Evidence{Start: 40}}
	evs := []Event{e, e, {CAMEO: "111"}}
	AssignIDs("a", evs)
	if evs[1].ID != evs[0].ID+"-2" || evs[2].ID == evs[0].ID || evs[0].ID != ID("a", e) || evs[0].Article != "a" {
		t.Errorf("ids = %s %s %s", evs[0].ID, evs[1].ID, evs[2].ID)
	}
	moved := e
	moved.Evidence.Start = 41
	if ID("a", moved) == ID("a", e) || ID("b", e) == ID("a", e) {
		t.Error("the id must change with the evidence and the article")
	}
}
