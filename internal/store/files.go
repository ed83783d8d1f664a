package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"time"
)

// MaxFileBytes caps one stored file; photos and evidence fit well under it.
const MaxFileBytes = 10 << 20

// File is an upload kept in the database, so that every instance behind a
// load balancer serves the same bytes without a shared disk.
type File struct {
	ID           int64     `db:"id"`
	CollectiveID *int64    `db:"collective_id"`
	Name         string    `db:"name"`
	ContentType  string    `db:"content_type"`
	Size         int64     `db:"size"`
	SHA256       string    `db:"sha256"`
	Data         []byte    `db:"data"`
	CreatedBy    *int64    `db:"created_by"`
	CreatedAt    time.Time `db:"created_at"`
}

// ErrFileTooLarge is returned for files over MaxFileBytes.
var ErrFileTooLarge = errors.New("store: file larger than 10 MiB")

// PutFile stores f.Data inside tx and returns the new id. The content type
// is sniffed from the bytes rather than trusted from the client.
func (t *Tx) PutFile(ctx context.Context, f *File) (int64, error) {
	if len(f.Data) > MaxFileBytes {
		return 0, ErrFileTooLarge
	}
	sum := sha256.Sum256(f.Data)
	f.Size, f.SHA256, f.CreatedAt = int64(len(f.Data)), hex.EncodeToString(sum[:]), t.Now
	f.ContentType = http.DetectContentType(f.Data)
	id, err := t.Insert(ctx, `INSERT INTO files (collective_id, name, content_type, size, sha256, data, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, f.CollectiveID, f.Name, f.ContentType, f.Size, f.SHA256, f.Data, f.CreatedBy, f.CreatedAt)
	f.ID = id
	return id, err
}

// GetFile reads a stored file; the caller checks who may see it.
func (db *DB) GetFile(ctx context.Context, id int64) (*File, error) {
	var f File
	err := db.Get(ctx, &f, "SELECT id, collective_id, name, content_type, size, sha256, data, created_by, created_at FROM files WHERE id = ?", id)
	if err != nil {
		return nil, err
	}
	return &f, nil
}
