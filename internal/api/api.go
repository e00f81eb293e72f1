// Package api owns dyad's HTTP JSON API over a store: events with filters
// and cursor pagination, one event with its mentions, actors, relation
// states, time series, articles with their coded spans, and the OpenAPI
// 3.1 document that describes all of it. Routes, parameter validation and
// the OpenAPI document come from one table (Routes), so they cannot drift
// apart. It imports internal/store (for its types), internal/event and
// internal/fusion (to derive a dyad's relation states from its events when
// the store recorded none), and never builds SQL: the store takes
// parameters.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/store"
)

// Store is what the API needs from a store: the read side of store.Store.
// Each method means what store.Store's method of the same name means.
type Store interface {
	// Events returns one page of the events matching f and the next cursor.
	Events(ctx context.Context, f store.Filter) ([]store.StoredEvent, string, error)
	// Event returns one event with its mentions.
	Event(ctx context.Context, id string) (store.StoredEvent, error)
	// Article returns one article with its cleaned text.
	Article(ctx context.Context, id string) (event.Article, error)
	// Actors counts events per actor code.
	Actors(ctx context.Context, f store.Filter) ([]store.ActorCount, error)
	// Series buckets the matching events by date.
	Series(ctx context.Context, f store.Filter, bucket string) ([]store.Point, error)
	// Relations returns the recorded states of a relation.
	Relations(ctx context.Context, a, b string) ([]store.Relation, error)
	// Stats counts what the store holds.
	Stats(ctx context.Context) (store.Stats, error)
	// Coders counts the events of each coder version.
	Coders(ctx context.Context) ([]store.CoderCount, error)
	// ArticleEvents returns every event of one article.
	ArticleEvents(ctx context.Context, articleID string) ([]store.StoredEvent, error)
}

// Every store.Store is an API Store.
var _ Store = store.Store(nil)

// Limits on requests.
const (
	MaxURLBytes  = 4096             // longest request target
	MaxBodyBytes = 1 << 10          // the API reads no bodies; anything larger is refused
	Timeout      = 30 * time.Second // per request
	// MaxConcurrent is how many requests the store works on at once by
	// default; more wait up to QueueWait for a turn, then get 503 with
	// Retry-After.
	MaxConcurrent = 8
	QueueWait     = 2 * time.Second
)

// Server answers API requests from a store.
type Server struct {
	store  Store
	routes []Route
	doc    []byte // the OpenAPI document
	// Log receives store failures (the client only sees "internal error").
	Log *log.Logger
	// slots bounds the requests the store works on at once (see
	// MaxConcurrent; SetMaxConcurrent changes it before serving).
	slots chan struct{}
}

// New returns a Server over st.
func New(st Store) *Server {
	s := &Server{store: st, routes: Routes(), Log: log.Default(), slots: make(chan struct{}, MaxConcurrent)}
	doc, err := json.MarshalIndent(OpenAPI(s.routes), "", "  ")
	if err != nil {
		panic("api: OpenAPI document: " + err.Error()) // a programming error in Routes
	}
	s.doc = doc
	return s
}

// SetMaxConcurrent sets how many requests the store works on at once
// (at least 1); call it before serving.
func (s *Server) SetMaxConcurrent(n int) {
	s.slots = make(chan struct{}, max(n, 1))
}

// Register adds the API's routes and GET /openapi.json to mux.
func (s *Server) Register(mux *http.ServeMux) {
	for i := range s.routes {
		r := &s.routes[i]
		mux.Handle(r.Method+" "+r.Path, s.wrap(r))
		method := r.Method
		mux.HandleFunc(r.Path, func(w http.ResponseWriter, req *http.Request) {
			w.Header().Set("Allow", method)
			writeJSON(w, http.StatusMethodNotAllowed, ErrorResult{Error: req.Method + " not allowed; use " + method})
		})
	}
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(s.doc)
	})
	// Anything else under /api/ is a JSON 404, not the dashboard's page.
	mux.HandleFunc("/api/", func(w http.ResponseWriter, req *http.Request) {
		writeJSON(w, http.StatusNotFound, ErrorResult{Error: "no such endpoint: " + req.Method + " " + req.URL.Path + " (see /openapi.json)"})
	})
}

