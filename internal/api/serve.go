package api

import (
	"context"
	"errors"
	"log"
	"net"
	"net/http"
	"time"
)

// ShutdownWait is how long Serve gives requests in flight to finish once
// its context ends.
const ShutdownWait = 5 * time.Second

// Serve serves h on ln until ctx ends, then shuts the server down, giving
// requests in flight ShutdownWait to finish. The server's timeouts and
// header limit are the ones the API is built for (Timeout per request);
// errLog receives the server's own errors (nil: the log package's
// standard logger). It returns nil after a shutdown and the server's
// error when it stops by itself.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, errLog *log.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * Timeout,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          errLog,
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), ShutdownWait)
		defer cancel()
		srv.Shutdown(sctx)
	}
	return nil
}
