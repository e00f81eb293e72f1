package event

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// Article is one news article, the one article type every package speaks,
// from reading it to storing and serving it. The readers (ingest, the
// queue, the watcher) fill what the input says; the stages read its ID,
// Text and Published; pipeline.Result.StoreArticle gives the form the
// store keeps, with the cleaned text and the content hash; the store adds
// DuplicateOf, Events and CodedAt when it reads the article back. Its
// JSON is the stored article as the API serves it: what only the input
// holds (HTML, Byline, Extra) is left out.
type Article struct {
	ID string `json:"id"`
	// Origin says where the article was read: "file:line" (for a WARC
	// archive "file:record", for a feed "file:item"), or the page's URL
	// for an article the watcher fetched.
	Origin string `json:"origin,omitempty"`
	URL    string `json:"url,omitempty"`
	Title  string `json:"title,omitempty"`
	// Published is the day the article was published, at midnight UTC:
	// every relative date in the text is read against it.
	Published time.Time `json:"published"`
	// Hash is the content hash the store de-duplicates by: ContentHash
	// of the article as read (pipeline.Result.StoreArticle sets it), or,
	// when the store is given none, of what it keeps (no HTML).
	Hash string `json:"hash"`
	// Language is the ISO 639-1 code of the language the text is written
	// in ("en", "fr", …) as ingest.DetectLanguage guesses it (for a stored
	// article: as the input's "language" field says, when it has one), or
	// "" when the text is too short or too mixed to tell. See IsEnglish.
	Language string `json:"language,omitempty"`
	// DuplicateOf is, for a stored article whose Hash matches an article
	// stored before, that article's id; its events are not stored.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Text is the article's text: as the input gives it, until coded; in
	// the store (pipeline.Result.StoreArticle on) the cleaned text, which
	// the events' evidence offsets refer to (and which recode codes again).
	Text string `json:"text,omitempty"`
	// HTML is the page a JSONL record gave (its text is extracted from it
	// when the record has none); it counts in Hash and is not stored.
	HTML string `json:"-"`
	// Byline is the author line, when the input names one (HTML metadata,
	// feed item author); it is not stored.
	Byline string `json:"-"`
	// Extra keeps the input's fields dyad does not know, so nothing a user
	// sent is lost on the way through the queue; it is not stored.
	Extra map[string]json.RawMessage `json:"-"`
	// Events is the number of events the store holds for the article (set
	// when the store reads it; ignored when storing).
	Events int `json:"events"`
	// CodedAt is when the store stored the article (set by the store).
	CodedAt time.Time `json:"coded_at"`
	// Coder is the version of the coder that coded the article's events
	// (pipeline.Pipeline.CoderVersion, as each of its events says).
	Coder string `json:"coder,omitempty"`
}

// IsEnglish reports whether the article is in English or its language
// could not be told (short texts are given the benefit of the doubt).
// Callers that code English only skip articles for which it is false.
func (a Article) IsEnglish() bool {
	return a.Language == "" || a.Language == "en"
}

// ContentHash is the article's content hash: what makes two articles the
// same story for the store and for the queue's de-duplication. It covers
// the publication date (it anchors every relative date), the title, the
// text and the HTML, not the id or URL, so the same text under two URLs
// is a duplicate.
func (a Article) ContentHash() string {
	h := sha256.New()
	h.Write([]byte(a.Published.UTC().Format("2006-01-02")))
	for _, s := range []string{a.Title, a.Text, a.HTML} {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
