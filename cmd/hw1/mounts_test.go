//go:build !notf

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// readOnlyDir is an empty folder this process cannot write: a read-only
// bind mount as root (root ignores file modes), mode 0555 otherwise. It
// skips the test when root cannot mount.
func readOnlyDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return dir
	}
	mount(t, "--bind", "-o", "ro", dir, dir)
	return dir
}

// smallDisk is a folder on a tmpfs of size bytes (root only; it skips the
// test otherwise), unmounted at the end of the test.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		t.Skip("a full disk needs a tmpfs, which needs root")
	}
	mount(t, "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir)
	return dir
}

// mount runs mount(8) and unmounts the last argument at the end of the
// test; it skips the test when mounting is not allowed here.
func mount(t *testing.T, args ...string) {
	t.Helper()
	target := args[len(args)-1]
	if out, err := exec.Command("mount", args...).CombinedOutput(); err != nil {
		t.Skipf("mount %v: %v: %s", args, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", target).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", target, err, out)
		}
	})
}
