package models

// FirstN returns the indices 0..n-1, with n limited to 1..total (n <= 0
// means total).
func FirstN(n, total int) []int32 {
	if n <= 0 || n > total {
		n = total
	}
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	return idx
}
