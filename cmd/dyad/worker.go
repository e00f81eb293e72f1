package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/queue"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/worker"
)

func runWorker(ctx context.Context, d *pipeline.Data, args []string, stdout, stderr io.Writer) int {
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
	s, err := openStore(ctx, *db)
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
	p, err := pipeline.New(d, popt)
	if err != nil {
		return fail(err)
	}
	start := time.Now()
	wst, err := worker.Run(ctx, c, p, s, worker.Options{
		Batch:   *batch,
		Workers: cf.workers,
		Drain:   *drain,
		Log:     func(m string) { fmt.Fprintln(stderr, "dyad worker:", m) },
	})
	status := exitOK
	if err != nil {
		fmt.Fprintln(stderr, "dyad worker:", err)
		status = exitFail
	}
	fmt.Fprintf(stderr, "dyad worker: stored %d articles (%d of them redelivered), %d events in %s; %d failed\n", wst.Stored,
		wst.Redelivered, wst.Events, time.Since(start).Round(time.Millisecond), wst.Failed)
	return status
}
