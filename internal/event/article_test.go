package event

import (
	"testing"
	"time"
)

func TestIsEnglish(t *testing.T) {
	for lang, want := range map[string]bool{"": true, "en": true, "fr": false, "zh": false} {
		if got := (Article{Language: lang}).IsEnglish(); got != want {
			t.Errorf("IsEnglish(%q) = %v", lang, got)
		}
	}
}

// The content hash depends on the date, title, text and HTML, is stable,
// and is the one stores written before it moved here hold.
func TestContentHash(t *testing.T) {
	d := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	a := Article{ID: "a", URL: "https://example.org/a", Published: d, Title: "t", Text: "x"}
	if got := a.ContentHash(); got != "aceef95074c5058b697bf3ca2327cef9" {
		t.Errorf("hash %s: want aceef95074c5058b697bf3ca2327cef9, as stored by earlier versions", got)
	}
	b := a
	b.ID, b.URL = "b", "https://mirror.example.org/b"
	if b.ContentHash() != a.ContentHash() {
		t.Error("the hash depends on the id or URL")
	}
	for _, change := range []func(*Article){
		func(a *Article) { a.Published = a.Published.AddDate(0, 0, 1) },
		func(a *Article) { a.Title = "u" },
		func(a *Article) { a.Text = "y" },
		func(a *Article) { a.HTML = "<p>x</p>" },
	} {
		c := a
		change(&c)
		if c.ContentHash() == a.ContentHash() {
			t.Errorf("%+v: same hash as %+v", c, a)
		}
	}
}
