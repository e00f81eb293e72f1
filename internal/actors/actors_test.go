package actors

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-events/dyad/data"
	"github.com/dyad-events/dyad/internal/text"
)

// bundled is the dictionary shipped with dyad (data/actors), built once
// per test binary.
var bundled = sync.OnceValues(func() (*Dictionary, error) {
	es, err := LoadFS(data.FS, "actors")
	if err != nil {
		return nil, err
	}
	return New(es), nil
})

func fictional(t *testing.T) *Dictionary {
	t.Helper()
	es, err := LoadPath("testdata/fictional.tsv")
	if err != nil {
		t.Fatal(err)
	}
	return New(es)
}

func TestMentions(t *testing.T) {
	d := fictional(t)
	day := time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		sentence string
		want     []string // "text=CODE", modifiers marked with "~"
	}{
		{"Ruritanian missiles and drones hit Graustark.", []string{"Ruritanian missiles and drones=RURMIL", "Graustark=GRA"}},
		{"The Ruritanian ambassador to Graustark returned to Strelsau.", []string{"Ruritanian ambassador=RURGOV", "~Graustark=GRA", "Strelsau=RURGOV"}},
		{"His Graustarkian counterpart met 9 Ruritanians.", []string{"Graustarkian counterpart=GRAGOV", "Ruritanians=RURCVL"}},
		{"Graustark's army shelled villagers.", []string{"Graustark's army=GRAMIL", "villagers=CVL"}},
		{"Halfont spoke to the foreign minister of Ruritania.", []string{"Halfont=GRAGOV", "foreign minister of Ruritania=RURGOV"}},
		{"The Ruritania-Graustark border was quiet.", nil},
		{"Marchers blocked Strelsau Road and the Gulf of Graustark.", nil},
		{"Strelsau blocked the road to Graustark.", []string{"Strelsau=RURGOV", "Graustark=GRA"}},
		{"The Strelsau Courier reported the vote.", []string{"The Strelsau Courier=RURMED"}},
		{"The Strelsau Courier Electoral Board met.", []string{"Strelsau=RURGOV", "Electoral Board=RURGOV"}},
		{"The Ruritanian bank raised its rates.", []string{"Ruritanian bank=RURBUS"}},
		{"Troops fired from the Ruritanian bank of the river.", []string{"Troops=MIL", "Ruritanian=RUR"}},
		{"Ships docked in West New Ruritania and in Graustark.", []string{"Graustark=GRA"}}, // a place named after a country
	}
	for _, tc := range tests {
		toks := text.Tokenize(tc.sentence)
		var got []string
		for _, m := range d.Mentions(tc.sentence, toks, day) {
			s := text.Slice(tc.sentence, m.RuneStart, m.RuneEnd) + "=" + m.Code()
			if m.Modifier {
				s = "~" + s
			}
			got = append(got, s)
		}
		if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
			t.Errorf("%s\n got: %q\nwant: %q", tc.sentence, got, tc.want)
		}
	}
}

func TestTermsOfOffice(t *testing.T) {
	d := fictional(t)
	s := "Halfont visited Strelsau."
	toks := text.Tokenize(s)
	in := d.Mentions(s, toks, time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC))
	out := d.Mentions(s, toks, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC))
	if len(in) != 2 || in[0].Code() != "GRAGOV" {
		t.Errorf("in office: got %+v", in)
	}
	if len(out) != 1 {
		t.Errorf("after leaving office Halfont should not code as GRAGOV; got %d mentions", len(out))
	}
	// "then-" and "former" reach back to the term held before.
	after := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ sentence, want string }{
		{"The then-president Yetive Halfont visited Strelsau.", "GRAGOV"},
		{"Former president Yetive Halfont visited Strelsau.", "GRAELI"},
		{"The ex-president, Halfont, visited Strelsau.", "GRAELI"},
		{"Yetive Halfont visited Strelsau.", ""},
	} {
		toks := text.Tokenize(tc.sentence)
		got := ""
		for _, m := range d.Mentions(tc.sentence, toks, after) {
			if strings.Contains(m.Text, "Halfont") {
				got = m.Code()
			}
		}
		if got != tc.want {
			t.Errorf("%s on %s: Halfont coded %q, want %q", tc.sentence, after.Format("2006-01-02"), got, tc.want)
		}
	}
}

func TestUserOverrides(t *testing.T) {
	base := []Entry{{Country: "RUR", Kind: KindCountry, Names: []string{"Ruritania"}}}
	user := []Entry{{Country: "XRU", Kind: KindCountry, Names: []string{"ruritania"}}}
	d := New(base, user)
	s := "Ruritania protested."
	ms := d.Mentions(s, text.Tokenize(s), time.Time{})
	if len(ms) != 1 || ms[0].Country != "XRU" {
		t.Errorf("user entry should override the bundled one: %+v", ms)
	}
}

func TestCaseSensitiveShortNames(t *testing.T) {
	d := New([]Entry{{Country: "USA", Kind: KindCountry, Names: []string{"US"}}})
	for s, want := range map[string]int{"US troops left.": 1, "Tell us more.": 0} {
		if got := len(d.Mentions(s, text.Tokenize(s), time.Time{})); got != want {
			t.Errorf("%q: %d mentions, want %d", s, got, want)
		}
	}
}

