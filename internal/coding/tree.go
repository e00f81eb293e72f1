package coding

import (
	"fmt"
	"strings"

	"github.com/dyad-events/dyad/internal/actors"
	"github.com/dyad-events/dyad/internal/syntax"
)

// parse is a sentence's dependency tree aligned with the coder's tokens
// and actor mentions: which tree word a token starts at, which mention a
// tree word lies in, and each word's dependents.
type parse struct {
	t     []syntax.Token
	kids  [][]int
	node  []int // coder token → the tree word at its start, or -1
	owner []int // tree word → the actor mention covering it, or -1
}

// newParse aligns s.Tree with s.Tokens and s.Actors; nil when the
// sentence was not parsed.
func newParse(s *Sentence) *parse {
	if len(s.Tree) == 0 {
		return nil
	}
	p := &parse{t: s.Tree, kids: make([][]int, len(s.Tree)), node: make([]int, len(s.Tokens)), owner: make([]int, len(s.Tree))}
	for i, t := range s.Tree {
		if t.Head >= 0 && t.Head < len(s.Tree) {
			p.kids[t.Head] = append(p.kids[t.Head], i)
		}
		p.owner[i] = -1
	}
	tok := make([]int, len(s.Tree)) // tree word → coder token containing it
	k := 0
	for i, t := range s.Tree {
		for k < len(s.Tokens) && s.Tokens[k].End <= t.Start {
			k++
		}
		tok[i] = -1
		if k < len(s.Tokens) && s.Tokens[k].Start <= t.Start {
			tok[i] = k
		}
	}
	for k := range p.node {
		p.node[k] = -1
	}
	for i := len(s.Tree) - 1; i >= 0; i-- {
		if tok[i] >= 0 {
			p.node[tok[i]] = i
		}
	}
	for mi := range s.Actors {
		m := &s.Actors[mi]
		for i := range s.Tree {
			if tok[i] >= m.Start && tok[i] < m.End && tok[i] >= 0 {
				if p.owner[i] < 0 || s.Actors[p.owner[i]].Modifier {
					p.owner[i] = mi
				}
			}
		}
	}
	return p
}

// child returns v's first dependent with one of the relations, or -1.
func (p *parse) child(v int, rels ...syntax.Rel) int {
	for _, k := range p.kids[v] {
		for _, r := range rels {
			if p.t[k].Rel == r {
				return k
			}
		}
	}
	return -1
}

// passive reports a verb in the passive voice: it has a passive subject or
// auxiliary, or it is a past participle modifying a noun ("soldiers
// killed in the attack").
func (p *parse) passive(v int) bool {
	if statePassive[strings.ToLower(p.t[v].Form)] {
		// "were engaged in fighting": a state of the subject.
		return false
	}
	if p.child(v, syntax.NsubjPass, syntax.AuxPass) >= 0 {
		return true
	}
	return p.t[v].Rel == syntax.Acl && strings.HasSuffix(strings.ToLower(p.t[v].Form), "ed") && !p.misreadClause(v)
}

// misreadClause reports a past-tense verb the parser hung on the noun
// before it as a participle although it takes an object: "after fighters
// abducted 11 workers" is a clause whose subject is that noun, not
// "fighters (who were) abducted".
func (p *parse) misreadClause(v int) bool {
	return p.t[v].Rel == syntax.Acl && strings.HasSuffix(strings.ToLower(p.t[v].Form), "ed") && p.child(v, syntax.Obj) >= 0
}

// relative pronouns stand for the noun their clause modifies.
var relativePronouns = map[string]bool{"which": true, "who": true, "that": true, "whom": true}

// doer finds the tree word that does verb v's act: its subject, a
// passive's "by" agent, or what a clause without its own subject takes
// from the clause it depends on ("agreed to withdraw", "attacked X and
// killed Y", "…, killing two", "Islamabad, which decried …"). It returns
// -1 when the tree names no doer.
func (p *parse) doer(v int) int {
	for hops := 0; v >= 0 && hops < 4; hops++ {
		pass := p.passive(v)
		var d int
		if pass {
			d = p.child(v, syntax.OblAgent)
		} else {
			d = p.child(v, syntax.Nsubj, syntax.NsubjPass, syntax.Csubj)
		}
		if d >= 0 {
			if p.t[v].Rel == syntax.AclRelcl && relativePronouns[strings.ToLower(p.t[d].Form)] {
				if o := p.objectRelative(v); o >= 0 {
					return o // "X, which Washington designated …": Washington did it
				}
				return p.t[v].Head
			}
			return d
		}
		if pass && p.child(v, syntax.NsubjPass) >= 0 {
			return -1 // "were killed": the patient is named, the doer is not
		}
		h := p.t[v].Head
		switch p.t[v].Rel {
		case syntax.Conj:
			// "attacked X and killed Y": the first verb's subject.
			if h < 0 {
				return -1
			}
			if p.t[h].Tag != syntax.VERB {
				// A verb joined to a noun is a misparse ("said he was
				// following developments with concern and called on …"
				// read with "called" under "concern"): the subject of
				// the nearest clause above.
				// Only a pronoun there is taken, for the speaker of that
				// clause to stand in for.
				for hh := h; hh >= 0 && (p.t[hh].Tag != syntax.VERB || hh == h); hh = p.t[hh].Head {
					if d := p.child(hh, syntax.Nsubj); d >= 0 {
						if p.pronounWord(d) {
							return d
						}
						return -1
					}
				}
				return -1
			}
			past := pastTense(p.t[v].Form)
			v = h
			if hh := p.t[h].Head; hh >= 0 && past && strings.EqualFold(p.t[h].Form, p.t[h].Lemma) {
				switch p.t[h].Rel {
				case syntax.Ccomp, syntax.Xcomp, syntax.Advcl:
					// "demanded that China free the crew … and accused
					// Beijing of …": a past tense is no second base form,
					// and joins the verb above.
					v = hh
				}
			}
		case syntax.Xcomp:
			// "urged Iran to free …" (the object acts), "agreed to
			// withdraw" (the subject acts).
			if o := p.child(h, syntax.Obj); o >= 0 {
				return o
			}
			v = h
		case syntax.Advcl, syntax.Acl:
			if m := p.child(v, syntax.Mark, syntax.Case); m >= 0 && (strings.EqualFold(p.t[m].Form, "of") || strings.EqualFold(p.t[m].Form, "for")) {
				// "accused Greece of pushing back boats", "blamed the
				// rebels for shelling": the one accused did it.
				if o := p.patient(h, nil); o >= 0 {
					return o
				}
				return -1
			}
			if p.t[v].Rel == syntax.Acl {
				if p.misreadClause(v) {
					return h
				}
				if !strings.HasSuffix(strings.ToLower(p.t[v].Form), "ing") {
					return -1
				}
				if p.owner[h] < 0 && p.t[h].Rel == syntax.Obj && p.t[h].Head >= 0 {
					// "issued a statement backing Niamey": what the
					// statement does, its issuer does.
					v = p.t[h].Head
					continue
				}
				return h // "troops firing on protesters"
			}
			// "…, killing two soldiers", "met Chad's leader to discuss …"
			if !strings.HasSuffix(strings.ToLower(p.t[v].Form), "ing") && !p.infinitive(v) {
				return -1
			}
			v = h
		default:
			return -1
		}
	}
	return -1
}

