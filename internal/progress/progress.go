// Package progress owns the progress line that long runs show on a
// terminal: a count and a rate, redrawn in place, and nothing at all when
// the output is piped or redirected.
package progress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Bar is a progress line. The zero Bar and a Bar on a non-terminal are
// silent. Its methods are safe for concurrent use.
type Bar struct {
	w         io.Writer
	label     string
	unit      string
	mu        sync.Mutex
	n         int64
	start     time.Time
	lastDrawn time.Time
	active    bool
}

// New returns a bar writing to w when w is a terminal.
func New(w io.Writer, label, unit string) *Bar {
	return &Bar{w: w, label: label, unit: unit, start: time.Now(), active: IsTerminal(w)}
}

// IsTerminal reports whether w is a character device (a terminal).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Add counts n more units and redraws at most ten times a second.
func (b *Bar) Add(n int) {
	if b == nil || !b.active {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n += int64(n)
	if now := time.Now(); now.Sub(b.lastDrawn) > 100*time.Millisecond {
		b.lastDrawn = now
		b.draw()
	}
}

func (b *Bar) draw() {
	secs := time.Since(b.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(b.n) / secs
	}
	fmt.Fprintf(b.w, "\r%s: %d %s  %.0f/s  %s   ", b.label, b.n, b.unit, rate, time.Since(b.start).Round(time.Second))
}

// Done draws the final count and ends the line.
func (b *Bar) Done() {
	if b == nil || !b.active {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.draw()
	fmt.Fprintln(b.w)
}
