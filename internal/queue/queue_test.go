package queue

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/dyad-events/dyad/internal/event"
)

func TestEncodeDecode(t *testing.T) {
	a := event.Article{ID: "x", URL: "u", Published: time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC), Title: "t", Text: "body",
		Byline: "b", Language: "en", Origin: "f.jsonl:3", Extra: map[string]json.RawMessage{"language": json.RawMessage(`"en"`)}}
	b, err := Encode(a)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != a.ID || !got.Published.Equal(a.Published) || got.Text != a.Text || got.Origin != a.Origin || string(got.Extra["language"]) != `"en"` ||
		got.Language != a.Language || got.Byline != a.Byline {
		t.Errorf("round trip: %+v", got)
	}
	if ArticleHash(got) != ArticleHash(a) {
		t.Error("hash changed in transit")
	}
	for _, bad := range []string{`{`, `{"id":"x","published":"soon"}`, `{"published":"2024-01-01"}`} {
		if _, err := Decode([]byte(bad)); err == nil {
			t.Errorf("Decode(%s): no error", bad)
		}
	}
}
