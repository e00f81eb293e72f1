// Package queue carries articles from `dyad ingest --queue` to `dyad
// worker` processes through a NATS JetStream stream.
//
// Each article is one message whose id is the article's content hash
// (event.Article.ContentHash), so publishing the same article again
// within the stream's de-duplication window is a no-op. Workers share one durable pull
// consumer with explicit acks: a worker acks a message only after the
// article's rows are committed, so a worker that dies mid-batch loses
// nothing (JetStream redelivers what it had not acked once AckWait has
// passed) and duplicates nothing (the store's writes are idempotent).
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dyad-events/dyad/internal/event"
	"github.com/dyad-events/dyad/internal/ingest"
)

// Options name the stream and set how it behaves. Zero fields take the
// defaults below.
type Options struct {
	Stream      string        // stream name; default "DYAD_ARTICLES"
	Subject     string        // subject articles are published on; default "dyad.articles"
	Consumer    string        // durable consumer the workers share; default "dyad-workers"
	DedupWindow time.Duration // how long a message id is remembered; default 24h
	AckWait     time.Duration // how long a worker has to ack before redelivery; default 60s
	MaxDeliver  int           // deliveries before a message is given up; default 10
}

func (o *Options) defaults() {
	if o.Stream == "" {
		o.Stream = "DYAD_ARTICLES"
	}
	if o.Subject == "" {
		o.Subject = "dyad.articles"
	}
	if o.Consumer == "" {
		o.Consumer = "dyad-workers"
	}
	if o.DedupWindow <= 0 {
		o.DedupWindow = 24 * time.Hour
	}
	if o.AckWait <= 0 {
		o.AckWait = 60 * time.Second
	}
	if o.MaxDeliver <= 0 {
		o.MaxDeliver = 10
	}
}

// Queue is a connection to the article stream.
type Queue struct {
	nc     *nats.Conn
	js     jetstream.JetStream
	stream jetstream.Stream
	opt    Options
}

// Open connects to the NATS server at url ("nats://127.0.0.1:4222") and
// creates the stream when it does not exist (or updates its settings).
func Open(ctx context.Context, url string, opt Options) (*Queue, error) {
	opt.defaults()
	nc, err := nats.Connect(url, nats.Name("dyad"), nats.Timeout(5*time.Second), nats.MaxReconnects(-1))
	if err != nil {
		return nil, fmt.Errorf("queue: connect %s: %w", url, err)
	}
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(512))
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: jetstream: %w", err)
	}
	st, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        opt.Stream,
		Subjects:    []string{opt.Subject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  opt.DedupWindow,
		Description: "dyad articles waiting to be coded",
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: stream %s: %w", opt.Stream, err)
	}
	return &Queue{nc: nc, js: js, stream: st, opt: opt}, nil
}

// Close closes the connection.
func (q *Queue) Close() error {
	if err := q.nc.Drain(); err != nil {
		q.nc.Close()
		return fmt.Errorf("queue: close: %w", err)
	}
	return nil
}

// DeleteStream deletes the stream and everything in it (tests use it).
func (q *Queue) DeleteStream(ctx context.Context) error {
	if err := q.js.DeleteStream(ctx, q.opt.Stream); err != nil {
		return fmt.Errorf("queue: delete stream %s: %w", q.opt.Stream, err)
	}
	return nil
}

// wire is an article as it travels on the stream: every field the reader
// filled, including the ones event.Article keeps out of its JSON, and none
// of those the store adds.
type wire struct {
	ID        string                     `json:"id"`
	URL       string                     `json:"url,omitempty"`
	Published string                     `json:"published"`
	Title     string                     `json:"title,omitempty"`
	Text      string                     `json:"text,omitempty"`
	HTML      string                     `json:"html,omitempty"`
	Byline    string                     `json:"byline,omitempty"`
	Language  string                     `json:"language,omitempty"` // as detected when read; "" in messages from before it was sent
	Origin    string                     `json:"origin,omitempty"`
	Extra     map[string]json.RawMessage `json:"extra,omitempty"`
}

// Encode turns an article into a message body.
func Encode(a event.Article) ([]byte, error) {
	b, err := json.Marshal(wire{ID: a.ID, URL: a.URL, Published: a.Published.UTC().Format("2006-01-02"), Title: a.Title,
		Text: a.Text, HTML: a.HTML, Byline: a.Byline, Language: a.Language, Origin: a.Origin, Extra: a.Extra})
	if err != nil {
		return nil, fmt.Errorf("encode article %s: %w", a.ID, err)
	}
	return b, nil
}

