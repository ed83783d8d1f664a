package decision

import (
	"io/fs"
	"testing"

	"commonground/internal/web"
)

// TestPagesTemplatesParse parses every decision page with the layout, as
// Register does at start-up, so a broken template fails here and not in
// every app test.
func TestPagesTemplatesParse(t *testing.T) {
	sub, err := fs.Sub(templateFS, "templates")
	if err != nil {
		t.Fatal(err)
	}
	srv := web.New(web.Config{BaseURL: "http://localhost"}, nil)
	srv.Templates(sub)
}
