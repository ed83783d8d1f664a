package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"sync"
)

//go:embed openapi/base.json
var openapiBase embed.FS

// apiDoc gathers the OpenAPI document from the fragments features add, so
// each feature describes its own endpoints next to its handlers.
type apiDoc struct {
	mu    sync.Mutex
	parts [][]byte
	built []byte
}

// AddOpenAPI merges a fragment (an OpenAPI object holding "paths" and
// "components") into the document served at /api/v1/openapi.json. A path
// or component named twice is a programming error and panics at start-up.
func (s *Server) AddOpenAPI(fragment []byte) {
	s.api.mu.Lock()
	defer s.api.mu.Unlock()
	s.api.parts = append(s.api.parts, fragment)
	s.api.built = nil
}

// OpenAPI returns the whole document.
func (s *Server) OpenAPI() []byte {
	s.api.mu.Lock()
	defer s.api.mu.Unlock()
	if s.api.built == nil {
		s.api.built = buildOpenAPI(s.api.parts)
	}
	return s.api.built
}

type openapiDoc map[string]any

func buildOpenAPI(parts [][]byte) []byte {
	base, _ := openapiBase.ReadFile("openapi/base.json")
	var doc openapiDoc
	if err := json.Unmarshal(base, &doc); err != nil {
		panic("web: openapi base: " + err.Error())
	}
	paths := doc["paths"].(map[string]any)
	comps := doc["components"].(map[string]any)
	for i, part := range parts {
		var frag openapiDoc
		if err := json.Unmarshal(part, &frag); err != nil {
			panic(fmt.Sprintf("web: openapi fragment %d: %v", i, err))
		}
		if p, ok := frag["paths"].(map[string]any); ok {
			mergeUnique("paths", paths, p)
		}
		if c, ok := frag["components"].(map[string]any); ok {
			for kind, v := range c {
				into, ok := comps[kind].(map[string]any)
				if !ok {
					into = map[string]any{}
					comps[kind] = into
				}
				mergeUnique("components."+kind, into, v.(map[string]any))
			}
		}
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err)
	}
	return out
}

func mergeUnique(where string, into, from map[string]any) {
	for k := range maps.Keys(from) {
		if _, dup := into[k]; dup {
			panic("web: openapi " + where + " has " + k + " twice")
		}
		into[k] = from[k]
	}
}

func (s *Server) routeOpenAPI() {
	s.PublicAPI("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(s.OpenAPI())
	})
}
