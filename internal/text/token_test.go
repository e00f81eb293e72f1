package text

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// tokenSentences are invented sentences for comparing Tokenize with
// oldTokenize: news prose with hyphens, possessives, abbreviations, numbers,
// quotes, unicode, odd punctuation, emoji and invalid UTF-8.
var tokenSentences = []string{
	"",
	" ",
	"a",
	"Pakistan’s army hit the Iran-Pakistan-Afghanistan border, U.S. officials said.",
	"Iran's foreign ministry didn't comment on the U.S.-led strikes, officials said.",
	"The US-led coalition and UK-based monitors said Iranian-backed militias withdrew.",
	"Jaish al-Adl fighters attacked a post near Koh-e-Sabz on Tuesday.",
	"About 1,200 people, or 3.5 percent, arrived at 10:30 a.m. on Monday.",
	"The fund lost $5 million, about 5% of its value, in 2023-24.",
	"He paused... then said -- quietly -- that talks (in Oslo) had \"failed.\"",
	"Mr. Smith met Gen. J. Doe in Jan. to discuss aid, e.g. food.",
	"Troops withdrew from the U.S.",
	"The deal was signed by Acme Inc. and Beta Corp. in Washington, D.C. on Friday.",
	"Call 555-0199 or +44 20 7946 0958 before 12-31-2020, not in 1990-95.",
	"Markets closed at 4pm after a 3.5km march by 20,000 people.",
	"Since the 1990's the party's base has shrunk; the '90s were different.",
	"Its not clear whether its army will stay.",
	"He dont know and I wont say, but youre wrong; we cannot wait, gonna go.",
	"Sen. Smith (R-Texas) met Dr.Jones on Sept. 9/11 anniversary.",
	"The pre- and post-war e-mail archive of the non-profit group.",
	"Follow @UN_News and #ceasefire updates at www.example.org/live!",
	"Details are at https://example.org/news?id=12 or write to press@example.org.",
	":) great news, the 6'2 striker is back!!!",
	"Officials (e.g. the U.S.'s envoy) said 'enough'...",
	"O'Neill's team reached the final, said Smith & Co. of AT&T.",
	"Bad \xff byte\xe2\x80 and ok.",
	"Flags 🇺🇸🇮🇷 and ‘quotes’ — and «guillemets».",
	"می‌خواهم and naïve café’s menu",
	"The ministers' meeting can't start, and it won't end soon.",
	"Rebels said they're ready; we've heard that, and we'll see what he'd do if I'm wrong.",
	"The group’s leader said it’s over and they don’t care.",
	"Russia-Ukraine talks: Kyiv's 12-point plan, Moscow's \"red lines\" and NATO's role.",
	"Hamas-run health ministry said 1,234,567 people were displaced; 13,14 and 1,2345 aren't numbers.",
	"Saudi-funded, Qatari-brokered, Egypt-mediated, Turkish-backed and Russian-armed groups met.",
	"The US-LED force, UK‐based NGOs and the EU‑funded project.",
	"Iran's-led? No: the Iran-led's bid, the US-led-backed plan and a-led.",
	"U.N. Secretary-General António Guterres's spokesman, Stéphane Dujarric, spoke.",
	"Ph.D. students at St. Mary's in Ft. Worth, Tex., e.g. Ms. O’Brien-Smith.",
	"The “Arab Spring” of 2011—and its aftermath—reshaped the region’s politics…",
	"Prices rose 2.5%-3% y/y; the ¥100bn, €5bn and £3.2m deals closed.",
	"Weather: 30°C, wind 15km/h; rain 5mm.",
	"¿Qué pasa? ¡Nada! dijo el presidente de la Confederación Suiza.",
	"Ердоган заявив, що Туреччина підтримає Україну.",
	"Премьер-министр России и Генсек ООН встретились в Нью-Йорке.",
	"وقال المتحدث باسم وزارة الخارجية الإيرانية إن طهران ستردّ.",
	"中国外交部发言人说，北京反对任何形式的制裁。",
	"日本の岸田首相は、東京で記者会見を開いた。",
	"नई दिल्ली में प्रधानमंत्री ने कहा कि भारत तैयार है।",
	"İstanbul'da Erdoğan'ın konuşması; Şırnak'taki olaylar.",
	"Zürich-based Nestlé S.A. and Société Générale's unit.",
	"The 2nd, 3rd and 21st divisions; x² + y³ = z½; Ⅻ legions; ① item.",
	"Emoji: 👍🏽 ❤️ 👨‍👩‍👧 🏳️‍🌈 #️⃣ 1️⃣ done.",
	"Control\x00chars\x01and\ttabs\vand\fforms\r\nnewline.",
	"NBSP\u00a0between\u2003em\u2009thin\u3000ideographic\u0085next\u2028line.",
	"Zero\u200bwidth\u200cnon\u200djoiner\u00adsoft\ufeffbom.",
	"A\u0301ccent combining e\u0301 and lone \u0301 mark, \u0903 spacing mark.",
	"Dashes: a–b, a—b, a‐b, a‑b, a−b, a--b, a-–b, -a, a-, -.",
	"Quotes: 'a' \"b\" `c` ´d´ ‘e’ “f” „g“ ‹h› «i» 「j」.",
	"Apostrophes: rock'n'roll, rock ’n’ roll, 'tis, 'em, ol', ma'am, y'all’re.",
	"Possessives: James' car, James's car, Jesus’ words, it's, its, he's, UK's, U.K.'s, 1990s's.",
	"Short: a's b’s ab's ab’s é's é’s x'S X's.",
	"Numbers: 1,2 1,23 1,234 1,2345 12,345,678.90 1.2.3 -5 +5 5- 0.5, .45 3/4 24/7 10:30:15.",
	"Ranges: 2010-2020, 9-6, 1-800-555-0199, 20500-0003, pp. 12-15, No. 5.",
	"Times: 5am, 5 a.m., 5.30pm, 17:00 GMT, 12/25/2024, 25.12.2024.",
	"Trailing joiners: word- word. word' word’ word& word, word.- word-.",
	"Double joiners: a..b a--b a''b a&&b a,,b 1,,2 1.,2 a.-b a-.b.",
	"Mixed: AT&T's, P&G, R&D-led, M&A-based, S&P 500, Q&A.",
	"URLs: http://www.example.com/a-b_c?x=1&y=2#frag, mailto:a.b@c.org, foo_bar.pdf, report-v2.docx.",
	"Handles: @UN, @un_news, #Gaza2024, #1, ##, @@, @ home.",
	"Emoticons: :-) :-( ;) :D =) (: ^_^ ^^ :/ :P :O.",
	"Brackets: (a) [b] {c} <d> ((e)) [[f]] (g's) (US-led).",
	"Odd: §5 ¶2 †dead ‡x •item ·dot ※note ☺ ★ ♥ ✓ ✗ ∞ ≈ ≠ ± × ÷.",
	"Currency: $1,000 US$5 C$10 HK$ 20 €1.000,50 ₹500 ₽ ₩ ₿0.5.",
	"Ordinals and letters: 1st 2nd 3rd 4th 11th; the F-16s and MiG-29s; Su-35S.",
	"Versions: v1.2 iOS-17 Windows 10/11 covid-19 COVID‑19 H5N1 SARS-CoV-2.",
	"Initials: J.R.R. Tolkien, George W. Bush, F.B.I. agents, U.S.-China, U.S.-based.",
	"Sentence.Another sentence.And another.Dr.Smith.Nov.28.reported.12",
	"ALL CAPS HEADLINE: IRAN'S FM SAYS U.S.-LED STRIKES \"ILLEGAL\"",
	"lower case tweet lol its gonna be ok dont worry wanna come",
	"Tab\tseparated\tvalues\tand  double  spaces   and trailing   ",
	"   leading spaces",
	"'s 's's ''s ’s’s s's 's's's",
	"-led -based US- -led US--led US-‐led US-led- US-led-",
	"x-led X-LED x-LED-led Ab-Led ab-Backed ab-BACK\u212aED ab-L\u0130NKED",
	"9/11-linked, 2003-born, 1990s-era, 3-run, US-run, U.S.-run.",
	"\u0301\u0301 \u0301a a\u0301 '\u0301 -\u0301 ,\u0301 1,\u06f1 ١,٢٣٤ 1,٢",
	"Arabic digits ١٢٣ and ٤٥٦,٧٨٩ and Devanagari १,२३४ and fullwidth １２３,４５６.",
	"Fullwidth: ＵＳ－ｌｅｄ ＵＳ’ｓ Ｕ．Ｓ． ＡＴ＆Ｔ.",
	"Hebrew: ישראל'ס and גרשיים צה\"ל and ג׳ ח״כ.",
	"Thai: ประเทศไทย์ and Khmer ខ្មែរ and Burmese မြန်မာ.",
	"Korean 한국's and Japanese 東京’s and Chinese 北京-led.",
	"Invalid: \xc3\x28 \xa0\xa1 \xe2\x28\xa1 \xe2\x82\x28 \xf0\x28\x8c\xbc \xf0\x90\x28\xbc \xf8\xa1\xa1\xa1\xa1 \xed\xa0\x80.",
	"Invalid in words: ab\xffcd ab\xff-cd ab-\xffcd Iran\xff's Iran'\xffs 1,\xff2 \xff\u0301.",
	"\xff",
	"\xe2\x80",
	"U+FFFD: \ufffd a\ufffdb.",
	"Replacement and marks: \ufffd\u0301 a\u0301\u0302\u0303-b\u0301.",
	"Surrogates escaped: \\ud83d\\ude00 and \\n.",
	"Math: a+b=c, a*b, a/b, a^b, a|b, a~b, a\\b, a_b, a@b, a#b, a%b.",
	"Long dash runs: ---, ___, ===, ***, ~~~, ..., …, ?!, !?, ?!?!, ...?, !.",
	"The 'U.S.-led' “coalition’s” (Iran-backed) [al-Qaeda-linked] {ISIS-inspired} attacks.",
	"Afghanistan's Taliban-run government and Pakistan's ISI-backed Haqqani network.",
	"Sheikh Hasina's Awami League-led alliance won 222 of 300 seats.",
	"N. Korea's Kim Jong-un and S. Korea's Yoon Suk-yeol met at Panmunjom.",
	"The Islamic Revolutionary Guard Corps' (IRGC) Quds Force commander was killed.",
	"Yemen's Houthi-controlled Sana'a and Aden-based government.",
	"Côte d'Ivoire, Guinea-Bissau, Timor-Leste and São Tomé and Príncipe voted.",
	"A 7.8-magnitude quake struck; 50,000+ dead, 1.5m displaced, $2.3bn damage.",
	"Israel-Hamas war: IDF says 1,200 killed Oct. 7; Gaza's MoH says 30,000+.",
	"the Kremlin-backed, Wagner-linked, Prigozhin-owned firms' assets",
	"President Biden's administration-proposed, Congress-drafted, UN-imposed sanctions.",
	"a&b a'b a’b a.b a-b a‐b a‑b a,b 1,2 1,234 a–b a—b a/b a:b a;b a!b a?b",
	"&a 'a ’a .a -a ‐a ‑a ,a a& a' a’ a. a- a‐ a‑ a,",
	"1'000 1’000 1.000 1-000 1&000 1,000,0 1,000,000 ,000 1,",
}

