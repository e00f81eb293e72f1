package fusion

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/dyad-events/dyad/internal/event"
)

func ev(article, date, src, tgt, code string, start int) event.Event {
	return event.Event{Article: article, Date: date, DatePrecision: "day", CAMEO: code,
		Source: event.Actor{Country: src, Code: src}, Target: event.Actor{Country: tgt, Code: tgt},
		Confidence: 0.6, Evidence: event.Evidence{Start: start}}
}

func TestArticleMergesRetellings(t *testing.T) {
	evs := []event.Event{
		ev("a", "2024-03-02", "ARM", "AZE", "194", 0),
		ev("a", "2024-03-02", "ARM", "AZE", "190", 200), // the same shelling told again
		ev("a", "2024-03-04", "ARM", "AZE", "194", 400), // two days later: another happening
		ev("a", "2024-03-02", "AZE", "ARM", "194", 600), // the other way round
	}
	evs[1].DatePrecision = "unknown"
	got := Article(evs)
	if len(got) != 3 {
		t.Fatalf("got %d events, want 3: %+v", len(got), got)
	}
	if len(got[0].Mentions) != 2 {
		t.Errorf("first event keeps both mentions, got %d", len(got[0].Mentions))
	}
}

// Two acts of one root between the same parties on one day are two
// happenings unless one is told with the root's general code.
func TestArticleKeepsActsOfOneRootApart(t *testing.T) {
	evs := []event.Event{
		ev("a", "2024-03-02", "IDN", "JPN", "057", 0),   // signed a pact
		ev("a", "2024-03-02", "IDN", "JPN", "051", 200), // thanked for support
		ev("a", "2024-03-02", "IDN", "JPN", "050", 400), // "cooperated": either of them
	}
	got := Article(evs)
	if len(got) != 2 {
		t.Fatalf("got %d events, want 2: %+v", len(got), got)
	}
	if got[0].CAMEO != "057" || got[1].CAMEO != "051" || len(got[0].Mentions) != 2 {
		t.Errorf("want 057 (two mentions) and 051, got %s (%d) and %s", got[0].CAMEO, len(got[0].Mentions), got[1].CAMEO)
	}
}

// Organisations of no country are told apart by their known group: two
// rights groups condemning one verdict are two events; one group told
// twice is one.
func TestArticleKeepsOrganisationsApart(t *testing.T) {
	ngo := func(group string, start int) event.Event {
		e := ev("a", "2024-03-02", "", "BLR", "111", start)
		e.Source = event.Actor{Agent: "NGO", Code: "NGO", Group: group}
		return e
	}
	got := Article([]event.Event{ngo("AMN", 0), ngo("HRW", 200), ngo("AMN", 400)})
	if len(got) != 2 {
		t.Fatalf("got %d events, want 2 (Amnesty twice, Human Rights Watch once): %+v", len(got), got)
	}
	if got[0].Source.Group != "AMN" || len(got[0].Mentions) != 2 || got[1].Source.Group != "HRW" {
		t.Errorf("want AMN (two mentions) and HRW, got %s (%d) and %s", got[0].Source.Group, len(got[0].Mentions), got[1].Source.Group)
	}
}

// Within one country, the agents tell acts apart: militants storming a
// police post and the army's strike on the militants the same night are
// two happenings, while a strike told twice by the same sides is one.
func TestArticleKeepsDomesticDyadsApart(t *testing.T) {
	raid := ev("a", "2024-03-02", "PAK", "PAK", "192", 0)
	raid.Source.Agent, raid.Target.Agent = "REB", "COP"
	strike := ev("a", "2024-03-02", "PAK", "PAK", "190", 200)
	strike.Source.Agent, strike.Target.Agent = "MIL", "REB"
	again := ev("a", "2024-03-02", "PAK", "PAK", "195", 400)
	again.Source.Agent, again.Target.Agent = "MIL", "REB"
	got := Article([]event.Event{raid, strike, again})
	if len(got) != 2 {
		t.Fatalf("got %d events, want 2 (the raid; the strike told twice): %+v", len(got), got)
	}
	if got[0].Source.Agent != "REB" || got[1].Source.Agent != "MIL" || len(got[1].Mentions) != 2 {
		t.Errorf("want the raid and the strike with two mentions, got %+v", got)
	}
}

func five(n int) *int { return &n }

func TestTwoArticlesOneStrike(t *testing.T) {
	a := ev("wire-1", "2025-01-10", "SDN", "SDN", "195", 10)
	a.Fatalities = &event.Fatalities{Min: five(7), Max: five(7)}
	b := ev("paper-2", "2025-01-11", "SDN", "SDN", "195", 50)
	b.Fatalities = &event.Fatalities{Min: five(9), Max: five(9)}
	x := NewIndex()
	x.Add("wire-1", "https://wire.example/a", []event.Event{a})
	x.Add("paper-2", "https://www.paper.example/b", []event.Event{b})
	fs := x.Events()
	if len(fs) != 1 {
		t.Fatalf("got %d fused events, want 1", len(fs))
	}
	f := fs[0]
	if f.NumSources != 2 || f.NumArticles != 2 {
		t.Errorf("sources %d articles %d, want 2 and 2", f.NumSources, f.NumArticles)
	}
	if *f.Fatalities.Min != 7 || *f.Fatalities.Max != 9 {
		t.Errorf("fatalities %d-%d, want 7-9", *f.Fatalities.Min, *f.Fatalities.Max)
	}
	if f.Confidence <= 0.6 {
		t.Errorf("two independent sources should raise confidence above one's 0.6, got %v", f.Confidence)
	}
	// Re-adding an article changes nothing.
	x.Add("paper-2", "https://www.paper.example/b", []event.Event{b})
	if fs2 := x.Events(); len(fs2) != 1 || fs2[0].NumArticles != 2 || len(fs2[0].Mentions) != 2 {
		t.Errorf("re-ingest changed the result: %+v", fs2)
	}
}

