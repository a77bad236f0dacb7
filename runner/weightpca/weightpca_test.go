package weightpca

import (
	"bytes"
	"hw1/runner/results"
	"hw1/runner/runnertest"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// TestWeightPCASinc runs the smoke profile and checks snapshots.csv against
// the spec and against the raw weights, re-trained independently of the
// experiment's PCA: each scope's PC 1 and PC 2 variances must be the two
// largest eigenvalues of the snapshots' covariance matrix.
func TestWeightPCASinc(t *testing.T) {
	exp := Experiment()
	cfg := runnertest.SmokeConfig[Config](t, exp)
	env := runnertest.Env(t)
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	tb := runnertest.ReadTable(t, env, results.WeightPCASnapshots)
	// 3 runs × epochs {0, 2, 4} × scopes {model, dense2}.
	wantEpochs := []string{"0", "2", "4"}
	scopes, _ := tb.Distinct("scope")
	if !slices.Equal(scopes, []string{"model", "dense2"}) {
		t.Fatalf("scopes %v, want [model dense2]", scopes)
	}
	if len(tb.Rows) != cfg.Runs*len(wantEpochs)*2 {
		t.Fatalf("%d rows, want %d", len(tb.Rows), cfg.Runs*len(wantEpochs)*2)
	}
	loss := runnertest.FiniteColumn(t, tb, "loss")
	for i, l := range loss {
		if l < 0 {
			t.Errorf("row %d: loss %v < 0", i+1, l)
		}
	}

	// The raw snapshots, from the same deterministic runs.
	task, err := newPCATask(env, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var snaps []weightSnapshot
	for run := range cfg.Runs {
		s, err := weightPCARun(env, task, run, cfg.Layer-1)
		if err != nil {
			t.Fatal(err)
		}
		snaps = append(snaps, s...)
	}
	for _, scope := range scopes {
		sub, _ := tb.Where("scope", scope)
		runs, _ := sub.Strings("run")
		epochs, _ := sub.Strings("epoch")
		subLoss := runnertest.FiniteColumn(t, sub, "loss")
		pc1, pc2 := runnertest.FiniteColumn(t, sub, "pc1"), runnertest.FiniteColumn(t, sub, "pc2")
		if len(runs) != len(snaps) {
			t.Fatalf("scope %s: %d rows, want %d snapshots", scope, len(runs), len(snaps))
		}
		rows := make([][]float64, len(snaps))
		for i, s := range snaps {
			if runs[i] != strconv.Itoa(s.run) || epochs[i] != strconv.Itoa(s.epoch) || subLoss[i] != s.loss {
				t.Errorf("scope %s row %d: run %s epoch %s loss %v, the rerun gives run %d epoch %d loss %v",
					scope, i+1, runs[i], epochs[i], subLoss[i], s.run, s.epoch, s.loss)
			}
			rows[i] = s.model
			if scope != "model" {
				rows[i] = s.layer
			}
		}
		if want := []int{57, 40}[slices.Index(scopes, scope)]; len(rows[0]) != want { // 1-4-8-1; dense2 is 4·8+8
			t.Errorf("scope %s: %d weights per snapshot, want %d", scope, len(rows[0]), want)
		}
		// Covariance eigenvalues by an eigen-decomposition (not the SVD
		// pca.Project uses), population normalisation 1/(n-1) as stat.
		n, d := len(rows), len(rows[0])
		x := mat.NewDense(n, d, nil)
		for i, r := range rows {
			x.SetRow(i, r)
		}
		cov := mat.NewSymDense(d, nil)
		stat.CovarianceMatrix(cov, x, nil)
		var eig mat.EigenSym
		if !eig.Factorize(cov, false) {
			t.Fatal("eigen-decomposition failed")
		}
		vals := eig.Values(nil) // ascending
		l1, l2 := vals[d-1], vals[d-2]
		v1, v2 := stat.Variance(pc1, nil), stat.Variance(pc2, nil)
		if !runnertest.Near(v1, l1, 1e-6, 1e-12) || !runnertest.Near(v2, l2, 1e-6, 1e-12) {
			t.Errorf("scope %s: PC variances %v, %v; covariance eigenvalues %v, %v", scope, v1, v2, l1, l2)
		}
		if m1, m2 := stat.Mean(pc1, nil), stat.Mean(pc2, nil); math.Abs(m1) > 1e-9 || math.Abs(m2) > 1e-9 {
			t.Errorf("scope %s: PC means %v, %v, want 0 (centred)", scope, m1, m2)
		}
		if c := stat.Covariance(pc1, pc2, nil); math.Abs(c) > 1e-9*math.Sqrt(v1*v2) {
			t.Errorf("scope %s: PC 1 and PC 2 correlate (covariance %v)", scope, c)
		}
	}
}

// TestWeightPCAMNIST runs the MNIST task of the smoke profile: acc follows
// the columns and is a share.
func TestWeightPCAMNIST(t *testing.T) {
	runnertest.MNISTDir(t)
	exp := Experiment()
	cfg := runnertest.SmokeConfig[Config](t, exp)
	cfg.Task, cfg.Runs = "mnist", 2
	env := runnertest.Env(t)
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}
	tb := runnertest.ReadTable(t, env, results.WeightPCASnapshots)
	if _, err := tb.Col(results.ColAcc); err != nil {
		t.Fatalf("task=mnist must write the accuracy column: %v", err)
	}
	// 2 runs × epochs 0, 1, 2 × 2 scopes.
	if len(tb.Rows) != 12 {
		t.Fatalf("%d rows, want 12", len(tb.Rows))
	}
	scopes, _ := tb.Distinct("scope")
	if !slices.Equal(scopes, []string{"model", "dense2"}) {
		t.Errorf("scopes %v, want [model dense2]", scopes)
	}
	acc := runnertest.FiniteColumn(t, tb, "acc")
	epochs := runnertest.FiniteColumn(t, tb, "epoch")
	loss := runnertest.FiniteColumn(t, tb, "loss")
	for i, a := range acc {
		if a < 0 || a > 1 {
			t.Errorf("row %d: acc %v outside [0, 1]", i+1, a)
		}
		// Ten classes from random weights: near chance at epoch 0, and a
		// cross-entropy near ln 10.
		if epochs[i] == 0 && (a > 0.35 || loss[i] < 1.5) {
			t.Errorf("row %d: initial acc %v, loss %v: not an untrained classifier", i+1, a, loss[i])
		}
	}
	// Training lowers the loss of every run.
	for _, run := range []string{"0", "1"} {
		sub, _ := tb.Where("run", run)
		sub, _ = sub.Where("scope", "model")
		l := runnertest.FiniteColumn(t, sub, "loss")
		if l[len(l)-1] >= l[0] {
			t.Errorf("run %s: loss %v does not fall", run, l)
		}
	}
}

// TestWeightPCARepeatable: the same seed gives a byte-identical table.
func TestWeightPCARepeatable(t *testing.T) {
	exp := Experiment()
	var out [2][]byte
	for i := range out {
		cfg := runnertest.SmokeConfig[Config](t, exp)
		cfg.Runs = 2
		env := runnertest.Env(t)
		if err := exp.Run(env, cfg); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(env.Dir, "snapshots.csv"))
		if err != nil {
			t.Fatal(err)
		}
		out[i] = b
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Error("two runs with the same seed wrote different snapshots.csv")
	}
}

func TestWeightPCABadSettings(t *testing.T) {
	exp := Experiment()
	for _, tc := range []struct {
		set  func(*Config)
		want string
	}{
		{func(c *Config) { c.Layer = 4 }, "layer = 4"},
		{func(c *Config) { c.Runs = 0 }, "runs = 0"},
		{func(c *Config) { c.SincEvery = 0 }, "snapshot interval"},
	} {
		cfg := runnertest.SmokeConfig[Config](t, exp)
		tc.set(cfg)
		err := exp.Run(runnertest.Env(t), cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v, want one mentioning %q", err, tc.want)
		}
	}
}

// The runs side by side write the tables of the runs one after the other.
func TestRunsSideBySideWriteTheTablesOfOneAfterTheOther(t *testing.T) {
	runnertest.SideBySideWritesTheSame(t, Experiment())
}
