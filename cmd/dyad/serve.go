package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"

	"github.com/dyad-events/dyad/internal/api"
	"github.com/dyad-events/dyad/internal/pipeline"
	"github.com/dyad-events/dyad/internal/store"
	"github.com/dyad-events/dyad/internal/web"
)

func runServe(ctx context.Context, _ *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", store.DefaultURL, "store URL: sqlite://PATH or postgres://…")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: dyad serve [--db URL] [--addr HOST:PORT]\n\nServes the JSON API (/api/…, /openapi.json) and the dashboard (/) over a store.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dyad serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	st, err := openExisting(ctx, *db)
	if err != nil {
		fmt.Fprintln(stderr, "dyad serve:", err)
		return exitFail
	}
	defer st.Close()

	a := api.New(st)
	a.Log = log.New(stderr, "dyad serve: ", log.LstdFlags)
	mux := http.NewServeMux()
	a.Register(mux)
	mux.Handle("/", web.Handler())

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "dyad serve:", err)
		return exitFail
	}
	fmt.Fprintf(stdout, "dyad: serving %s on http://%s/ (API: /api/events, /openapi.json)\n", *db, ln.Addr())
	if err := api.Serve(ctx, ln, api.Guard(mux, api.LoopbackAddr(ln.Addr())), a.Log); err != nil {
		fmt.Fprintln(stderr, "dyad serve:", err)
		return exitFail
	}
	return exitOK
}
