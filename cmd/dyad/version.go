package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"runtime/debug"

	"github.com/dyad-events/dyad/internal/pipeline"
)

// runVersion prints the binary's version and a digest of each bundled
// data set, so that a user can tell which coder produced a file of events.
func runVersion(_ context.Context, d *pipeline.Data, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("version", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: dyad version\n\nPrints the binary's version, digests of the bundled dictionaries, patterns, gazetteer and model, and the coder version every event coded with them carries (its \"coder\" field).")
	}
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "dyad version: unexpected argument %q\n", fl.Arg(0))
		return exitUsage
	}
	fmt.Fprintf(stdout, "dyad %s (%s)\n", binaryVersion(), runtime.Version())
	files := d.Files()
	sets := []struct {
		name string
		fsys fs.FS
		root string
	}{
		{"actors", files.Data, "actors"},
		{"patterns", files.Data, "verbs"},
		{"codes", files.Data, "cameo"},
		{"model", files.Data, "syntax"},
		{"gazetteer", files.Gazetteer, "."},
	}
	for _, s := range sets {
		digest, err := pipeline.Digest(s.fsys, s.root)
		if err != nil {
			fmt.Fprintf(stderr, "dyad version: %v\n", err)
			return exitFail
		}
		fmt.Fprintf(stdout, "%-10s %s\n", s.name, digest)
	}
	// What every event coded with the bundled data carries as "coder".
	digest, err := pipeline.DataDigest(files, pipeline.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "dyad version: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(stdout, "%-10s %s+%s\n", "coder", binaryVersion(), digest)
	return exitOK
}

// binaryVersion is the module version, else the commit the binary was
// built from (with "+dirty" for uncommitted changes), else "devel".
func binaryVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "+dirty"
	}
	return rev
}
