// Package dedup finds near-duplicate articles: wire copies of one story
// run by several outlets with small edits (a new headline, a trimmed last
// paragraph, a changed word). Each article's words are cut into
// overlapping shingles of three words; a MinHash signature of 128 hashes
// estimates the Jaccard similarity of two articles' shingle sets, and
// locality-sensitive hashing (bands of the signature) finds candidates
// without comparing every pair. A candidate is a duplicate when its
// estimated Jaccard similarity reaches the threshold, or when the shorter
// text lies (almost) wholly inside the longer one (a copy cut short).
//
// Memory is about 700 bytes per distinct article kept, plus its id.
package dedup

import (
	"crypto/sha256"
	"encoding/binary"
	"hash/fnv"
	"math"
	"strings"
	"sync"
	"unicode"
)

// DefaultThreshold is the Jaccard similarity of word shingles above which
// two articles are the same story.
const DefaultThreshold = 0.8

// numHashes is the signature length; shingleSize the words per shingle.
const (
	numHashes   = 128
	shingleSize = 3
)

// Index remembers the articles it has seen and tells whether a new one
// duplicates an earlier one. The zero value is not usable; build one with
// New. It is safe for concurrent use.
type Index struct {
	threshold float64
	bands     int // signature bands
	rows      int // rows (hash values) per band

	mu      sync.Mutex
	seq     int
	exact   map[[16]byte]string   // normalised text → first id
	ids     map[string]idEntry    // id → what was seen under it
	sigs    map[string]*entry     // id of a kept article → its signature
	buckets []map[uint64][]string // per band: band hash → ids
}

type idEntry struct {
	sum [16]byte // normalised text's hash
	of  string   // the article it duplicates, or itself
}

type entry struct {
	seq int
	n   int // shingles
	sig [numHashes]uint32
}

// New returns an empty Index that calls two articles duplicates when the
// estimated Jaccard similarity of their word shingles is at least
// threshold (0 < threshold ≤ 1; anything else means DefaultThreshold).
func New(threshold float64) *Index {
	if !(threshold > 0 && threshold <= 1) {
		threshold = DefaultThreshold
	}
	b, r := bandsFor(threshold)
	x := &Index{threshold: threshold, bands: b, rows: r,
		exact: map[[16]byte]string{}, ids: map[string]idEntry{}, sigs: map[string]*entry{},
		buckets: make([]map[uint64][]string, b)}
	for i := range x.buckets {
		x.buckets[i] = map[uint64][]string{}
	}
	return x
}

// bandsFor splits the signature into b bands of r rows so that the LSH
// curve's steepest point, (1/b)^(1/r), sits well below the threshold:
// pairs above it are almost always candidates (and so are copies cut
// short, whose Jaccard similarity is lower), and candidates are then
// checked against the whole signature.
func bandsFor(t float64) (b, r int) {
	best := math.Inf(1)
	for rr := 1; rr <= numHashes; rr++ {
		bb := numHashes / rr
		if bb < 1 {
			break
		}
		p := math.Pow(1/float64(bb), 1/float64(rr))
		if d := math.Abs(p - (t - 0.25)); d < best {
			best, b, r = d, bb, rr
		}
	}
	return b, r
}

// Threshold is the similarity at or above which Add reports a duplicate.
func (x *Index) Threshold() float64 { return x.threshold }

// Add records the article id with its text. When the text duplicates an
// article added earlier, Add returns that article's id and ok true (the
// earliest such article, or for a copy of a copy the article it copied);
// the duplicate itself is not indexed, so later copies point at the
// original. Adding the same id with the same text again (a re-ingest) is
// a duplicate of that id; the same id with a new text is a new article.
// Texts too short for shingles are compared exactly; a text with no
// words is never a duplicate and is not kept.
func (x *Index) Add(id, text string) (dupOf string, ok bool) {
	words := normWords(text)
	if len(words) == 0 {
		return "", false
	}
	sum := textSum(words)
	var sig *entry
	if len(words) >= shingleSize {
		sig = &entry{n: len(words) - shingleSize + 1, sig: signature(words)}
	}

	x.mu.Lock()
	defer x.mu.Unlock()
	if e, seen := x.ids[id]; seen && e.sum == sum {
		return e.of, true
	}
	if first, seen := x.exact[sum]; seen {
		x.ids[id] = idEntry{sum: sum, of: first}
		return first, true
	}
	if sig != nil {
		if of, found := x.nearest(sig); found {
			x.ids[id] = idEntry{sum: sum, of: of}
			return of, true
		}
	}
	x.exact[sum] = id
	x.ids[id] = idEntry{sum: sum, of: id}
	if sig != nil {
		x.seq++
		sig.seq = x.seq
		x.sigs[id] = sig
		for b := range x.buckets {
			k := bandKey(sig, b, x.rows)
			x.buckets[b][k] = append(x.buckets[b][k], id)
		}
	}
	return "", false
}

