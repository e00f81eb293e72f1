package eval

import (
	"bytes"
	"strings"
	"testing"
)

// The contract's rule: roots and countries match; alternatives count;
// optional gold is neither missed nor a false alarm; ignored sources drop.
func TestScore(t *testing.T) {
	gold, err := Load("testdata/gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	sys, err := Load("testdata/system.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	r := Score(gold, sys)
	if r.TP != 2 || r.FP != 1 || r.FN != 0 {
		t.Errorf("tp %d fp %d fn %d, want 2 1 0", r.TP, r.FP, r.FN)
	}
	c := r.Checks
	if c["code_ok"] != 0 || c["code_n"] != 2 {
		t.Errorf("exact codes %d of %d, want 0 of 2 (195 for 194, 112 for 161|111)", c["code_ok"], c["code_n"])
	}
	if c["date_ok"] != 1 || c["date_n"] != 2 {
		t.Errorf("dates within a day %d of %d, want 1 of 2", c["date_ok"], c["date_n"])
	}
	if c["loc_city_ok"] != 1 || c["fat_ok"] != 1 {
		t.Errorf("location %d, fatalities %d; want both right", c["loc_city_ok"], c["fat_ok"])
	}
	var b bytes.Buffer
	r.Write(&b, true)
	out := b.String()
	if !strings.HasSuffix(out, "F1 0.800 P 0.667 R 1.000 tp 2 fp 1 fn 0\n") {
		t.Errorf("summary line wrong:\n%s", out)
	}
	if !strings.Contains(out, "FALSE a 042 ARM AZE") {
		t.Errorf("false alarm not listed:\n%s", out)
	}
}

func TestReadNamesLine(t *testing.T) {
	_, err := Read("x.jsonl", strings.NewReader("{\"article\": \"a\"}\n{oops\n"))
	if err == nil || !strings.Contains(err.Error(), "x.jsonl:2:") {
		t.Errorf("want an error naming line 2, got %v", err)
	}
}
