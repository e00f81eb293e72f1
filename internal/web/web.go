// Package web owns dyad's dashboard: plain HTML, CSS and JavaScript (no
// build step, nothing fetched from elsewhere: every script, style and map
// shape is embedded in the binary) that speak only JSON to /api. It imports
// nothing of dyad's; cmd/dyad mounts Handler next to the API.
package web

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed static
var static embed.FS

// FS returns the dashboard's files (index.html, app.js, style.css,
// favicon.svg, world.json, LICENSES.md).
func FS() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the directory is embedded above
	}
	return sub
}

// csp allows the page to load only its own files and to talk only to its
// own origin.
const csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// Handler serves the dashboard's files; "/" is index.html.
func Handler() http.Handler {
	files := http.FileServerFS(FS())
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		if r.URL.Path == "/favicon.ico" {
			// Browsers ask for /favicon.ico whatever the page links:
			// the same icon, as SVG.
			h.Set("Content-Type", "image/svg+xml")
			http.ServeFileFS(w, r, FS(), "favicon.svg")
			return
		}
		files.ServeHTTP(w, r)
	})
}
