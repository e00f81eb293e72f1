package watch

import (
	"bufio"
	"strings"
)

// robots is one site's robots.txt as it applies to one crawler: the rules
// of the group naming the crawler, else of the "*" group (RFC 9309).
type robots struct {
	rules []rule
}

type rule struct {
	allow bool
	path  string // may hold "*" wildcards and end in "$"
}

// allowAll is the robots of a site without a robots.txt.
var allowAll = &robots{}

// parseRobots reads a robots.txt for the crawler whose product token is
// agent ("dyad"). Lines it does not understand are ignored, as the
// standard asks.
func parseRobots(body, agent string) *robots {
	agent = strings.ToLower(agent)
	type group struct {
		agents []string
		rules  []rule
	}
	var groups []*group
	var cur *group
	inAgents := false // the previous line was a user-agent line
	sc := bufio.NewScanner(strings.NewReader(body))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, val = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if !inAgents || cur == nil {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(val))
			inAgents = true
		case "allow", "disallow":
			inAgents = false
			if cur == nil {
				continue // rules before any user-agent line belong to no group
			}
			if val == "" {
				continue // "Disallow:" with no path allows everything
			}
			cur.rules = append(cur.rules, rule{allow: key == "allow", path: val})
		default:
			inAgents = false
		}
	}
	var mine, star []rule
	named := false
	for _, g := range groups {
		for _, a := range g.agents {
			switch {
			case a == "*":
				star = append(star, g.rules...)
			case a == agent:
				mine = append(mine, g.rules...)
				named = true
			}
		}
	}
	if named {
		return &robots{rules: mine}
	}
	return &robots{rules: star}
}

// allowed reports whether the crawler may fetch path (with its query):
// the longest matching rule decides, an allow winning a tie.
func (r *robots) allowed(path string) bool {
	if path == "" {
		path = "/"
	}
	best, allow := -1, true
	for _, ru := range r.rules {
		if !match(ru.path, path) {
			continue
		}
		if n := len(ru.path); n > best || n == best && ru.allow {
			best, allow = n, ru.allow
		}
	}
	return allow
}

// match reports whether a robots.txt path pattern matches the start of
// path: "*" matches any run of characters, a final "$" anchors the end.
func match(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	for i, p := range parts[1:] {
		last := i == len(parts)-2
		if last && anchored {
			return strings.HasSuffix(rest, p)
		}
		j := strings.Index(rest, p)
		if j < 0 {
			return false
		}
		rest = rest[j+len(p):]
	}
	return !anchored || rest == ""
}