// Handler returns a handler serving only the API.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.Register(mux)
	return mux
}

func (s *Server) wrap(r *Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if len(req.URL.RawQuery)+len(req.URL.Path) > MaxURLBytes {
			writeJSON(w, http.StatusRequestURITooLong, ErrorResult{Error: "request URL longer than 4096 bytes"})
			return
		}
		req.Body = http.MaxBytesReader(w, req.Body, MaxBodyBytes)
		query, err := url.ParseQuery(req.URL.RawQuery)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, ErrorResult{Error: "query string: " + err.Error()})
			return
		}
		q, err := ParseQuery(r, query, req.PathValue)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, ErrorResult{Error: err.Error()})
			return
		}
		// A turn at the store, or 503 when too many requests wait: the
		// server's memory and the store's connections stay bounded.
		wait := time.NewTimer(QueueWait)
		select {
		case s.slots <- struct{}{}:
			wait.Stop()
		case <-wait.C:
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusServiceUnavailable, ErrorResult{Error: "busy: too many requests at once; retry shortly"})
			return
		case <-req.Context().Done():
			wait.Stop()
			return // the client went away while waiting
		}
		defer func() { <-s.slots }()
		ctx, cancel := context.WithTimeout(req.Context(), Timeout)
		defer cancel()
		res, err := r.handle(ctx, s, q)
		if err != nil {
			s.fail(w, req, q, err)
			return
		}
		writeJSON(w, http.StatusOK, res)
	})
}

func (s *Server) fail(w http.ResponseWriter, req *http.Request, q *Query, err error) {
	var bad *Error
	switch {
	case errors.As(err, &bad):
		writeJSON(w, http.StatusBadRequest, ErrorResult{Error: bad.Msg})
	case errors.Is(err, store.ErrNotFound):
		writeJSON(w, http.StatusNotFound, ErrorResult{Error: "not found: " + q.ID})
	case q.Filter.Cursor != "" && strings.Contains(err.Error(), "cursor"):
		writeJSON(w, http.StatusBadRequest, ErrorResult{Error: "cursor: not a cursor from a previous page"})
	case req.Context().Err() != nil:
		// The client went away; its query was stopped. Nobody is
		// listening for an answer, and it is no server failure.
		if s.Log != nil {
			s.Log.Printf("api: %s %s: client disconnected, query stopped", req.Method, req.URL.Path)
		}
	case errors.Is(err, context.DeadlineExceeded):
		w.Header().Set("Retry-After", "5")
		writeJSON(w, http.StatusServiceUnavailable, ErrorResult{Error: "the store took too long to answer"})
	default:
		if s.Log != nil {
			s.Log.Printf("api: %s %s: %v", req.Method, req.URL, err)
		}
		writeJSON(w, http.StatusInternalServerError, ErrorResult{Error: "internal error (logged on the server)"})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func getArticle(ctx context.Context, s *Server, q *Query) (any, error) {
	a, err := s.store.Article(ctx, q.ID)
	if err != nil {
		return nil, err
	}
	evs, err := s.store.ArticleEvents(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	// Every store lists an article's events, so the spans are complete.
	res := ArticleResult{Article: a, Spans: []Span{}, SpansComplete: true}
	seen := map[[3]any]bool{}
	for _, e := range evs {
		add := func(ev struct{ Start, End int }, evidence bool) {
			k := [3]any{e.ID, ev.Start, ev.End}
			if seen[k] {
				return
			}
			seen[k] = true
			res.Spans = append(res.Spans, Span{Start: ev.Start, End: ev.End, EventID: e.ID, CAMEO: e.CAMEO,
				Source: e.Source.Code, Target: e.Target.Code, Evidence: evidence})
		}
		add(struct{ Start, End int }{e.Evidence.Start, e.Evidence.End}, true)
		for _, m := range e.Mentions {
			add(struct{ Start, End int }{m.Start, m.End}, false)
		}
	}
	return res, nil
}
