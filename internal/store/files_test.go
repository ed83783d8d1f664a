package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"commonground/internal/store"
	"commonground/internal/store/storetest"
)

func TestFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 1, 2, 255}, 1000)...)
		var id int64
		err := db.Write(ctx, func(tx *store.Tx) error {
			var err error
			id, err = tx.PutFile(ctx, &store.File{Name: "photo.png", Data: png})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		f, err := db.GetFile(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(f.Data, png) || f.Size != int64(len(png)) || f.ContentType != "image/png" || len(f.SHA256) != 64 {
			t.Fatalf("stored file differs: size %d type %q sha %q", f.Size, f.ContentType, f.SHA256)
		}
		err = db.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.PutFile(ctx, &store.File{Name: "big.bin", Data: make([]byte, store.MaxFileBytes+1)})
			return err
		})
		if !errors.Is(err, store.ErrFileTooLarge) {
			t.Fatalf("oversized file: %v", err)
		}
		if _, err := db.GetFile(ctx, id+1); !store.NotFound(err) {
			t.Fatalf("missing file: %v", err)
		}
	})
}
