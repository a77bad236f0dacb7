package tensorboard

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
)

// TFRecord framing, the container format of TensorBoard event files. Each
// record is
//
//	uint64 length (little-endian)
//	uint32 masked CRC32C of the 8 length bytes (little-endian)
//	length bytes of data
//	uint32 masked CRC32C of the data (little-endian)
//
// where CRC32C is the Castagnoli CRC and masking rotates the CRC right by 15
// bits and adds a constant, so that a CRC stored next to the data it covers
// does not look like data.

const (
	recordHeaderLen = 8 + 4 // length and its CRC
	recordFooterLen = 4     // data CRC
	crcMaskDelta    = 0xa282ead8
)

// maskedCRC returns the masked CRC32C of b.
func maskedCRC(b []byte) uint32 {
	c := crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli))
	return (c>>15 | c<<17) + crcMaskDelta
}

// appendRecord appends data framed as one TFRecord to dst.
func appendRecord(dst, data []byte) []byte {
	var length [8]byte
	binary.LittleEndian.PutUint64(length[:], uint64(len(data)))
	dst = append(dst, length[:]...)
	dst = binary.LittleEndian.AppendUint32(dst, maskedCRC(length[:]))
	dst = append(dst, data...)
	return binary.LittleEndian.AppendUint32(dst, maskedCRC(data))
}

// nextRecord reads the record that starts at b[0] (byte offset off of the
// file, used in messages). It returns the record's data and the number of
// bytes the record occupies. Both CRCs are verified.
func nextRecord(b []byte, off int64) (data []byte, n int, err error) {
	if len(b) < recordHeaderLen {
		return nil, 0, fmt.Errorf("record at byte %d: truncated header (%d of %d bytes); the file is incomplete (writer still running or killed)",
			off, len(b), recordHeaderLen)
	}
	lengthBytes := b[:8]
	if got, want := binary.LittleEndian.Uint32(b[8:12]), maskedCRC(lengthBytes); got != want {
		return nil, 0, fmt.Errorf("record at byte %d: length CRC mismatch (stored %#08x, computed %#08x); the file is corrupt",
			off, got, want)
	}
	length := binary.LittleEndian.Uint64(lengthBytes)
	rest := uint64(len(b) - recordHeaderLen)
	if rest < recordFooterLen || length > rest-recordFooterLen {
		return nil, 0, fmt.Errorf("record at byte %d: truncated (needs %d data bytes and a %d-byte CRC, only %d bytes left); the file is incomplete (writer still running or killed)",
			off, length, recordFooterLen, rest)
	}
	end := recordHeaderLen + int(length)
	data = b[recordHeaderLen:end]
	if got, want := binary.LittleEndian.Uint32(b[end:end+recordFooterLen]), maskedCRC(data); got != want {
		return nil, 0, fmt.Errorf("record at byte %d: data CRC mismatch (stored %#08x, computed %#08x); the file is corrupt",
			off, got, want)
	}
	return data, end + recordFooterLen, nil
}
