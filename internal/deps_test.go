// The import policy, in the spirit of Go's go/build/deps_test.go: it
// states which of dyad's own packages each package may import, so that
// data keeps flowing one way, and fails when the code imports something
// the policy does not allow.
package internal_test

import (
	"bufio"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// policy lists, for every package of the module except the commands, the
// module's packages it may import (paths relative to the module root; the
// standard library and third-party modules are not checked). Packages
// appear in flow order:
//
//	ingest → text → syntax → actors, dates, places, fatalities → coding
//	→ fusion → pipeline → store → queue, worker, watch, recode → api, web
//
// and cmd/dyad, which may import anything, only wires them together
// (tools/ are programs too, and not checked). Only the code that is built
// counts, not tests: a test may use a helper from further down the flow.
//
// A new import of the module's own packages needs a line here. Add it
// only if the arrow points back up the flow (a later stage importing an
// earlier one's types), never from a stage to the store or what uses the
// store: TestStagesDoNotImportTheStore checks that separately.
var policy = map[string][]string{
	// Leaves: the event type, the embedded data, helpers with no stage.
	// Only cmd/dyad imports the embedded data (see TestDataIsPassedIn).
	"internal/event":         nil, // the contract: the article every package passes on, and the event coded from it
	"data":                   nil, // the embedded dictionaries, code tables and model
	"data/places":            nil, // the embedded gazetteer
	"internal/dedup":         nil, // near-duplicate texts
	"internal/progress":      nil, // the terminal progress line
	"internal/syntax/conllu": nil, // the CoNLL-U format

	// Stages, in flow order.
	"internal/ingest":     {"internal/dates", "internal/dedup", "internal/event"}, // dates: ParsePublished
	"internal/text":       nil,
	"internal/syntax":     {"internal/syntax/conllu", "internal/text"},
	"internal/actors":     {"internal/text"},
	"internal/dates":      {"internal/text"},
	"internal/places":     {"internal/event", "internal/text"},
	"internal/fatalities": {"internal/text"},
	"internal/coding":     {"internal/actors", "internal/event", "internal/syntax", "internal/text"},
	"internal/coding/llm": {"internal/coding", "internal/event", "internal/text"},
	"internal/fusion":     {"internal/event"},

	// The composer: one article through every stage.
	"internal/pipeline": {"internal/actors", "internal/coding", "internal/coding/llm",
		"internal/dates", "internal/event", "internal/fatalities", "internal/fusion", "internal/ingest",
		"internal/places", "internal/syntax", "internal/text"},

	// The store and its two backends.
	"internal/store":           {"internal/event", "internal/text"},
	"internal/store/sqlite":    {"internal/store"},
	"internal/store/postgres":  {"internal/store"},
	"internal/store/storetest": {"internal/event", "internal/store"},

	// What runs the pipeline into the store.
	"internal/queue":  {"internal/event", "internal/ingest"}, // ingest: ParsePublished
	"internal/worker": {"internal/pipeline", "internal/queue", "internal/store"},
	"internal/watch":  {"internal/dedup", "internal/event", "internal/ingest", "internal/pipeline", "internal/store"},
	"internal/recode": {"internal/event", "internal/pipeline", "internal/store"},

	// What reads the store, or events, out.
	"internal/api":    {"internal/event", "internal/fusion", "internal/store"},
	"internal/web":    nil,
	"internal/export": {"internal/event"},
	"internal/eval":   nil,

	// Measuring: every stage, the store and the API, timed one by one.
	"internal/bench": {"internal/actors", "internal/api", "internal/coding", "internal/dates", "internal/event", "internal/fatalities",
		"internal/fusion", "internal/pipeline", "internal/places", "internal/store",
		"internal/syntax", "internal/text"},
}

// stages are the packages that turn text into events, and the pipeline
// that puts them in order. None may import the store, nor any package
// that (directly or not) imports it: a stage is tested, benchmarked and
// reused without a database, and the pipeline gives what the store keeps
// (Result.StoreArticle) as an event.Article, without knowing the store.
var stages = []string{
	"internal/ingest", "internal/text", "internal/syntax", "internal/syntax/conllu",
	"internal/actors", "internal/dates", "internal/places", "internal/fatalities",
	"internal/coding", "internal/coding/llm", "internal/fusion", "internal/dedup", "internal/event",
	"internal/pipeline",
}

// unchecked are the folders of programs: they may import anything, and
// nothing imports them.
var unchecked = []string{"cmd", "tools"}

// Every package imports only what the policy allows, and the policy names
// every package there is.
func TestImportPolicy(t *testing.T) {
	graph := moduleImports(t)
	for pkg, imports := range graph {
		allowed, ok := policy[pkg]
		if !ok {
			t.Errorf("%s is not in the import policy (internal/deps_test.go): add it with the packages it may import", pkg)
			continue
		}
		for _, imp := range imports {
			if !slices.Contains(allowed, imp) {
				t.Errorf("%s imports %s, which the import policy (internal/deps_test.go) does not allow", pkg, imp)
			}
		}
	}
	for pkg, allowed := range policy {
		if _, ok := graph[pkg]; !ok {
			t.Errorf("the import policy names %s, which is not a package", pkg)
		}
		for _, imp := range allowed {
			if _, ok := policy[imp]; !ok {
				t.Errorf("the import policy lets %s import %s, which it does not name", pkg, imp)
			}
		}
	}
}

// No stage imports the store or anything that uses it, neither in the code
// nor in the policy.
func TestStagesDoNotImportTheStore(t *testing.T) {
	graph := moduleImports(t)
	// users: the store and every package that reaches it, in the code or
	// in the policy.
	users := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, g := range []map[string][]string{graph, policy} {
			for pkg, imports := range g {
				if users[pkg] {
					continue
				}
				if pkg == "internal/store" || strings.HasPrefix(pkg, "internal/store/") || slices.ContainsFunc(imports, func(i string) bool { return users[i] }) {
					users[pkg] = true
					changed = true
				}
			}
		}
	}
	for _, stage := range stages {
		if _, ok := graph[stage]; !ok {
			t.Errorf("stage %s is not a package", stage)
		}
		if users[stage] {
			var via []string
			for _, imp := range append(slices.Clone(graph[stage]), policy[stage]...) {
				if users[imp] {
					via = append(via, imp)
				}
			}
			slices.Sort(via)
			t.Errorf("stage %s imports the store (through %s): a stage must not depend on storage", stage, strings.Join(slices.Compact(via), ", "))
		}
	}
}