// speaker is the subject of the verb whose complement clause verb v is
// ("Rwanda said it …", "Iran warned it would …"), or -1; a pronoun there
// does not count.
func (p *parse) speaker(v int) int {
	for v >= 0 && p.t[v].Rel == syntax.Conj {
		v = p.t[v].Head
	}
	if v < 0 || p.t[v].Rel != syntax.Ccomp {
		return -1
	}
	h := p.t[v].Head
	if h < 0 {
		return -1
	}
	d := p.child(h, syntax.Nsubj)
	if d < 0 || p.pronounWord(d) {
		return -1
	}
	return d
}

// objectRelative returns, for a relative clause whose relative pronoun
// the parse made a subject beside a second subject ("Viv Ansanm, which
// Washington designated a terrorist group"), that second subject: the
// pronoun is then the clause's object. It returns -1 otherwise.
func (p *parse) objectRelative(v int) int {
	if p.t[v].Rel != syntax.AclRelcl {
		return -1
	}
	pron, other := -1, -1
	for _, k := range p.kids[v] {
		if p.t[k].Rel != syntax.Nsubj {
			continue
		}
		if relativePronouns[strings.ToLower(p.t[k].Form)] {
			pron = k
		} else if other < 0 {
			other = k
		}
	}
	if pron < 0 || other < 0 || other < pron {
		return -1
	}
	return other
}

// patient finds the tree word that verb v's act is done to: a passive's
// subject (or the noun a past participle modifies), else the indirect or
// direct object, else an oblique with one of preps ("fired at", "imposed
// sanctions on"). It returns -1 when the tree names none.
func (p *parse) patient(v int, preps map[string]bool) int {
	if p.objectRelative(v) >= 0 {
		return p.t[v].Head // what the relative clause tells of
	}
	if p.passive(v) {
		if s := p.child(v, syntax.NsubjPass); s >= 0 {
			if p.t[v].Rel == syntax.AclRelcl && relativePronouns[strings.ToLower(p.t[s].Form)] {
				return p.t[v].Head
			}
			return s
		}
		if p.t[v].Rel == syntax.Acl {
			return p.t[v].Head
		}
		return -1
	}
	if o := p.child(v, syntax.Iobj, syntax.Obj); o >= 0 {
		if p.t[v].Rel == syntax.AclRelcl && relativePronouns[strings.ToLower(p.t[o].Form)] {
			return p.t[v].Head
		}
		return o
	}
	if x := p.child(v, syntax.Xcomp); x >= 0 && (p.t[x].Tag == syntax.NOUN || p.t[x].Tag == syntax.PROPN) && p.child(x, syntax.Punct) >= 0 {
		// condemned "this reckless provocation": a quoted object the
		// tagger's parse hangs as a complement.
		return x
	}
	for _, k := range p.kids[v] {
		if p.t[k].Rel != syntax.Obl {
			continue
		}
		if c := p.child(k, syntax.Case); c >= 0 && preps[strings.ToLower(p.t[c].Form)] {
			return k
		}
	}
	return -1
}

// obliquePreps introduce the party an act is done to when the verb takes
// no object: "fired at", "retaliated against", "broke with", "apologised
// to", "withdrew from".
var obliquePreps = map[string]bool{"at": true, "against": true, "on": true, "upon": true, "with": true,
	"to": true, "toward": true, "towards": true, "into": true, "from": true, "between": true}

// nominalLinks are the relations under a noun that lead to the party it
// stands for: "Iranian officials", "Hezbollah fighters", "Iran's
// ambassador", "the government of Sudan", "Ali Khan, Pakistan's minister".
var nominalLinks = []syntax.Rel{syntax.Amod, syntax.Compound, syntax.NmodPoss, syntax.NmodDesc, syntax.Flat, syntax.Appos, syntax.Nmod, syntax.NmodUnmarked}

// mention returns the actor mention that tree word n stands for: the one
// that covers it, else the nearest one reached through the noun's
// modifiers, a named party before a role word ("official" in "official
// contact with the United States" gives way to the country); failing
// that, a mention that ends just before the phrase begins (a title the
// parser left outside a name it does not know). It returns -1 when there
// is none.
func (p *parse) mention(s *Sentence, n int) int { return p.mentionOf(s, n, false) }

// doerMention is mention for a doer: a place said of a thing that is no
// party ("an earthquake in Nepal killed …") does not make the place's
// country the doer, as it makes a target's ("positions in Iraq").
func (p *parse) doerMention(s *Sentence, n int) int { return p.mentionOf(s, n, true) }

