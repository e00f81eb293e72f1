package places

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/text"
)

// mentionStrings renders mentions as "surface => Name,ISO3,precision".
func mentionStrings(ms []Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text+" => "+m.Place.Name+","+m.Place.Country+","+m.Place.Precision)
	}
	return out
}

// checkOffsets reports mentions whose offsets do not hold their text in s.
func checkOffsets(t *testing.T, s string, ms []Mention) {
	t.Helper()
	rs := []rune(s)
	prev := 0
	for _, m := range ms {
		if m.Start < prev || m.End <= m.Start || m.End > len(rs) || string(rs[m.Start:m.End]) != m.Text {
			t.Errorf("bad offsets %d..%d for %q in %q", m.Start, m.End, m.Text, s)
		}
		prev = m.End
	}
}

func TestFindWords(t *testing.T) {
	g := mustBundled(t)
	for _, c := range []struct {
		name, text string
		ctx        []string
		want       []string
	}{
		{"hyphens-and-possessive", "Fighters of Jaish al-Adl struck Koh-e-Sabz village in Pakistan's Baluchistan Province.", nil,
			[]string{"Koh-e-Sabz => Koh-e-Sabz,PAK,city", "Pakistan => Pakistan,PAK,country", "Baluchistan Province => Balochistan,PAK,admin1"}},
		{"dotted-abbreviation", "The U.S.-led coalition struck Mosul again.", nil,
			[]string{"U.S. => United States,USA,country", "Mosul => Mosul,IRQ,city"}},
		{"abbreviation-possessive", "The U.S.'s envoy flew to Kabul.", nil,
			[]string{"U.S. => United States,USA,country", "Kabul => Kabul,AFG,city"}},
		// UD leaves "U.S" and ".." here; the mention is the word.
		{"abbreviation-before-dots", "Troops withdrew from the U.S..", nil,
			[]string{"U.S => United States,USA,country"}},
		// The period of "St." is its word's, so the name runs on.
		{"saint", "A strike hit St. Petersburg, Russia, at dawn.", nil,
			[]string{"St. Petersburg => Saint Petersburg,RUS,city", "Russia => Russia,RUS,country"}},
		// A title makes the next name a person's.
		{"title", "Gen. Jordan arrived in Amman on Sunday.", nil, []string{"Amman => Amman,JOR,city"}},
		{"no-title", "Jordan arrived in Amman on Sunday.", nil,
			[]string{"Jordan => Jordan,JOR,country", "Amman => Amman,JOR,city"}},
		{"prefix-word", "An anti-Iran rally in Baghdad drew crowds.", nil,
			[]string{"Iran => Iran,IRN,country", "Baghdad => Baghdad,IRQ,city"}},
		{"curly-possessive", "Kyiv’s mayor met reporters in Lviv.", nil,
			[]string{"Kyiv => Kyiv,UKR,city", "Lviv => Lviv,UKR,city"}},
		// An acute accent for an apostrophe: UD splits it off, the matcher
		// reads a possessive.
		{"accent-possessive", "Iran´s navy seized a tanker near Bandar Abbas.", nil,
			[]string{"Iran => Iran,IRN,country", "Bandar Abbas => Bandar Abbas,IRN,city"}},
		// ‘ for the ayn: UD takes it for a quote, the matcher for an
		// apostrophe inside the name.
		{"ayn", "Shelling hit Ta‘izz overnight.", []string{"YEM"}, []string{"Ta‘izz => Taiz,YEM,city"}},
		{"ayn-province", "Shelling hit Ta'izz province overnight.", nil,
			[]string{"Ta'izz province => Ta‘izz,YEM,admin1"}},
		{"accents", "Clashes erupted in Sarāvān and Zāhedān.", nil,
			[]string{"Sarāvān => Saravan,IRN,city", "Zāhedān => Zahedan,IRN,city"}},
		{"two-sentences", "Gunmen attacked a bus near Quetta. Officials in Kabul denied any role.", nil,
			[]string{"Quetta => Quetta,PAK,city", "Kabul => Kabul,AFG,city"}},
		{"person", "Mr. Kelly's office in Dublin said so.", nil, []string{"Dublin => Dublin,IRL,city"}},
		{"none", "Nothing happened here today.", nil, nil},
		{"empty", "", nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := Context{Countries: c.ctx}
			ms := g.FindWords(c.text, text.Words(c.text), ctx)
			got := mentionStrings(ms)
			if strings.Join(got, " ; ") != strings.Join(c.want, " ; ") {
				t.Errorf("FindWords(%q)\n got  %q\n want %q", c.text, got, c.want)
			}
			checkOffsets(t, c.text, ms)
			if f := mentionStrings(g.Find(c.text, ctx)); strings.Join(f, " ; ") != strings.Join(got, " ; ") {
				t.Errorf("Find(%q) = %q, FindWords %q", c.text, f, got)
			}
		})
	}
}

