// Package worker owns the loop of `dyad worker`: fetch a batch of queued
// articles, code them, store the batch in one transaction and acknowledge
// each article only once its rows are committed, so a worker that dies
// loses nothing and a redelivery stores nothing twice. It is composed of
// the pipeline, the store and the queue; no stage imports it.
package worker

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/queue"
	"github.com/dyad-events/dyad/internal/store"
)

const (
	// fetchWait is how long a fetch waits for the first message.
	fetchWait = 2 * time.Second
	// retryAfter is the pause after a failed fetch.
	retryAfter = time.Second
	// nakDelay is how long the queue holds back an article that could not
	// be stored before delivering it again.
	nakDelay = 5 * time.Second
)

// Options say how Run works through the queue.
type Options struct {
	// Batch is how many articles are fetched, coded and stored (in one
	// transaction) at a time; less than 1 means 1.
	Batch int
	// Workers is how many articles of a batch are coded at once; less
	// than 1 means 1.
	Workers int
	// Drain makes Run return once every queued article is stored and
	// acknowledged; without it Run returns only when ctx ends.
	Drain bool
	// Log is told, one line at a time, of what goes wrong and does not
	// stop the worker: a failed fetch, an undecodable message dropped, a
	// batch stored one article at a time, an article left for redelivery.
	// Nil says nothing. Calls never overlap.
	Log func(msg string)
}

// Stats count what a Run did.
type Stats struct {
	Stored      int64 // articles stored and acknowledged
	Redelivered int64 // of which delivered before (to a worker that did not ack)
	Events      int64 // events of the stored articles
	Failed      int64 // messages dropped or left for redelivery
}

// Run codes and stores the articles of queue consumer c with p into s
// until ctx ends or, with opt.Drain, the queue is drained. One goroutine
// stores and acknowledges a coded batch while the next one is fetched and
// coded; a batch being stored when ctx ends is finished, so what was stored
// is acknowledged. Failures of one fetch or one article are logged and
// counted, not returned; Run returns an error only when it cannot tell
// whether the queue is drained.
func Run(ctx context.Context, c *queue.Consumer, p *pipeline.Pipeline, s store.Store, opt Options) (Stats, error) {
	w := &worker{p: p, s: s, workers: max(opt.Workers, 1), log: opt.Log}
	batch := max(opt.Batch, 1)
	coded := make(chan codedBatch, 1)
	stored := make(chan struct{})
	go func() {
		defer close(stored)
		for b := range coded {
			w.store(b)
		}
	}()
	var runErr error
	for ctx.Err() == nil {
		msgs, err := c.Fetch(ctx, batch, fetchWait)
		if err != nil && ctx.Err() == nil {
			w.logf("%v", err)
			time.Sleep(retryAfter)
		}
		if len(msgs) == 0 {
			if opt.Drain {
				done, err := c.Drained(ctx)
				if err != nil && ctx.Err() == nil {
					runErr = err // the queue's error says what it was asked
					break
				}
				if done {
					break
				}
			}
			continue
		}
		coded <- w.code(msgs)
	}
	close(coded)
	<-stored
	return Stats{Stored: w.stored.Load(), Redelivered: w.redelivered.Load(), Events: w.events.Load(), Failed: w.failed.Load()}, runErr
}

// worker codes batches of messages and stores them.
type worker struct {
	p                      *pipeline.Pipeline
	s                      store.Store
	workers                int
	log                    func(string)
	mu                     sync.Mutex // serialises log
	stored, events, failed atomic.Int64
	redelivered            atomic.Int64
}

// codedBatch is a batch of messages and the coding of each (nil for a
// message that could not be decoded).
type codedBatch struct {
	msgs  []queue.Message
	coded []*store.Coded
}

// code codes a batch of messages in parallel.
func (w *worker) code(msgs []queue.Message) codedBatch {
	sem := make(chan struct{}, w.workers)
	var wg sync.WaitGroup
	coded := make([]*store.Coded, len(msgs))
	for i, m := range msgs {
		if m.Err != nil {
			w.logf("dropping bad message: %v", m.Err)
			m.Term()
			w.failed.Add(1)
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			r := w.p.Code(m.Article)
			coded[i] = &store.Coded{Article: r.StoreArticle(), Events: r.Events}
		}()
	}
	wg.Wait()
	return codedBatch{msgs, coded}
}

// store stores a coded batch in one transaction and then acknowledges its
// messages. It finishes the batch even when the run is interrupted, so
// what was stored is acked.
func (w *worker) store(b codedBatch) {
	ctx := context.Background()
	var batch []store.Coded
	var ok []int
	for i, c := range b.coded {
		if c != nil {
			batch = append(batch, *c)
			ok = append(ok, i)
		}
	}
	if len(batch) == 0 {
		return
	}
	if _, err := store.PutBatch(ctx, w.s, batch); err != nil {
		// One bad article must not hold back the others: store one by one.
		w.logf("%v; storing the batch one article at a time", err)
		for k, i := range ok {
			w.putAndAck(ctx, b.msgs[i], batch[k:k+1])
		}
		return
	}
	for k, i := range ok {
		w.ack(b.msgs[i], batch[k])
	}
}

func (w *worker) putAndAck(ctx context.Context, m queue.Message, one []store.Coded) {
	if _, err := store.PutBatch(ctx, w.s, one); err != nil {
		w.logf("%v (will be retried)", err)
		m.Nak(nakDelay)
		w.failed.Add(1)
		return
	}
	w.ack(m, one[0])
}

// ack acknowledges a message whose article is committed. A worker killed
// before this leaves the message to be redelivered, and the store's writes
// being idempotent, storing it again is harmless.
func (w *worker) ack(m queue.Message, c store.Coded) {
	if err := m.Ack(); err != nil {
		w.logf("%v (stored; a redelivery will replace the same rows)", err)
	}
	w.stored.Add(1)
	if m.Redelivered {
		w.redelivered.Add(1)
	}
	w.events.Add(int64(len(c.Events)))
}

func (w *worker) logf(format string, args ...any) {
	if w.log == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.log(fmt.Sprintf(format, args...))
}
