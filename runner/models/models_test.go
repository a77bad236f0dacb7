package models

import (
	"testing"

	"hw1/graphs"
)

// The named networks have the sizes their comments state (and the
// experiments' notes and the bench's labels repeat): function-fit's three
// depths 571, 571 and 568 parameters, mnist-depth's CNNs 113,718 and
// 114,314.
func TestNamedNetworksHaveTheirStatedSizes(t *testing.T) {
	nets, act, lr := DepthFits()
	want := map[string]int{"shallow": 571, "medium": 571, "deep": 568}
	if len(nets) != len(want) {
		t.Fatalf("%d fit networks, want %d", len(nets), len(want))
	}
	for _, m := range nets {
		n, err := FitSpec(m, act, graphs.InitTorch, lr, 1, graphs.SessionConfig{}).NumParams()
		if err != nil || n != want[m.Name] {
			t.Errorf("fit network %s: %d parameters (%v), want %d", m.Name, n, err, want[m.Name])
		}
	}
	cnns := DepthCNNs()
	wantCNN := map[string]int{"shallow": 113718, "deep": 114314}
	if len(cnns) != len(wantCNN) {
		t.Fatalf("%d CNNs, want %d", len(cnns), len(wantCNN))
	}
	for _, m := range cnns {
		n, err := CNNSpec(m.Layers, 0.001, 1, graphs.SessionConfig{}).NumParams()
		if err != nil || n != wantCNN[m.Name] {
			t.Errorf("CNN %s: %d parameters (%v), want %d", m.Name, n, err, wantCNN[m.Name])
		}
	}
}

// FirstN keeps all of a set for n <= 0 and clips n to its size.
func TestFirstNClips(t *testing.T) {
	for _, c := range []struct{ n, total, want int }{{0, 5, 5}, {-1, 5, 5}, {3, 5, 3}, {9, 5, 5}} {
		idx := FirstN(c.n, c.total)
		if len(idx) != c.want {
			t.Errorf("FirstN(%d, %d) has %d indices, want %d", c.n, c.total, len(idx), c.want)
		}
		for i, v := range idx {
			if v != int32(i) {
				t.Fatalf("FirstN(%d, %d)[%d] = %d", c.n, c.total, i, v)
			}
		}
	}
}
