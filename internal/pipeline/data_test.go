package pipeline

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dyad-events/dyad/data"
	"github.com/dyad-events/dyad/internal/event"
)

// swapped returns dyad's data with the actor dictionary replaced by
// actors (a file's lines), and a gazetteer of the given lines: what a
// test or a user passes instead of the embedded files.
func swapped(t *testing.T, actors string, gazetteer ...string) Files {
	t.Helper()
	files := fstest.MapFS{"actors/mine.tsv": {Data: []byte(actors)}}
	err := fs.WalkDir(data.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(path, "actors/") {
			return err
		}
		b, err := fs.ReadFile(data.FS, path)
		files[path] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(strings.Join(gazetteer, "\n") + "\n"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	places := fstest.MapFS{
		"gazetteer.tsv.gz": {Data: gz.Bytes()},
		"additions.tsv":    {Data: nil},
		"commonwords.txt":  {Data: nil},
	}
	return Files{Data: files, Gazetteer: places}
}

// The pipeline codes with the data it is given, not the embedded data: a
// dictionary of made-up countries gives their made-up codes, a gazetteer
// of one made-up town places the event there, and names the embedded
// dictionary knows are nobody.
func TestSwappedData(t *testing.T) {
	files := swapped(t, "RUR\t-\tcountry\tRuritania\nGRA\t-\tcountry\tGraustark\n",
		"country\tRUR\t-\tRuritania\t45.5\t15.5\t1000000",
		"country\tGRA\t-\tGraustark\t47.5\t17.5\t1000000",
		"city\tGRA\t-\tZenda\t47.25\t17.25\t50000\tPPL")
	p, err := New(NewData(files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2025, 5, 14, 0, 0, 0, 0, time.UTC)
	evs := p.Code(event.Article{ID: "s", Published: pub, Text: "Ruritania attacked Graustark in Zenda on Monday."}).Events
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1: %+v", len(evs), evs)
	}
	e := evs[0]
	if e.Source.Code != "RUR" || e.Target.Code != "GRA" {
		t.Errorf("source %q, target %q: want RUR and GRA, the swapped dictionary's codes", e.Source.Code, e.Target.Code)
	}
	if e.Location == nil || e.Location.Name != "Zenda" || e.Location.Lat != 47.25 {
		t.Errorf("location %+v: want Zenda at 47.25, the swapped gazetteer's town", e.Location)
	}
	if evs := p.Code(event.Article{ID: "b", Published: pub, Text: "Iran attacked Pakistan on Monday."}).Events; len(evs) != 0 {
		t.Errorf("names only the embedded dictionary knows gave events: %+v", evs)
	}
	// The same sentences with the embedded data: the made-up names are
	// nobody there.
	q := newPipeline(t)
	if evs := q.Code(event.Article{ID: "s", Published: pub, Text: "Ruritania attacked Graustark on Monday."}).Events; len(evs) != 0 {
		t.Errorf("the embedded data coded made-up countries: %+v", evs)
	}
}
