package table

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestReadFallsBackToGzipped(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.csv")
	tb := New("model", "loss")
	for _, r := range [][]any{{"deep", 0.5}, {"shallow", 1e-7}} {
		if err := tb.Append(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := tb.Write(src); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "record", "loss.csv")
	if err := Gzipped(src, dst); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dst); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Gzipped wrote the plain name too (%v)", err)
	}
	raw, _ := os.ReadFile(src)
	zipped, _ := os.ReadFile(dst + GzipSuffix)
	if len(zipped) == 0 || string(zipped) == string(raw) {
		t.Fatalf("%s is not compressed", dst+GzipSuffix)
	}
	if b, err := ReadBytes(dst); err != nil || string(b) != string(raw) {
		t.Errorf("ReadBytes of the compressed copy: %q, %v; want %q", b, err, raw)
	}
	got, err := Read(dst)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, tb) {
		t.Errorf("read back %+v, want %+v", got, tb)
	}
	// Neither form: the error names the plain path and is ErrNotExist.
	_, err = Read(filepath.Join(dir, "none.csv"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing table: %v, want fs.ErrNotExist", err)
	}
	// A broken compressed file is an error, not an empty table.
	if err := os.WriteFile(filepath.Join(dir, "bad.csv.gz"), []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(filepath.Join(dir, "bad.csv")); err == nil {
		t.Error("a broken .gz read without error")
	}
}
