package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
)

// Digest is a short fingerprint of the files under root in fsys (root "."
// for all): SHA-256 over each file's path and contents, in path order, as
// the first 12 hex digits. Two builds whose dictionaries, patterns,
// gazetteer or model differ have different digests.
func Digest(fsys fs.FS, root string) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := fsys.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "%s\x00", path)
		_, err = io.Copy(h, f)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("digest %s: %w", root, err)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}
