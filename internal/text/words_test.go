package text

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func forms(ws []Word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Form
	}
	return out
}

func TestWords(t *testing.T) {
	cases := []struct {
		in   string
		want string // tokens joined by " | "
	}{
		{"Iran's foreign ministry didn't comment on the U.S.-led strikes, officials said.",
			"Iran | 's | foreign | ministry | did | n't | comment | on | the | U.S. | - | led | strikes | , | officials | said | ."},
		{"The ministers' meeting can't start, and it won't end soon.",
			"The | ministers | ' | meeting | ca | n't | start | , | and | it | wo | n't | end | soon | ."},
		{"Rebels said they're ready; we've heard that, and we'll see what he'd do if I'm wrong.",
			"Rebels | said | they | 're | ready | ; | we | 've | heard | that | , | and | we | 'll | see | what | he | 'd | do | if | I | 'm | wrong | ."},
		{"The group’s leader said it’s over and they don’t care.",
			"The | group | ’s | leader | said | it | ’s | over | and | they | do | n’t | care | ."},
		{"Iran-backed militias clashed with Jaish al-Adl fighters near Koh-e-Sabz.",
			"Iran | - | backed | militias | clashed | with | Jaish | al | - | Adl | fighters | near | Koh | - | e | - | Sabz | ."},
		{"Mr. Smith met Gen. J. Doe in Jan. to discuss aid, e.g. food.",
			"Mr. | Smith | met | Gen. | J. | Doe | in | Jan. | to | discuss | aid | , | e.g. | food | ."},
		{"About 1,200 people, or 3.5 percent, arrived at 10:30 a.m. on Monday.",
			"About | 1,200 | people | , | or | 3.5 | percent | , | arrived | at | 10:30 | a.m. | on | Monday | ."},
		{"The fund lost $5 million, about 5% of its value.",
			"The | fund | lost | $ | 5 | million | , | about | 5 | % | of | its | value | ."},
		{"Details are at https://example.org/news?id=12 or write to press@example.org.",
			"Details | are | at | https://example.org/news?id=12 | or | write | to | press@example.org | ."},
		{"He paused... then said -- quietly -- that talks (in Oslo) had \"failed.\"",
			"He | paused | ... | then | said | -- | quietly | -- | that | talks | ( | in | Oslo | ) | had | \" | failed | . | \""},
		{"We cannot say; they're gonna vote.",
			"We | can | not | say | ; | they | 're | gon | na | vote | ."},
		{"Troops withdrew from the U.S.",
			"Troops | withdrew | from | the | U.S."},
		{"The deal was signed by Acme Inc. and Beta Corp. in Washington, D.C. on Friday.",
			"The | deal | was | signed | by | Acme | Inc. | and | Beta | Corp. | in | Washington | , | D.C. | on | Friday | ."},
		{"They chose Plan B.", "They | chose | Plan | B | ."},
		{"Asked again, he said no.", "Asked | again | , | he | said | no | ."},
		{"Call 555-0199 or +44 20 7946 0958 before 12-31-2020, not in 1990-95.",
			"Call | 555-0199 | or | +44 | 20 | 7946 | 0958 | before | 12-31-2020 | , | not | in | 1990 | - | 95 | ."},
		{"Markets closed at 4pm after a 3.5km march by 20,000 people.",
			"Markets | closed | at | 4 | pm | after | a | 3.5 | km | march | by | 20,000 | people | ."},
		{"Since the 1990's the party's base has shrunk.",
			"Since | the | 1990's | the | party | 's | base | has | shrunk | ."},
		{"Its not clear whether its army will stay.",
			"It | s | not | clear | whether | its | army | will | stay | ."},
		{"He dont know and I wont say, but youre wrong.",
			"He | do | nt | know | and | I | wo | nt | say | , | but | you | re | wrong | ."},
		{"Sen. Smith (R-Texas) met Dr.Jones on Sept. 9/11 anniversary.",
			"Sen. | Smith | ( | R | - | Texas | ) | met | Dr. | Jones | on | Sept. | 9/11 | anniversary | ."},
		{"The pre- and post-war e-mail archive of the non-profit group.",
			"The | pre | - | and | post-war | e-mail | archive | of | the | non-profit | group | ."},
		{"Follow @UN_News and #ceasefire updates at www.example.org/live!",
			"Follow | @UN_News | and | #ceasefire | updates | at | www.example.org/live | !"},
		{":) great news, the 6'2 striker is back!!!",
			":) | great | news | , | the | 6 | ' | 2 | striker | is | back | !!!"},
		{"Officials (e.g. the U.S.'s envoy) said 'enough'...",
			"Officials | ( | e.g. | the | U.S. | 's | envoy | ) | said | ' | enough | ' | ..."},
		{"O'Neill's team reached the final, said Smith & Co. of AT&T.",
			"O'Neill | 's | team | reached | the | final | , | said | Smith | & | Co. | of | AT&T | ."},
		{"Bad \xff byte\xe2\x80 and ok.", "Bad | \xff | byte | \xe2 | \x80 | and | ok | ."},
		{"Flags 🇺🇸🇮🇷 and ‘quotes’ — and «guillemets».",
			"Flags | 🇺🇸 | 🇮🇷 | and | ‘ | quotes | ’ | — | and | « | guillemets | » | ."},
		{"می‌خواهم and naïve café’s menu", "می‌خواهم | and | naïve | café | ’s | menu"},
		{"The non-binding resolution passed 9-6.",
			"The | non-binding | resolution | passed | 9 | - | 6 | ."},
		{"Was it really over?!", "Was | it | really | over | ?!"},
		{"Officials in Tehran said “no” to the 15-year deal.",
			"Officials | in | Tehran | said | “ | no | ” | to | the | 15 | - | year | deal | ."},
		{"Протесты прошли в Москве, 東京 и Киеве 👍🏽.",
			"Протесты | прошли | в | Москве | , | 東京 | и | Киеве | 👍🏽 | ."},
		{"", ""},
		{"   ", ""},
	}
	for _, c := range cases {
		got := strings.Join(forms(Words(c.in)), " | ")
		want := strings.TrimSpace(c.want)
		if got != want {
			t.Errorf("Words(%q)\n got: %s\nwant: %s", c.in, got, want)
		}
	}
}

