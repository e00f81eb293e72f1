// Package placesdata embeds dyad's gazetteer files: gazetteer.tsv.gz
// (generated from GeoNames by tools/gengazetteer), additions.tsv (curated by
// hand) and commonwords.txt (generated). Besides tests, only cmd/dyad
// imports this package: it passes FS to pipeline.NewData, which loads the
// files with places.LoadFS; the format is documented in internal/places.
package placesdata

import "embed"

// FS holds gazetteer.tsv.gz, additions.tsv and commonwords.txt.
//
//go:embed gazetteer.tsv.gz additions.tsv commonwords.txt
var FS embed.FS
