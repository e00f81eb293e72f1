package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"sync"
	"time"
)

// QueryKind is one kind of API request the load generator sends; Make
// draws a concrete path and query (parameters vary per request, so the
// store's caches do not answer everything).
type QueryKind struct {
	Name string
	Make func(r *rand.Rand) string
}

// EventQueries are the /api/events requests the dashboard and API users
// make: the latest page, by dyad, actor, CAMEO root, date range, place,
// bounding box and text, and combinations. countries are actor codes
// present in the store; years the span of its event dates.
func EventQueries(countries []string, fromYear, toYear int) []QueryKind {
	pick := func(r *rand.Rand) string { return countries[r.IntN(len(countries))] }
	month := func(r *rand.Rand) (string, string) {
		y := fromYear + r.IntN(toYear-fromYear+1)
		m := 1 + r.IntN(12)
		s := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		return s.Format("2006-01-02"), s.AddDate(0, 1, -1).Format("2006-01-02")
	}
	roots := []string{"01", "04", "05", "11", "12", "14", "16", "17", "18", "19"}
	words := []string{"ambassador", "border", "sanctions", "troops", "talks", "aid", "ceasefire", "protesters"}
	ev := func(v url.Values) string { return "/api/events?" + v.Encode() }
	return []QueryKind{
		{"latest page", func(r *rand.Rand) string { return "/api/events" }},
		{"dyad", func(r *rand.Rand) string { return ev(url.Values{"dyad": {pick(r) + "," + pick(r)}}) }},
		{"actor", func(r *rand.Rand) string { return ev(url.Values{"actor": {pick(r)}}) }},
		{"root", func(r *rand.Rand) string { return ev(url.Values{"root": {roots[r.IntN(len(roots))]}}) }},
		{"month", func(r *rand.Rand) string { s, e := month(r); return ev(url.Values{"start": {s}, "end": {e}}) }},
		{"actor+month+root", func(r *rand.Rand) string {
			s, e := month(r)
			return ev(url.Values{"actor": {pick(r)}, "start": {s}, "end": {e}, "root": {roots[r.IntN(len(roots))]}})
		}},
		{"place", func(r *rand.Rand) string { return ev(url.Values{"place": {pick(r)}}) }},
		{"bbox", func(r *rand.Rand) string {
			lon, lat := -20+r.Float64()*100, -10+r.Float64()*50
			return ev(url.Values{"bbox": {fmt.Sprintf("%.1f,%.1f,%.1f,%.1f", lon, lat, lon+15, lat+10)}})
		}},
		{"text", func(r *rand.Rand) string { return ev(url.Values{"q": {words[r.IntN(len(words))]}}) }},
		{"limit 500", func(r *rand.Rand) string { return ev(url.Values{"quad": {"4"}, "limit": {"500"}}) }},
	}
}

// Latency summarises one query kind's response times.
type Latency struct {
	Name   string  `json:"name"`
	N      int     `json:"requests"`
	Errors int     `json:"errors"` // transport errors and non-200 answers
	P50    float64 `json:"p50_ms"`
	P90    float64 `json:"p90_ms"`
	P99    float64 `json:"p99_ms"`
	Max    float64 `json:"max_ms"`
}

// Percentile returns the p-th percentile (0..100, nearest rank) of
// sorted durations, in milliseconds.
func Percentile(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	k := int(float64(len(sorted))*p/100+0.999999) - 1
	k = max(0, min(k, len(sorted)-1))
	return float64(sorted[k]) / float64(time.Millisecond)
}

// LoadTest sends requests requests per query kind to base (an http://
// address on this machine), from concurrency clients, with kinds
// interleaved, and returns each kind's latencies and an "all" line. It
// stops early when ctx ends. Bodies are read to the end.
func LoadTest(ctx context.Context, client *http.Client, base string, kinds []QueryKind, requests, concurrency int, seed uint64) []Latency {
	if concurrency < 1 {
		concurrency = 1
	}
	type job struct{ kind, path string }
	jobs := make(chan job)
	type sample struct {
		kind string
		d    time.Duration
		ok   bool
	}
	results := make(chan sample, 64)
	go func() {
		defer close(jobs)
		r := rand.New(rand.NewPCG(seed, 7))
		for i := 0; i < requests; i++ {
			for _, k := range kinds {
				select {
				case jobs <- job{k.Name, k.Make(r)}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				start := time.Now()
				ok := false
				req, err := http.NewRequestWithContext(ctx, "GET", base+j.path, nil)
				if err == nil {
					resp, err := client.Do(req)
					if err == nil {
						_, err = io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						ok = err == nil && resp.StatusCode == http.StatusOK
					}
				}
				results <- sample{j.kind, time.Since(start), ok}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	by := map[string][]time.Duration{}
	errs := map[string]int{}
	var all []time.Duration
	allErr := 0
	for s := range results {
		by[s.kind] = append(by[s.kind], s.d)
		all = append(all, s.d)
		if !s.ok {
			errs[s.kind]++
			allErr++
		}
	}
	var out []Latency
	sum := func(name string, ds []time.Duration, nerr int) Latency {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return Latency{Name: name, N: len(ds), Errors: nerr, P50: Percentile(ds, 50), P90: Percentile(ds, 90),
			P99: Percentile(ds, 99), Max: Percentile(ds, 100)}
	}
	for _, k := range kinds {
		out = append(out, sum(k.Name, by[k.Name], errs[k.Name]))
	}
	return append(out, sum("all", all, allErr))
}