// Decode reads a message body back into an article.
func Decode(b []byte) (event.Article, error) {
	var w wire
	if err := json.Unmarshal(b, &w); err != nil {
		return event.Article{}, fmt.Errorf("decode article: %w", err)
	}
	pub, err := ingest.ParsePublished(w.Published)
	if err != nil {
		return event.Article{}, fmt.Errorf("decode article %s: published: %w", w.ID, err)
	}
	if w.ID == "" {
		return event.Article{}, fmt.Errorf("decode article: no id")
	}
	return event.Article{ID: w.ID, URL: w.URL, Published: pub, Title: w.Title, Text: w.Text, HTML: w.HTML,
		Byline: w.Byline, Language: w.Language, Origin: w.Origin, Extra: w.Extra}, nil
}

// ArticleHash is the message id of an article: its content hash, which
// the store de-duplicates by too.
func ArticleHash(a event.Article) string { return a.ContentHash() }

// Publisher publishes articles asynchronously; Wait waits for every
// acknowledgement.
type Publisher struct {
	q       *Queue
	pending []jetstream.PubAckFuture
	// Published and Duplicates count the stream's acknowledgements: a
	// duplicate is an article the stream already had.
	Published, Duplicates int
}

// Publisher returns a new publisher on the queue.
func (q *Queue) Publisher() *Publisher { return &Publisher{q: q} }

// Publish sends one article, with its content hash as message id.
func (p *Publisher) Publish(ctx context.Context, a event.Article) error {
	body, err := Encode(a)
	if err != nil {
		return err
	}
	f, err := p.q.js.PublishAsync(p.q.opt.Subject, body, jetstream.WithMsgID(ArticleHash(a)))
	if err != nil {
		return fmt.Errorf("publish article %s: %w", a.ID, err)
	}
	p.pending = append(p.pending, f)
	if len(p.pending) >= 256 {
		return p.Wait(ctx)
	}
	return nil
}

// Wait waits until every article published so far is acknowledged.
func (p *Publisher) Wait(ctx context.Context) error {
	defer func() { p.pending = p.pending[:0] }()
	for _, f := range p.pending {
		select {
		case ack := <-f.Ok():
			if ack.Duplicate {
				p.Duplicates++
			} else {
				p.Published++
			}
		case err := <-f.Err():
			return fmt.Errorf("publish: %w", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(30 * time.Second):
			return fmt.Errorf("publish: no acknowledgement from the stream after 30s")
		}
	}
	return nil
}

// Message is one article handed to a worker.
type Message struct {
	Article event.Article
	// Err is set when the message could not be decoded; such a message is
	// terminated (never redelivered) by Term.
	Err error
	// Redelivered is set when the message was delivered before (to a
	// worker that died or failed before acknowledging it).
	Redelivered bool
	msg         jetstream.Msg
}

// Ack acknowledges the message: call it only after the article's rows are
// committed. It does not wait for the server's confirmation: an ack that
// is lost means one redelivery, and the store's idempotent write makes
// that harmless.
func (m Message) Ack() error {
	if err := m.msg.Ack(); err != nil {
		return fmt.Errorf("ack article %s: %w", m.Article.ID, err)
	}
	return nil
}

// Nak asks for the message to be redelivered after delay.
func (m Message) Nak(delay time.Duration) error { return m.msg.NakWithDelay(delay) }

// Term gives up on a message for good.
func (m Message) Term() error { return m.msg.Term() }

// Consumer is a worker's handle on the shared durable consumer.
type Consumer struct {
	q *Queue
	c jetstream.Consumer
}

// Consumer creates (or joins) the durable consumer the workers share.
func (q *Queue) Consumer(ctx context.Context) (*Consumer, error) {
	c, err := q.js.CreateOrUpdateConsumer(ctx, q.opt.Stream, jetstream.ConsumerConfig{
		Durable:       q.opt.Consumer,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.opt.AckWait,
		MaxDeliver:    q.opt.MaxDeliver,
		MaxAckPending: 1000,
		FilterSubject: q.opt.Subject,
	})
	if err != nil {
		return nil, fmt.Errorf("queue: consumer %s: %w", q.opt.Consumer, err)
	}
	return &Consumer{q: q, c: c}, nil
}

// Fetch returns up to n messages, waiting at most wait for the first.
func (c *Consumer) Fetch(ctx context.Context, n int, wait time.Duration) ([]Message, error) {
	b, err := c.c.Fetch(n, jetstream.FetchMaxWait(wait))
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	var out []Message
	for m := range b.Messages() {
		a, err := Decode(m.Data())
		re := false
		if md, merr := m.Metadata(); merr == nil {
			re = md.NumDelivered > 1
		}
		out = append(out, Message{Article: a, Err: err, Redelivered: re, msg: m})
	}
	if err := b.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) {
		return out, fmt.Errorf("fetch: %w", err)
	}
	return out, nil
}

// Drained tells whether every message in the stream has been delivered
// and acknowledged (nothing pending, nothing awaiting an ack).
func (c *Consumer) Drained(ctx context.Context) (bool, error) {
	info, err := c.c.Info(ctx)
	if err != nil {
		return false, fmt.Errorf("consumer info: %w", err)
	}
	return info.NumPending == 0 && info.NumAckPending == 0, nil
}
