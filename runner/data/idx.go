package data

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// IDX magic numbers: two zero bytes, the element type (0x08 = unsigned byte)
// and the number of dimensions.
const (
	idxImagesMagic = 0x00000803 // 2051: unsigned bytes, 3 dimensions
	idxLabelsMagic = 0x00000801 // 2049: unsigned bytes, 1 dimension
	idxUbyte       = 0x08

	// maxIDXBytes bounds the data an IDX header may promise, so a corrupt
	// header cannot make the reader ask for absurd amounts of memory.
	maxIDXBytes = 1 << 34
	// initialBuffer is how much memory is set aside before any data is read;
	// larger files grow the buffer as their data actually arrives.
	initialBuffer = 64 << 20
)

// NumClasses is the number of classes of MNIST and Fashion-MNIST.
const NumClasses = 10

// ReadIDX reads an images file and a labels file in IDX format (as MNIST and
// Fashion-MNIST are distributed), each gzip-compressed or not: compression is
// recognised by the gzip magic bytes, not by the file name.
func ReadIDX(imagesPath, labelsPath string) (*Set, error) {
	img, err := readIDXFile(imagesPath, idxImagesMagic, "images")
	if err != nil {
		return nil, err
	}
	if img.dims[1] == 0 || img.dims[2] == 0 {
		return nil, fmt.Errorf("images file %s: images of %dx%d pixels: rows and columns must be positive",
			imagesPath, img.dims[1], img.dims[2])
	}
	lab, err := readIDXFile(labelsPath, idxLabelsMagic, "labels")
	if err != nil {
		return nil, err
	}
	n := img.dims[0]
	if n != lab.dims[0] {
		return nil, fmt.Errorf("images file %s has %d examples, labels file %s has %d: they must come in matching pairs",
			imagesPath, n, labelsPath, lab.dims[0])
	}
	labels := make([]int32, n)
	for i, b := range lab.data {
		if b >= NumClasses {
			return nil, fmt.Errorf("labels file %s: label %d of example %d is outside 0..%d",
				labelsPath, b, i, NumClasses-1)
		}
		labels[i] = int32(b)
	}
	return &Set{
		N: n, Rows: img.dims[1], Cols: img.dims[2],
		Pixels: bytesToPixels(img.data),
		Labels: labels,
	}, nil
}

// bytesToPixels scales bytes to [0, 1] (b/255).
func bytesToPixels(data []byte) []float32 {
	var scale [256]float32
	for b := range scale {
		scale[b] = float32(b) / 255
	}
	pixels := make([]float32, len(data))
	for i, b := range data {
		pixels[i] = scale[b]
	}
	return pixels
}

// idxFile is the content of one IDX file of unsigned bytes.
type idxFile struct {
	dims []int
	data []byte
}

// readIDXFile reads an IDX file of unsigned bytes whose magic number must be
// magic; kind ("images" or "labels") names the file in errors.
func readIDXFile(path string, magic uint32, kind string) (*idxFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening %s file: %w", kind, err)
	}
	defer f.Close()

	br := bufio.NewReaderSize(f, 1<<16)
	var r io.Reader = br
	compressed := false
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%s file %s: truncated gzip stream: it ends inside the gzip header; fetch the file again", kind, path)
		}
		if err != nil {
			return nil, fmt.Errorf("%s file %s: reading the gzip header: %w", kind, path, err)
		}
		defer zr.Close()
		r, compressed = zr, true
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s file %s: "+format, append([]any{kind, path}, args...)...)
	}
	wantDims := int(magic & 0xff)

	// Header: magic number, then one big-endian uint32 per dimension.
	header := make([]byte, 4+4*wantDims)
	if k, err := io.ReadFull(r, header[:4]); err != nil {
		return nil, fail("%s", shortRead(err, compressed, fmt.Sprintf("only %d of the 4 bytes of the magic number", k)))
	}
	got := binary.BigEndian.Uint32(header)
	if got != magic {
		return nil, fail("%s", magicProblem(got, magic, kind))
	}
	if k, err := io.ReadFull(r, header[4:]); err != nil {
		return nil, fail("%s", shortRead(err, compressed, fmt.Sprintf("only %d of the %d bytes of the dimensions", k, 4*wantDims)))
	}
	dims := make([]int, wantDims)
	total := uint64(1)
	for i := range dims {
		d := binary.BigEndian.Uint32(header[4+4*i:])
		dims[i] = int(d)
		total *= uint64(d)
		if total > maxIDXBytes {
			return nil, fail("the header's dimensions %sx... promise more than %d GiB of data; the file is corrupt",
				dimString(dims[:i+1]), maxIDXBytes>>30)
		}
	}

	// Data: exactly the bytes the header promises.
	var buf bytes.Buffer
	buf.Grow(int(min(total, initialBuffer)))
	k, err := buf.ReadFrom(io.LimitReader(r, int64(total)))
	if uint64(k) < total {
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fail("reading the data: %w", err)
		}
		return nil, fail("%s", shortRead(io.ErrUnexpectedEOF, compressed,
			fmt.Sprintf("only %d of the %d data bytes its header promises (dimensions %s)", k, total, dimString(dims))))
	}

	// Nothing may follow the data; reading to the end also makes gzip verify
	// its checksum and notice a missing trailer. (gzip may already have
	// reported either along with the last data bytes.)
	if err == nil {
		var extra [1]byte
		var n int
		if n, err = io.ReadFull(r, extra[:]); n > 0 {
			return nil, fail("more bytes than its header promises (dimensions %s); the header or the file is wrong",
				dimString(dims))
		}
	}
	switch {
	case err == nil, errors.Is(err, io.EOF):
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, fail("truncated gzip stream: the data is complete but the gzip trailer is cut off; fetch the file again")
	case errors.Is(err, gzip.ErrChecksum):
		return nil, fail("gzip checksum mismatch: the file is corrupt; fetch it again")
	default:
		return nil, fail("after the data: %w", err)
	}
	return &idxFile{dims: dims, data: buf.Bytes()}, nil
}

// shortRead describes a read that ended early; what says what was read.
func shortRead(err error, compressed bool, what string) string {
	if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Sprintf("reading: %v", err)
	}
	if compressed {
		return "truncated gzip stream: it holds " + what + "; fetch the file again"
	}
	return "truncated file: it holds " + what + "; fetch the file again"
}

// magicProblem explains a wrong magic number.
func magicProblem(got, want uint32, kind string) string {
	msg := fmt.Sprintf("magic number %d (0x%08x), want %d (0x%08x) for an IDX %s file",
		got, got, want, want, kind)
	if got>>16 == 0 && (got>>8)&0xff == idxUbyte {
		msg += fmt.Sprintf(": the file holds %d-D data, %s files are %d-D", got&0xff, kind, want&0xff)
		if got == idxLabelsMagic || got == idxImagesMagic {
			msg += " (are the images and labels files swapped?)"
		}
	} else {
		msg += ": not an IDX file of unsigned bytes"
	}
	return msg
}

// dimString formats dimensions as 60000x28x28.
func dimString(dims []int) string {
	parts := make([]string, len(dims))
	for i, d := range dims {
		parts[i] = fmt.Sprint(d)
	}
	return strings.Join(parts, "x")
}