// checkTokenize reports how Tokenize(s) differs from oldTokenize(s).
func checkTokenize(s string) string {
	got, want := Tokenize(s), oldTokenize(s)
	n := min(len(got), len(want))
	for i := 0; i < n; i++ {
		if got[i] != want[i] {
			return fmt.Sprintf("token %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	switch {
	case len(got) > n:
		return fmt.Sprintf("extra token %d: %+v", n, got[n])
	case len(want) > n:
		return fmt.Sprintf("missing token %d: %+v", n, want[n])
	}
	return ""
}

// sharedTexts returns the texts of the shared treebanks (every "# text = "
// line) and of the evaluation articles (every article's text, whole and as
// sentences), read in place; nil when they are absent.
func sharedTexts(t testing.TB) []string {
	dir := filepath.Join("..", "..", "..", "shared")
	var texts []string
	banks, _ := filepath.Glob(filepath.Join(dir, "treebanks", "*.conllu"))
	for _, path := range banks {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			if line, ok := strings.CutPrefix(sc.Text(), "# text = "); ok {
				texts = append(texts, line)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	arts, _ := filepath.Glob(filepath.Join(dir, "eval", "peers", "*", "articles.jsonl"))
	arts = append(arts, filepath.Join(dir, "eval", "seed", "articles.jsonl"))
	for _, path := range arts {
		f, err := os.Open(path)
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			var a struct {
				Title, Text string
			}
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			texts = append(texts, a.Title, a.Text)
			for _, se := range Sentences(Clean(a.Text).Text) {
				texts = append(texts, se.Text)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	return texts
}

func TestTokenizeMatchesOld(t *testing.T) {
	bad, n := 0, 0
	compare := func(s string) {
		n++
		if d := checkTokenize(s); d != "" {
			bad++
			if bad <= 20 {
				t.Errorf("Tokenize(%q): %s", s, d)
			}
		}
	}
	for _, s := range tokenSentences {
		compare(s)
		// Every prefix and suffix, to cut words at every point.
		for i := 1; i < len(s); i++ {
			compare(s[:i])
			compare(s[i:])
		}
	}
	texts := sharedTexts(t)
	if len(texts) == 0 {
		t.Skip("no shared treebanks or articles at ../../../shared; compared the invented sentences only")
	}
	for _, s := range texts {
		compare(s)
	}
	t.Logf("compared %d texts, %d invented sentences with their prefixes and suffixes and %d shared texts; %d differ",
		n, len(tokenSentences), len(texts), bad)
	if bad > 0 {
		t.Errorf("%d texts tokenized differently", bad)
	}
}

// tokenPieces are what randomTokenizeInput strings together: letters,
// digits, the marks that join words, clitics, abbreviations, prefixes and
// compound suffixes, numbers of other scripts, marks, symbols, white space,
// control characters and invalid UTF-8.
var tokenPieces = []string{
	"a", "B", "s", "S", "t", "x", "1", "0", "5", "1990", "é", "ß", "İ", "\u212a", "ж", "ب", "中",
	"-", ".", "'", "’", "&", "‐", "‑", ",", "–", "—", "…", "`", "´", "ʼ",
	" ", "  ", "\t", "\n", "\u00a0", "\u2009", "\u3000", "\u0085", "\x00", "\x7f",
	"\u0301", "\u0903", "\u20dd", "²", "½", "Ⅻ", "١", "٢٣٤", "１",
	"\xff", "\xe2\x80", "\xc3", "\ufffd", "\u200d", "\u200c", "\u00ad", "\ufe0f", "\u200b",
	"_", ":", "/", "@", "#", "+", "$", "%", "(", ")", "\"", "“", "”", "!", "?", ";",
	"👍", "🏽", "🇺", "🇸", ":)", "^_^",
	"led", "based", "LED", "Backed", "run", "U.S.", "e.g.", "http://", "www.", ".com", ".pdf",
	"n't", "n’t", "'s", "’s", "'S", "'re", "can", "not", "gonna", "dont", "its", "it",
	"Mr", "Dr", "Gen", "Jan", "No", "pm", "km", "am", "e", "non", "pre", "Koh", "al",
}

// randomTokenizeInput strings 1 to 24 of tokenPieces together.
func randomTokenizeInput(rng *rand.Rand) string {
	var b strings.Builder
	for n := 1 + rng.IntN(24); n > 0; n-- {
		b.WriteString(tokenPieces[rng.IntN(len(tokenPieces))])
	}
	return b.String()
}

func TestTokenizeMatchesOldRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		s := randomTokenizeInput(rng)
		if d := checkTokenize(s); d != "" {
			t.Fatalf("Tokenize(%q): %s", s, d)
		}
	}
}

// TestTokenizeEveryCharacter compares Tokenize with oldTokenize on every
// code point of planes 0 to 3 and 14 (planes 4 to 13 are unassigned, 15 and
// 16 private), on its own and between letters and digits.
func TestTokenizeEveryCharacter(t *testing.T) {
	bad := 0
	var b strings.Builder
	for r := rune(0); r <= unicode.MaxRune; r++ {
		switch {
		case r == 0xd800:
			r = 0xdfff // surrogates
			continue
		case r == 0x40000:
			r = 0xdffff
			continue
		case r == 0xf0100:
			r = 0x10fff0
		}
		c := string(r)
		b.WriteString(c + " A" + c + "b1" + c + "2" + c + " ")
		if r%512 != 511 && r != unicode.MaxRune {
			continue
		}
		s := b.String()
		b.Reset()
		if d := checkTokenize(s); d != "" {
			bad++
			if bad <= 20 {
				t.Errorf("Tokenize(%q): %s", s, d)
			}
		}
	}
}

func TestTokenizeWordsReuses(t *testing.T) {
	s := "Iran's U.S.-led talks, 1,200 al-Adl… 👍🏽"
	ws := Words(s)
	if got, want := TokenizeWords(s, ws), oldTokenize(s); len(got) != len(want) {
		t.Fatalf("TokenizeWords: %d tokens, want %d", len(got), len(want))
	}
	if allocs := testing.AllocsPerRun(100, func() { TokenizeWords(s, ws) }); allocs > 2 {
		t.Errorf("TokenizeWords allocates %v times, want at most 2", allocs)
	}
}

func FuzzTokenizeMatchesOld(f *testing.F) {
	for _, s := range tokenSentences {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d := checkTokenize(s); d != "" {
			t.Fatalf("Tokenize(%q): %s", s, d)
		}
	})
}

// benchSentences are the sentences the Tokenize benchmarks split: the
// shared treebanks' when present, else the invented ones.
func benchSentences(b *testing.B) []string {
	texts := sharedTexts(b)
	if len(texts) > 20000 {
		texts = texts[:20000]
	}
	if len(texts) == 0 {
		texts = tokenSentences
	}
	return texts
}

func benchmarkTokenize(b *testing.B, tokenize func(string) []Token) {
	sents := benchSentences(b)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, s := range sents {
			tokenize(s)
		}
		n += len(sents)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/sentence")
}

func BenchmarkTokenize(b *testing.B)    { benchmarkTokenize(b, Tokenize) }
func BenchmarkOldTokenize(b *testing.B) { benchmarkTokenize(b, oldTokenize) }