// TestFindWordsLongerContext passes the words of one sentence of a longer
// text: they are found there alone, at offsets within the text passed.
func TestFindWordsLongerContext(t *testing.T) {
	g := mustBundled(t)
	long := "Shelling near Zāhedān killed two. Officials in Kabul said Herat was calm.\nNo one spoke for Quetta."
	sents := text.Sentences(long)
	if len(sents) != 3 {
		t.Fatalf("%d sentences, want 3", len(sents))
	}
	want := []string{"Kabul => Kabul,AFG,city", "Herat => Herat,AFG,city"}

	// The words of the whole text, and the run of them in the second
	// sentence: offsets within long.
	all := text.Words(long)
	var run []text.Word
	for _, w := range all {
		if w.ByteStart >= sents[1].ByteStart && w.ByteEnd <= sents[1].ByteEnd {
			run = append(run, w)
		}
	}
	ms := g.FindWords(long, run, Context{})
	if got := mentionStrings(ms); strings.Join(got, " ; ") != strings.Join(want, " ; ") {
		t.Fatalf("FindWords(long, run) = %q, want %q", got, want)
	}
	checkOffsets(t, long, ms)
	if k := strings.Index(long, "Kabul"); ms[0].Start != utf8.RuneCountInString(long[:k]) {
		t.Errorf("Kabul at %d, want %d", ms[0].Start, utf8.RuneCountInString(long[:k]))
	}

	// The sentence alone, split by itself: offsets within it, and moved by
	// the sentence's start they are those above.
	alone := g.FindWords(sents[1].Text, text.Words(sents[1].Text), Context{})
	if len(alone) != len(ms) {
		t.Fatalf("sentence alone: %q", mentionStrings(alone))
	}
	for i := range alone {
		if alone[i].Start+sents[1].Start != ms[i].Start || alone[i].End+sents[1].Start != ms[i].End || alone[i].Text != ms[i].Text {
			t.Errorf("mention %d: %+v alone, %+v in the text", i, alone[i], ms[i])
		}
	}

	// Find reads the whole text, sentence by sentence.
	whole := g.Find(long, Context{})
	checkOffsets(t, long, whole)
	if got := mentionStrings(whole); len(got) != 4 || got[0] != "Zāhedān => Zahedan,IRN,city" || got[3] != "Quetta => Quetta,PAK,city" {
		t.Errorf("Find(long) = %q", got)
	}
}

func TestFindWordsPanicsOnForeignWords(t *testing.T) {
	g := mustBundled(t)
	defer func() {
		if recover() == nil {
			t.Error("no panic for words of another sentence")
		}
	}()
	g.FindWords("Kabul", text.Words("Clashes in Herat and Kandahar."), Context{})
}

// A name does not run across a line break, which ends a sentence.
func TestFindLines(t *testing.T) {
	g := mustBundled(t)
	if got := mentionStrings(g.Find("Troops left New Delhi quietly.", Context{})); len(got) != 1 || got[0] != "New Delhi => Delhi,IND,city" {
		t.Errorf("one line: %q", got)
	}
	if got := mentionStrings(g.Find("Troops left New\nDelhi quietly.", Context{})); len(got) != 0 {
		t.Errorf("two lines: %q", got)
	}
}

