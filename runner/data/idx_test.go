package data

import (
	"errors"
	"io/fs"
	"testing"
)

// checkSet compares a set read from files with the raw bytes they were made of.
func checkSet(t *testing.T, s *Set, n, rows, cols int, pixels, labels []byte) {
	t.Helper()
	if s.N != n || s.Rows != rows || s.Cols != cols {
		t.Fatalf("set is %d x %dx%d, want %d x %dx%d", s.N, s.Rows, s.Cols, n, rows, cols)
	}
	if len(s.Pixels) != len(pixels) || len(s.Labels) != len(labels) {
		t.Fatalf("set has %d pixels and %d labels, want %d and %d", len(s.Pixels), len(s.Labels), len(pixels), len(labels))
	}
	for i, b := range pixels {
		if want := float32(b) / 255; s.Pixels[i] != want {
			t.Fatalf("pixel %d = %g, want %d/255 = %g", i, s.Pixels[i], b, want)
		}
	}
	for i, b := range labels {
		if s.Labels[i] != int32(b) {
			t.Fatalf("label %d = %d, want %d", i, s.Labels[i], b)
		}
	}
	// The first bytes were chosen to scale to round numbers.
	if s.Pixels[0] != 0 || s.Pixels[1] != 0.2 || s.Pixels[2] != 1 {
		t.Errorf("first pixels %v, want 0, 0.2, 1", s.Pixels[:3])
	}
}

func TestReadIDX(t *testing.T) {
	const n, rows, cols = 5, 28, 28
	pixels, labels := testPixels(n, rows, cols), testLabels(n)
	img := idxBytes(2051, []int{n, rows, cols}, pixels)
	lab := idxBytes(2049, []int{n}, labels)
	for _, tc := range []struct {
		name         string
		gzImg, gzLab bool
		imgName      string
	}{
		{"plain", false, false, "images"},
		{"gzip", true, true, "images.gz"},
		{"mixed", true, false, "images"}, // gzip found by content, not name
		{"plain named .gz", false, false, "images.gz"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			ib, lb := img, lab
			if tc.gzImg {
				ib = gzipped(t, ib)
			}
			if tc.gzLab {
				lb = gzipped(t, lb)
			}
			s, err := ReadIDX(writeFile(t, dir, tc.imgName, ib), writeFile(t, dir, "labels", lb))
			if err != nil {
				t.Fatal(err)
			}
			checkSet(t, s, n, rows, cols, pixels, labels)
		})
	}

	// Non-square images keep rows and columns apart.
	dir := t.TempDir()
	p := testPixels(3, 2, 4)
	s, err := ReadIDX(writeFile(t, dir, "i", idxBytes(2051, []int{3, 2, 4}, p)),
		writeFile(t, dir, "l", idxBytes(2049, []int{3}, testLabels(3))))
	if err != nil {
		t.Fatal(err)
	}
	checkSet(t, s, 3, 2, 4, p, testLabels(3))
}

func TestReadIDXErrors(t *testing.T) {
	const n, rows, cols = 5, 28, 28
	pixels, labels := testPixels(n, rows, cols), testLabels(n)
	img := idxBytes(2051, []int{n, rows, cols}, pixels)
	lab := idxBytes(2049, []int{n}, labels)
	gzImg := gzipped(t, img)
	badCRC := append([]byte(nil), gzImg...)
	badCRC[len(badCRC)-8] ^= 0xff // first byte of the CRC-32 trailer
	badLabels := append([]byte(nil), labels...)
	badLabels[3] = 10

	cases := []struct {
		name     string
		img, lab []byte
		parts    []string // expected in the message
	}{
		{"truncated images", img[:len(img)-10], lab,
			[]string{"images file", "truncated file", "3910 of the 3920 data bytes", "5x28x28"}},
		{"truncated labels", img, lab[:len(lab)-1],
			[]string{"labels file", "truncated file", "4 of the 5"}},
		{"truncated header", img[:10], lab,
			[]string{"images file", "truncated file", "dimensions"}},
		{"empty images file", nil, lab,
			[]string{"images file", "truncated file", "0 of the 4 bytes of the magic number"}},
		{"truncated gzip data", gzImg[:len(gzImg)/2], lab,
			[]string{"images file", "truncated gzip stream"}},
		{"truncated gzip header", gzImg[:6], lab,
			[]string{"images file", "truncated gzip stream", "gzip header"}},
		{"truncated gzip trailer", gzImg[:len(gzImg)-4], lab,
			[]string{"images file", "truncated gzip stream", "trailer"}},
		{"gzip checksum", badCRC, lab,
			[]string{"images file", "checksum"}},
		{"labels as images", lab, lab,
			[]string{"images file", "magic number 2049", "want 2051", "1-D", "swapped"}},
		{"images as labels", img, img,
			[]string{"labels file", "magic number 2051", "want 2049", "3-D"}},
		{"garbage magic", append([]byte{0x12, 0x34, 0x56, 0x78}, img[4:]...), lab,
			[]string{"images file", "magic number 305419896", "want 2051", "not an IDX file"}},
		{"2-D images", idxBytes(0x802, []int{n, rows * cols}, pixels), lab,
			[]string{"images file", "2-D", "3-D"}},
		{"2-D labels", img, idxBytes(0x802, []int{n, 1}, labels),
			[]string{"labels file", "2-D", "1-D"}},
		{"count mismatch", img, idxBytes(2049, []int{n - 1}, labels[:n-1]),
			[]string{"images file", "has 5 examples", "labels file", "has 4"}},
		{"label out of range", img, idxBytes(2049, []int{n}, badLabels),
			[]string{"labels file", "label 10", "example 3", "0..9"}},
		{"extra bytes", append(append([]byte(nil), img...), 0), lab,
			[]string{"images file", "more bytes than its header promises"}},
		{"zero columns", idxBytes(2051, []int{n, rows, 0}, nil), lab,
			[]string{"images file", "28x0", "positive"}},
		{"absurd header", idxBytes(2051, []int{1 << 30, 1 << 20, 1 << 20}, nil), lab,
			[]string{"images file", "corrupt"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			imgPath := writeFile(t, dir, "images", tc.img)
			labPath := writeFile(t, dir, "labels", tc.lab)
			s, err := ReadIDX(imgPath, labPath)
			if s != nil {
				t.Errorf("got a set of %d examples along with the error", s.N)
			}
			wantErr(t, err, tc.parts...)
			// The message names the file at fault.
			want := imgPath
			if tc.parts[0] == "labels file" {
				want = labPath
			}
			wantErr(t, err, want)
		})
	}

	_, err := ReadIDX("no-such-images", "no-such-labels")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadIDX of a missing file: %v, want an fs.ErrNotExist error", err)
	}
	wantErr(t, err, "no-such-images")
}
