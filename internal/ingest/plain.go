package ingest

import (
	"bufio"
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/event"
)

// baseID is the id of an article read from a whole file: its name
// without directory, compression suffix or extension.
func baseID(kindName string) string {
	b := filepath.Base(kindName)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

func readText(name, kindName string, br *bufio.Reader, opt Options, emit func(event.Article) error, bad func(Problem)) error {
	b, tooBig, err := readAllCapped(br, MaxArticle)
	if err != nil {
		bad(Problem{File: name, Err: inputError(err)})
		return nil
	}
	if tooBig {
		bad(Problem{File: name, Err: fmt.Errorf("file larger than %d bytes; not read", MaxArticle)})
		return nil
	}
	if binary(b) {
		bad(Problem{File: name, Err: fmt.Errorf("binary file, not text")})
		return nil
	}
	if bytes.IndexByte(b, 0) >= 0 {
		bad(Problem{File: name, Err: fmt.Errorf("binary file (NUL bytes), not text")})
		return nil
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		bad(Problem{File: name, Err: fmt.Errorf("not valid UTF-8 text; convert it to UTF-8 first")})
		return nil
	}
	if strings.TrimSpace(string(b)) == "" {
		bad(Problem{File: name, Field: "text", Err: fmt.Errorf("empty file")})
		return nil
	}
	if opt.Published.IsZero() {
		bad(Problem{File: name, Field: "published", Err: fmt.Errorf("plain text has no date; give --published YYYY-MM-DD")})
		return nil
	}
	return emit(event.Article{ID: baseID(kindName), Text: string(b), Published: opt.Published, Origin: name})
}
