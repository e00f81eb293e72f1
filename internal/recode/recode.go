// Package recode owns re-coding what a store holds with the coder in use:
// it walks the stored articles, codes each one's text again, compares the
// new events with the stored ones and, unless asked only to compare,
// stores the new events (the store keeps the replaced ones under their
// coder version). Its Report is the diff a user reads before trusting a
// dictionary or binary change.
package recode

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
)

// Kinds of change.
const (
	Added   = "added"   // an event the new coder finds and the old did not
	Removed = "removed" // an event the old coder found and the new does not
	Recoded = "recoded" // the same sentence and parties, another CAMEO code
	Changed = "changed" // the same event (id), other details (date, place, deaths, actors' text…)
)

// Change is one event that differs between the stored and the new coding.
type Change struct {
	Kind    string       `json:"kind"`
	Article string       `json:"article"`
	Old     *event.Event `json:"old,omitempty"` // nil for an added event
	New     *event.Event `json:"new,omitempty"` // nil for a removed event
	// Fields names what differs in a changed event ("date", "location"…).
	Fields []string `json:"fields,omitempty"`
}

// RootCounts counts the changes that touch one CAMEO root.
type RootCounts struct {
	Added, Removed, Changed int
	RecodedFrom, RecodedTo  int // re-coded events whose old (new) code has this root
}

// Report says what re-coding did.
type Report struct {
	Coder                            string         // the coder version now in use
	From                             map[string]int // coder versions that had coded the articles, with their article counts
	Articles                         int            // articles re-coded
	Unchanged                        int            // events identical in both codings
	Added, Removed, Recoded, Changed int
	ByRoot                           map[string]*RootCounts
	Changes                          []Change // every change, in article and evidence order
	Stored                           bool     // whether the new events were stored
}

// Same reports a re-code that changed nothing.
func (r *Report) Same() bool {
	return r.Added+r.Removed+r.Recoded+r.Changed == 0
}

// Options tune Run.
type Options struct {
	// DryRun compares without storing anything.
	DryRun bool
	// Batch is the number of articles read, coded and stored at a time
	// (default 64).
	Batch int
	// Workers is the number of articles coded in parallel (default 1).
	Workers int
	// Progress, when set, is called after each batch with the articles
	// done so far.
	Progress func(done int)
}

// Run re-codes every stored article (duplicates of other articles have
// no events of their own and are left alone) with p.
func Run(ctx context.Context, s store.Store, p *pipeline.Pipeline, opt Options) (*Report, error) {
	if opt.Batch <= 0 {
		opt.Batch = 64
	}
	rep := &Report{Coder: p.CoderVersion, From: map[string]int{}, ByRoot: map[string]*RootCounts{}, Stored: !opt.DryRun}
	after := ""
	for {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		as, err := s.Articles(ctx, after, opt.Batch)
		if err != nil {
			return rep, err
		}
		if len(as) == 0 {
			return rep, nil
		}
		after = as[len(as)-1].ID
		olds := make([][]store.StoredEvent, len(as))
		for i, a := range as {
			if olds[i], err = s.ArticleEvents(ctx, a.ID); err != nil {
				return rep, err
			}
		}
		results := codeAll(p, as, opt.Workers)
		batch := make([]store.Coded, 0, len(as))
		for i, a := range as {
			old := make([]event.Event, len(olds[i]))
			for j := range olds[i] {
				old[j] = olds[i][j].Event
			}
			rep.compare(a.ID, old, results[i].Events)
			rep.From[a.Coder]++
			rep.Articles++
			a.Coder = results[i].Coder
			batch = append(batch, store.Coded{Article: a, Events: results[i].Events})
		}
		if !opt.DryRun {
			if _, err := store.PutBatch(ctx, s, batch); err != nil {
				return rep, fmt.Errorf("recode: store: %w", err)
			}
		}
		if opt.Progress != nil {
			opt.Progress(rep.Articles)
		}
	}
}

// codeAll codes the stored articles' texts again, workers at a time.
func codeAll(p *pipeline.Pipeline, as []event.Article, workers int) []pipeline.Result {
	out := make([]pipeline.Result, len(as))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = p.Code(as[i])
			}
		}()
	}
	for i := range as {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// compare adds the differences between one article's stored and new
// events to the report.
func (r *Report) compare(article string, old, new []event.Event) {
	oldByID := make(map[string]*event.Event, len(old))
	for i := range old {
		oldByID[old[i].ID] = &old[i]
	}
	matched := map[string]bool{}
	var added []*event.Event
	for i := range new {
		n := &new[i]
		o := oldByID[n.ID]
		if o == nil {
			added = append(added, n)
			continue
		}
		matched[n.ID] = true
		diff := differences(o, n)
		if len(diff) == 0 {
			r.Unchanged++
			continue
		}
		r.add(Change{Kind: Changed, Article: article, Old: o, New: n, Fields: diff})
	}
	// What is left: the same sentence and parties under another code is a
	// re-code; the rest was added or removed.
	type key struct {
		start    int
		src, tgt string
	}
	left := map[key][]*event.Event{}
	for i := range old {
		if o := &old[i]; !matched[o.ID] {
			k := key{o.Evidence.Start, o.Source.Code, o.Target.Code}
			left[k] = append(left[k], o)
		}
	}
	for _, n := range added {
		k := key{n.Evidence.Start, n.Source.Code, n.Target.Code}
		if os := left[k]; len(os) > 0 {
			left[k] = os[1:]
			r.add(Change{Kind: Recoded, Article: article, Old: os[0], New: n})
			continue
		}
		r.add(Change{Kind: Added, Article: article, New: n})
	}
	var removed []*event.Event
	for _, os := range left {
		removed = append(removed, os...)
	}
	sort.Slice(removed, func(i, j int) bool {
		if removed[i].Evidence.Start != removed[j].Evidence.Start {
			return removed[i].Evidence.Start < removed[j].Evidence.Start
		}
		return removed[i].ID < removed[j].ID
	})
	for _, o := range removed {
		r.add(Change{Kind: Removed, Article: article, Old: o})
	}
}

func (r *Report) root(code string) *RootCounts {
	root := code
	if len(root) > 2 {
		root = root[:2]
	}
	if r.ByRoot[root] == nil {
		r.ByRoot[root] = &RootCounts{}
	}
	return r.ByRoot[root]
}

func (r *Report) add(c Change) {
	r.Changes = append(r.Changes, c)
	switch c.Kind {
	case Added:
		r.Added++
		r.root(c.New.CAMEO).Added++
	case Removed:
		r.Removed++
		r.root(c.Old.CAMEO).Removed++
	case Recoded:
		r.Recoded++
		r.root(c.Old.CAMEO).RecodedFrom++
		r.root(c.New.CAMEO).RecodedTo++
	case Changed:
		r.Changed++
		r.root(c.New.CAMEO).Changed++
	}
}

// differences names the fields (as the contract spells them) in which two
// codings of one event differ, leaving out the coder version that made
// them.
func differences(a, b *event.Event) []string {
	x, y := *a, *b
	x.Coder, y.Coder = "", ""
	fx, fy := fields(x), fields(y)
	var out []string
	for k, v := range fx {
		if w, ok := fy[k]; !ok || !bytes.Equal(v, w) {
			out = append(out, k)
		}
	}
	for k := range fy {
		if _, ok := fx[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func fields(e event.Event) map[string]json.RawMessage {
	b, _ := json.Marshal(e) // an event always marshals
	var m map[string]json.RawMessage
	json.Unmarshal(b, &m)
	return m
}
