package table

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// GzipSuffix ends the name of a table kept compressed (a record's tables).
const GzipSuffix = ".gz"

// open opens the table at path, or, when there is none, its compressed
// form path+GzipSuffix, decompressing it. A missing table is an error that
// wraps fs.ErrNotExist and names path.
func open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return f, err
	}
	gz, gerr := os.Open(path + GzipSuffix)
	if errors.Is(gerr, fs.ErrNotExist) {
		return nil, err // the error of the plain name
	}
	if gerr != nil {
		return nil, gerr
	}
	zr, err := gzip.NewReader(gz)
	if err != nil {
		gz.Close()
		return nil, fmt.Errorf("read %s: %w", path+GzipSuffix, err)
	}
	return gzipFile{zr, gz}, nil
}

// gzipFile closes both the decompressor and its file.
type gzipFile struct {
	*gzip.Reader
	f *os.File
}

func (g gzipFile) Close() error {
	err := g.Reader.Close()
	if cerr := g.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// Gzipped copies the table file src to dst+GzipSuffix, compressed, written
// atomically; the copy reads back (Read(dst)) byte for byte as src.
func Gzipped(src, dst string) error {
	raw, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(raw); err != nil {
		return fmt.Errorf("compress %s: %w", src, err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("compress %s: %w", src, err)
	}
	return WriteFileAtomic(dst+GzipSuffix, b.Bytes())
}

// ReadBytes returns the bytes of the table file at path, or of its
// compressed form path+GzipSuffix decompressed, as Read finds them.
func ReadBytes(path string) ([]byte, error) {
	r, err := open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return b, nil
}
