package places

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	placesdata "github.com/dyad-events/dyad/data/places"
)

// bundled is the gazetteer embedded in data/places, loaded once per test
// binary.
var bundled = sync.OnceValues(func() (*Gazetteer, error) { return LoadFS(placesdata.FS) })

func mustBundled(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := bundled()
	if err != nil {
		t.Fatalf("load the bundled gazetteer: %v", err)
	}
	return g
}

type findCase struct {
	name, text string
	ctx        Context
	want       []string // "surface => Name,ISO3,precision[,Admin1]"
}

func readFindCases(t *testing.T) []findCase {
	f, err := os.Open("testdata/find.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []findCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) != 4 {
			t.Fatalf("testdata/find.tsv:%d: %d fields", n, len(fs))
		}
		c := findCase{name: fs[0], text: fs[2]}
		if fs[1] != "-" {
			c.ctx.Countries = strings.Split(fs[1], ",")
		}
		if fs[3] != "-" {
			c.want = strings.Split(fs[3], " ; ")
		}
		cases = append(cases, c)
	}
	return cases
}

func TestFind(t *testing.T) {
	g := mustBundled(t)
	for _, c := range readFindCases(t) {
		t.Run(c.name, func(t *testing.T) {
			ms := g.Find(c.text, c.ctx)
			var got []string
			for _, m := range ms {
				got = append(got, m.Text+" => "+m.Place.Name+","+m.Place.Country+","+m.Place.Precision+","+m.Place.Admin1)
			}
			ok := len(got) == len(c.want)
			for i := 0; ok && i < len(got); i++ {
				ok = strings.HasPrefix(got[i]+",", c.want[i]+",")
			}
			if !ok {
				t.Errorf("Find(%q, %v)\n got  %q\n want %q", c.text, c.ctx.Countries, got, c.want)
			}
			// Offsets are in runes and cover the text as written.
			rs := []rune(c.text)
			prev := 0
			for _, m := range ms {
				if m.Start < prev || m.End <= m.Start || m.End > len(rs) || string(rs[m.Start:m.End]) != m.Text {
					t.Errorf("bad offsets %d..%d for %q", m.Start, m.End, m.Text)
				}
				prev = m.End
			}
		})
	}
}

func TestFindCandidates(t *testing.T) {
	g := mustBundled(t)
	ms := g.Find("Fighting broke out in Tripoli.", Context{Countries: []string{"LBN"}})
	if len(ms) != 1 || len(ms[0].Candidates) == 0 {
		t.Fatalf("want one mention with candidates, got %+v", ms)
	}
	if c := ms[0].Candidates[0]; c.Country != "LBY" {
		t.Errorf("best other reading of Tripoli = %v, want Libya's", c)
	}
}

func TestLocate(t *testing.T) {
	g := mustBundled(t)
	for _, c := range []struct {
		text, ctx, name, prec string
	}{
		{"9 Pakistanis died in Iran.", "", "Iran", PrecisionCountry},
		{"Iran struck Koh-e-Sabz village in Pakistan's Baluchistan Province.", "", "Koh-e-Sabz", PrecisionCity},
		{"Iran struck a village in Pakistan's Baluchistan Province.", "", "Balochistan", PrecisionAdmin1},
		{"Two soldiers were killed.", "PAK", "Pakistan", PrecisionCountry},
	} {
		var ctx Context
		if c.ctx != "" {
			ctx.Countries = []string{c.ctx}
		}
		p, ok := g.Locate(c.text, ctx)
		if !ok || p.Name != c.name || p.Precision != c.prec {
			t.Errorf("Locate(%q) = %v, %v; want %s (%s)", c.text, p, ok, c.name, c.prec)
		}
	}
	if _, ok := g.Locate("Nothing here.", Context{}); ok {
		t.Error("Locate with no mention and no context: ok")
	}
}

