package table

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestWriteReadRoundTrip(t *testing.T) {
	tb := New("model", "epoch", "loss")
	if err := tb.Append("deep, 7 layers", 3, 0.125); err != nil {
		t.Fatal(err)
	}
	if err := tb.Append("shallow", 4, float32(1e-7)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sub", "loss.csv")
	if err := tb.Write(path); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "model,epoch,loss\n\"deep, 7 layers\",3,0.125\nshallow,4,1e-07\n"
	if string(raw) != want {
		t.Fatalf("file =\n%q\nwant\n%q", raw, want)
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, tb) {
		t.Fatalf("read back %+v, want %+v", got, tb)
	}
	loss, err := got.Floats("loss")
	if err != nil || loss[0] != 0.125 || loss[1] != 1e-7 {
		t.Fatalf("Floats = %v, %v", loss, err)
	}
	sub, err := got.Where("epoch", "4")
	if err != nil || len(sub.Rows) != 1 || sub.Rows[0][0] != "shallow" {
		t.Fatalf("Where = %+v, %v", sub, err)
	}
}

func TestErrors(t *testing.T) {
	tb := New("a", "b")
	if err := tb.Append(1); err == nil {
		t.Error("Append with too few values: no error")
	}
	tb.Rows = append(tb.Rows, []string{"x", "1"})
	if _, err := tb.Floats("a"); err == nil {
		t.Error("Floats of a text column: no error")
	}
	if _, err := tb.Col("c"); err == nil {
		t.Error("Col of a missing column: no error")
	}
	empty := filepath.Join(t.TempDir(), "empty.csv")
	os.WriteFile(empty, nil, 0o644)
	if _, err := Read(empty); err == nil {
		t.Error("Read of an empty file: no error")
	}
}

// TestWriteFileAtomicLeavesOldContentOnFailure makes the rename fail (the
// target is a non-empty directory) and checks that nothing is left behind.
func TestWriteFileAtomicLeavesNoTempOnFailure(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "t.csv")
	os.MkdirAll(filepath.Join(target, "x"), 0o755)
	if err := WriteFileAtomic(target, []byte("a\n")); err == nil {
		t.Fatal("rename over a non-empty directory: no error")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
	ok := filepath.Join(dir, "ok.csv")
	os.WriteFile(ok, []byte("old\n"), 0o644)
	if err := WriteFileAtomic(ok, []byte("new\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(ok); string(b) != "new\n" {
		t.Fatalf("content %q", b)
	}
}