func TestFusionIgnoresArrivalOrder(t *testing.T) {
	var arts [][]event.Event
	for i := 0; i < 30; i++ {
		day := fmt.Sprintf("2025-02-%02d", 1+i%6*2) // chains of days two apart: linked only through the window
		arts = append(arts, []event.Event{ev(fmt.Sprint("art", i), day, "RUS", "UKR", "190", i)})
	}
	signature := func(order []int) string {
		x := NewIndex()
		x.Window = 2
		for _, i := range order {
			x.Add(fmt.Sprint("art", i), "", arts[i])
		}
		s := ""
		for _, f := range x.Events() {
			s += fmt.Sprintf("%s:%d ", f.Event.Date, f.NumArticles)
		}
		return s
	}
	base := make([]int, len(arts))
	for i := range base {
		base[i] = i
	}
	want := signature(base)
	r := rand.New(rand.NewSource(1))
	for k := 0; k < 20; k++ {
		perm := r.Perm(len(arts))
		if got := signature(perm); got != want {
			t.Fatalf("order %v gives %s, want %s", perm, got, want)
		}
	}
}

func TestRelationsBrokenAndRestored(t *testing.T) {
	recall := ev("s", "2024-05-03", "ECU", "MEX", "161", 0)
	recall.Rule = `verb "withdraw ambassador"`
	restore := ev("s", "2024-05-20", "MEX", "ECU", "050", 10)
	restore.Rule = `verb "restore relations"`
	other := ev("s", "2024-05-10", "MEX", "ECU", "111", 20)
	rels := Relations([]event.Event{restore, other, recall}, "week")
	if len(rels) != 1 {
		t.Fatalf("got %d dyads", len(rels))
	}
	r := rels[0]
	if r.Broken != "2024-05-03" || r.Restored != "2024-05-20" || r.DurationDays == nil || *r.DurationDays != 17 || r.State != StateRestored {
		t.Errorf("got %+v", r)
	}
	if len(r.Series) != 3 {
		t.Errorf("weekly series has %d points, want 3", len(r.Series))
	}
}

func BenchmarkFuseMillion(b *testing.B) {
	countries := []string{"USA", "RUS", "CHN", "UKR", "ISR", "PSE", "IRN", "IRQ", "SYR", "TUR", "PAK", "IND", "AFG", "SDN", "SOM", "NGA", "MLI", "COD", "ETH", "YEM"}
	codes := []string{"190", "195", "111", "040", "042", "161", "173", "010", "036", "112"}
	r := rand.New(rand.NewSource(7))
	const n = 1_000_000
	evs := make([]event.Event, n)
	for i := range evs {
		evs[i] = ev(fmt.Sprint("a", i/5), fmt.Sprintf("2024-%02d-%02d", 1+r.Intn(12), 1+r.Intn(28)),
			countries[r.Intn(len(countries))], countries[r.Intn(len(countries))], codes[r.Intn(len(codes))], i%5)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for k := 0; k < b.N; k++ {
		x := NewIndex()
		for i := 0; i < n; i += 5 {
			x.Add(evs[i].Article, "", evs[i:i+5])
		}
		b.ReportMetric(float64(len(x.Events())), "fused")
	}
}

// A fused happening's id depends on its members only: the same articles in
// any order give the same id, a new member gives a new one, and it is not
// the id of any member.
func TestFusedIDFollowsMembers(t *testing.T) {
	mk := func(article string, start int) []event.Event {
		e := ev(article, "2025-01-10", "SDN", "SDN", "195", start)
		e.ID = event.ID(article, e)
		return []event.Event{e}
	}
	id := func(order ...string) string {
		x := NewIndex()
		for _, a := range order {
			x.Add(a, "https://"+a+".example/x", mk(a, len(a)))
		}
		fs := x.Events()
		if len(fs) != 1 {
			t.Fatalf("%v: %d happenings, want 1", order, len(fs))
		}
		return fs[0].AsEvent().ID
	}
	ab, ba := id("wire", "paper"), id("paper", "wire")
	if ab != ba {
		t.Errorf("the same two articles in another order: id %s, then %s", ab, ba)
	}
	if abc := id("wire", "paper", "radio"); abc == ab {
		t.Errorf("a third article kept the id %s", ab)
	}
	for _, a := range []string{"wire", "paper"} {
		if m := mk(a, len(a))[0].ID; m == ab {
			t.Errorf("the fused id is member %s's own id", a)
		}
	}
	if one, m := id("wire"), mk("wire", 4)[0].ID; one != m {
		t.Errorf("a happening told once: id %s, want its event's %s", one, m)
	}
}
