// Package llm owns a second event coder beside the rules: it sends each
// sentence, with the actors, dates and places the earlier stages found, to
// a language model behind an OpenAI-compatible chat-completions API and
// turns the model's JSON answer into events. It is off by default; when
// the model cannot be reached or answers nonsense, the article is coded by
// the fallback coder (the rules) and the failure is counted.
package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dyad-events/dyad/internal/coding"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/text"
)

// Coder codes sentences with a language model.
type Coder struct {
	URL      string // base URL of the API, e.g. http://127.0.0.1:8000/v1
	Model    string
	APIKey   string // sent as a bearer token when set
	Client   *http.Client
	Table    *coding.Table     // validates codes and gives scores
	Fallback coding.EventCoder // codes an article when the model fails
	Timeout  time.Duration     // per request; default 60 s
	failures atomic.Int64
}

// Failures is how many articles fell back to the fallback coder.
func (c *Coder) Failures() int64 { return c.failures.Load() }

// answer is what the model is asked to return for one sentence.
type answer struct {
	Events []struct {
		Source  side   `json:"source"`
		Target  side   `json:"target"`
		CAMEO   string `json:"cameo"`
		Negated bool   `json:"negated"`
		Claim   bool   `json:"claim"`
	} `json:"events"`
}

type side struct {
	Text    string `json:"text"`
	Country string `json:"country"`
	Agent   string `json:"agent"`
}

const instructions = `You code political events in news sentences with CAMEO 1.1b3.
Answer with one JSON object and nothing else: {"events": [{"source": {"text": "...", "country": "ISO3 or empty", "agent": "GOV|MIL|REB|OPP|COP|JUD|LEG|CVL|BUS|MED|IGO|NGO|UAF|... or empty"}, "target": {...}, "cameo": "3 or 4 digit CAMEO code", "negated": false, "claim": false}]}.
One event per happening the sentence reports. "negated" when the sentence says it did not happen; "claim" when it is someone's report ("X said Y attacked"). No event: {"events": []}.`

// Code codes an article: each sentence is one request.
func (c *Coder) Code(a event.Article, sents []coding.Sentence) []event.Event {
	var out []event.Event
	for i := range sents {
		evs, err := c.sentence(a, &sents[i])
		if err != nil {
			c.failures.Add(1)
			if c.Fallback != nil {
				return c.Fallback.Code(a, sents)
			}
			return nil
		}
		out = append(out, evs...)
	}
	return out
}

func (c *Coder) sentence(a event.Article, s *coding.Sentence) ([]event.Event, error) {
	var hints []string
	for _, m := range s.Actors {
		if !m.Modifier {
			hints = append(hints, fmt.Sprintf("%q=%s", m.Text, m.Code()))
		}
	}
	user := fmt.Sprintf("Published %s.\nSentence: %s\nActors the dictionaries found: %s",
		a.Published.Format("2006-01-02"), s.Text, strings.Join(hints, ", "))
	body, _ := json.Marshal(map[string]any{
		"model": c.Model, "temperature": 0,
		"messages": []map[string]string{{"role": "system", "content": instructions}, {"role": "user", "content": user}},
	})
	timeout := c.Timeout
	if timeout == 0 {
		timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(c.URL, "/")+"/chat/completions", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if c.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.APIKey)
	}
	client := c.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("llm: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("llm: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("llm: %s: %s", resp.Status, strings.TrimSpace(string(raw)))
	}
	var chat struct {
		Choices []struct {
			Message struct {
				Content string `json:"content"`
			} `json:"message"`
		} `json:"choices"`
	}
	if err := json.Unmarshal(raw, &chat); err != nil || len(chat.Choices) == 0 {
		return nil, fmt.Errorf("llm: not a chat completion: %.200s", raw)
	}
	content := strings.TrimSpace(chat.Choices[0].Message.Content)
	content = strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(content, "```json"), "```"), "```")
	var ans answer
	if err := json.Unmarshal([]byte(strings.TrimSpace(content)), &ans); err != nil {
		return nil, fmt.Errorf("llm: answer is not the JSON asked for: %w", err)
	}
	var out []event.Event
	for _, ae := range ans.Events {
		code, ok := c.Table.Lookup(strings.TrimSpace(ae.CAMEO))
		if !ok || len(ae.CAMEO) < 3 {
			continue // a code CAMEO does not have
		}
		e := event.Event{
			Article: a.ID, CAMEO: code.Code, Goldstein: code.Goldstein, QuadClass: code.Quad, Plover: code.Plover,
			Source: actor(ae.Source), Target: actor(ae.Target), Negated: ae.Negated, Claim: ae.Claim,
			Confidence: 0.6, Rule: "llm " + c.Model,
			Evidence: event.Evidence{Sentence: s.Text, Start: s.Start, End: s.Start + text.RuneLen(s.Text)},
			Date:     a.Published.Format("2006-01-02"), DatePrecision: "unknown",
		}
		if len(s.Dates) > 0 {
			d := s.Dates[0]
			e.Date, e.DatePrecision, e.DateConflict = d.Date.Format("2006-01-02"), d.Precision, d.Conflict
		}
		if len(s.Places) > 0 {
			loc := s.Places[0].Location
			e.Location = &loc
		}
		if len(s.Deaths) > 0 && code.Code >= "18" && code.Code < "21" {
			e.Fatalities = &event.Fatalities{Min: s.Deaths[0].Min, Max: s.Deaths[0].Max}
		}
		out = append(out, e)
	}
	return out, nil
}

func actor(s side) event.Actor {
	c, a := strings.ToUpper(strings.TrimSpace(s.Country)), strings.ToUpper(strings.TrimSpace(s.Agent))
	if len(c) != 3 {
		c = ""
	}
	if len(a) != 3 {
		a = ""
	}
	return event.Actor{Text: s.Text, Country: c, Agent: a, Code: c + a}
}