func TestWordsOffsets(t *testing.T) {
	s := "Café “Zürich” isn't open."
	ws := Words(s)
	want := []Word{
		{"Café", 0, 4, 0, 5, true},
		{"“", 5, 6, 6, 9, false},
		{"Zürich", 6, 12, 9, 16, false},
		{"”", 12, 13, 16, 19, true},
		{"is", 14, 16, 20, 22, false},
		{"n't", 16, 19, 22, 25, true},
		{"open", 20, 24, 26, 30, false},
		{".", 24, 25, 30, 31, false},
	}
	if !reflect.DeepEqual(ws, want) {
		t.Errorf("Words(%q) =\n%+v\nwant\n%+v", s, ws, want)
	}
}

func TestAppendWordsReuses(t *testing.T) {
	buf := make([]Word, 0, 64)
	buf = AppendWords(buf[:0], "First sentence here.")
	buf = AppendWords(buf[:0], "Second one.")
	if got := strings.Join(forms(buf), " "); got != "Second one ." {
		t.Errorf("got %q", got)
	}
	ws := AppendWords([]Word{{Form: "x"}}, "a b")
	if len(ws) != 3 || ws[1].Form != "a" || ws[2].Start != 2 {
		t.Errorf("AppendWords kept prefix wrongly: %+v", ws)
	}
	if n := testing.AllocsPerRun(100, func() {
		buf = AppendWords(buf[:0], "Iran's ministry didn't comment on the U.S.-led strikes, officials said.")
	}); n != 0 {
		t.Errorf("AppendWords allocated %v times with a reused slice", n)
	}
}

// checkWords verifies the invariants every tokenization must keep.
func checkWords(t *testing.T, s string, ws []Word) {
	t.Helper()
	covered := make([]bool, len(s))
	prevByte, prevRune := 0, 0
	for i, w := range ws {
		if w.Form == "" {
			t.Fatalf("%q: empty word %d", s, i)
		}
		if w.ByteStart < prevByte || w.ByteEnd <= w.ByteStart || w.ByteEnd > len(s) {
			t.Fatalf("%q: bad byte span of word %d: %+v", s, i, w)
		}
		if w.Form != s[w.ByteStart:w.ByteEnd] {
			t.Fatalf("%q: word %d form %q != %q", s, i, w.Form, s[w.ByteStart:w.ByteEnd])
		}
		if w.Start != prevRune+utf8.RuneCountInString(s[prevByte:w.ByteStart]) ||
			w.End != w.Start+utf8.RuneCountInString(w.Form) {
			t.Fatalf("%q: code point span of word %d inconsistent: %+v", s, i, w)
		}
		rest := s[w.ByteEnd:]
		r, _ := utf8.DecodeRuneInString(rest)
		if sp := rest != "" && unicode.IsSpace(r); sp != w.SpaceAfter {
			t.Fatalf("%q: word %d SpaceAfter=%v", s, i, w.SpaceAfter)
		}
		for k := w.ByteStart; k < w.ByteEnd; k++ {
			covered[k] = true
		}
		prevByte, prevRune = w.ByteEnd, w.End
	}
	for i, r := range s {
		if !unicode.IsSpace(r) && !covered[i] {
			t.Fatalf("%q: byte %d (%q) outside every word", s, i, r)
		}
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range []string{
		"Iran's foreign ministry didn't comment on the U.S.-led strikes, officials said.",
		"He said \"no.\" (Really?!) -- e-mail me at a.b@c.org or see http://x.y/z.",
		"Gen. J. Doe, 45, won't go; $5.5m or 5% by 10:30 a.m. ministers' cannot",
		"Café 東京 👨‍👩‍👧 ❤️ x\u0301 \xff\xfe bad",
		"'90s U.S.'s ’twas .45 +44 ... -- ***",
		"\u00a0\u2028 a\u200bb ‐‑ —–",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkWords(t, s, Words(s))
	})
}

