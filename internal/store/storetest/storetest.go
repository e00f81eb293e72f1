// Package storetest is the behaviour every store.Store must show, as a
// test suite that each implementation's tests run against a fresh store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/store"
)

func ip(n int) *int { return &n }

// text is s[start:end] in code points.
func text(s string, start, end int) string { return string([]rune(s)[start:end]) }

// Fixture is a small hand-written corpus: three articles (one a duplicate
// of another) and their events.
func Fixture() []struct {
	A      event.Article
	Events []event.Event
} {
	pub := time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC)
	t1 := "Pakistani jets struck militant hideouts near Saravan on Thursday. Iran condemned the strike and recalled its ambassador."
	t2 := "The foreign ministers of Iran and Pakistan met in Islamabad on 29 January. They agreed to restore ambassadors."
	mk := func(id, date, src, srcC, srcA, tgt, tgtC, cameo string, quad int, g float64, start, end int, sentence string) event.Event {
		return event.Event{Article: id, Date: date, DatePrecision: "day",
			Source: event.Actor{Text: srcC, Country: srcC, Agent: srcA, Code: src},
			Target: event.Actor{Text: tgtC, Country: tgtC, Code: tgt},
			CAMEO:  cameo, QuadClass: quad, Goldstein: g, Plover: event.Plover{Type: "X"}, Confidence: 0.9,
			Evidence: event.Evidence{Sentence: sentence, Start: start, End: end}}
	}
	e1 := mk("a1", "2024-01-18", "PAKMIL", "PAK", "MIL", "IRN", "IRN", "195", 4, -10, 0, 64, "Pakistani jets struck militant hideouts near Saravan on Thursday.")
	e1.Location = &event.Location{Name: "Saravan", Country: "IRN", Admin1: "Sistan and Baluchestan", Lat: 27.37, Lon: 62.33, Precision: "city"}
	e1.Fatalities = &event.Fatalities{Min: ip(7), Max: ip(9)}
	e2 := mk("a1", "2024-01-19", "IRN", "IRN", "", "PAK", "PAK", "111", 3, -2, 65, 118, "Iran condemned the strike and recalled its ambassador.")
	e3 := mk("a1", "2024-01-19", "IRN", "IRN", "", "PAK", "PAK", "1044", 3, -5, 65, 118, "Iran condemned the strike and recalled its ambassador.")
	e4 := mk("a2", "2024-01-29", "IRNGOV", "IRN", "GOV", "PAK", "PAK", "036", 1, 4, 0, 71, "The foreign ministers of Iran and Pakistan met in Islamabad on 29 January.")
	e4.Mentions = []event.Evidence{e4.Evidence, {Sentence: "They agreed to restore ambassadors.", Start: 72, End: 107}}
	return []struct {
		A      event.Article
		Events []event.Event
	}{
		{event.Article{ID: "a1", URL: "https://example.org/1", Title: "Strike", Published: pub, Text: t1, Language: "en",
			Hash: event.Article{Published: pub, Title: "Strike", Text: t1}.ContentHash()}, []event.Event{e1, e2, e3}},
		{event.Article{ID: "a2", URL: "https://example.org/2", Title: "Talks", Published: pub.AddDate(0, 0, 10), Text: t2, Language: "en",
			Hash: event.Article{Published: pub.AddDate(0, 0, 10), Title: "Talks", Text: t2}.ContentHash()}, []event.Event{e4}},
		{event.Article{ID: "a3", URL: "https://mirror.example.org/1", Title: "Strike", Published: pub, Text: t1, Language: "en",
			Hash: event.Article{Published: pub, Title: "Strike", Text: t1}.ContentHash()}, []event.Event{e1, e2, e3}},
	}
}

// Put stores the fixture.
func Put(t testing.TB, s store.Store) {
	t.Helper()
	for _, f := range Fixture() {
		if err := s.PutArticle(context.Background(), f.A, f.Events); err != nil {
			t.Fatal(err)
		}
	}
}

