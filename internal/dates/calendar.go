package dates

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// day returns UTC midnight of y-m-d; out-of-range days normalise as in time.Date.
func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// daysIn returns the number of days in month m of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// addDays returns t moved by n days.
func addDays(t time.Time, n int) time.Time { return t.AddDate(0, 0, n) }

// monday returns the Monday of t's week (weeks run Monday to Sunday).
func monday(t time.Time) time.Time {
	wd := (int(t.Weekday()) + 6) % 7 // Monday 0 … Sunday 6
	return addDays(t, -wd)
}

// firstOfMonth returns the first day of t's month moved by n months.
func firstOfMonth(t time.Time, n int) time.Time { return day(t.Year(), int(t.Month())+n, 1) }

// resolveMonthDay picks the year for a day written without one: in past
// tense the latest y-m-d on or before pub, in future tense the earliest on
// or after it. It reports false for a day that no nearby year has (30 February).
func resolveMonthDay(m, d int, pub time.Time, future bool) (time.Time, bool) {
	step := -1
	y := pub.Year()
	if future {
		step = 1
	}
	for k := 0; k < 9; k++ {
		if d <= daysIn(y, m) {
			t := day(y, m, d)
			if future && !t.Before(pub) || !future && !t.After(pub) {
				return t, true
			}
		}
		y += step
	}
	return time.Time{}, false
}

// resolveMonth picks the year for a month written without one, as resolveMonthDay.
func resolveMonth(m int, pub time.Time, future bool) int {
	y := pub.Year()
	pm := int(pub.Month())
	if future && m < pm {
		y++
	}
	if !future && m > pm {
		y--
	}
	return y
}

// weekdayOnOrBefore returns the latest day with weekday wd on or before t.
func weekdayOnOrBefore(t time.Time, wd int) time.Time {
	return addDays(t, -((int(t.Weekday()) - wd + 7) % 7))
}

// weekdayOnOrAfter returns the earliest day with weekday wd on or after t.
func weekdayOnOrAfter(t time.Time, wd int) time.Time {
	return addDays(t, (wd-int(t.Weekday())+7)%7)
}

// Part of a month or year named by "early", "mid" or "late".
const (
	partWhole uint8 = iota
	partEarly
	partMid
	partLate
)

// monthSpan returns the first and last day of month m of year y, or of its part.
func monthSpan(y, m int, part uint8) (time.Time, time.Time) {
	switch part {
	case partEarly:
		return day(y, m, 1), day(y, m, 10)
	case partMid:
		return day(y, m, 11), day(y, m, 20)
	case partLate:
		return day(y, m, 21), day(y, m, daysIn(y, m))
	}
	return day(y, m, 1), day(y, m, daysIn(y, m))
}

// yearSpan returns the first and last day of year y, or of its part.
func yearSpan(y int, part uint8) (time.Time, time.Time) {
	switch part {
	case partEarly:
		return day(y, 1, 1), day(y, 4, 30)
	case partMid:
		return day(y, 5, 1), day(y, 8, 31)
	case partLate:
		return day(y, 9, 1), day(y, 12, 31)
	}
	return day(y, 1, 1), day(y, 12, 31)
}

var monthNames = [...]string{"", "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// ParsePublished parses a publication date, "2024-01-29" or RFC 3339
// ("2024-01-29T08:15:00+05:00"), and returns UTC midnight of the calendar
// date as written (the offset is not applied, so a story dated the 29th
// local time stays on the 29th).
func ParsePublished(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errors.New("no date given: want YYYY-MM-DD or RFC 3339")
	}
	if len(s) == 10 {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			if s[4] == '-' && s[7] == '-' {
				return time.Time{}, fmt.Errorf("%q is no day of the calendar: want YYYY-MM-DD with a real month (01-12) and day", s)
			}
			return time.Time{}, fmt.Errorf("%q is not a date: want YYYY-MM-DD, such as 2024-01-29", s)
		}
		return plausible(s, t)
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		if len(s) > 10 && s[10] == ' ' {
			return time.Time{}, fmt.Errorf("%q: RFC 3339 needs a 'T' between date and time (2024-01-29T08:15:00Z)", s)
		}
		return time.Time{}, fmt.Errorf("%q is not a date: want YYYY-MM-DD (2024-01-29) or RFC 3339 (2024-01-29T08:15:00Z)", s)
	}
	return plausible(s, day(t.Year(), int(t.Month()), t.Day()))
}

// minPublishedYear bounds publication dates from below: a year before it
// (0001-01-01 is Go's zero time, which reads as "no date") is a slip.
const minPublishedYear = 1000

func plausible(s string, t time.Time) (time.Time, error) {
	if t.Year() < minPublishedYear {
		return time.Time{}, fmt.Errorf("%q: a publication year before %d is not plausible: want YYYY-MM-DD such as 2024-01-29", s, minPublishedYear)
	}
	return t, nil
}

// dateOnly returns UTC midnight of t's calendar date in its own location.
func dateOnly(t time.Time) time.Time { return day(t.Year(), int(t.Month()), t.Day()) }
