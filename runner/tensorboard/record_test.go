package tensorboard

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
)

// refCRC32C is a bit-at-a-time CRC32C (reflected Castagnoli polynomial
// 0x82F63B78), independent of hash/crc32's tables.
func refCRC32C(b []byte) uint32 {
	crc := ^uint32(0)
	for _, x := range b {
		crc ^= uint32(x)
		for i := 0; i < 8; i++ {
			if crc&1 == 1 {
				crc = crc>>1 ^ 0x82F63B78
			} else {
				crc >>= 1
			}
		}
	}
	return ^crc
}

func refMask(c uint32) uint32 { return (c>>15 | c<<17) + 0xa282ead8 }

func TestReferenceCRC32C(t *testing.T) {
	// Published test vectors (RFC 3720, appendix B.4, and the common check value).
	zeros := make([]byte, 32)
	ones := bytes.Repeat([]byte{0xff}, 32)
	inc := make([]byte, 32)
	for i := range inc {
		inc[i] = byte(i)
	}
	for _, c := range []struct {
		in   []byte
		want uint32
	}{
		{[]byte("123456789"), 0xE3069283},
		{zeros, 0x8A9136AA},
		{ones, 0x62A8AB43},
		{inc, 0x46DD794E},
	} {
		if got := refCRC32C(c.in); got != c.want {
			t.Errorf("refCRC32C(% x) = %#08x, want %#08x", c.in, got, c.want)
		}
	}
}

func TestMaskedCRCHandChecked(t *testing.T) {
	// CRC32C("123456789") = 0xE3069283.
	// >>15: 0x0001C60D; <<17 (mod 2^32): 0x25060000; or: 0x2507C60D;
	// + 0xA282EAD8 (mod 2^32) = 0xC78AB0E5.
	if got := maskedCRC([]byte("123456789")); got != 0xC78AB0E5 {
		t.Fatalf("maskedCRC(123456789) = %#08x, want 0xc78ab0e5", got)
	}
	// The 8 little-endian bytes of length 0 and of length 24, and a few
	// payloads, against the bit-at-a-time reference.
	for _, in := range [][]byte{
		make([]byte, 8),
		{24, 0, 0, 0, 0, 0, 0, 0},
		{},
		[]byte("brain.Event:2"),
		bytes.Repeat([]byte{0xa5}, 1000),
	} {
		if got, want := maskedCRC(in), refMask(refCRC32C(in)); got != want {
			t.Errorf("maskedCRC(% x) = %#08x, reference %#08x", in, got, want)
		}
	}
}

func TestAppendRecordLayout(t *testing.T) {
	data := []byte("hello")
	got := appendRecord(nil, data)
	want := []byte{5, 0, 0, 0, 0, 0, 0, 0}
	want = binary.LittleEndian.AppendUint32(want, refMask(refCRC32C(want)))
	want = append(want, data...)
	want = binary.LittleEndian.AppendUint32(want, refMask(refCRC32C(data)))
	if !bytes.Equal(got, want) {
		t.Fatalf("record\n got % x\nwant % x", got, want)
	}
	back, n, err := nextRecord(append(got, 0xEE), 0)
	if err != nil || n != len(want) || string(back) != "hello" {
		t.Fatalf("nextRecord = %q, %d, %v; want hello, %d, nil", back, n, err, len(want))
	}
}

func TestNextRecordRejects(t *testing.T) {
	rec := appendRecord(nil, []byte("some event bytes"))
	flip := func(i int) []byte {
		b := bytes.Clone(rec)
		b[i] ^= 0x01
		return b
	}
	for _, c := range []struct {
		name string
		in   []byte
		want string
	}{
		{"length byte", flip(0), "length CRC mismatch"},
		{"length CRC", flip(9), "length CRC mismatch"},
		{"data byte", flip(14), "data CRC mismatch"},
		{"data CRC", flip(len(rec) - 1), "data CRC mismatch"},
		{"short header", rec[:7], "truncated header"},
		{"short data", rec[:len(rec)-5], "truncated"},
		{"no footer", rec[:len(rec)-4], "truncated"},
	} {
		_, _, err := nextRecord(c.in, 40)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "byte 40") {
			t.Errorf("%s: err = %v, want one containing %q and the offset", c.name, err, c.want)
		}
	}
}
