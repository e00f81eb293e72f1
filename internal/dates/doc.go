// Package dates owns dyad's reading of time in news text: it finds the date
// expressions in an article's sentences ("17 January", "on Tuesday", "the
// next day", "earlier this month", "in 2023", …) and resolves each to the
// date the happening occurred, with a precision (day, week, month or year),
// against the article's publication date.
//
// Resolution carries context across the sentences of one article: "the next
// day" counts from the previous day-precision expression, "on the 17th" takes
// its month from the most recent month mentioned, and a written day whose
// month contradicts its neighbours is corrected to the month the context
// supports and flagged with a Conflict that keeps what was written.
//
// Conventions:
//
//   - Dates are UTC midnight. For a span (a week, a month, "late January") Date
//     is the first day of the span and Last its last day.
//   - Precision "week" dates are Mondays, except weekends, which are Saturdays.
//   - Precision "month" and "year" dates are the first day of the period, or
//     of its part: early (days 1–10, Jan–Apr), mid (11–20, May–Aug) and late
//     (21–end, Sep–Dec).
//   - A clause is past tense unless it holds a future cue ("will", "would",
//     "shall", "is to", "plans to", "scheduled", "expected", "due", "set to",
//     "upcoming", "next"). A day-precision date in a past-tense clause is never
//     after publication: a written date that would be is clamped to the
//     publication date and flagged.
//   - A weekday alone ("on Tuesday") means the most recent such day on or
//     before publication in past tense, the coming one (on or after
//     publication) in future tense; a weekday equal to the publication day's
//     is the publication day itself, as wire copy uses it ("said on
//     Wednesday" in a Wednesday story). Options.SameWeekdayIsLastWeek changes
//     that to a week earlier (later in future tense). "last Tuesday" and
//     "next Tuesday" are always strictly before and after publication.
//   - Text leaves out a bare leading preposition ("on", "in"): for "on
//     Tuesday" Text is "Tuesday".
//
// Kinds: "absolute" (a written day, month or year: "17 January",
// "2024-01-17", "in January", "in 2023", "on the 17th"), "weekday"
// ("Tuesday", "last Tuesday"), "weekday-date" ("Saturday, 27 January"),
// "relative" ("yesterday", "the next day", "two days later", "a week ago")
// and "span" ("this weekend", "last week", "earlier this month", "late
// January", "last year").
//
// Sentences are read in the words text.Words splits them into (ResolveWords
// takes words already split, Resolve splits them itself). The scanner is
// hand-written over a small token stream built from those words — each
// word's runs of letters, numbers and marks, so "Jan." gives "Jan" and ".",
// "Mid-January" "Mid", "-" and "January" — with one map lookup per run of
// letters; it uses no regular expressions and no date library beyond the
// standard time package.
package dates
