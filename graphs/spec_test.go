package graphs

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// mlp571 is the report's one-hidden-layer 1-D fit: 1 → 190 → 1.
var mlp571 = Spec{
	Input:  []int{1},
	Layers: []Layer{{Kind: Dense, Units: 190, Activation: ReLU}, {Kind: Dense, Units: 1}},
	Loss:   MSE,
}

func TestParamCountsDenseByHand(t *testing.T) {
	// dense1: 1·190 weights + 190 biases = 380; dense2: 190·1 weights + 1
	// bias = 191; total 571.
	got, err := mlp571.ParamCounts()
	if err != nil {
		t.Fatal(err)
	}
	want := []LayerParams{{"dense1", 190, 190, 380}, {"dense2", 190, 1, 191}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParamCounts = %+v, want %+v", got, want)
	}
	if n, err := mlp571.NumParams(); err != nil || n != 571 {
		t.Errorf("NumParams = %d, %v; want 571", n, err)
	}
}

func TestParamCountsCNNByHand(t *testing.T) {
	spec := Spec{
		Input: []int{28, 28, 1},
		Layers: []Layer{
			{Kind: Conv2D, Filters: 8, Kernel: 3, Activation: ReLU}, // 3·3·1·8 = 72 weights + 8 biases = 80; out 28×28×8
			{Kind: MaxPool, Pool: 2},                                // 14×14×8
			{Kind: Conv2D, Filters: 4, Kernel: 5, Activation: ReLU}, // 5·5·8·4 = 800 + 4 = 804; out 14×14×4
			{Kind: MaxPool, Pool: 3},                                // 4×4×4 (14/3 rounds down)
			{Kind: Flatten},                                         // 64
			{Kind: Dense, Units: 10},                                // 64·10 = 640 + 10 = 650
		},
		Loss: SoftmaxCrossEntropy,
	}
	got, err := spec.ParamCounts()
	if err != nil {
		t.Fatal(err)
	}
	want := []LayerParams{{"conv1", 72, 8, 80}, {"conv2", 800, 4, 804}, {"dense1", 640, 10, 650}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParamCounts = %+v, want %+v", got, want)
	}
	if n, _ := spec.NumParams(); n != 80+804+650 {
		t.Errorf("NumParams = %d, want %d", n, 80+804+650)
	}
}

// TestNewRejectsInvalidSpecs expects New to refuse each invalid spec with
// an error that says what is wrong.
func TestNewRejectsInvalidSpecs(t *testing.T) {
	dense := func(u int) Layer { return Layer{Kind: Dense, Units: u} }
	cases := []struct {
		name string
		spec Spec
		want string
	}{
		{"no input", Spec{Layers: []Layer{dense(1)}, Loss: MSE}, "Input is empty"},
		{"rank-2 input", Spec{Input: []int{3, 4}, Layers: []Layer{dense(1)}, Loss: MSE}, "flat"},
		{"no layers", Spec{Input: []int{2}, Loss: MSE}, "no layers"},
		{"last not dense", Spec{Input: []int{2}, Layers: []Layer{dense(3), {Kind: Flatten}}, Loss: MSE}, "last layer"},
		{"no loss", Spec{Input: []int{2}, Layers: []Layer{dense(1)}}, "Loss is empty"},
		{"bad loss", Spec{Input: []int{2}, Layers: []Layer{dense(1)}, Loss: "hinge"}, "unknown Loss"},
		{"one class", Spec{Input: []int{2}, Layers: []Layer{dense(1)}, Loss: SoftmaxCrossEntropy}, "2 classes"},
		{"zero units", Spec{Input: []int{2}, Layers: []Layer{dense(0), dense(1)}, Loss: MSE}, "Units"},
		{"dense on image", Spec{Input: []int{4, 4, 1}, Layers: []Layer{dense(2)}, Loss: MSE}, "flatten"},
		{"conv on flat", Spec{Input: []int{16}, Layers: []Layer{{Kind: Conv2D, Filters: 1, Kernel: 3}, {Kind: Flatten}, dense(1)}, Loss: MSE}, "image input"},
		{"pool too big", Spec{Input: []int{4, 4, 1}, Layers: []Layer{{Kind: MaxPool, Pool: 5}, {Kind: Flatten}, dense(1)}, Loss: MSE}, "Pool"},
		{"bad activation", Spec{Input: []int{2}, Layers: []Layer{{Kind: Dense, Units: 1, Activation: "gelu"}}, Loss: MSE}, "unknown activation"},
		{"pool activation", Spec{Input: []int{4, 4, 1}, Layers: []Layer{{Kind: MaxPool, Pool: 2, Activation: ReLU}, {Kind: Flatten}, dense(1)}, Loss: MSE}, "takes no activation"},
		{"bad kind", Spec{Input: []int{2}, Layers: []Layer{{Kind: "lstm"}, dense(1)}, Loss: MSE}, "unknown kind"},
		{"bad optimizer", Spec{Input: []int{2}, Layers: []Layer{dense(1)}, Loss: MSE, Optimizer: Optimizer{Kind: "rmsprop"}}, "unknown optimizer"},
		{"beta 1", Spec{Input: []int{2}, Layers: []Layer{dense(1)}, Loss: MSE, Optimizer: Optimizer{Beta2: 1}}, "below 1"},
	}
	for _, c := range cases {
		m, err := New(c.spec)
		if err == nil {
			m.Close()
			t.Errorf("%s: New accepted an invalid spec", c.name)
		} else if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: New = %v, want an error containing %q", c.name, err, c.want)
		}
	}
	newTestModel(t, mlp571) // a valid spec builds
}

