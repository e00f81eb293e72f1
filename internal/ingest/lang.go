package ingest

import (
	"strings"
	"unicode"
)

// stopWords are the commonest short words of languages written in the
// Latin alphabet: enough to tell a news story's language from its first
// paragraphs.
var stopWords = map[string]string{
	"en": "the of and to is was that for with on by said from has have were are it its his this which would not but at be they their after who will been had an",
	"fr": "de le la les des du une est et dans pour qui sur au aux avec ne pas ce cette sont été il elle par mais ont selon plus leur a un",
	"de": "der die das und ist nicht mit den dem von sich auf für ein eine einer des im zu wurde werden auch bei nach sie hat wie dass oder es",
	"es": "el los las del que y en por con una para es se su al como más pero fue sus ha este esta según sobre entre también un",
	"it": "il di che e la gli della delle del per non una sono con nel alla anche è si ha dal dei più come ma questo stato degli un",
	"pt": "o os as de que e do da dos das em um uma para com não por no na foi mais ao se seu sua pelo pela também está são",
	"nl": "de het een en van is dat op te zijn niet met voor die werd wordt ook aan hij bij er maar naar om heeft door nog dan",
	"tr": "ve bir bu da de için ile olarak daha çok gibi olan ama kadar sonra ancak göre değil var yok her ya ne şu",
	"pl": "i w na z się że nie do to jest o jak po od ale przez za tym są już jego oraz było także który która które",
	"sv": "och att det som en på är av för med till den har de inte om ett men var sig från så kan vid efter",
	"id": "yang dan di dari ini itu dengan untuk tidak dalam akan pada juga ke karena oleh ada mereka telah sebagai adalah bahwa",
}

// stopIndex maps a stop word to the languages it belongs to.
var stopIndex = func() map[string][]string {
	idx := map[string][]string{}
	for lang, words := range stopWords {
		for _, w := range strings.Fields(words) {
			idx[w] = append(idx[w], lang)
		}
	}
	return idx
}()

// DetectLanguage guesses the language of text and returns its ISO 639-1
// code ("en", "fr", "ru", "zh", …), or "" when it cannot tell (too short,
// too mixed). Scripts other than Latin are told by their letters
// (Cyrillic, Arabic, Hebrew, Greek, Devanagari, Thai, Han, kana, Hangul);
// Latin-script languages by their commonest words (and Turkish also by
// its dotless ı and ğ). Only the first 32 KB
// of text are read.
func DetectLanguage(text string) string {
	if len(text) > 32<<10 {
		text = text[:32<<10]
	}
	if l := byScript(text); l != "" {
		return l
	}
	score := map[string]int{}
	words := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		words++
		for _, l := range stopIndex[strings.Trim(w, "'")] {
			score[l]++
		}
		// Turkish has few short words but letters of its own.
		if strings.ContainsAny(w, "ığ") {
			score["tr"]++
		}
	}
	best, second := "", 0
	for l, s := range score {
		switch {
		case best == "" || s > score[best] || (s == score[best] && l < best):
			if best != "" {
				second = max(second, score[best])
			}
			best = l
		default:
			second = max(second, s)
		}
	}
	// Too few stop words, too small a share of the words, or a close
	// second: no guess.
	if best == "" || score[best] < 3 || score[best]*5 < words || score[best]*4 < second*5 {
		return ""
	}
	return best
}

// byScript names the language of a text mostly written in a script used
// by few languages, or "" for Latin script or too few letters.
func byScript(text string) string {
	var latin, cyr, ukr, arab, persian, urdu, hebrew, greek, deva, thai, han, kana, hangul, total int
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		total++
		switch {
		case r < 0x250:
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
			if strings.ContainsRune("іїєґІЇЄҐ", r) {
				ukr++
			}
		case unicode.Is(unicode.Arabic, r):
			arab++
			if strings.ContainsRune("پچژگکی", r) {
				persian++
			}
			if strings.ContainsRune("ٹڈڑےںھ", r) {
				urdu++
			}
		case unicode.Is(unicode.Hebrew, r):
			hebrew++
		case unicode.Is(unicode.Greek, r):
			greek++
		case unicode.Is(unicode.Devanagari, r):
			deva++
		case unicode.Is(unicode.Thai, r):
			thai++
		case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		}
		if total >= 4000 {
			break
		}
	}
	if total < 20 || latin*2 >= total {
		return ""
	}
	half := func(n int) bool { return n*2 >= total }
	switch {
	case half(cyr):
		if ukr*50 > cyr {
			return "uk"
		}
		return "ru"
	case half(arab):
		switch {
		case urdu*50 > arab:
			return "ur"
		case persian*30 > arab:
			return "fa"
		}
		return "ar"
	case half(hebrew):
		return "he"
	case half(greek):
		return "el"
	case half(deva):
		return "hi"
	case half(thai):
		return "th"
	case half(hangul):
		return "ko"
	case half(han + kana):
		if kana*10 > han+kana {
			return "ja"
		}
		return "zh"
	}
	return ""
}