// embedded are the packages that embed dyad's data files.
var embedded = []string{"data", "data/places"}

// No package reads the embedded data itself, neither in the code nor in
// the policy: cmd/dyad passes it in (pipeline.Files), so that a test or a
// user can pass other files.
func TestDataIsPassedIn(t *testing.T) {
	graph := moduleImports(t)
	for _, g := range []map[string][]string{graph, policy} {
		for pkg, imports := range g {
			for _, imp := range imports {
				if slices.Contains(embedded, imp) {
					t.Errorf("%s imports the embedded data (%s): take an fs.FS (or the loaded value) as an argument, and let cmd/dyad pass %s in", pkg, imp, imp)
				}
			}
		}
	}
}

// moduleImports parses every package of the module outside cmd/ and
// tools/ and returns, for each (as a path relative to the module root),
// the module's packages its non-test files import.
func moduleImports(t *testing.T) map[string][]string {
	t.Helper()
	root := filepath.Join("..")
	module := modulePath(t, filepath.Join(root, "go.mod"))
	graph := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			name := d.Name()
			if rel != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || slices.Contains(unchecked, rel)) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		if !built(f.Comments) {
			return nil
		}
		pkg := filepath.ToSlash(filepath.Dir(rel))
		if pkg == "." {
			pkg = ""
		}
		if _, ok := graph[pkg]; !ok {
			graph[pkg] = nil
		}
		for _, spec := range f.Imports {
			imp := strings.Trim(spec.Path.Value, `"`)
			if imp == module {
				imp = ""
			} else if !strings.HasPrefix(imp, module+"/") {
				continue
			} else {
				imp = strings.TrimPrefix(imp, module+"/")
			}
			if !slices.Contains(graph[pkg], imp) {
				graph[pkg] = append(graph[pkg], imp)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(graph) == 0 {
		t.Fatal("no packages found under the module root")
	}
	return graph
}

// built reports whether a file with these comments is built for some
// platform: files constrained to the "ignore" tag (generators run with go
// run) are not.
func built(groups []*ast.CommentGroup) bool {
	for _, g := range groups {
		for _, c := range g.List {
			if !constraint.IsGoBuild(c.Text) {
				continue
			}
			expr, err := constraint.Parse(c.Text)
			if err != nil {
				return true
			}
			// Built somewhere: with every tag but "ignore" set (linux,
			// amd64…) or with none (!linux…).
			return expr.Eval(func(tag string) bool { return tag != "ignore" }) || expr.Eval(func(string) bool { return false })
		}
	}
	return true
}

// modulePath reads the module path from go.mod.
func modulePath(t *testing.T, gomod string) string {
	t.Helper()
	f, err := os.Open(gomod)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	t.Fatalf("%s: no module line", gomod)
	return ""
}