func TestBrokenDictionary(t *testing.T) {
	_, err := LoadPath("testdata/broken.tsv")
	if err == nil || !strings.Contains(err.Error(), "broken.tsv:3: country:") {
		t.Fatalf("want an error naming file, line and field; got %v", err)
	}
}

func TestBundledLoads(t *testing.T) {
	d, err := bundled()
	if err != nil {
		t.Fatal(err)
	}
	if d.Size() < 1000 {
		t.Errorf("bundled dictionary has only %d names", d.Size())
	}
	s := "Pakistan’s army and the Iranian foreign minister met in Tehran."
	var codes []string
	for _, m := range d.Mentions(s, text.Tokenize(s), time.Date(2024, 1, 29, 0, 0, 0, 0, time.UTC)) {
		codes = append(codes, m.Code())
	}
	if got := strings.Join(codes, " "); got != "PAKMIL IRNGOV IRNGOV" {
		t.Errorf("bundled: got %s", got)
	}
}

func BenchmarkMentions(b *testing.B) {
	d, err := bundled()
	if err != nil {
		b.Fatal(err)
	}
	s := "On Saturday the Iranian ambassador to Pakistan returned to Islamabad while his Pakistani counterpart re-registered his credentials in Tehran."
	toks := text.Tokenize(s)
	day := time.Date(2024, 1, 29, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		d.Mentions(s, toks, day)
	}
}

// Known-group codes load from the optional sixth field (after valid, which
// may then be "-" or empty); lines with four or five fields have none.
func TestGroupCodes(t *testing.T) {
	es, err := LoadPath("testdata/groups.tsv")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range es {
		got[e.Names[0]] = e.Group
	}
	for _, c := range []struct{ name, group string }{
		{"United Nations", "UNO"},
		{"Atlantic Pact", "NAT"},
		{"Red Hand", "RHB"},
		{"Ruritanian People's Party", ""},
		{"Strelsau Rights Watch", ""},
	} {
		if g, ok := got[c.name]; !ok || g != c.group {
			t.Errorf("%s: group %q (found %v), want %q", c.name, g, ok, c.group)
		}
	}
	d := New(es)
	day := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ sentence, want string }{
		{"The UN condemned the Red Hand Brigades.", "UN=IGO/UNO; Red Hand Brigades=RURREB/RHB"},
		{"Strelsau Rights Watch officials met the Atlantic Pact.", "Strelsau Rights Watch=NGO/; Atlantic Pact=IGO/NAT"},
	} {
		var ms []string
		for _, m := range d.Mentions(c.sentence, text.Tokenize(c.sentence), day) {
			ms = append(ms, text.Slice(c.sentence, m.RuneStart, m.RuneEnd)+"="+m.Code()+"/"+m.Group)
		}
		if strings.Join(ms, "; ") != c.want {
			t.Errorf("%s\n got: %s\nwant: %s", c.sentence, strings.Join(ms, "; "), c.want)
		}
	}
}

// A bad known-group code is an error naming the file, the line and the
// field; so is a sixth field too many.
func TestBadGroupCodes(t *testing.T) {
	if _, err := LoadPath("testdata/badgroup.tsv"); err == nil || !strings.Contains(err.Error(), "badgroup.tsv:3: group:") {
		t.Errorf("want an error naming badgroup.tsv, line 3 and group; got %v", err)
	}
	for _, c := range []struct{ line, want string }{
		{"-\tIGO\tigo\tUnited Nations\t-\tuno", `user.tsv:1: group: "uno" is not '-' or a 3-letter upper-case code`},
		{"-\tIGO\tigo\tUnited Nations\t-\tUN", `user.tsv:1: group: "UN" is not '-' or a 3-letter code`},
		{"-\tIGO\tigo\tUnited Nations\t-\tUNO1", `user.tsv:1: group: "UNO1" is not '-' or a 3-letter code`},
		{"-\tIGO\tigo\tUnited Nations\t-\tU2O", `user.tsv:1: group: "U2O" is not '-' or a 3-letter upper-case code`},
		{"-\tIGO\tigo\tUnited Nations\tsoon\tUNO", `user.tsv:1: valid: "soon" is not FROM..TO`},
		{"-\tIGO\tigo\tUnited Nations\t-\tUNO\textra", "user.tsv:1: want 4 to 6 tab-separated fields"},
	} {
		_, err := ParseFile("user.tsv", strings.NewReader(c.line+"\n"))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.line, err, c.want)
		}
	}
}

// The bundled dictionaries give the bodies the issue names each its own
// group code.
func TestBundledGroupCodes(t *testing.T) {
	d, err := bundled()
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
	for name, want := range map[string]string{
		"the United Nations": "UNO", "the UN Security Council": "UNO", "the European Union": "EEC", "the African Union": "AFU",
		"NATO": "NAT", "OPEC": "OPC", "ECOWAS": "WAS", "the Arab League": "ARL", "ASEAN": "ASN", "the World Bank": "WBK",
		"the Red Cross": "IRC", "Amnesty International": "AMN", "Hamas": "HMS", "Hezbollah": "HEZ", "the Taliban": "TAL",
		"al-Qaeda": "ALQ",
	} {
		s := name + " met on Monday."
		ms := d.Mentions(s, text.Tokenize(s), day)
		if len(ms) == 0 || ms[0].Group != want {
			t.Errorf("%s: mentions %+v, want group %s", name, ms, want)
		}
	}
}
