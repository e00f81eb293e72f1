package store

import (
	"encoding/base64"
	"fmt"
	"strings"
	"unicode"
)

// where builds the SQL condition (with ? placeholders) and its arguments
// for f, over the events table aliased "e". No user string is ever put in
// the SQL text: every value is a parameter.
func (d *Dialect) where(f Filter) (string, []any, error) {
	var conds []string
	var args []any
	add := func(c string, a ...any) { conds = append(conds, c); args = append(args, a...) }
	if !f.Start.IsZero() {
		add("e.date >= ?", d.DateArg(f.Start.Format("2006-01-02")))
	}
	if !f.End.IsZero() {
		add("e.date <= ?", d.DateArg(f.End.Format("2006-01-02")))
	}
	actor := func(side, code string) (string, []any) {
		code = strings.ToUpper(strings.TrimSpace(code))
		if len(code) == 3 {
			return "(e." + side + "_code = ? OR e." + side + "_country = ?)", []any{code, code}
		}
		return "e." + side + "_code = ?", []any{code}
	}
	if f.Actor != "" {
		s, sa := actor("source", f.Actor)
		t, ta := actor("target", f.Actor)
		add("("+s+" OR "+t+")", append(sa, ta...)...)
	}
	if f.Dyad[0] != "" || f.Dyad[1] != "" {
		if f.Dyad[0] == "" || f.Dyad[1] == "" {
			return "", nil, fmt.Errorf("dyad needs two actor codes")
		}
		x, y := strings.ToUpper(strings.TrimSpace(f.Dyad[0])), strings.ToUpper(strings.TrimSpace(f.Dyad[1]))
		if countryCode(x) && countryCode(y) {
			// Two countries: each direction is one lookup in events_dyad.
			add("((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))", x, y, y, x)
		} else {
			s0, a0 := actor("source", f.Dyad[0])
			t1, a1 := actor("target", f.Dyad[1])
			s1, a2 := actor("source", f.Dyad[1])
			t0, a3 := actor("target", f.Dyad[0])
			var a []any
			a = append(append(append(append(a, a0...), a1...), a2...), a3...)
			add("(("+s0+" AND "+t1+") OR ("+s1+" AND "+t0+"))", a...)
		}
	}
	if f.Code != "" {
		if !digits(f.Code) || len(f.Code) > 4 {
			return "", nil, fmt.Errorf("CAMEO code %q: want 2 to 4 digits", f.Code)
		}
		switch len(f.Code) {
		case 1, 2:
			add("e.root = ?", pad2(f.Code))
		case 3:
			// The code and its sub-codes ("195" and "1951"…"1959"): a
			// range of the cameo index, which LIKE would not use.
			add("e.cameo >= ? AND e.cameo < ?", f.Code, nextCode(f.Code))
		default:
			add("e.cameo = ?", f.Code)
		}
	}
	if f.Root != "" {
		if !digits(f.Root) || len(f.Root) > 2 {
			return "", nil, fmt.Errorf("CAMEO root %q: want 2 digits", f.Root)
		}
		add("e.root = ?", pad2(f.Root))
	}
	if f.Quad != 0 {
		if f.Quad < 1 || f.Quad > 4 {
			return "", nil, fmt.Errorf("quad class %d: want 1 to 4", f.Quad)
		}
		add("e.quad = ?", f.Quad)
	}
	if g := strings.ToUpper(strings.TrimSpace(f.Group)); g != "" {
		if !groupCode(g) {
			return "", nil, fmt.Errorf("group %q: want a 3-letter known-group code (UNO, NAT, HMS)", f.Group)
		}
		add("(e.source_group = ? OR e.target_group = ?)", g, g)
	}
	if p := strings.TrimSpace(f.Place); p != "" {
		add("(e.place_name_lc = ? OR e.place_admin1_lc = ? OR e.place_country = ?)",
			strings.ToLower(p), strings.ToLower(p), strings.ToUpper(p))
	}
	if b := f.BBox; b != nil {
		if b[0] > b[2] || b[1] > b[3] {
			return "", nil, fmt.Errorf("bbox %v: want min lon, min lat, max lon, max lat", *b)
		}
		if d.BBoxMatch != "" && f.Coder == "" {
			add(d.BBoxMatch, b[0], b[1], b[2], b[3])
		}
		add("(e.lon >= ? AND e.lon <= ? AND e.lat >= ? AND e.lat <= ?)", b[0], b[2], b[1], b[3])
	}
	if strings.TrimSpace(f.Text) != "" {
		q := d.FTSQuery(f.Text)
		if q == "" {
			return "", nil, fmt.Errorf("text search %q has no words", f.Text)
		}
		add("(e.article_id, e.sentence_idx) IN ("+d.TextMatch+")", q)
	}
	if len(conds) == 0 {
		return "1=1", args, nil
	}
	return strings.Join(conds, " AND "), args, nil
}

// nextCode is the code after a 3-digit code in string order ("195" →
// "196", "199" → "19:"), the end of the range of its sub-codes.
func nextCode(c string) string {
	b := []byte(c)
	b[len(b)-1]++
	return string(b)
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// Words splits a user's text search into words (letters and digits only).
func Words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// encodeCursor and decodeCursor turn the (date, id) of the last event of a
// page into an opaque cursor and back.
func encodeCursor(date, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(date + "|" + id))
}

func decodeCursor(c string) (date, id string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", "", fmt.Errorf("bad cursor: %w", err)
	}
	date, id, ok := strings.Cut(string(b), "|")
	if !ok || len(date) != 10 {
		return "", "", fmt.Errorf("bad cursor %q", c)
	}
	return date, id, nil
}

// agentCodes are CAMEO agent types, which a 3-letter code may also be
// ("IGO"): such a code is not a country.
var agentCodes = map[string]bool{"GOV": true, "MIL": true, "REB": true, "OPP": true, "COP": true,
	"JUD": true, "LEG": true, "CVL": true, "BUS": true, "MED": true, "IGO": true, "NGO": true,
	"UAF": true, "SPY": true, "EDU": true, "HLH": true, "REL": true, "LAB": true, "AGR": true,
	"CRM": true, "IMG": true, "ELI": true, "REF": true, "PTY": true, "MNC": true, "ENV": true}

// groupCode reports a CAMEO known-group code: three letters A to Z.
func groupCode(c string) bool {
	if len(c) != 3 {
		return false
	}
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// countryCode reports a 3-letter code that names a country: it matches an
// event whose source or target country is that code (with any agent).
func countryCode(c string) bool {
	if len(c) != 3 || agentCodes[c] {
		return false
	}
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