func TestCountry(t *testing.T) {
	g := mustBundled(t)
	p, ok := g.Country("IRN")
	if !ok || p.Name != "Iran" || p.Precision != PrecisionCountry {
		t.Fatalf("Country(IRN) = %v, %v", p, ok)
	}
	// The representative point lies inside Iran (roughly 25–40 N, 44–63 E).
	if p.Lat < 25 || p.Lat > 40 || p.Lon < 44 || p.Lon > 63.5 {
		t.Errorf("Iran at %v,%v", p.Lat, p.Lon)
	}
	if _, ok := g.Country("XXX"); ok {
		t.Error("Country(XXX) found")
	}
	if l := p.Location(); l.Name != "Iran" || l.Precision != "country" || l.Country != "IRN" {
		t.Errorf("Location() = %+v", l)
	}
	if s := p.String(); !strings.HasPrefix(s, "Iran, IRN (country ") {
		t.Errorf("String() = %q", s)
	}
}

func TestFoldFastMatchesTokenizer(t *testing.T) {
	for _, s := range []string{"Sarāvān", "Koh-e-Sabz", "Sana'a", "Pakistan's", "Kyiv’s", "'s-Hertogenbosch",
		"Nuuk (Godthåb)", "  Ḩalab  ", "Ras al-Khaimah", "N'Djamena", "L'Aquila's", "A' B", "x's'", "Ma'alot-Tarshiha"} {
		fast, ok := foldFast(s)
		if !ok {
			continue
		}
		var keys []string
		for _, tk := range tokenize(s) {
			keys = append(keys, tk.key)
		}
		if slow := strings.Join(keys, " "); fast != slow {
			t.Errorf("foldFast(%q) = %q, tokenizer %q", s, fast, slow)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Sarāvān":        "saravan",
		"Koh-e-Sabz":     "koh e sabz",
		"Sana'a":         "sanaa",
		"Pakistan's":     "pakistan",
		"Kyiv’s":         "kyiv",
		"São Paulo":      "sao paulo",
		"Łódź":           "lodz",
		"Straße":         "strasse",
		"U.S.":           "us",
		"Hyderābād":      "hyderabad",
		"  Ḩalab  ":      "halab",
		"KARACHI":        "karachi",
		"İstanbul":       "istanbul",
		"Nuuk (Godthåb)": "nuuk godthab",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoadSameFileDuplicates(t *testing.T) {
	in := "city\tPAK\t02\tX\t26\t64\t10\ncity\tPAK\t02\tX\t27\t65\t20\n"
	g, err := Load(strings.NewReader(in))
	if err != nil || g.Len() != 2 {
		t.Fatalf("Load: %v, %d entries, want two villages", err, g.Len())
	}
	_, err = LoadSources(Source{"a", strings.NewReader(in)}, Source{"b", strings.NewReader("city\tPAK\t02\tY\t1")})
	if err == nil || !strings.HasPrefix(err.Error(), "b line 1: lon:") {
		t.Errorf("error = %v, want b line 1: lon", err)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"city\tPAK\t02\tX\t91\t64\t0", "gazetteer line 1: lat: 91 is out of range"},
		{"# c\ncity\tPAK\t02\tX\tabc\t64", "gazetteer line 2: lat: \"abc\" is not a number"},
		{"city\tPAK\t02\tX\t26\t181", "gazetteer line 1: lon:"},
		{"town\tPAK\t02\tX\t26\t64", "gazetteer line 1: kind:"},
		{"city\tPK\t02\tX\t26\t64", "gazetteer line 1: country:"},
		{"city\tPAK\t02\tX\t26\t64\t-5", "gazetteer line 1: population:"},
		{"city\tPAK\t02\t-\t26\t64", "gazetteer line 1: name:"},
		{"city\tPAK\t02\tX", "gazetteer line 1: lat: a new entry needs coordinates"},
		{"city\tPAK", "gazetteer line 1: 2 fields"},
		{"admin1\tPAK\t-\tX\t1\t1", "gazetteer line 1: admin1:"},
	} {
		_, err := Load(strings.NewReader(c.in))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("Load(%q) error = %v, want prefix %q", c.in, err, c.want)
		}
	}
}

func TestLoadMerge(t *testing.T) {
	in := "country\tPAK\t-\tPakistan\t30\t70\t100\t-\t-\n" +
		"admin1\tPAK\t02\tBalochistan\t29\t66\t10\t-\t-\n" +
		"city\tPAK\t02\tPanjgur\t26.97\t64.09\t0\tPPLA2\t-\n" +
		"admin1\tPAK\t02\tBalochistan\t-\t-\t-\t-\tBaluchistan\n"
	add := "city\tPAK\t02\tPanjgur\t-\t-\t5000\n" +
		"demonym\tPAK\t-\tPakistani\n"
	g, err := LoadSources(Source{"main", strings.NewReader(in)}, Source{"additions", strings.NewReader(add)})
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 3 {
		t.Errorf("Len = %d, want 3", g.Len())
	}
	ps := g.Lookup("BALUCHISTAN")
	if len(ps) != 1 || ps[0].Name != "Balochistan" || ps[0].Lat != 29 {
		t.Errorf("Lookup(Baluchistan) = %v", ps)
	}
	ms := g.Find("A blast hit Panjgur in Baluchistan.", Context{})
	if len(ms) != 2 || ms[0].Place.Population != 5000 || ms[0].Place.Admin1 != "Balochistan" {
		t.Errorf("Find = %+v", ms)
	}
	if ms := g.Find("The Pakistani town of Panjgur.", Context{}); len(ms) != 1 {
		t.Errorf("demonym pattern: %+v", ms)
	}
}

func TestConcurrent(t *testing.T) {
	g := mustBundled(t)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ms := g.Find("Clashes in Quetta and Kabul.", Context{}); len(ms) != 2 {
				t.Errorf("got %d mentions", len(ms))
			}
		}()
	}
	wg.Wait()
}