// Run runs the suite; open returns a new, empty store.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	t.Run("Tally", func(t *testing.T) {
		// What the store says it did: new, then unchanged on a second
		// put, updated when the text changed, and a content duplicate
		// under another id kept without its events.
		s := open(t)
		fx := Fixture()
		batch := []store.Coded{{Article: fx[0].A, Events: fx[0].Events}, {Article: fx[1].A, Events: fx[1].Events}}
		got, err := store.PutBatch(ctx, s, batch)
		if err != nil {
			t.Fatal(err)
		}
		if want := (store.Tally{New: 2, Events: 4}); got != want {
			t.Errorf("first put: %+v, want %+v", got, want)
		}
		changed := fx[1].A
		changed.Text += " Both sides welcomed the step."
		changed.Hash = changed.ContentHash()
		got, err = store.PutBatch(ctx, s, []store.Coded{batch[0], {Article: changed, Events: fx[1].Events}, {Article: fx[2].A, Events: fx[2].Events}})
		if err != nil {
			t.Fatal(err)
		}
		if want := (store.Tally{Unchanged: 1, Updated: 1, Duplicates: 1, Events: 4}); got != want {
			t.Errorf("second put: %+v, want %+v", got, want)
		}
	})
	t.Run("PutAndQuery", func(t *testing.T) {
		s := open(t)
		Put(t, s)
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Articles != 3 || st.Duplicates != 1 || st.Events != 4 || st.SchemaVersion < 1 {
			t.Errorf("stats = %+v, want 3 articles (1 duplicate), 4 events", st)
		}
		if st.FirstDate != "2024-01-18" || st.LastDate != "2024-01-29" {
			t.Errorf("stats dates = %s..%s", st.FirstDate, st.LastDate)
		}
		a3, err := s.Article(ctx, "a3")
		if err != nil {
			t.Fatal(err)
		}
		if a3.DuplicateOf != "a1" || a3.Events != 0 || a3.Text == "" || a3.Published.Format("2006-01-02") != "2024-01-20" {
			t.Errorf("a3 = %+v", a3)
		}
		all, next, err := s.Events(ctx, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 4 || next != "" {
			t.Fatalf("events = %d (next %q), want 4", len(all), next)
		}
		if all[0].CAMEO != "195" || all[0].ArticleURL != "https://example.org/1" || all[0].Location == nil || *all[0].Fatalities.Min != 7 {
			t.Errorf("first event = %+v", all[0])
		}
		for _, c := range []struct {
			name string
			f    store.Filter
			want int
		}{
			{"start", store.Filter{Start: time.Date(2024, 1, 19, 0, 0, 0, 0, time.UTC)}, 3},
			{"end", store.Filter{End: time.Date(2024, 1, 19, 0, 0, 0, 0, time.UTC)}, 3},
			{"actor country", store.Filter{Actor: "IRN"}, 4},
			{"actor code", store.Filter{Actor: "IRNGOV"}, 1},
			{"dyad", store.Filter{Dyad: [2]string{"PAK", "IRN"}}, 4},
			{"dyad codes", store.Filter{Dyad: [2]string{"PAKMIL", "IRN"}}, 1},
			{"code", store.Filter{Code: "104"}, 1},
			{"code exact", store.Filter{Code: "195"}, 1},
			{"root", store.Filter{Root: "19"}, 1},
			{"root short code", store.Filter{Code: "11"}, 1},
			{"quad", store.Filter{Quad: 3}, 2},
			{"place", store.Filter{Place: "saravan"}, 1},
			{"place country", store.Filter{Place: "irn"}, 1},
			{"bbox", store.Filter{BBox: &[4]float64{60, 25, 65, 30}}, 1},
			{"bbox miss", store.Filter{BBox: &[4]float64{0, 0, 1, 1}}, 0},
			{"text", store.Filter{Text: "ambassador"}, 2},
			{"text stem", store.Filter{Text: "struck hideouts"}, 1},
			{"text quotes", store.Filter{Text: `"jets" (`}, 1},
			{"text none", store.Filter{Text: "zebra"}, 0},
		} {
			got, _, err := s.Events(ctx, c.f)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if len(got) != c.want {
				t.Errorf("%s: %d events, want %d", c.name, len(got), c.want)
			}
		}
		for _, bad := range []store.Filter{{Code: "1%"}, {Quad: 7}, {Dyad: [2]string{"IRN", ""}}, {Cursor: "!!"}, {Text: "  ,, "}} {
			if _, _, err := s.Events(ctx, bad); err == nil {
				t.Errorf("filter %+v: no error", bad)
			}
		}
	})
	t.Run("Pagination", func(t *testing.T) {
		s := open(t)
		Put(t, s)
		var ids []string
		f := store.Filter{Limit: 1}
		for i := 0; i < 10; i++ {
			page, next, err := s.Events(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range page {
				ids = append(ids, e.Date+" "+e.ID)
			}
			if next == "" {
				break
			}
			f.Cursor = next
		}
		if len(ids) != 4 {
			t.Fatalf("paged %d events, want 4: %v", len(ids), ids)
		}
		for i := 1; i < len(ids); i++ {
			if ids[i] <= ids[i-1] {
				t.Errorf("pages out of order: %v", ids)
			}
		}
	})
	t.Run("Idempotent", func(t *testing.T) {
		s := open(t)
		Put(t, s)
		before, _, _ := s.Events(ctx, store.Filter{})
		Put(t, s)
		Put(t, s)
		after, _, _ := s.Events(ctx, store.Filter{})
		st, _ := s.Stats(ctx)
		if len(after) != len(before) || st.Articles != 3 || st.Events != 4 {
			t.Errorf("after re-put: %d events (was %d), stats %+v", len(after), len(before), st)
		}
		for i := range after {
			if after[i].ID != before[i].ID {
				t.Errorf("event ids changed: %s -> %s", before[i].ID, after[i].ID)
			}
		}
		// Re-coding an article with fewer events replaces them.
		f := Fixture()[0]
		if err := s.PutArticle(ctx, f.A, f.Events[:1]); err != nil {
			t.Fatal(err)
		}
		st, _ = s.Stats(ctx)
		if st.Events != 2 {
			t.Errorf("after re-coding a1 with one event: %d events, want 2", st.Events)
		}
	})
	t.Run("EventAndMentions", func(t *testing.T) {
		s := open(t)
		Put(t, s)
		got, _, _ := s.Events(ctx, store.Filter{Code: "036"})
		if len(got) != 1 {
			t.Fatalf("036: %d events", len(got))
		}
		e, err := s.Event(ctx, got[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Mentions) != 2 || e.Mentions[1].Start != 72 || e.ArticleTitle != "Talks" {
			t.Errorf("event = %+v", e)
		}
		if _, err := s.Event(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing event: %v", err)
		}
		if _, err := s.Article(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing article: %v", err)
		}
	})
	t.Run("ActorsSeriesRelations", func(t *testing.T) {
		s := open(t)
		Put(t, s)
		acs, err := s.Actors(ctx, store.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(acs) != 4 || acs[0].Code != "IRN" || acs[1].Code != "PAK" || acs[1].Events != 3 || acs[1].AsTarget != 3 || acs[2].Name != "IRN" {
			t.Errorf("actors = %+v", acs)
		}
		for _, c := range []struct {
			bucket string
			want   []string
		}{{"day", []string{"2024-01-18", "2024-01-19", "2024-01-29"}}, {"week", []string{"2024-01-15", "2024-01-29"}}, {"month", []string{"2024-01-01"}}} {
			ps, err := s.Series(ctx, store.Filter{}, c.bucket)
			if err != nil {
				t.Fatal(err)
			}
			var dates []string
			total := 0
			for _, p := range ps {
				dates = append(dates, p.Date)
				total += p.Quad[0] + p.Quad[1] + p.Quad[2] + p.Quad[3]
			}
			if len(dates) != len(c.want) || total != 4 {
				t.Errorf("%s series = %+v, want dates %v", c.bucket, ps, c.want)
				continue
			}
			for i := range dates {
				if dates[i] != c.want[i] {
					t.Errorf("%s series dates = %v, want %v", c.bucket, dates, c.want)
				}
			}
		}
		ps, _ := s.Series(ctx, store.Filter{}, "month")
		if len(ps) == 1 && (ps[0].Goldstein != -13 || ps[0].Quad != [4]int{1, 0, 2, 1}) {
			t.Errorf("month point = %+v", ps[0])
		}
		if _, err := s.Series(ctx, store.Filter{}, "year"); err == nil {
			t.Error("bucket year: no error")
		}
		for _, r := range []store.Relation{{A: "IRN", B: "PAK", State: "broken", Since: "2024-01-17", Broken: "2024-01-17"},
			{A: "PAK", B: "IRN", State: "restored", Since: "2024-01-29", Restored: "2024-01-29"}} {
			if err := s.PutRelation(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		rs, err := s.Relations(ctx, "IRN", "PAK")
		if err != nil || len(rs) != 2 || rs[0].State != "broken" || rs[1].State != "restored" {
			t.Errorf("relations = %+v, %v", rs, err)
		}
	})
	t.Run("CoderVersions", func(t *testing.T) {
		// Re-coding an article with another coder version keeps what the
		// old version found, readable under its version; the current
		// events are the new version's; coding again with the same
		// version archives nothing more.
		s := open(t)
		fx := Fixture()
		tag := func(evs []event.Event, coder string) []event.Event {
			out := append([]event.Event(nil), evs...)
			for i := range out {
				out[i].Coder = coder
			}
			return out
		}
		a1 := fx[0].A
		a1.Coder = "v1"
		if err := s.PutArticle(ctx, a1, tag(fx[0].Events, "v1")); err != nil {
			t.Fatal(err)
		}
		a2 := fx[1].A
		a2.Coder = "v1"
		if err := s.PutArticle(ctx, a2, tag(fx[1].Events, "v1")); err != nil {
			t.Fatal(err)
		}
		// v2 drops the recall (1044) and keeps the other two events of a1.
		a1.Coder = "v2"
		for range 2 {
			if err := s.PutArticle(ctx, a1, tag(fx[0].Events[:2], "v2")); err != nil {
				t.Fatal(err)
			}
		}
		count := func(f store.Filter) int {
			t.Helper()
			evs, _, err := s.Events(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			return len(evs)
		}
		if n := count(store.Filter{}); n != 3 {
			t.Errorf("current events = %d, want 3 (a1's two of v2, a2's one of v1)", n)
		}
		if n := count(store.Filter{Coder: "v1"}); n != 4 {
			t.Errorf("v1 events = %d, want 4 (a1's three archived, a2's current one)", n)
		}
		if n := count(store.Filter{Coder: "v1", Code: "104"}); n != 1 {
			t.Errorf("v1 events coded 104 = %d, want 1", n)
		}
		if n := count(store.Filter{Coder: "v2"}); n != 2 {
			t.Errorf("v2 events = %d, want 2", n)
		}
		ps, err := s.Series(ctx, store.Filter{Coder: "v1"}, "month")
		if err != nil || len(ps) != 1 || ps[0].Count != 4 {
			t.Errorf("v1 series = %+v, %v", ps, err)
		}
		acs, err := s.Actors(ctx, store.Filter{Coder: "v2"})
		if err != nil || len(acs) != 3 {
			t.Errorf("v2 actors = %+v, %v", acs, err)
		}
		cs, err := s.Coders(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]store.CoderCount{}
		for _, c := range cs {
			got[c.Coder] = c
		}
		if got["v2"] != (store.CoderCount{Coder: "v2", Current: 2, Articles: 1}) ||
			got["v1"] != (store.CoderCount{Coder: "v1", Current: 1, Archived: 3, Articles: 1}) || len(cs) != 2 {
			t.Errorf("coders = %+v", cs)
		}
		evs, err := s.ArticleEvents(ctx, "a1")
		if err != nil || len(evs) != 2 || evs[0].Coder != "v2" || evs[0].Evidence.Start > evs[1].Evidence.Start {
			t.Errorf("a1 events = %+v, %v", evs, err)
		}
		if a, err := s.Article(ctx, "a1"); err != nil || a.Coder != "v2" || a.Events != 2 {
			t.Errorf("a1 = %+v, %v", a, err)
		}
	})
	t.Run("KnownGroups", func(t *testing.T) {
		// An actor's known-group code is stored with the event, read back
		// as written, and the group filter matches it on either side,
		// among current and archived events alike.
		s := open(t)
		pub := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
		txt := "The United Nations condemned the strike. Israeli troops fired on Hamas. NATO and the EU met."
		mk := func(src, tgt event.Actor, cameo string, start, end int) event.Event {
			return event.Event{Article: "g1", Date: "2024-03-04", DatePrecision: "day", Source: src, Target: tgt,
				CAMEO: cameo, QuadClass: 3, Goldstein: -2, Plover: event.Plover{Type: "X"}, Confidence: 0.9, Coder: "v1",
				Evidence: event.Evidence{Sentence: text(txt, start, end), Start: start, End: end}}
		}
		un := event.Actor{Text: "United Nations", Agent: "IGO", Code: "IGO", Group: "UNO"}
		hamas := event.Actor{Text: "Hamas", Country: "PSE", Agent: "REB", Code: "PSEREB", Group: "HMS"}
		nato := event.Actor{Text: "NATO", Agent: "IGO", Code: "IGO", Group: "NAT"}
		eu := event.Actor{Text: "EU", Agent: "IGO", Code: "IGO", Group: "EEC"}
		israel := event.Actor{Text: "Israeli troops", Country: "ISR", Agent: "MIL", Code: "ISRMIL"}
		evs := []event.Event{
			mk(un, israel, "111", 0, 40),
			mk(israel, hamas, "190", 41, 71),
			mk(nato, eu, "040", 72, 91),
		}
		a := event.Article{ID: "g1", Title: "Groups", Published: pub, Text: txt, Language: "en", Hash: event.Article{Published: pub, Title: "Groups", Text: txt}.ContentHash(), Coder: "v1"}
		if err := s.PutArticle(ctx, a, evs); err != nil {
			t.Fatal(err)
		}
		ids := func(f store.Filter) string {
			t.Helper()
			got, _, err := s.Events(ctx, f)
			if err != nil {
				t.Fatalf("%+v: %v", f, err)
			}
			var out []string
			for _, e := range got {
				out = append(out, e.CAMEO+":"+e.Source.Group+">"+e.Target.Group)
			}
			sort.Strings(out)
			return strings.Join(out, " ")
		}
		for _, c := range []struct {
			name string
			f    store.Filter
			want string
		}{
			{"source side", store.Filter{Group: "UNO"}, "111:UNO>"},
			{"target side", store.Filter{Group: "HMS"}, "190:>HMS"},
			{"either side", store.Filter{Group: "EEC"}, "040:NAT>EEC"},
			{"lower case", store.Filter{Group: "nat"}, "040:NAT>EEC"},
			{"no such group", store.Filter{Group: "OPC"}, ""},
			{"with another filter", store.Filter{Group: "UNO", Root: "19"}, ""},
			{"no group filter", store.Filter{}, "040:NAT>EEC 111:UNO> 190:>HMS"},
		} {
			if got := ids(c.f); got != c.want {
				t.Errorf("%s: got %q, want %q", c.name, got, c.want)
			}
		}
		if _, _, err := s.Events(ctx, store.Filter{Group: "UN"}); err == nil || !strings.Contains(err.Error(), "group") {
			t.Errorf("a 2-letter group should be refused naming the filter, got %v", err)
		}
		one, _, err := s.Events(ctx, store.Filter{Group: "UNO"})
		if err != nil || len(one) != 1 {
			t.Fatalf("UNO events = %+v, %v", one, err)
		}
		if got, err := s.Event(ctx, one[0].ID); err != nil || got.Source.Group != "UNO" || got.Target.Group != "" {
			t.Errorf("event read back = %+v, %v", got.Event, err)
		}
		// Re-coded by v2 without the UN's event: v1's stays findable by group.
		a.Coder = "v2"
		for i := range evs {
			evs[i].Coder = "v2"
		}
		if err := s.PutArticle(ctx, a, evs[1:]); err != nil {
			t.Fatal(err)
		}
		if got := ids(store.Filter{Group: "UNO"}); got != "" {
			t.Errorf("current UNO events after re-coding = %q, want none", got)
		}
		if got := ids(store.Filter{Group: "UNO", Coder: "v1"}); got != "111:UNO>" {
			t.Errorf("archived UNO events = %q, want 111:UNO>", got)
		}
	})
	t.Run("SummariesFollowWrites", func(t *testing.T) {
		// The counts kept at write time (series, actors, stats) equal
		// those of the events stored, after new articles, a changed
		// article, a re-put and a duplicate.
		s := open(t)
		fx := Fixture()
		Put(t, s)
		changed := fx[0].A
		changed.Text += " Pakistan said it acted in self-defence."
		changed.Hash = changed.ContentHash()
		if err := s.PutArticle(ctx, changed, fx[0].Events[1:]); err != nil { // the strike dropped
			t.Fatal(err)
		}
		Put(t, s)                                               // a1 back as it was; a2 unchanged; a3 a duplicate again
		if err := s.PutArticle(ctx, fx[1].A, nil); err != nil { // a2 now has no events
			t.Fatal(err)
		}
		evs, _, err := s.Events(ctx, store.Filter{Limit: store.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		days := map[string][4]int{}
		actors := map[string]int{}
		for _, e := range evs {
			q := days[e.Date]
			q[e.QuadClass-1]++
			days[e.Date] = q
			actors[e.Source.Code]++
			actors[e.Target.Code]++
		}
		ps, err := s.Series(ctx, store.Filter{}, "day")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][4]int{}
		for _, p := range ps {
			got[p.Date] = p.Quad
		}
		if fmt.Sprint(got) != fmt.Sprint(days) {
			t.Errorf("series per day = %v, events say %v", got, days)
		}
		acs, err := s.Actors(ctx, store.Filter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		gotA := map[string]int{}
		for _, a := range acs {
			gotA[a.Code] = a.Events
		}
		if fmt.Sprint(gotA) != fmt.Sprint(actors) {
			t.Errorf("actors = %v, events say %v", gotA, actors)
		}
		st, err := s.Stats(ctx)
		if err != nil || st.Events != len(evs) || st.FirstDate != "2024-01-18" || st.LastDate != "2024-01-19" ||
			st.Articles != 3 || st.Duplicates != 1 || st.Sentences != 6 {
			t.Errorf("stats = %+v, %v; want 3 articles (1 duplicate), 6 sentences, %d events from 2024-01-18 to 2024-01-19", st, err, len(evs))
		}
		if box, _, err := s.Events(ctx, store.Filter{BBox: &[4]float64{60, 25, 65, 30}}); err != nil || len(box) != 1 {
			t.Errorf("events in the box after re-puts = %d, %v; want the one strike", len(box), err)
		}
		if in, err := s.Actors(ctx, store.Filter{Start: time.Date(2024, 1, 19, 0, 0, 0, 0, time.UTC), Limit: 100}); err != nil || len(in) != 2 {
			t.Errorf("actors from 2024-01-19 = %+v, %v; want IRN and PAK", in, err)
		}
	})
	t.Run("Articles", func(t *testing.T) {
		s := open(t)
		Put(t, s)
		var ids []string
		after := ""
		for {
			as, err := s.Articles(ctx, after, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(as) == 0 {
				break
			}
			if as[0].Text == "" || as[0].Hash == "" {
				t.Errorf("article %+v has no text or hash", as[0])
			}
			ids = append(ids, as[0].ID)
			after = as[0].ID
		}
		// a3 is a duplicate of a1: nothing to walk.
		if strings.Join(ids, ",") != "a1,a2" {
			t.Errorf("walked %v, want a1,a2", ids)
		}
	})
	t.Run("WatchState", func(t *testing.T) {
		s := open(t)
		f, err := s.Feed(ctx, "https://example.org/feed")
		if err != nil || f.ETag != "" || !f.CheckedAt.IsZero() && f.CheckedAt.Unix() != 0 {
			t.Errorf("unknown feed = %+v, %v", f, err)
		}
		at := time.Date(2024, 2, 1, 12, 0, 0, 0, time.UTC)
		want := store.FeedState{URL: "https://example.org/feed", ETag: `"x1"`, LastModified: "Thu, 01 Feb 2024 11:00:00 GMT", CheckedAt: at, Status: 200}
		for _, put := range []store.FeedState{{URL: want.URL, CheckedAt: at.Add(-time.Hour), Status: 500, Error: "server error"}, want} {
			if err := s.PutFeed(ctx, put); err != nil {
				t.Fatal(err)
			}
		}
		if f, err := s.Feed(ctx, want.URL); err != nil || f != want {
			t.Errorf("feed = %+v, %v; want %+v", f, err, want)
		}
		if _, ok, err := s.Page(ctx, "https://example.org/a"); ok || err != nil {
			t.Errorf("unknown page found (%v)", err)
		}
		p := store.PageState{URL: "https://example.org/a", Feed: want.URL, ArticleID: "a1", Status: 200, FetchedAt: at}
		if err := s.PutPage(ctx, p); err != nil {
			t.Fatal(err)
		}
		if got, ok, err := s.Page(ctx, p.URL); !ok || err != nil || got != p {
			t.Errorf("page = %+v (%v, %v), want %+v", got, ok, err, p)
		}
		failed := store.PageState{URL: "https://example.org/b", Feed: want.URL, Status: 503, Error: "HTTP 503", FetchedAt: at, Tries: 1}
		gaveUp := store.PageState{URL: "https://example.org/c", Feed: want.URL, Status: 500, Error: "HTTP 500", FetchedAt: at, Tries: 3}
		for _, p := range []store.PageState{failed, gaveUp} {
			if err := s.PutPage(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		if ps, err := s.RetryPages(ctx, 3); err != nil || len(ps) != 1 || ps[0] != failed {
			t.Errorf("pages to retry = %+v, %v; want only %s", ps, err, failed.URL)
		}
	})
}

// BenchArticle makes the i-th synthetic article of a benchmark: ten
// sentences and five events, about the size of a news story.
func BenchArticle(i int) (event.Article, []event.Event) {
	pub := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%365)
	var sb []byte
	var evs []event.Event
	for k := 0; k < 10; k++ {
		start := len(sb)
		sb = fmt.Appendf(sb, "Sentence %d of story %d says that troops of country %d shelled positions near town %d. ", k, i, k%7, i%113)
		if k%2 == 0 {
			evs = append(evs, event.Event{Date: pub.Format("2006-01-02"), DatePrecision: "day",
				Source: event.Actor{Text: "Armenia", Country: "ARM", Code: "ARM"}, Target: event.Actor{Text: "Azerbaijan", Country: "AZE", Agent: "MIL", Code: "AZEMIL"},
				CAMEO: fmt.Sprintf("19%d", k%6), QuadClass: 4, Goldstein: -9, Plover: event.Plover{Type: "ASSAULT"}, Confidence: 0.8,
				Location: &event.Location{Name: "Sotk", Country: "ARM", Lat: 40.2, Lon: 45.9, Precision: "city"},
				Evidence: event.Evidence{Sentence: string(sb[start : len(sb)-1]), Start: start, End: len(sb) - 1}})
		}
	}
	text := string(sb)
	return event.Article{ID: fmt.Sprintf("bench-%d", i), Published: pub, Title: "Bench", Text: text,
		Hash: event.Article{Published: pub, Title: "Bench", Text: text}.ContentHash()}, evs
}

// Bench measures PutArticle on s: articles/s and events/s.
func Bench(b *testing.B, s store.Store) {
	ctx := context.Background()
	n, events := 0, 0
	start := time.Now()
	for b.Loop() {
		a, evs := BenchArticle(n)
		if err := s.PutArticle(ctx, a, evs); err != nil {
			b.Fatal(err)
		}
		n++
		events += len(evs)
	}
	sec := time.Since(start).Seconds()
	b.ReportMetric(float64(n)/sec, "articles/s")
	b.ReportMetric(float64(events)/sec, "events/s")
}

// BenchBatch measures PutBatch on s with batches of size articles.
func BenchBatch(b *testing.B, s store.Store, size int) {
	ctx := context.Background()
	n, events := 0, 0
	start := time.Now()
	for b.Loop() {
		batch := make([]store.Coded, size)
		for i := range batch {
			a, evs := BenchArticle(n)
			batch[i] = store.Coded{Article: a, Events: evs}
			n++
			events += len(evs)
		}
		if _, err := store.PutBatch(ctx, s, batch); err != nil {
			b.Fatal(err)
		}
	}
	sec := time.Since(start).Seconds()
	b.ReportMetric(float64(n)/sec, "articles/s")
	b.ReportMetric(float64(events)/sec, "events/s")
}
