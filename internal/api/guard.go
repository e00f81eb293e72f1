package api

import (
	"net"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Guard wraps the whole server (API and dashboard): a path that is not
// UTF-8 once decoded is a 400, and, when the server listens only on a
// loopback address, a request whose Host is not a loopback name is
// refused (421): a web page elsewhere cannot make a browser read a local
// dyad through a DNS name it points at 127.0.0.1 (DNS rebinding).
func Guard(h http.Handler, loopback bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !utf8.ValidString(r.URL.Path) || strings.ContainsRune(r.URL.Path, 0) {
			writeJSON(w, http.StatusBadRequest, ErrorResult{Error: "the path is not valid UTF-8 once decoded"})
			return
		}
		if loopback && !LoopbackHost(r.Host) {
			writeJSON(w, http.StatusMisdirectedRequest, ErrorResult{Error: "this server answers only requests to localhost, 127.0.0.1 or [::1] (it listens on a loopback address)"})
			return
		}
		h.ServeHTTP(w, r)
	})
}

// LoopbackHost reports a Host header naming this machine by a loopback
// name or address, with any port.
func LoopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// LoopbackAddr reports a listening address that only this machine can
// reach.
func LoopbackAddr(a net.Addr) bool {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.IP.IsLoopback()
	}
	return false
}
