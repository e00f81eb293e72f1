package main

import (
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/dyad-events/dyad/internal/ingest"
)

// problemsShown is how many problems of one file are printed; the rest
// are counted ("… and 140 more problems in FILE").
const problemsShown = 5

// problemLog prints rejected input on stderr, a few lines per file and
// then a count, so that one broken file does not bury the others.
type problemLog struct {
	mu     sync.Mutex
	w      io.Writer
	total  int
	byFile map[string]int
}

func newProblemLog(w io.Writer) *problemLog {
	return &problemLog{w: w, byFile: map[string]int{}}
}

// report counts a problem and prints it unless its file has had its share.
func (l *problemLog) report(pr ingest.Problem) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.total++
	l.byFile[pr.File]++
	if l.byFile[pr.File] <= problemsShown {
		fmt.Fprintf(l.w, "dyad: rejected %v\n", pr)
	}
}

// flush prints the count of problems not shown, file by file.
func (l *problemLog) flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	files := make([]string, 0, len(l.byFile))
	for f, n := range l.byFile {
		if n > problemsShown {
			files = append(files, f)
		}
	}
	slices.Sort(files)
	for _, f := range files {
		fmt.Fprintf(l.w, "dyad: … and %d more problems in %s\n", l.byFile[f]-problemsShown, f)
	}
}

// count is how many problems were reported.
func (l *problemLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.total
}
