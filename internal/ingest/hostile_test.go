package ingest

import (
	"bytes"
	"compress/gzip"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileInput writes hostile files into one directory and reads it:
// each is rejected with a reason that names the file, nothing panics or
// runs away, and the good file after them is still read.
func TestHostileInput(t *testing.T) {
	defer func(m, r int64) { bombMinBytes, bombRatio = m, r }(bombMinBytes, bombRatio)
	bombMinBytes = 1 << 20

	good := `{"id":"good","published":"2024-01-01","text":"The ministers met in Rome on Friday."}` + "\n"
	rng := rand.New(rand.NewPCG(1, 2))
	randomBytes := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		return b
	}
	gzipOf := func(b []byte) []byte {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		return buf.Bytes()
	}
	truncated := gzipOf([]byte(strings.Repeat(good, 2000)))
	truncated = truncated[:len(truncated)/2]

	var huge bytes.Buffer
	huge.WriteString(`{"id":"huge","published":"2024-01-01","text":"`)
	huge.Write(bytes.Repeat([]byte("a"), MaxLine))
	huge.WriteString("\"}\n")
	huge.WriteString(strings.Replace(good, `"good"`, `"after-huge"`, 1))

	bigPage := "<html><body><p>" + strings.Repeat("word ", MaxArticle/5+10) + "</p></body></html>"

	files := []struct {
		name   string
		data   []byte
		reason string
	}{
		{"01-huge-line.jsonl", huge.Bytes(), "record longer than"},
		{"02-deep.html", []byte("<html><body>" + strings.Repeat("<div>", 100000) + "deep words here" + "</body></html>"), "cannot parse the page"},
		{"03-invalid-utf8.txt", []byte("Caf\xc3\x28 \xa0\xa1 talks resumed on Monday."), "not valid UTF-8"},
		{"04-bomb.jsonl.gz", gzipOf(make([]byte, 16<<20)), "gzip bomb"},
		{"05-truncated.jsonl.gz", truncated, "cut short"},
		{"06-nul.txt", []byte("Talks resumed\x00\x00 on Monday."), "binary"},
		{"07-binary.html", append([]byte("\x89PNG\r\n\x1a\n"), randomBytes(4096)...), "binary"},
		{"08-big.html", []byte(bigPage), "larger than"},
		{"09-bad-charset.html", []byte(`<html><head><meta charset="x-klingon"></head><body><p>Caf` + "\xe9\xff\xfe" + ` talks</p></body></html>`), "unknown charset"},
		{"10-broken.html", []byte("<html><body><div><p>unclosed <b><i></div>>>><< <<<"), "no article text"},
		{"11-short.warc", []byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\nshort"), "cut short"},
		{"12-nul-in-json.jsonl", []byte("{\"id\":\"x\",\x00\"text\":\"y\"}\n"), "not a JSON object"},
		{"13-deep.jsonl", []byte(`{"id":"d","published":"2024-01-01","text":"x","extra":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "}\n"), "not a JSON object"},
		{"14-random.gz", append([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}, randomBytes(2048)...), "corrupt"},
		{"15-random.rss", randomBytes(1024), "binary"},
		{"16-not-a-feed.xml", []byte("<?xml version=\"1.0\"?><catalog><book>x</book></catalog>"), "not an RSS or Atom feed"},
		{"17-random.warc.gz", gzipOf(randomBytes(8192)), "not a WARC record"},
		{"zz-good.jsonl", []byte(good), ""},
	}
	dir := t.TempDir()
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	arts, probs := collect(t, dir, Options{})
	got := strings.Join(ids(arts), " ")
	if !strings.HasSuffix(got, "good") || !strings.Contains(got, "after-huge") {
		t.Errorf("articles %q: want after-huge … good", got)
	}
	all := problemText(probs)
	for _, f := range files {
		if f.reason == "" {
			continue
		}
		found := false
		for _, p := range probs {
			if strings.HasSuffix(p.File, f.name) && strings.Contains(p.Error(), f.reason) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no problem with %q in:\n%s", f.name, f.reason, all)
		}
	}
	for _, a := range arts {
		if a.ID != "good" && a.ID != "after-huge" && !strings.HasPrefix(a.ID, "05-") && a.ID != "good" {
			t.Errorf("hostile input gave article %q from %s", a.ID, a.Origin)
		}
	}
}