func TestOptimizerDefaults(t *testing.T) {
	got := Optimizer{}.Resolved()
	want := Optimizer{Kind: Adam, LR: 0.001, Beta1: 0.9, Beta2: 0.999, Epsilon: 1e-7, Momentum: 0.9}
	if got != want {
		t.Errorf("Resolved() = %+v, want Keras's defaults %+v", got, want)
	}
	if o := (Optimizer{Kind: SGD, LR: 0.1}).Resolved(); o.Kind != SGD || o.LR != 0.1 {
		t.Errorf("Resolved() changed set fields: %+v", o)
	}
}

// TestInitialParamsFollowInitialisers checks the Go-side initialisation
// against the initialisers' definitions: Glorot-uniform and He-uniform
// draws stay inside their limits and have the variance limit²/3, LeCun
// normal draws stay within 2σ' (σ' the pre-truncation deviation) with
// variance 1/fan_in, biases are zero, and the draw depends on the seed only.
func TestInitialParamsFollowInitialisers(t *testing.T) {
	spec := Spec{Input: []int{400}, Loss: MSE, Layers: []Layer{
		{Kind: Dense, Units: 300, Activation: ReLU},
		{Kind: Dense, Units: 200, Activation: SELU},
		{Kind: Dense, Units: 100, Activation: Tanh},
	}}
	p, err := spec.plan()
	if err != nil {
		t.Fatal(err)
	}
	params := initialParams(p, 42, InitKeras)
	if again := initialParams(p, 42, InitKeras); !reflect.DeepEqual(params, again) {
		t.Error("two draws from one seed differ")
	}
	if other := initialParams(p, 43, InitKeras); reflect.DeepEqual(params, other) {
		t.Error("draws from seeds 42 and 43 are equal")
	}
	off := 0
	check := func(name string, n int, limit, variance float64) {
		w := params[off : off+n]
		off += n
		var ss float64
		for _, v := range w {
			if math.Abs(v) > limit {
				t.Fatalf("%s: |%v| > limit %v", name, v, limit)
			}
			ss += v * v
		}
		if got := ss / float64(n); math.Abs(got-variance) > 0.05*variance {
			t.Errorf("%s: variance %v, want %v ± 5%%", name, got, variance)
		}
	}
	zero := func(name string, n int) {
		for _, v := range params[off : off+n] {
			if v != 0 {
				t.Fatalf("%s biases not zero: %v", name, v)
			}
		}
		off += n
	}
	he := math.Sqrt(6.0 / 400)
	check("dense1 (He uniform)", 400*300, he, he*he/3)
	zero("dense1", 300)
	sigma := math.Sqrt(1.0/300) / 0.87962566103423978
	check("dense2 (LeCun normal)", 300*200, 2*sigma, 1.0/300)
	zero("dense2", 200)
	glorot := math.Sqrt(6.0 / (200 + 100))
	check("dense3 (Glorot uniform)", 200*100, glorot, glorot*glorot/3)
	zero("dense3", 100)
}

// TestTorchInit checks PyTorch's scheme: weights and biases uniform in
// ±1/√fan_in, so variance 1/(3·fan_in), biases not zero.
func TestTorchInit(t *testing.T) {
	spec := Spec{Input: []int{400}, Loss: MSE, Init: InitTorch, Layers: []Layer{
		{Kind: Dense, Units: 300, Activation: ReLU},
		{Kind: Dense, Units: 200},
	}}
	p, err := spec.plan()
	if err != nil {
		t.Fatal(err)
	}
	params := initialParams(p, 7, InitTorch)
	parts := []struct {
		name  string
		n     int
		fanIn float64
	}{{"dense1 weights", 400 * 300, 400}, {"dense1 biases", 300, 400}, {"dense2 weights", 300 * 200, 300}, {"dense2 biases", 200, 300}}
	off := 0
	for _, part := range parts {
		limit := 1 / math.Sqrt(part.fanIn)
		var ss float64
		for _, v := range params[off : off+part.n] {
			if math.Abs(v) > limit {
				t.Fatalf("%s: |%v| > %v", part.name, v, limit)
			}
			ss += v * v
		}
		off += part.n
		want := 1 / (3 * part.fanIn)
		tol := 0.05
		if part.n < 1000 {
			tol = 0.3 // few draws
		}
		if got := ss / float64(part.n); math.Abs(got-want) > tol*want {
			t.Errorf("%s: variance %v, want %v", part.name, got, want)
		}
	}
	if off != len(params) {
		t.Fatalf("%d parameters, want %d", len(params), off)
	}
	if _, err := (Spec{Input: []int{1}, Loss: MSE, Init: "xavier", Layers: []Layer{{Kind: Dense, Units: 1}}}).plan(); err == nil {
		t.Error("unknown Init accepted")
	}
}

// TestInitialParamsAreTheNewModels checks Spec.InitialParams against the
// parameters a built model starts from.
func TestInitialParamsAreTheNewModels(t *testing.T) {
	spec := Spec{Input: []int{3}, Loss: MSE, Float64: true, Seed: 11, Init: InitTorch,
		Layers: []Layer{{Kind: Dense, Units: 4, Activation: Tanh}, {Kind: Dense, Units: 1}}}
	want, err := spec.InitialParams()
	if err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, spec)
	got, err := m.Params()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("InitialParams %v, the new model has %v", want, got)
	}
}
