package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/ingest"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/queue"
	"github.com/dyad-events/dyad/internal/store"
)

// queueFlags are the flags of the commands that talk to the article queue.
type queueFlags struct {
	url, stream, subject, consumer string
	ackWait                        time.Duration
}

func (q *queueFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&q.stream, "stream", "DYAD_ARTICLES", "JetStream stream of articles")
	fs.StringVar(&q.subject, "subject", "dyad.articles", "subject articles are published on")
	fs.StringVar(&q.consumer, "consumer", "dyad-workers", "durable consumer the workers share")
	fs.DurationVar(&q.ackWait, "ack-wait", 60*time.Second, "time a worker has to store an article before it is redelivered to another")
}

func (q *queueFlags) options() queue.Options {
	return queue.Options{Stream: q.stream, Subject: q.subject, Consumer: q.consumer, AckWait: q.ackWait}
}

// tallyLine says what storing coded articles did: "coded 3 articles:
// 1 new, 2 unchanged; 9 events stored".
func tallyLine(coded int, t store.Tally) string {
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{t.New, "new"}, {t.Updated, "updated"}, {t.Unchanged, "already stored, unchanged"}, {t.Duplicates, "duplicates of stored articles (events not stored)"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "none stored")
	}
	return fmt.Sprintf("coded %d articles: %s; %d events stored", coded, strings.Join(parts, ", "), t.Events)
}

func runIngest(ctx context.Context, d *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cf codingFlags
	cf.add(fs)
	var qf queueFlags
	qf.add(fs)
	db := fs.String("db", store.DefaultURL, "store URL: sqlite://FILE or postgres://USER@HOST:PORT/DB")
	batchSize := fs.Int("batch", 64, "articles stored per transaction")
	fs.StringVar(&qf.url, "queue", "", "publish the articles to this NATS JetStream server (nats://HOST:4222) for 'dyad worker' instead of coding them here")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dyad ingest [flags] [FILE…]  (no FILE or '-': stdin)\n\nCodes articles and stores them and their events (idempotent: re-ingesting replaces).\nWith --queue, publishes them for workers instead.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	iopt, popt, err := cf.options()
	if err != nil {
		fmt.Fprintln(stderr, "dyad ingest:", err)
		return exitUsage
	}
	if *batchSize < 1 {
		fmt.Fprintln(stderr, "dyad ingest: --batch must be at least 1")
		return exitUsage
	}
	if qf.url != "" {
		return publish(ctx, qf, fs.Args(), iopt, stdout, stderr)
	}
	s, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintln(stderr, "dyad ingest:", err)
		return exitFail
	}
	defer s.Close()
	p, err := pipeline.New(d, popt)
	if err != nil {
		fmt.Fprintln(stderr, "dyad ingest:", err)
		return exitFail
	}
	start := time.Now()
	var batch []store.Coded
	var tally store.Tally
	flush := func() error {
		t, err := store.PutBatch(ctx, s, batch)
		tally.Add(t)
		batch = batch[:0]
		return err
	}
	st, err := codeInputs(ctx, p, fs.Args(), iopt, cf.workers, stderr, func(r pipeline.Result) error {
		batch = append(batch, store.Coded{Article: r.StoreArticle(), Events: r.Events})
		if len(batch) >= *batchSize {
			return flush()
		}
		return nil
	})
	if err == nil || ctx.Err() != nil {
		// What was coded before an interruption is stored too.
		if ferr := flush(); ferr != nil && err == nil {
			err = ferr
		}
	}
	if err == nil {
		fmt.Fprintf(stderr, "dyad ingest: %s in %s (%s)\n", tallyLine(st.Articles, tally), time.Since(start).Round(time.Millisecond), redact(*db))
	}
	return finish("ingest", st, err, stderr)
}

// publish reads articles and publishes them to the queue, uncoded.
func publish(ctx context.Context, qf queueFlags, paths []string, iopt ingest.Options, stdout, stderr io.Writer) int {
	q, err := queue.Open(ctx, qf.url, qf.options())
	if err != nil {
		fmt.Fprintln(stderr, "dyad ingest:", err)
		return exitFail
	}
	defer q.Close()
	pub := q.Publisher()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	if iopt.Notice == nil {
		iopt.Notice = func(m string) { fmt.Fprintln(stderr, "dyad:", m) }
	}
	problems := newProblemLog(stderr)
	bad := problems.report
	var pubErr error
	for _, path := range paths {
		err := ingest.Read(path, iopt, func(a event.Article) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			pubErr = pub.Publish(ctx, a)
			return pubErr
		}, bad)
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "dyad ingest: interrupted; articles published so far stay queued")
			return exitFail
		}
		if pubErr != nil {
			fmt.Fprintln(stderr, "dyad ingest:", pubErr)
			return exitFail
		}
		if err != nil {
			bad(ingest.Problem{File: path, Err: err})
		}
	}
	if err := pub.Wait(ctx); err != nil {
		fmt.Fprintln(stderr, "dyad ingest:", err)
		return exitFail
	}
	fmt.Fprintf(stderr, "dyad ingest: published %d articles to %s (%d already there)\n", pub.Published, qf.stream, pub.Duplicates)
	problems.flush()
	if problems.count() > 0 {
		return exitRejected
	}
	return exitOK
}

// redact hides a password in a store URL.
func redact(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		if at := strings.IndexByte(u[i+3:], '@'); at >= 0 {
			cred := u[i+3 : i+3+at]
			if c := strings.IndexByte(cred, ':'); c >= 0 {
				return u[:i+3] + cred[:c] + ":***" + u[i+3+at:]
			}
		}
	}
	return u
}
