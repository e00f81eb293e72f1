package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/queue"
	"github.com/dyad-events/dyad/internal/store"
)

func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf codingFlags
	cf.add(fs)
	var qf queueFlags
	qf.add(fs)
	fs.StringVar(&qf.url, "queue", "nats://127.0.0.1:4222", "NATS JetStream server to pull articles from")
	db := fs.String("db", store.DefaultURL, "store URL: postgres://USER@HOST:PORT/DB (for several workers) or sqlite://FILE")
	batch := fs.Int("batch", 32, "articles fetched, coded and stored (one transaction) at a time")
	drain := fs.Bool("drain", false, "exit once every queued article is stored and acknowledged (else run until interrupted)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dyad worker [flags]\n\nPulls articles from the queue ('dyad ingest --queue'), codes them, stores them and\nacknowledges each one only after its rows are committed.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 || *batch < 1 {
		fs.Usage()
		return exitUsage
	}
	_, popt, err := cf.options()
	if err != nil {
		fmt.Fprintln(stderr, "dyad worker:", err)
		return exitUsage
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "dyad worker:", err)
		return exitFail
	}
	s, err := store.Open(ctx, *db)
	if err != nil {
		return fail(err)
	}
	defer s.Close()
	q, err := queue.Open(ctx, qf.url, qf.options())
	if err != nil {
		return fail(err)
	}
	defer q.Close()
	c, err := q.Consumer(ctx)
	if err != nil {
		return fail(err)
	}
	p, err := pipeline.New(popt)
	if err != nil {
		return fail(err)
	}
	w := worker{p: p, s: s, workers: max(cf.workers, 1), stderr: stderr}
	start := time.Now()
	// One goroutine stores and acks a coded batch while the loop fetches
	// and codes the next one.
	coded := make(chan codedBatch, 1)
	stored := make(chan struct{})
	go func() {
		defer close(stored)
		for b := range coded {
			w.store(b)
		}
	}()
	status := exitOK
	for ctx.Err() == nil {
		msgs, err := c.Fetch(ctx, *batch, 2*time.Second)
		if err != nil && ctx.Err() == nil {
			fmt.Fprintln(stderr, "dyad worker:", err)
			time.Sleep(time.Second)
		}
		if len(msgs) == 0 {
			if *drain {
				done, err := c.Drained(ctx)
				if err != nil && ctx.Err() == nil {
					fmt.Fprintln(stderr, "dyad worker:", err)
					status = exitFail
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
	fmt.Fprintf(stderr, "dyad worker: stored %d articles (%d of them redelivered), %d events in %s; %d failed\n", w.stored.Load(),
		w.redelivered.Load(), w.events.Load(), time.Since(start).Round(time.Millisecond), w.failed.Load())
	return status
}

// worker codes batches of messages and stores them.
type worker struct {
	p                      *pipeline.Pipeline
	s                      store.Store
	workers                int
	stderr                 io.Writer
	mu                     sync.Mutex // guards stderr
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
// messages. It finishes the batch even when the command is interrupted,
// so what was stored is acked.
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
		m.Nak(5 * time.Second)
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
	w.mu.Lock()
	defer w.mu.Unlock()
	fmt.Fprintf(w.stderr, "dyad worker: "+format+"\n", args...)
}
