// Package placesdata embeds dyad's gazetteer files: gazetteer.tsv.gz
// (generated from GeoNames by tools/gengazetteer), additions.tsv (curated by
// hand) and commonwords.txt (generated). Package internal/places loads them;
// the format is documented there.
package placesdata

import "embed"

// FS holds gazetteer.tsv.gz, additions.tsv and commonwords.txt.
//
//go:embed gazetteer.tsv.gz additions.tsv commonwords.txt
var FS embed.FS
