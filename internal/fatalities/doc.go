// Package fatalities owns dyad's reading of death counts in news text: it
// finds the numbers of dead a sentence reports ("at least 12 people were
// killed", "killing three", "up to five people died", "no one was hurt" is
// not one, "no one was killed" is) and turns each into a range with open
// bounds, as CONTRACT.md fixes them:
//
//	up to five            {0,5}
//	between seven and nine, seven to nine, 7-9   {7,9}
//	at least 12, more than 11, 12 or more         {12,null}
//	about / around / some / nearly / almost 30    {30,30}
//	fewer than 10         {0,9}
//	a dozen               {12,12}
//	dozens                {24,null}
//	scores                {40,null}
//	hundreds / thousands  {200,null} / {2000,null}
//	no one was killed, no casualties              {0,0}
//
// A number counts only when it is tied to a death word (died, dead, killed,
// killing, deaths, death toll, lives, perished, fatalities, slain, massacred,
// shot dead, bodies, …) in its clause and not to another predicate
// (injured, wounded, arrested, missing, …); numbers of things (missiles,
// years, km), dates, years, times and designations (F-16, Resolution 242)
// never count. When one count is a part of another ("two children were
// among up to five people who died", "nine people, including four
// children"), only the total is returned.
//
// Sentences are read in the words text.Words splits them into (FindWords
// takes words already split, Find splits the sentence itself). The scanner
// is hand-written over a small token stream built from those words — each
// word's runs of letters, numbers and marks, so "10:30" gives "10", ":" and
// "30" — with one map lookup per run of letters; it uses no regular
// expressions.
package fatalities
