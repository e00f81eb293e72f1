package pipeline

import (
	"context"
	"errors"
	"sync"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/ingest"
)

// ErrInterrupted is what Run returns when its context ends before every
// input is read: every article handed to emit before then was handed in
// input order, so output written from them is complete up to the last one.
var ErrInterrupted = errors.New("interrupted; output so far is complete up to the last article written")

// RunOptions say how Run reads its inputs and whom it tells what along
// the way. The zero RunOptions codes on one worker and reports nothing.
type RunOptions struct {
	// Workers is how many articles are coded at once; less than 1 means 1.
	Workers int
	// Read are the readers' options. Run counts the articles they leave
	// out (Stats.Skipped) before telling Read.Skip, if set.
	Read ingest.Options
	// OnProblem is told of each rejected record and each input that
	// could not be read (Run goes on with the rest); nil says nothing.
	// Either way they are counted in Stats.Rejected. It may be called
	// from more than one goroutine.
	OnProblem func(ingest.Problem)
	// OnCoded is told of each coded article just before it goes to emit
	// (to move a progress bar, say); nil says nothing.
	OnCoded func()
}

// Stats count what a Run did.
type Stats struct {
	Articles int // articles coded and handed to emit
	Events   int // their events
	Rejected int // records rejected and inputs that could not be read
	Skipped  int // articles the readers left out (language, duplicates, ids seen before)
}

// Run reads every input (paths as ingest.Read takes them; none means
// standard input, "-"), codes the articles on opt.Workers goroutines and
// hands each Result to emit in input order, one at a time. A bad record
// or an unreadable input is reported to opt.OnProblem and counted; it
// does not stop the run. Once emit returns an error no more results go to
// it, and Run returns that error after the inputs are read. When ctx ends
// Run stops reading and returns ErrInterrupted once the articles already
// read have gone to emit.
func (p *Pipeline) Run(ctx context.Context, paths []string, opt RunOptions, emit func(Result) error) (Stats, error) {
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	workers := max(opt.Workers, 1)
	var st Stats

	type job struct {
		a   event.Article
		res chan Result
	}
	jobs := make(chan job, workers*4)
	// order holds each article's result channel in input order, so the
	// emitter waits for the next article's coding, not for the fastest.
	order := make(chan chan Result, workers*4)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.res <- p.Code(j.a)
			}
		}()
	}
	var emitErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ch := range order {
			r := <-ch
			if emitErr != nil {
				continue
			}
			st.Articles++
			st.Events += len(r.Events)
			if opt.OnCoded != nil {
				opt.OnCoded()
			}
			emitErr = emit(r)
		}
	}()

	// Skips and problems may be reported while the emitter counts, so
	// their counts are kept apart until the end.
	var mu sync.Mutex
	skipped, rejected := 0, 0
	iopt := opt.Read
	skip := iopt.Skip
	iopt.Skip = func(a event.Article, why string) {
		mu.Lock()
		skipped++
		mu.Unlock()
		if skip != nil {
			skip(a, why)
		}
	}
	bad := func(pr ingest.Problem) {
		mu.Lock()
		rejected++
		mu.Unlock()
		if opt.OnProblem != nil {
			opt.OnProblem(pr)
		}
	}
	var readErr error
	for _, path := range paths {
		err := ingest.Read(path, iopt, func(a event.Article) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			ch := make(chan Result, 1)
			order <- ch
			jobs <- job{a: a, res: ch}
			return nil
		}, bad)
		if err != nil {
			if ctx.Err() != nil {
				readErr = ErrInterrupted
				break
			}
			// A file that cannot be read is one bad input, not the end of the run.
			bad(ingest.Problem{File: path, Err: err})
		}
	}
	close(jobs)
	close(order)
	wg.Wait()
	<-done
	mu.Lock()
	st.Skipped, st.Rejected = skipped, rejected
	mu.Unlock()
	if emitErr != nil {
		return st, emitErr
	}
	return st, readErr
}