func (p *parse) mentionOf(s *Sentence, n int, doer bool) int {
	if n < 0 {
		return -1
	}
	role := -1
	frontier := []int{n}
	for depth := 0; depth < 3 && len(frontier) > 0; depth++ {
		var next []int
		for _, k := range frontier {
			if mi := p.owner[k]; mi >= 0 && !s.Actors[mi].Modifier {
				if !s.Actors[mi].Unresolved {
					return mi
				}
				if role < 0 {
					role = mi
				}
			}
			for _, r := range nominalLinks {
				for _, c := range p.kids[k] {
					if p.t[c].Rel == r && !(doer && r == syntax.Nmod && p.owner[k] < 0 && p.locative(c)) {
						next = append(next, c)
					}
				}
			}
			for _, c := range p.kids[k] {
				if p.t[c].Rel == syntax.Acl {
					// "the tariffs imposed by Washington"
					if a := p.child(c, syntax.OblAgent); a >= 0 {
						next = append(next, a)
					}
				}
			}
		}
		frontier = next
	}
	if role >= 0 {
		return role
	}
	if p.t[n].Tag == syntax.PROPN && p.child(n, syntax.Case) < 0 {
		// A name the dictionaries do not know, right after a titled
		// mention ("Colombia's foreign minister, Mariana Restrepo Villa",
		// "the French commander, General Anne Morel"): the name's first word is
		// its own or its compounds' or title's first.
		fw := n
		for _, k := range p.kids[n] {
			if rel := p.t[k].Rel; (rel == syntax.Compound || rel == syntax.Flat || rel == syntax.NmodDesc) && k < fw {
				fw = k
			}
		}
		first := p.tokenOf(s, fw)
		for mi := range s.Actors {
			if m := &s.Actors[mi]; m.End <= first && m.End >= first-1 && !m.Modifier && m.End > 0 && !s.Tokens[m.End-1].Punct {
				if m.FollowsPrep == "in" || m.FollowsPrep == "at" {
					// "the Chinese ambassador in Manila, Mr …": the one
					// the place is said of.
					for mj := range s.Actors {
						if o := &s.Actors[mj]; o.End == m.Start-1 && !o.Modifier {
							return mj
						}
					}
					return -1
				}
				return mi
			}
		}
	}
	return -1
}

// locative reports a nominal whose preposition says where ("in", "at",
// "near" …).
func (p *parse) locative(n int) bool {
	c := p.child(n, syntax.Case)
	return c >= 0 && locativePreps[strings.ToLower(p.t[c].Form)]
}

var locativePreps = map[string]bool{"in": true, "at": true, "near": true, "inside": true, "across": true,
	"outside": true, "around": true, "along": true, "within": true}

// inOtherRelative reports that coder token k lies in a relative clause
// ("an accord the two signed in 2023", "an accord signed in 2023") that
// does not hold token at.
func (p *parse) inOtherRelative(k, at int) bool {
	if p == nil || k >= len(p.node) || at >= len(p.node) || p.node[k] < 0 || p.node[at] < 0 {
		return false
	}
	for n, hops := p.node[k], 0; n >= 0 && hops < 8; n, hops = p.t[n].Head, hops+1 {
		// A relative clause, or a past verb's clause under a noun ("a
		// pact drafted in 2023"), which the parser may label either way
		// ("an attack killing five on Monday" is one happening).
		if p.t[n].Rel != syntax.AclRelcl && (p.t[n].Rel != syntax.Acl || p.t[n].Tag != syntax.VERB || strings.HasSuffix(strings.ToLower(p.t[n].Form), "ing")) {
			continue
		}
		for m := p.node[at]; m >= 0; m = p.t[m].Head {
			if m == n {
				return false // the act is in the same relative clause
			}
		}
		return true
	}
	return false
}

// leftmost is the first word of n's phrase (n and the words under it).
func (p *parse) leftmost(n int) int {
	best := n
	for _, k := range p.kids[n] {
		if p.t[k].Rel == syntax.Punct {
			continue
		}
		if l := p.leftmost(k); l < best {
			best = l
		}
	}
	return best
}

// pronounWord reports a personal pronoun, which the coder resolves from
// earlier sentences rather than from the tree.
func (p *parse) pronounWord(n int) bool {
	return n >= 0 && p.t[n].Tag == syntax.PRON && !relativePronouns[strings.ToLower(p.t[n].Form)]
}

// conjoined reports that mentions a and b are parts of one coordination
// in the tree ("Iran and Turkey condemned …"), so neither does anything
// to the other.
func (p *parse) conjoined(s *Sentence, a, b int) bool {
	if a < 0 || b < 0 {
		return false
	}
	ha, hb := p.headOf(s, a), p.headOf(s, b)
	if ha < 0 || hb < 0 {
		return false
	}
	return p.coordRoot(ha) == p.coordRoot(hb)
}

// headOf is the tree word of mention mi nearest the root.
func (p *parse) headOf(s *Sentence, mi int) int {
	best, depth := -1, 1<<30
	for i, o := range p.owner {
		if o != mi {
			continue
		}
		d := 0
		for h := i; h >= 0 && d < len(p.t); h = p.t[h].Head {
			d++
		}
		if d < depth {
			best, depth = i, d
		}
	}
	return best
}

// phraseRoot climbs from a name inside a noun phrase to the phrase's
// head ("M23" in "the M23 rebel group" to "group"), then to the first
// conjunct of the coordination the phrase is part of.
func (p *parse) phraseRoot(n int) (conjunct, root int) {
	for p.t[n].Head >= 0 {
		switch p.t[n].Rel {
		case syntax.Compound, syntax.Flat, syntax.Amod, syntax.NmodDesc:
			// (NmodDesc: "President" hung on the name it titles.)
			n = p.t[n].Head
			continue
		}
		break
	}
	return n, p.coordRoot(n)
}

