package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"path"
	"strings"
)

//go:embed assets
var assetFS embed.FS

type asset struct {
	body        []byte
	contentType string
	url         string
}

var assets = loadAssets()

// loadAssets reads the embedded files once and names each URL by a hash of
// its content, so browsers may cache them forever and still see changes.
func loadAssets() map[string]*asset {
	out := map[string]*asset{}
	entries, err := assetFS.ReadDir("assets")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		b, err := assetFS.ReadFile("assets/" + e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(e.Name())
		ct := map[string]string{".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}[ext]
		out[e.Name()] = &asset{body: b, contentType: ct,
			url: "/assets/" + strings.TrimSuffix(e.Name(), ext) + "." + hex.EncodeToString(sum[:6]) + ext}
	}
	return out
}

func (s *Server) assetURL(name string) string {
	if a, ok := assets[name]; ok {
		return a.url
	}
	return "/assets/missing/" + name
}

func (s *Server) routeAssets() {
	byURL := map[string]*asset{}
	for _, a := range assets {
		byURL[a.url] = a
	}
	s.Handle(Route{Pattern: "GET /assets/{file}", Kind: "asset", Public: true}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := byURL[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", a.contentType)
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		_, _ = w.Write(a.body)
	}))
}
