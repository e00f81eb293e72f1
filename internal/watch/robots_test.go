package watch

import "testing"

func TestRobots(t *testing.T) {
	const txt = `# a site's robots.txt
User-agent: *
Disallow: /private/
Allow: /private/press/
Disallow: /*.pdf$
Disallow: /search?

User-agent: dyad
User-agent: otherbot
Disallow: /drafts/
Allow: /drafts/public$

User-agent: greedybot
Disallow: /
`
	for _, c := range []struct {
		agent, path string
		want        bool
	}{
		{"somebot", "/news/story.html", true},
		{"somebot", "/private/memo.html", false},
		{"somebot", "/private/press/release.html", true}, // the longer rule wins
		{"somebot", "/files/report.pdf", false},
		{"somebot", "/files/report.pdf.html", true}, // "$" anchors the end
		{"somebot", "/search?q=iran", false},
		{"somebot", "/search", true},
		{"somebot", "", true},
		// A group naming the crawler replaces the "*" group for it.
		{"dyad", "/private/memo.html", true},
		{"dyad", "/drafts/x.html", false},
		{"dyad", "/drafts/public", true},
		{"dyad", "/drafts/public/more", false},
		{"greedybot", "/news/story.html", false},
	} {
		if got := parseRobots(txt, c.agent).allowed(c.path); got != c.want {
			t.Errorf("%s may fetch %q: %v, want %v", c.agent, c.path, got, c.want)
		}
	}
	if !parseRobots("garbage\n\x00\nDisallow: /\n", "dyad").allowed("/x") {
		t.Error("a rule outside any group forbade a page")
	}
}

func FuzzRobots(f *testing.F) {
	f.Add("User-agent: *\nDisallow: /a*b$\nAllow: /a\n", "/axb")
	f.Add("User-agent: dyad\nDisallow: *\n", "/")
	f.Fuzz(func(t *testing.T, body, path string) {
		r := parseRobots(body, "dyad")
		r.allowed(path) // must not panic or hang
		if len(r.rules) == 0 && !r.allowed(path) {
			t.Errorf("no rules, yet %q is disallowed", path)
		}
	})
}