// coordinated returns the named parties joined with mention mi in one
// coordination ("Congo's government and the M23 rebel group"), in
// sentence order, mi included; nil when the tree shows none.
func (p *parse) coordinated(s *Sentence, mi int) []int {
	h := p.headOf(s, mi)
	if h < 0 {
		return nil
	}
	conj, root := p.phraseRoot(h)
	var out []int
	for j := range s.Actors {
		if j == mi {
			out = append(out, j)
			continue
		}
		if !namedParty(&s.Actors[j]) || s.Actors[j].Code() == s.Actors[mi].Code() {
			continue // "the Pakistani Taliban, or TTP": one party named twice
		}
		hj := p.headOf(s, j)
		if hj < 0 {
			continue
		}
		// Two names in one phrase ("Sudanese refugees") are one party;
		// two conjuncts of one coordination are two.
		if cj, rj := p.phraseRoot(hj); rj == root && cj != conj {
			out = append(out, j)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// linked reports that the tree joins coder token k to the verb at coder
// token v as what is said of its object: a predicate ("called X a
// witch hunt") or the preposition of a noun the verb governs ("as" in
// "described X as an occupation", "of" in "accused X of …").
func (p *parse) linked(v, k int) bool {
	if p == nil || v >= len(p.node) || k >= len(p.node) || p.node[v] < 0 || p.node[k] < 0 {
		return false
	}
	nv, nk := p.node[v], p.node[k]
	h := p.t[nk].Head
	switch p.t[nk].Rel {
	case syntax.Xcomp, syntax.Appos:
		// "called the arrests a witch hunt": the predicate said of the
		// object (which parsers also hang on the verb as an apposition).
		return h == nv && p.t[nk].Tag != syntax.VERB
	case syntax.Case:
		// "as", "of", "for" of a noun the verb governs.
		return h >= 0 && p.t[h].Head == nv && p.t[h].Tag != syntax.VERB
	}
	return false
}

// links gives Verbs.FindLinked what the tree says, or nothing without a
// tree.
func (p *parse) links() Links {
	if p == nil {
		return Links{}
	}
	return Links{Joined: p.linked, Elsewhere: p.elsewhere, Beside: p.beside}
}

// beside reports a word at coder token k whose tree word has a preposition
// of nearness as its case ("near the village").
func (p *parse) beside(k int) bool {
	if p == nil || k >= len(p.node) || p.node[k] < 0 {
		return false
	}
	c := p.child(p.node[k], syntax.Case)
	return c >= 0 && nearbyWords[strings.ToLower(p.t[c].Form)]
}

// elsewhere reports that the preposition at coder token k is the case of a
// noun below the verb at coder token v's dependents ("the raid on its
// consulate" as the object of "calling"), not of the verb or its own
// dependent.
func (p *parse) elsewhere(v, k int) bool {
	if p == nil || v >= len(p.node) || k >= len(p.node) || p.node[v] < 0 || p.node[k] < 0 {
		return false
	}
	nv, nk := p.node[v], p.node[k]
	if p.t[nk].Rel != syntax.Case {
		return false
	}
	h := p.t[nk].Head
	if h < 0 || h == nv || p.t[h].Head == nv {
		return false
	}
	for hops, a := 0, p.t[h].Head; a >= 0 && hops < 4; hops, a = hops+1, p.t[a].Head {
		if a == nv {
			return true
		}
	}
	return false
}

// coordRoot climbs conj links to the first conjunct.
func (p *parse) coordRoot(n int) int {
	for p.t[n].Rel == syntax.Conj && p.t[n].Head >= 0 {
		n = p.t[n].Head
	}
	return n
}

// mentionKind is a shorthand used by the tree checks.
func namedParty(m *actors.Mention) bool { return !m.Modifier && !m.Unresolved }

// treeRoles gives a verb trigger's source and target from the tree. The
// flags say whether the tree settled each role: a mention, or -1 when the
// tree names a party that is not an actor ("the crowd", "the attack"),
// which no nearby actor may stand in for. A pronoun doer is left to the
// coder's memory of earlier sentences.
func treeRoles(s *Sentence, tr Trigger, trigs []Trigger) (r treeResult) {
	r.src, r.tgt = -1, -1
	p := s.parsed
	if p == nil || tr.Start >= len(p.node) {
		return r
	}
	v := p.node[tr.Start]
	if v >= 0 && (p.t[v].Tag == syntax.ADJ || p.t[v].Tag == syntax.NOUN && p.child(v, syntax.Cop) >= 0) && tr.Pattern.Kind == "phrase" && len(tr.Pattern.Elements) == 1 {
		return p.judgement(s, v, false)
	}
	if w := p.triggerWord(tr); w >= 0 && p.t[w].Tag == syntax.VERB && tr.Pattern.Kind == "phrase" && strings.HasPrefix(tr.Pattern.Code, "13") &&
		sufferedThreat[strings.ToLower(p.t[w].Lemma)] {
		// "Kabul said Pakistan would bear the consequences": a threat by
		// whoever said it to the one who is to suffer it.
		return p.judgement(s, w, true)
	}
	if v < 0 || p.t[v].Tag != syntax.VERB {
		return r
	}
	r.verb = true
	r.passive = p.passive(v)
	if d := p.doer(v); d >= 0 && !p.pronounWord(d) && !relativePronouns[strings.ToLower(p.t[d].Form)] {
		r.src, r.srcOK = p.doerMention(s, d), true
		r.srcRel = p.t[d].Rel.String()
		if c := p.coordRoot(v); r.src < 0 && c != v && p.t[c].Rel == syntax.Ccomp {
			// "Caracas said the unit had entered … and accused Colombia
			// of …": no party is the first verb's subject, so the second
			// verb is the sayer's own, hung on the wrong verb.
			if sd := p.speaker(c); sd >= 0 {
				if mi := p.doerMention(s, sd); mi >= 0 {
					r.src, r.srcRel = mi, "nsubj of the verb above (conj)"
				}
			}
		}
	} else if d >= 0 && p.pronounWord(d) {
		// "Rwanda said it supported the deal": the pronoun subject of a
		// clause said or thought is the one who said it.
		sd := p.speaker(v)
		if sd < 0 && p.t[d].Head >= 0 && p.t[d].Head != v {
			sd = p.speaker(p.t[d].Head) // the pronoun's own clause
		}
		if sd >= 0 {
			if mi := p.doerMention(s, sd); mi >= 0 {
				r.src, r.srcOK = mi, true
				r.srcRel = "pronoun=" + p.t[sd].Rel.String() + " of the verb above"
			}
		}
	}
	if r.src < 0 && !r.passive && p.t[v].Rel == syntax.Conj {
		// "said the cache was linked to structures … and accused Serbia
		// of …" with the second verb hung inside the clause said: no
		// party does the clause's verbs, so the accusation is the
		// sayer's own.
		c := p.coordRoot(v)
		for hops := 0; hops < 3 && c != v && p.t[c].Rel == syntax.Xcomp && p.t[c].Head >= 0; hops++ {
			c = p.t[c].Head
		}
		// A verb joined to a said clause's nominal predicate ("said the
		// rebels were Algeria's problem and warned that …") is the
		// sayer's too, whoever the predicate is about.
		if c != v && p.t[c].Rel == syntax.Ccomp && (p.doerMention(s, p.doer(c)) < 0 || p.t[c].Tag != syntax.VERB) {
			if sd := p.speaker(c); sd >= 0 {
				if mi := p.doerMention(s, sd); mi >= 0 {
					r.src, r.srcOK, r.srcRel = mi, true, "nsubj of the verb above (conj)"
				}
			}
		}
		if c != v && p.t[c].Rel == syntax.AclRelcl && p.doerMention(s, p.doer(c)) < 0 && p.leftmost(v) > c {
			// "blamed X for an attack that cut off water …, and ordered
			// three diplomats to leave": a verb joined to a relative
			// clause whose doer is no party belongs to the clause above.
			gv := p.t[c].Head
			for hops := 0; gv >= 0 && hops < 4 && p.t[gv].Tag != syntax.VERB; hops++ {
				gv = p.t[gv].Head
			}
			if gv >= 0 {
				if mi := p.doerMention(s, p.doer(gv)); mi >= 0 {
					r.src, r.srcOK, r.srcRel = mi, true, "nsubj of the clause above the relative clause (conj)"
				}
			}
		}
	}
	if t := p.patient(v, obliquePreps); t >= 0 {
		inPattern := tr.covers(p.tokenOf(s, t))
		if !inPattern && eventNoun(p.tokenOf(s, t), trigs) {
			// "condemned Israel's strikes on Gaza", "condemned the
			// bombing of the hospital": the act is aimed at the doer of
			// the happening named, not at what it hit.
			r.tgt, r.tgtOK, r.tgtRel = -1, true, p.t[t].Rel.String()+" (event)"
			r.obj = p.tokenOf(s, t)
			for _, k := range p.kids[t] {
				if rel := p.t[k].Rel; rel == syntax.NmodPoss || rel == syntax.Amod || rel == syntax.Compound {
					if mi := p.owner[k]; mi >= 0 && !s.Actors[mi].Modifier && !sameParty(s, r.src, mi) {
						r.tgt, r.tgtRel = mi, p.t[t].Rel.String()+">"+rel.String()
						break
					}
				}
				if c := p.child(k, syntax.Case); p.t[k].Rel == syntax.Nmod && c >= 0 {
					// "condemned the attack by gunmen": the doer named;
					// "talks between Sudan and Chad were mediated by
					// Qatar": the parties it was done for.
					rel := ""
					switch prep := strings.ToLower(p.t[c].Form); {
					case prep == "by":
						rel = ">nmod:by"
					case prep == "between" && r.passive:
						rel = ">nmod"
					}
					if mi := p.mention(s, k); rel != "" && mi >= 0 && !sameParty(s, r.src, mi) {
						r.tgt, r.tgtRel = mi, p.t[t].Rel.String()+rel
						break
					}
				}
			}
			return r
		}
		if mi := p.mention(s, t); mi >= 0 && !inPattern && !sameParty(s, r.src, mi) {
			r.tgt, r.tgtOK = mi, true
			r.tgtRel = p.t[t].Rel.String()
		} else if !p.pronounWord(t) {
			// "imposed sanctions on Iran", "expelled the envoy of Peru":
			// the party hangs under the object; an object that is part of
			// the pattern ("withdrew its ambassador") is not the target.
			for _, k := range p.kids[t] {
				if p.t[k].Rel != syntax.Nmod {
					continue
				}
				if c := p.child(k, syntax.Case); c >= 0 && (obliquePreps[strings.ToLower(p.t[c].Form)] || strings.EqualFold(p.t[c].Form, "of") || inPattern && strings.EqualFold(p.t[c].Form, "by")) {
					if mi := p.mention(s, k); mi >= 0 && !sameParty(s, r.src, mi) {
						r.tgt, r.tgtOK = mi, true
						r.tgtRel = p.t[t].Rel.String() + ">nmod"
						break
					}
				}
				if inPattern && p.thing(s, k) {
					// "expressed concern over the incident": the thing the
					// act is about, told before (see toldBefore).
					r.tgt, r.tgtOK, r.tgtRel = -1, true, p.t[t].Rel.String()+">nmod (event)"
					r.obj = p.tokenOf(s, k)
					break
				}
			}
			if !r.tgtOK && !r.passive {
				for _, k := range p.kids[v] {
					if p.t[k].Rel != syntax.Obl {
						continue
					}
					if c := p.child(k, syntax.Case); c >= 0 && obliquePreps[strings.ToLower(p.t[c].Form)] {
						if mi := p.mention(s, k); mi >= 0 && !sameParty(s, r.src, mi) {
							r.tgt, r.tgtOK = mi, true
							r.tgtRel = "obl"
							break
						}
					}
					if inPattern && p.child(k, syntax.Case) >= 0 && p.thing(s, k) {
						// "expressed concern over the incident"
						r.tgt, r.tgtOK, r.tgtRel = -1, true, "obl (event)"
						r.obj = p.tokenOf(s, k)
						break
					}
				}
			}
			if !r.tgtOK && !inPattern && p.t[t].Tag == syntax.NOUN && (p.t[t].Rel == syntax.Obj || p.t[t].Rel == syntax.Xcomp) {
				// "pushed back migrant boats": the object is what the act
				// was done to, and it is no party.
				r.tgt, r.tgtOK, r.tgtRel = -1, true, "obj"
				r.obj = p.tokenOf(s, t)
			} else if !r.tgtOK && inPattern && p.thing(s, t) {
				// "accepted the offer": the offer may have been told
				// before (see toldBefore); the sentence may still name
				// whose it was.
				r.obj = p.tokenOf(s, t)
			}
		}
	}
	for _, t := range p.kids[v] {
		if r.tgtOK || p.t[t].Rel != syntax.Obj && p.t[t].Rel != syntax.Obl {
			continue
		}
		if k := p.child(t, syntax.NmodPoss); k >= 0 && p.pronounWord(k) {
			// "Estonia said Russian jets had entered its airspace": a
			// possessive in what was said is the sayer's.
			if sd := p.speaker(v); sd >= 0 {
				if mi := p.doerMention(s, sd); mi >= 0 && !sameParty(s, r.src, mi) {
					r.tgt, r.tgtOK, r.tgtRel = mi, true, p.t[t].Rel.String()+">nmod:poss=nsubj of the verb above"
				}
			}
		}
	}
	if handOver(tr.Pattern.Code) && !r.passive {
		// "extradited a cartel boss to the United States", "handed the
		// detainees over to Armenia": the state that receives them is
		// the one the act is done with, not the people handed over.
		// The "to" phrase may hang on the verb or, as parsers often have
		// it, on the object.
		var to []int
		for _, k := range p.kids[v] {
			switch p.t[k].Rel {
			case syntax.Obl:
				to = append(to, k)
			case syntax.Obj:
				for _, kk := range p.kids[k] {
					if p.t[kk].Rel == syntax.Nmod {
						to = append(to, kk)
					}
				}
			}
		}
		for _, k := range to {
			if c := p.child(k, syntax.Case); c >= 0 && strings.EqualFold(p.t[c].Form, "to") {
				if mi := p.mention(s, k); mi >= 0 && !sameParty(s, r.src, mi) && !s.Actors[mi].Modifier {
					r.tgt, r.tgtOK, r.tgtRel = mi, true, p.t[k].Rel.String()+":to (who receives them)"
				}
				break
			}
		}
	}
	return r
}

// below reports tree word k lying in the subtree of word v.
func (p *parse) below(k, v int) bool {
	for hops := 0; k >= 0 && hops < len(p.t); hops++ {
		if k == v {
			return true
		}
		k = p.t[k].Head
	}
	return false
}

// sufferedThreat are the verbs of threat idioms whose subject is the one
// threatened ("bear the consequences", "pay a heavy price", "go
// unanswered").
var sufferedThreat = map[string]bool{"bear": true, "pay": true, "go": true, "face": true, "regret": true}

// handOver reports codes of acts that hand people or things over to
// another party: extradition (063) and returns or releases (084).
func handOver(code string) bool {
	return strings.HasPrefix(code, "063") || strings.HasPrefix(code, "084")
}

// judgement reads an act told by an adjective of blame ("unacceptable",
// "illegal"): "Ghana said Togo's decision was illegal" is Ghana's
// criticism of Togo. The one who said it (the subject of the verb whose
// complement the judgement is, or of a "said" beside it) judges, and the
// party of the thing judged (its subject, or whose that is) is judged.
// Said of no one ("illegal fishing", "an unacceptable delay"), an
// adjective codes nothing.
//
// With threat set, v is instead the verb of a threat idiom whose subject
// suffers it ("X will bear the consequences", "the expulsion will not go
// unanswered"): the one who said it threatens that subject's party.
func (p *parse) judgement(s *Sentence, v int, threat bool) (r treeResult) {
	r.verb, r.src, r.tgt, r.srcOK, r.tgtOK = true, -1, -1, true, true
	n := p.child(v, syntax.Nsubj)
	if !threat && p.child(v, syntax.Cop) < 0 || n < 0 {
		r.srcRel, r.tgtRel = "none (no judgement)", "none"
		return r
	}
	switch strings.ToLower(p.t[n].Lemma) {
	case "accusation", "allegation", "claim", "charge", "report":
		// "Belgrade said the accusations were lies": a denial.
		r.denial = !threat
	}
	say := -1 // the verb saying it
	switch c := p.coordRoot(v); p.t[c].Rel {
	case syntax.Ccomp:
		say = p.t[c].Head
	case syntax.Acl, syntax.AclRelcl:
		// "said in a statement that the tariffs were illegal", its clause
		// hung on "statement": the verb above that noun says it.
		if m := p.child(c, syntax.Mark); m >= 0 && strings.EqualFold(p.t[m].Form, "that") {
			if h := p.t[c].Head; h >= 0 && p.t[h].Head >= 0 && p.t[p.t[h].Head].Tag == syntax.VERB {
				say = p.t[h].Head
			}
		}
	}
	for _, k := range p.kids[v] {
		if say < 0 && p.t[k].Rel == syntax.Parataxis && p.t[k].Tag == syntax.VERB {
			say = k
		}
	}
	if say < 0 {
		// "…, the minister said" hung lower by the parser (as a relative
		// clause of a noun in the clause): a "say" below v still says it.
		for k := range p.t {
			if strings.EqualFold(p.t[k].Lemma, "say") && k > v && p.below(k, v) {
				say = k
				break
			}
		}
	}
	sd, named := -1, false
	if say >= 0 {
		sd = p.child(say, syntax.Nsubj)
		if sd < 0 {
			// "…, Iran's defence minister said" with the speaker hung
			// elsewhere: the party named right before the verb.
			if st := p.tokenOf(s, say); st > 0 {
				for i := range s.Actors {
					if m := &s.Actors[i]; m.End == st && !m.Modifier && !m.Unresolved {
						r.src, r.srcRel = i, "named right before the verb saying it (judgement)"
						named = true
					}
				}
			}
		}
	}
	switch {
	case named:
	case sd < 0:
		// Said by no one named: a fact, not a judgement ("protests are
		// illegal under the law").
		r.srcRel, r.tgtRel = "none (no one said it)", "none"
		return r
	case p.pronounWord(sd):
		r.srcOK = false // "he said": the pronoun's party, by word order
	default:
		if mi := p.doerMention(s, sd); mi >= 0 {
			r.src, r.srcRel = mi, "nsubj of the verb saying it (judgement)"
		}
	}
	if mi := p.mention(s, n); mi >= 0 && !sameParty(s, r.src, mi) {
		r.tgt, r.tgtRel = mi, "nsubj of the judgement"
		return r
	}
	for _, k := range p.kids[n] {
		if rel := p.t[k].Rel; rel == syntax.NmodPoss || rel == syntax.Amod || rel == syntax.Compound {
			if mi := p.owner[k]; mi >= 0 && !sameParty(s, r.src, mi) {
				r.tgt, r.tgtRel = mi, "nsubj>"+rel.String()+" of the judgement"
				return r
			}
		}
	}
	if p.thing(s, n) {
		r.obj = p.tokenOf(s, n) // "the move was unacceptable": told before
		r.tgtRel = "nsubj of the judgement (event)"
	}
	return r
}

// thing reports a tree word that is a noun naming a kind of act or thing
// told before ("the incident", "the offer"; see knownThing) and no party.
func (p *parse) thing(s *Sentence, n int) bool {
	return p.t[n].Tag == syntax.NOUN && knownThing(strings.ToLower(p.t[n].Form)) && p.mention(s, n) < 0
}

// treeResult is what the tree says about a verb trigger's parties.
type treeResult struct {
	verb, passive  bool
	src, tgt       int
	srcOK, tgtOK   bool
	srcRel, tgtRel string
	obj            int  // coder token of an object that is no party, or 0 when none
	denial         bool // a judgement of an accusation ("the charges were baseless")
}

// tokenOf is the coder token tree word n starts in, or -1.
func (p *parse) tokenOf(s *Sentence, n int) int {
	for k, w := range p.node {
		if w == n {
			return k
		}
	}
	start := p.t[n].Start
	for k, t := range s.Tokens {
		if t.Start <= start && start < t.End {
			return k
		}
	}
	return -1
}

// sameParty reports that mention b is the same party as mention a ("its
// ambassador" after "Pakistan"), which is no target for a's act.
func sameParty(s *Sentence, a, b int) bool {
	if a < 0 || b < 0 {
		return false
	}
	return a == b || s.Actors[a].Country != "" && s.Actors[a].Code() == s.Actors[b].Code()
}

// infinitive reports a verb marked with "to".
func (p *parse) infinitive(v int) bool {
	m := p.child(v, syntax.Mark)
	return m >= 0 && strings.EqualFold(p.t[m].Form, "to")
}

// describe tells --explain where the roles came from: the tree relation,
// or word order where the tree left the role open.
func (r treeResult) describe() string {
	role := func(ok bool, rel string, mi int) string {
		switch {
		case ok && mi < 0:
			return "tree " + rel + " (not an actor)"
		case ok:
			return "tree " + rel
		}
		return "word order"
	}
	voice := ""
	if r.passive {
		voice = ", passive"
	}
	return fmt.Sprintf("; source: %s, target: %s%s", role(r.srcOK, r.srcRel, r.src), role(r.tgtOK, r.tgtRel, r.tgt), voice)
}

// verbsAsVerbs drops verb patterns whose first word the tagger read as a
// noun: "the annex", "artillery shells", "a strike" are no acts by
// themselves (a noun pattern may still match them); and verbs that end a
// hyphenated modifier ("a U.N.-backed force").
func verbsAsVerbs(s *Sentence, trigs []Trigger) []Trigger {
	p := s.parsed
	kept := trigs[:0]
	for _, tr := range trigs {
		if k := tr.Start; tr.Pattern.Kind != "noun" && k > 0 && s.Tokens[k-1].Text == "-" && s.Tokens[k-1].End == s.Tokens[k].Start {
			// "a U.N.-backed force", "the U.S.-led coalition": the second
			// half of a hyphenated modifier, not an act.
			continue
		}
		if namingCall(s, tr) {
			continue
		}
		if p == nil {
			kept = append(kept, tr)
			continue
		}
		v := -1 // the trigger's first word in the tree
		if tr.Start < len(p.node) {
			v = p.node[tr.Start]
		}
		switch {
		case v < 0:
		case tr.Pattern.Kind == "verb" && (p.t[v].Tag == syntax.NOUN || p.t[v].Tag == syntax.PROPN):
			continue
		case tr.Pattern.Kind == "verb" && len(tr.Spans) >= 4 && determinerElement(s, p, tr):
			// "said no damage had been reported" is no "say no".
			continue
		case tr.Pattern.Kind == "verb" && p.t[v].Tag == syntax.ADJ && p.child(v, syntax.Xcomp) < 0:
			// "a deliberate act", "a divided parliament": a verb's form
			// used as an adjective is no act ("ready to send troops"
			// governs an act of its own).
			continue
		case tr.Pattern.Kind == "verb" && (p.t[v].Rel == syntax.Aux || p.t[v].Rel == syntax.AuxPass):
			// "has rejected offers of talks": "has" helps another verb
			// and is no "have talks".
			continue
		case tr.Pattern.Kind == "phrase" && len(tr.Pattern.Elements) == 1 && (p.t[v].Tag == syntax.ADJ || p.t[v].Tag == syntax.NOUN) &&
			(p.child(v, syntax.Cop) < 0 || p.child(v, syntax.Nsubj) < 0):
			// "illegal fishing", "an unacceptable delay": an adjective of
			// blame said of no one (see judgement) is no act; nor is a
			// noun of blame that is no predicate ("spreading lies"), or a
			// verb form the tagger read as a noun ("with the backing of").
			continue
		}
		kept = append(kept, tr)
	}
	return kept
}

// determinerElement reports a verb pattern whose last element is one word
// the tree reads as the determiner of a noun ("no" in "said no damage was
// done"), not the verb's own object ("said no to the plan").
func determinerElement(s *Sentence, p *parse, tr Trigger) bool {
	k := tr.Spans[len(tr.Spans)-2]
	if tr.Spans[len(tr.Spans)-1] != k+1 || k >= len(p.node) || p.node[k] < 0 {
		return false
	}
	return p.t[p.node[k]].Rel == syntax.Det
}

// namingCall reports "call" naming something told before rather than
// calling a protest or a strike: "calling the strike a violation of
// sovereignty", "called the rally illegal". A strike or protest called is
// a new one ("called a general strike").
func namingCall(s *Sentence, tr Trigger) bool {
	if tr.Pattern.Kind != "verb" || !strings.HasPrefix(tr.Pattern.Code, "14") || len(tr.Spans) < 4 || !strings.HasPrefix(tr.Pattern.Text, "call ") {
		return false
	}
	k := tr.Spans[2] - 1
	return k > tr.Start && anaphoric[s.Tokens[k].Norm]
}

// definite reports a noun at coder token k that has "the", "this",
// "that", "these" or "those" as its determiner ("the unilateral attack");
// without a tree, the word before it or before one modifier decides.
func definite(s *Sentence, k int) bool {
	toks := s.Tokens
	if p := s.parsed; p != nil && k < len(p.node) && p.node[k] >= 0 {
		if d := p.child(p.node[k], syntax.Det); d >= 0 {
			return anaphoric[strings.ToLower(p.t[d].Form)]
		}
		return false
	}
	return k > 0 && anaphoric[toks[k-1].Norm] || k > 1 && anaphoric[toks[k-2].Norm] && !toks[k-1].Punct
}

// eventNoun reports a noun pattern (an event noun: "strikes", "the
// bombing") starting at coder token k.
func eventNoun(k int, trigs []Trigger) bool {
	for _, tr := range trigs {
		if tr.Start == k && tr.Pattern.Kind == "noun" {
			return true
		}
	}
	return false
}

// coordinatedVerbs reports that verb triggers p and t are verbs joined by
// "and" in the tree (t a conjunct of p, directly or down a chain of
// conjuncts): two acts, whatever clause lies between them ("blamed Russia
// for an attack that cut the water, and ordered its diplomats out").
func coordinatedVerbs(s *Sentence, p, t Trigger) bool {
	tp := s.parsed
	if tp == nil || p.Start >= len(tp.node) || t.Start >= len(tp.node) {
		return false
	}
	pv, tv := tp.node[p.Start], tp.node[t.Start]
	if pv < 0 || tv < 0 || tp.t[pv].Tag != syntax.VERB || tp.t[tv].Tag != syntax.VERB {
		return false
	}
	for n, steps := tv, 0; n >= 0 && steps < len(tp.t) && tp.t[n].Rel == syntax.Conj; steps++ {
		n = tp.t[n].Head
		if n == pv {
			return true
		}
		if tp.infinitive(n) && pastTense(tp.t[tv].Form) && tp.t[n].Head == pv {
			// "called on both sides to exercise restraint and offered to
			// host talks": a past tense is no second infinitive, and
			// joins the finite verb the infinitive hangs on.
			return true
		}
		if tp.t[n].Rel == syntax.AclRelcl && pastTense(tp.t[tv].Form) {
			// "blamed X for an attack that cut off water …, and ordered
			// …": hung on the relative clause, the verb joins the one
			// the clause's noun hangs on.
			for h, hops := tp.t[n].Head, 0; h >= 0 && hops < 3; h, hops = tp.t[h].Head, hops+1 {
				if h == pv {
					return true
				}
			}
		}
	}
	return false
}

// pastTense reports a verb form in the past tense ("offered", "met").
func pastTense(form string) bool {
	w := strings.ToLower(form)
	return strings.HasSuffix(w, "ed") || irregularParticiple(w)
}

// conjoinedVerbAt reports that the verb at coder token k and the verb of
// trigger t are joined by "and" in the tree.
func conjoinedVerbAt(s *Sentence, k int, t Trigger) bool {
	return coordinatedVerbs(s, Trigger{Start: k, End: k + 1}, t)
}

// triggerWord is the tree word a trigger hangs from: the word of its
// first token, or the first that heads the others ("sign agreement":
// "sign"; the noun pattern "peace talks": "talks"). -1 when the sentence
// has no tree there.
func (p *parse) triggerWord(tr Trigger) int {
	w := -1
	for k := tr.Start; k < tr.End && k < len(p.node); k++ {
		n := p.node[k]
		if n < 0 {
			continue
		}
		if w < 0 {
			w = n
			continue
		}
		// Climb while the head is still inside the trigger.
		for h := p.t[w].Head; h >= 0 && p.inTrigger(h, tr); h = p.t[w].Head {
			w = h
		}
		break
	}
	return w
}

// inTrigger reports tree word n lying in trigger tr's tokens.
func (p *parse) inTrigger(n int, tr Trigger) bool {
	for k := tr.Start; k < tr.End && k < len(p.node); k++ {
		if p.node[k] == n {
			return true
		}
	}
	return false
}

// apart tells, from the tree, that trigger t is no part of what the
// earlier trigger h says, wants or is about: t's word does not hang below
// h's at all ("the clashes prompted Armenia to accuse …": "accuse" is
// not below "clashes"; "…, easing a standoff that had prompted Bogota to
// recall …" after "freed"), or only through a coordinated clause. It is
// false when t may be h's argument, or when the tree does not cover both
// triggers; the word-order rules decide those.
func (p *parse) apart(h, t Trigger) bool {
	th, tt := p.triggerWord(h), p.triggerWord(t)
	if th < 0 || tt < 0 || th == tt {
		return false
	}
	cur := tt
	for hops := 0; hops < len(p.t); hops++ {
		rel, up := p.t[cur].Rel, p.t[cur].Head
		if up < 0 {
			return true // reached the root without passing h
		}
		if up == th {
			// "attacked X and killed Y" are two acts; "urged X to stop
			// and to release …" is one appeal, whatever the attachment.
			return (rel == syntax.Conj || rel == syntax.Parataxis) && !p.infinitive(cur)
		}
		if p.inTrigger(up, h) {
			return false
		}
		cur = up
	}
	return false
}

// generic reports a trigger of a material act (aid, force, coercion) in
// a relative clause in the simple present ("militants who carry out
// attacks", "Turkey, which trains Somali soldiers"): it says who a party
// is, not what it did. Words in such a clause ("a charge Kabul denies")
// are a stance taken now, and stay acts.
func (p *parse) generic(tr Trigger) bool {
	if verbalRoots[tr.Pattern.Code[:2]] {
		return false
	}
	v := p.triggerWord(tr)
	if v < 0 || p.t[v].Tag != syntax.VERB || p.t[v].Rel != syntax.AclRelcl || p.child(v, syntax.Aux, syntax.AuxPass) >= 0 {
		return false
	}
	form, lemma := strings.ToLower(p.t[v].Form), strings.ToLower(p.t[v].Lemma)
	return form == lemma || form == lemma+"s" || form == lemma+"es" || strings.HasSuffix(lemma, "y") && form == lemma[:len(lemma)-1]+"ies"
}

// wishVerbs govern a clause that says what someone hopes for, not what
// happened or was agreed ("said it hoped the two sides would resume
// talks").
var wishVerbs = map[string]bool{"hope": true, "wish": true}

// wished reports a trigger in a clause that a hope governs, directly or
// as a later conjunct of it.
func (p *parse) wished(tr Trigger) bool {
	v := p.triggerWord(tr)
	for steps := 0; v >= 0 && steps < 4; steps++ {
		h := p.t[v].Head
		if h < 0 {
			return false
		}
		switch p.t[v].Rel {
		case syntax.Ccomp:
			return p.t[h].Tag == syntax.VERB && wishVerbs[strings.ToLower(p.t[h].Lemma)]
		case syntax.Conj:
			v = h
		default:
			return false
		}
	}
	return false
}