func BenchmarkWords(b *testing.B) {
	sents := []string{
		"Iran's foreign ministry didn't comment on the U.S.-led strikes, officials said.",
		"The Pakistani army said on Tuesday that 12 militants, including a commander of Jaish al-Adl, were killed in a raid near the Iran-Pakistan border.",
		"\"We cannot accept this,\" Gen. Ahmad Vahidi told reporters in Tehran, adding that about 1,200 troops had been sent to Sistan-Baluchestan province.",
		"Prices rose 3.5% to $1,250 per tonne at 10:30 a.m., according to a statement posted on https://example.com/markets.",
		"Der Präsident traf sich am Montag mit Vertretern der Regierung in Zürich – und sprach über die Krise.",
	}
	size := 0
	for _, s := range sents {
		size += len(s)
	}
	buf := make([]Word, 0, 128)
	b.SetBytes(int64(size / len(sents)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = AppendWords(buf[:0], sents[i%len(sents)])
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/sentence")
}

// treebankSentence is one sentence of a CoNLL-U file: its text and the byte
// spans of its word forms within the text.
type treebankSentence struct {
	text  string
	spans [][2]int
}

// readTreebank reads the sentences of a CoNLL-U file, taking the words of a
// multi-word token when they spell its surface form and the surface form
// otherwise.
func readTreebank(t testing.TB, path string) []treebankSentence {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []treebankSentence
	var text string
	var forms []string
	var mwtSurface string
	var mwtParts []string
	mwtEnd := 0
	flush := func() {
		if text == "" && forms == nil {
			return
		}
		ts := treebankSentence{text: text}
		pos := 0
		for _, w := range forms {
			for pos < len(text) {
				r, n := utf8.DecodeRuneInString(text[pos:])
				if !unicode.IsSpace(r) {
					break
				}
				pos += n
			}
			if !strings.HasPrefix(text[pos:], w) {
				t.Fatalf("%s: word %q does not align with text %q", path, w, text)
			}
			ts.spans = append(ts.spans, [2]int{pos, pos + len(w)})
			pos += len(w)
		}
		out = append(out, ts)
		text, forms = "", nil
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "# text = "):
			text = line[len("# text = "):]
		case strings.HasPrefix(line, "#"):
		default:
			cols := strings.Split(line, "\t")
			if len(cols) < 2 {
				continue
			}
			id := cols[0]
			if strings.Contains(id, ".") {
				continue // empty node
			}
			if lo, hi, ok := strings.Cut(id, "-"); ok {
				mwtSurface, mwtParts = cols[1], nil
				mwtEnd = atoi(hi) - atoi(lo) + 1
				continue
			}
			if mwtEnd > 0 {
				mwtParts = append(mwtParts, cols[1])
				if len(mwtParts) == mwtEnd {
					if strings.Join(mwtParts, "") == mwtSurface {
						forms = append(forms, mwtParts...)
					} else {
						forms = append(forms, mwtSurface)
					}
					mwtEnd = 0
				}
				continue
			}
			forms = append(forms, cols[1])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	flush()
	return out
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// treebankScore tokenizes every sentence and returns the fraction tokenized
// exactly as the treebank does and the token F1, tokens matching by span.
func treebankScore(sents []treebankSentence, mismatch func(treebankSentence, []Word)) (acc, f1 float64) {
	exact, gold, pred, match := 0, 0, 0, 0
	var buf []Word
	for _, ts := range sents {
		buf = AppendWords(buf[:0], ts.text)
		gold += len(ts.spans)
		pred += len(buf)
		want := make(map[[2]int]bool, len(ts.spans))
		for _, sp := range ts.spans {
			want[sp] = true
		}
		m := 0
		for _, w := range buf {
			if want[[2]int{w.ByteStart, w.ByteEnd}] {
				m++
			}
		}
		match += m
		if m == len(ts.spans) && m == len(buf) {
			exact++
		} else if mismatch != nil {
			mismatch(ts, buf)
		}
	}
	p, r := float64(match)/float64(pred), float64(match)/float64(gold)
	return float64(exact) / float64(len(sents)), 2 * p * r / (p + r)
}

func TestWordsTreebanks(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "treebanks")
	for _, c := range []struct {
		file        string
		minAccuracy float64
		minF1       float64
	}{
		// Reached: GUM dev 0.9916 and 0.9994, EWT dev 0.9495 and 0.9925.
		{"gum-dev.conllu", 0.985, 0.998},
		{"ewt-dev.conllu", 0.94, 0.99},
	} {
		path := filepath.Join(dir, c.file)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("treebank %s not available (%v); skipping the UD tokenization check", path, err)
		}
		sents := readTreebank(t, path)
		acc, f1 := treebankScore(sents, nil)
		t.Logf("%s: %d sentences, sentence accuracy %.4f, token F1 %.4f", c.file, len(sents), acc, f1)
		if acc < c.minAccuracy || f1 < c.minF1 {
			t.Errorf("%s: sentence accuracy %.4f (want ≥ %.3f), token F1 %.4f (want ≥ %.3f)",
				c.file, acc, c.minAccuracy, f1, c.minF1)
		}
	}
}

func TestTreebankScore(t *testing.T) {
	// A made-up sentence in CoNLL-U, with a multi-word token.
	const conllu = "# sent_id = x-1\n" +
		"# text = Iran's envoy didn't go.\n" +
		"1-2\tIran's\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"1\tIran\tIran\tPROPN\tNNP\t_\t3\tnmod:poss\t_\tSpaceAfter=No\n" +
		"2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_\n" +
		"3\tenvoy\tenvoy\tNOUN\tNN\t_\t6\tnsubj\t_\t_\n" +
		"4-5\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"4\tdid\tdo\tAUX\tVBD\t_\t6\taux\t_\tSpaceAfter=No\n" +
		"5\tn't\tnot\tPART\tRB\t_\t6\tadvmod\t_\t_\n" +
		"6\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n" +
		"7\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_\n\n" +
		"# text = The U.N.-backed plan\n" +
		"1\tThe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n" +
		"2\tU.N.\tU.N.\tPROPN\tNNP\t_\t4\tobl\t_\tSpaceAfter=No\n" +
		"3\t-\t-\tPUNCT\tHYPH\t_\t2\tpunct\t_\tSpaceAfter=No\n" +
		"4\tbacked\tback\tVERB\tVBN\t_\t5\tamod\t_\t_\n" +
		"5\tplan\tplan\tNOUN\tNN\t_\t0\troot\t_\t_\n\n" +
		"# text = Wait... what\n" +
		"1\tWait\twait\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n" +
		"2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\tSpaceAfter=No\n" +
		"3\t..\t..\tPUNCT\t.\t_\t1\tpunct\t_\t_\n" +
		"4\twhat\twhat\tPRON\tWP\t_\t1\tobj\t_\t_\n"
	path := filepath.Join(t.TempDir(), "tiny.conllu")
	if err := os.WriteFile(path, []byte(conllu), 0o644); err != nil {
		t.Fatal(err)
	}
	sents := readTreebank(t, path)
	if len(sents) != 3 || len(sents[0].spans) != 7 || sents[0].spans[1] != [2]int{4, 6} {
		t.Fatalf("readTreebank: %+v", sents)
	}
	var missed []string
	acc, f1 := treebankScore(sents, func(ts treebankSentence, _ []Word) { missed = append(missed, ts.text) })
	// The third sentence's treebank splits its ellipsis oddly ("." ".."),
	// so 14 of 15 words predicted match 14 of 16 in the treebank.
	p, r := 14.0/15, 14.0/16
	wantF1 := 2 * p * r / (p + r)
	if acc != 2.0/3 || f1 < wantF1-1e-9 || f1 > wantF1+1e-9 || len(missed) != 1 || missed[0] != "Wait... what" {
		t.Errorf("treebankScore = %v, %v (want %v, %v), missed %q", acc, f1, 2.0/3, wantF1, missed)
	}
}

func TestDatelineWords(t *testing.T) {
	cases := []struct {
		in   string
		want string // the dateline's words joined by spaces, "" for none
	}{
		{"TBILISI — Georgia recalled its envoy on Friday.", "TBILISI —"},
		{"ACCRA, Ghana (AP) — Lawmakers voted late on Monday.", "ACCRA , Ghana ( AP ) —"},
		{"Port Moresby - Police said two men were held.", "Port Moresby -"},
		{"Georgia recalled its envoy — a rare step — on Friday.", ""},
		{"— Georgia recalled its envoy.", ""},
		{"Officials in the capital said nothing.", ""},
		{"The talks - which began in May - stalled.", ""},
	}
	for _, c := range cases {
		ws := Words(c.in)
		n := DatelineWords(ws)
		var got []string
		for _, w := range ws[:n] {
			got = append(got, w.Form)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%q: dateline %q, want %q", c.in, g, c.want)
		}
	}
}
