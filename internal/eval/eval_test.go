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

// A known group never decides a match: a system actor with no group, or
// another group, matches gold that names one just as one with the right
// group does; the group figure counts only gold actors that name a group,
// and gold without groups prints exactly the shared scorer's figures.
func TestGroupNeverFailsAMatch(t *testing.T) {
	gold := `{"article": "g", "date": "2024-03-04", "date_precision": "day", "source": {"country": "", "group": "UNO"}, "target": {"country": "ISR"}, "cameo": "111"}` + "\n"
	for _, c := range []struct {
		name      string
		sysSource string
		ok        int
	}{
		{"same group", `{"country": "", "agent": "IGO", "group": "UNO"}`, 1},
		{"same group, other case", `{"country": "", "group": "uno"}`, 1},
		{"no group", `{"country": "", "agent": "IGO"}`, 0},
		{"another group", `{"country": "", "group": "EEC"}`, 0},
	} {
		sys := `{"article": "g", "date": "2024-03-04", "source": ` + c.sysSource + `, "target": {"country": "ISR"}, "cameo": "111"}` + "\n"
		g, err := Read("gold", strings.NewReader(gold))
		if err != nil {
			t.Fatal(err)
		}
		s, err := Read("system", strings.NewReader(sys))
		if err != nil {
			t.Fatal(err)
		}
		r := Score(g, s)
		if r.TP != 1 || r.FP != 0 || r.FN != 0 {
			t.Errorf("%s: tp %d fp %d fn %d, want a match", c.name, r.TP, r.FP, r.FN)
		}
		if r.Checks["group_n"] != 1 || r.Checks["group_ok"] != c.ok {
			t.Errorf("%s: group %d of %d, want %d of 1", c.name, r.Checks["group_ok"], r.Checks["group_n"], c.ok)
		}
		var b bytes.Buffer
		r.Write(&b, false)
		if !strings.Contains(b.String(), "group_actors: 1\n") {
			t.Errorf("%s: report lacks the group figures:\n%s", c.name, b.String())
		}
	}
	// Gold without groups: no group figures, whatever the system says.
	g, _ := Load("testdata/gold.jsonl")
	s, _ := Load("testdata/system.jsonl")
	var b bytes.Buffer
	Score(g, s).Write(&b, false)
	if strings.Contains(b.String(), "group") {
		t.Errorf("gold with no groups printed group figures:\n%s", b.String())
	}
}