func TestTokens(t *testing.T) {
	type tok struct {
		key, gap                          string
		capital, allCaps, poss, sentStart bool
	}
	for _, c := range []struct {
		in   string
		want []tok
	}{
		{"al-Adl's men in Koh-e-Sabz", []tok{
			{"al", "", false, false, false, true}, {"adl", "-", true, false, true, false},
			{"men", "", false, false, false, false}, {"in", "", false, false, false, false},
			{"koh", "", true, false, false, false}, {"e", "-", false, false, false, false},
			{"sabz", "-", true, false, false, false}}},
		{"U.S.-led strikes on Baluchistan's capital", []tok{
			{"us", "", true, true, false, true}, {"led", "-", false, false, false, false},
			{"strikes", "", false, false, false, false}, {"on", "", false, false, false, false},
			{"baluchistan", "", true, false, true, false}, {"capital", "", false, false, false, false}}},
		{"St. Petersburg", []tok{{"st", "", true, false, false, true}, {"petersburg", "", true, false, false, false}}},
		{"non-binding talks (in Oslo): KABUL", []tok{
			{"non", "", false, false, false, true}, {"binding", "-", false, false, false, false},
			{"talks", "", false, false, false, false}, {"in", "(", false, false, false, false},
			{"oslo", "", true, false, false, false}, {"kabul", "):", true, true, false, true}}},
		{"Sana'a and Ta‘izz, Val'd", []tok{
			{"sanaa", "", true, false, false, true}, {"and", "", false, false, false, false},
			{"taizz", "", true, false, false, false}, {"vald", ",", true, false, false, false}}},
		{"Troops cannot reach Sarāvān’s 1990's", []tok{
			{"troops", "", true, false, false, true}, {"can", "", false, false, false, false},
			{"not", "", false, false, false, false}, {"reach", "", false, false, false, false},
			{"saravan", "", true, false, true, false}, {"1990", "", false, false, true, false}}},
	} {
		ws := text.Words(c.in)
		var tz tokenizer
		tz.reset(c.in)
		tz.sentence(ws, 0, 0)
		toks := tz.done()
		var got []tok
		for _, k := range toks {
			got = append(got, tok{k.key, k.gap, k.capital, k.allCaps, k.poss, k.sentStart})
			// Offsets in bytes and code points hold the same text.
			if rs := []rune(c.in); string(rs[k.start:k.end]) != c.in[k.byteStart:k.byteEnd] {
				t.Errorf("%q: token %q at %d..%d, bytes %d..%d", c.in, k.key, k.start, k.end, k.byteStart, k.byteEnd)
			}
		}
		if len(got) != len(c.want) {
			t.Errorf("%q: got %+v\nwant %+v", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q token %d: got %+v, want %+v", c.in, i, got[i], c.want[i])
			}
		}
	}
}

func TestFoldWords(t *testing.T) {
	for in, want := range map[string]string{
		"Ta‘izz":           "taizz",
		"Şa‘dah":           "sadah",
		"Zefel'd-in-Tirol": "zefeld in tirol",
		"St. Petersburg":   "st petersburg",
		"Washington, D.C.": "washington dc",
		"Cannot":           "can not",
		"Mid-Atlantic":     "mid atlantic",
		"ʻEua":             "ʻeua",
		"":                 "",
		"--":               "",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// keysOf joins the keys of tokens as Fold does.
func keysOf(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.key)
	}
	return b.String()
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Sarāvān", "Koh-e-Sabz", "Sana'a", "Ta‘izz's", "U.S.'s", "St. Petersburg", "Val'd",
		"Iran´s", "cannot", "\xff'\xfe", "x's'", "'s-Hertogenbosch", "A‘ b", "its not", "5km", "a.b", "e.g.Kabul"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := keysOf(tokenize(s))
		if got := Fold(s); got != want {
			t.Errorf("Fold(%q) = %q, tokens %q", s, got, want)
		}
		if got, ok := foldFast(s); ok && got != want {
			t.Errorf("foldFast(%q) = %q, tokens %q", s, got, want)
		}
	})
}

func FuzzFindWords(f *testing.F) {
	for _, s := range []string{
		"Iran struck Koh-e-Sabz village in Pakistan's Baluchistan Province.",
		"Shelling hit Ta‘izz; the U.S.'s envoy left St. Petersburg, Russia.",
		"Clashes in Sarāvān\nand Kabul´s airport.", "'s", "‘", "Ta‘ ‘izz", "\xffKabul's",
	} {
		f.Add(s)
	}
	g := mustBundled(f)
	f.Fuzz(func(t *testing.T, s string) {
		ws := text.Words(s)
		ms := g.FindWords(s, ws, Context{Countries: []string{"PAK"}})
		for i, m := range ms {
			if i > 0 && m.Start < ms[i-1].End {
				t.Fatalf("%q: mentions overlap: %+v", s, ms)
			}
			if m.End <= m.Start || m.Text == "" {
				t.Fatalf("%q: empty mention %+v", s, m)
			}
		}
		if utf8.ValidString(s) {
			checkOffsets(t, s, ms)
		}
		// One sentence is read alike by Find.
		if ss := text.Sentences(s); len(ss) == 1 {
			a, b := mentionStrings(ms), mentionStrings(g.Find(s, Context{Countries: []string{"PAK"}}))
			if strings.Join(a, "\n") != strings.Join(b, "\n") {
				t.Errorf("%q: FindWords %q, Find %q", s, a, b)
			}
		}
	})
}
