package data

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// idxBytes builds an IDX file: magic, big-endian dimensions, data.
func idxBytes(magic uint32, dims []int, data []byte) []byte {
	var b bytes.Buffer
	_ = binary.Write(&b, binary.BigEndian, magic)
	for _, d := range dims {
		_ = binary.Write(&b, binary.BigEndian, uint32(d))
	}
	b.Write(data)
	return b.Bytes()
}

// gzipped compresses b.
func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// writeFile writes b to dir/name and returns the path.
func writeFile(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// testPixels returns n images of rows x cols bytes that differ from image to
// image; image 0 starts with the bytes 0, 51, 255 (0, 0.2 and 1 once scaled).
func testPixels(n, rows, cols int) []byte {
	b := make([]byte, n*rows*cols)
	for i := range b {
		b[i] = byte((i*37 + i/(rows*cols)) % 256)
	}
	b[0], b[1], b[2] = 0, 51, 255
	return b
}

// testLabels returns n labels 0..9, not in a simple cycle.
func testLabels(n int) []byte {
	l := make([]byte, n)
	for i := range l {
		l[i] = byte((i * 7) % 10)
	}
	return l
}

// wantErr fails unless err is non-nil and its message holds every part.
func wantErr(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one mentioning %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not mention %q", err, p)
		}
	}
}
