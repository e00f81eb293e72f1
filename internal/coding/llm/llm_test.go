package llm_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dyad-events/dyad/data"
	placesdata "github.com/dyad-events/dyad/data/places"
	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/pipeline"
)

// testData is the embedded data, loaded once per test binary.
var testData = pipeline.NewData(pipeline.Files{Data: data.FS, Gazetteer: placesdata.FS})

// fakeModel stands in for a model behind the chat-completions API: it
// answers a sentence with "shelled" with an event (and one with a code
// CAMEO does not have), any other with none, or fails every request.
func fakeModel(t *testing.T, fail bool) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer k" {
			t.Errorf("unexpected request %s %q", r.URL.Path, r.Header.Get("Authorization"))
		}
		if fail {
			http.Error(w, "overloaded", http.StatusServiceUnavailable)
			return
		}
		var req struct {
			Model    string
			Messages []struct{ Role, Content string }
		}
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &req); err != nil || req.Model != "m" || len(req.Messages) != 2 {
			t.Errorf("bad request body: %s", body)
		}
		content := `{"events": []}`
		if strings.Contains(req.Messages[1].Content, "shelled") {
			content = "```json\n" + `{"events": [{"source": {"text": "Azerbaijani troops", "country": "AZE", "agent": "MIL"}, "target": {"text": "Armenia", "country": "ARM", "agent": ""}, "cameo": "194"}, {"source": {}, "target": {}, "cameo": "999"}]}` + "\n```"
		}
		json.NewEncoder(w).Encode(map[string]any{"choices": []any{map[string]any{"message": map[string]string{"role": "assistant", "content": content}}}})
	}))
}

func TestLLMCoder(t *testing.T) {
	srv := fakeModel(t, false)
	defer srv.Close()
	p, err := pipeline.New(testData, pipeline.Options{LLM: pipeline.LLMOptions{URL: srv.URL + "/v1", Model: "m", APIKey: "k"}})
	if err != nil {
		t.Fatal(err)
	}
	a := event.Article{ID: "a", Published: time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC),
		Text: "Azerbaijani troops shelled Armenian positions on Monday, killing two soldiers. Officials met later."}
	evs := p.Code(a).Events
	if len(evs) != 1 {
		t.Fatalf("want one event (the unknown code 999 dropped), got %+v", evs)
	}
	e := evs[0]
	if e.CAMEO != "194" || e.Source.Code != "AZEMIL" || e.Target.Code != "ARM" || e.Goldstein != -10 || e.QuadClass != 4 {
		t.Errorf("event not assembled from the answer and the code table: %+v", e)
	}
	if e.Date != "2025-03-10" || e.Fatalities == nil || *e.Fatalities.Min != 2 {
		t.Errorf("dates and deaths come from the earlier stages: %+v", e)
	}
	if e.Evidence.Start != 0 || !strings.HasPrefix(e.Evidence.Sentence, "Azerbaijani troops shelled") {
		t.Errorf("evidence: %+v", e.Evidence)
	}
}

// When the model fails, the article is coded by the rules.
func TestLLMFallsBackToRules(t *testing.T) {
	srv := fakeModel(t, true)
	defer srv.Close()
	p, err := pipeline.New(testData, pipeline.Options{LLM: pipeline.LLMOptions{URL: srv.URL + "/v1", Model: "m", APIKey: "k"}})
	if err != nil {
		t.Fatal(err)
	}
	a := event.Article{ID: "a", Published: time.Date(2025, 3, 12, 0, 0, 0, 0, time.UTC),
		Text: "Azerbaijani troops shelled Armenian positions on Monday."}
	evs := p.Code(a).Events
	if len(evs) == 0 || strings.HasPrefix(evs[0].Rule, "llm") {
		t.Errorf("want the rule coder's events, got %+v", evs)
	}
}
