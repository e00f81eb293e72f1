package store

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Hash is an article's content hash: what makes two articles the same
// story for the store and for the queue's de-duplication. It covers the
// publication date (it anchors every relative date), the title and the
// text, not the id or URL, so the same text under two URLs is a duplicate.
func Hash(published time.Time, title, text, html string) string {
	h := sha256.New()
	h.Write([]byte(published.UTC().Format("2006-01-02")))
	for _, s := range []string{title, text, html} {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