func FuzzLoadLine(f *testing.F) {
	for _, s := range []string{
		"city\tPAK\t02\tPanjgur\t26.97\t64.09\t0\tPPLA2\tPanjgoor|Chukan",
		"admin1\tIRN\t04\tSistan and Baluchestan\t28\t61\t100\t-\tBaluchestan",
		"country\tIRN\t-\tIran\t33\t52\t1\t-\t-",
		"demonym\tIRN\t-\tIranian\t-\t-\t-\t-\tPersian",
		"# comment", "", "city\tPAK\t02\tX\tNaN\t1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		g, err := Load(strings.NewReader(line))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "gazetteer line ") {
				t.Fatalf("error %q does not name the line", err)
			}
			return
		}
		// Whatever loaded can be searched without panicking.
		for _, m := range g.Find(line+" In Panjgur, Iran's X.", Context{Countries: []string{"PAK"}}) {
			if !utf8.ValidString(m.Text) && utf8.ValidString(line) {
				t.Fatalf("invalid mention text %q", m.Text)
			}
		}
	})
}

// BenchmarkLoad measures loading the embedded gazetteer (what a pipeline
// does once) and reports the heap it keeps.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var g *Gazetteer
	var before, after runtime.MemStats
	for i := 0; i < b.N; i++ {
		g = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		var err error
		if g, err = LoadFS(placesdata.FS); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "MB-kept")
	b.ReportMetric(float64(g.Len()), "entries")
	runtime.KeepAlive(g)
}

func BenchmarkFind(b *testing.B) {
	g := mustBundled(b)
	text := "Iran struck Koh-e-Sabz village in Pakistan's Baluchistan Province on Tuesday, " +
		"killing two children, the Pakistani foreign ministry said in Islamabad. " + strconv.Itoa(42)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		g.Find(text, Context{Countries: []string{"PAK", "IRN"}})
	}
}
