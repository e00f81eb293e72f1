package bench

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/dyad-events/dyad/internal/api"
	"github.com/dyad-events/dyad/internal/store"
)

// APIOptions size MeasureAPI's run.
type APIOptions struct {
	Events      int    // synthetic events stored before the queries
	Batch       int    // articles per transaction while filling (at least 200)
	Requests    int    // timed requests of each kind
	Concurrency int    // requests in flight at once
	Seed        uint64 // the queries' random seed
}

// MeasureAPI fills s with opt.Events synthetic events (placed by locate),
// serves the real API handler over s on a loopback port and times
// /api/events queries against it, recording the fill, the store's event
// count and the latencies in rep. Progress and the API's own errors go to
// logw, as "dyad bench: …" lines.
func MeasureAPI(ctx context.Context, rep *Report, s store.Store, gen *Generator, locate Locator, opt APIOptions, logw io.Writer) error {
	last := time.Now()
	fill, err := gen.Fill(ctx, s, opt.Events, 5, max(opt.Batch, 200), locate, func(n int) {
		if time.Since(last) > 10*time.Second {
			last = time.Now()
			fmt.Fprintf(logw, "dyad bench: %d of %d synthetic events stored\n", n, opt.Events)
		}
	})
	if err != nil {
		return err
	}
	rep.Fill = &fill
	stats, err := s.Stats(ctx)
	if err != nil {
		return err
	}
	rep.APIEvents = stats.Events

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("api benchmark: %w", err)
	}
	a := api.New(s)
	a.Log = log.New(logw, "dyad bench: api: ", 0)
	srv := &http.Server{Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: opt.Concurrency}}
	kinds := EventQueries(gen.CountryCodes(), 2010, 2025)
	// A short warm-up, not counted, so the first requests do not pay for
	// cold caches and connection setup.
	LoadTest(ctx, client, base, kinds, 2, opt.Concurrency, opt.Seed+1)
	rep.API = LoadTest(ctx, client, base, kinds, opt.Requests, opt.Concurrency, opt.Seed)
	return nil
}
