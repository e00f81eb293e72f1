package pipeline

import (
	"testing"
	"testing/fstest"
)

func TestDigestChangesWithContent(t *testing.T) {
	a := fstest.MapFS{"verbs/a.tsv": {Data: []byte("010\tverb\tsay\n")}}
	b := fstest.MapFS{"verbs/a.tsv": {Data: []byte("010\tverb\tstate\n")}}
	da, err := Digest(a, "verbs")
	if err != nil {
		t.Fatal(err)
	}
	db, err := Digest(b, "verbs")
	if err != nil {
		t.Fatal(err)
	}
	if da == db || len(da) != 12 {
		t.Errorf("digests %q and %q: want two different 12-digit digests", da, db)
	}
	again, _ := Digest(a, "verbs")
	if again != da {
		t.Errorf("digest not stable: %q then %q", da, again)
	}
	if _, err := Digest(a, "missing"); err == nil {
		t.Error("a missing folder should be an error")
	}
}