// nearest finds the earliest kept article whose signature agrees with
// sig on at least the threshold share of hashes.
func (x *Index) nearest(sig *entry) (string, bool) {
	best, bestSeq := "", 0
	for b := range x.buckets {
		for _, cand := range x.buckets[b][bandKey(sig, b, x.rows)] {
			ce := x.sigs[cand]
			if ce == nil || (best != "" && ce.seq >= bestSeq) {
				continue
			}
			if x.same(sig, ce) {
				best, bestSeq = cand, ce.seq
			}
		}
	}
	return best, best != ""
}

// same reports whether two kept signatures are one story: their
// estimated Jaccard similarity reaches the threshold, or the shorter
// text's shingles are (almost) all in the longer one's (a copy with its
// last paragraphs cut), which is estimated from the Jaccard similarity and
// the two sizes as J·(|A|+|B|) / ((1+J)·min(|A|,|B|)).
func (x *Index) same(a, b *entry) bool {
	j := similarity(&a.sig, &b.sig)
	if j >= x.threshold {
		return true
	}
	if j < x.threshold/2 {
		return false
	}
	c := j * float64(a.n+b.n) / ((1 + j) * float64(min(a.n, b.n)))
	return c >= max(x.threshold, containment)
}

// containment is the least share of the shorter text's shingles found in
// the longer one for a cut copy to be a duplicate.
const containment = 0.9

// Len is the number of distinct articles kept.
func (x *Index) Len() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.exact)
}

// similarity estimates the Jaccard similarity of two signatures: the
// share of their hash values that agree.
func similarity(a, b *[numHashes]uint32) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / numHashes
}

// Jaccard estimates the similarity of two texts' word shingles, as Add
// compares them. It is for tests and tuning.
func Jaccard(a, b string) float64 {
	wa, wb := normWords(a), normWords(b)
	if len(wa) < shingleSize || len(wb) < shingleSize {
		if textSum(wa) == textSum(wb) {
			return 1
		}
		return 0
	}
	sa, sb := signature(wa), signature(wb)
	return similarity(&sa, &sb)
}

// normWords lower-cases text and keeps its words (letters and digits),
// so that punctuation, spacing and case do not tell copies apart.
func normWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func textSum(words []string) [16]byte {
	h := sha256.Sum256([]byte(strings.Join(words, " ")))
	var s [16]byte
	copy(s[:], h[:16])
	return s
}

// signature is the MinHash of the word shingles: for each of numHashes
// hash functions, the least hash over the shingles.
func signature(words []string) [numHashes]uint32 {
	var sig [numHashes]uint32
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	h := fnv.New64a()
	for i := 0; i+shingleSize <= len(words); i++ {
		h.Reset()
		for j := 0; j < shingleSize; j++ {
			h.Write([]byte(words[i+j]))
			h.Write([]byte{0})
		}
		base := h.Sum64()
		for k := range sig {
			if v := uint32(mix(base ^ seeds[k])); v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig
}

// seeds make numHashes independent hash functions out of one.
var seeds = func() [numHashes]uint64 {
	var s [numHashes]uint64
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x = mix(x + uint64(i))
		s[i] = x
	}
	return s
}()

// mix is SplitMix64's finaliser.
func mix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// bandKey hashes band b of a signature (with the band number, so equal
// values in different bands do not meet).
func bandKey(e *entry, b, rows int) uint64 {
	h := fnv.New64a()
	var buf [4]byte
	binary.LittleEndian.PutUint32(buf[:], uint32(b))
	h.Write(buf[:])
	for _, v := range e.sig[b*rows : (b+1)*rows] {
		binary.LittleEndian.PutUint32(buf[:], v)
		h.Write(buf[:])
	}
	return h.Sum64()
}
