package randomlabels

import (
	"bytes"
	"hw1/runner"
	"hw1/runner/results"
	"hw1/runner/runnertest"
	"os"
	"path/filepath"
	"testing"

	"hw1/runner/data"
)

// TestRandomLabelsMemorises checks the phenomenon itself on the smoke
// profile: the labels are random (about 10% agree with MNIST's, read here
// from the files), the network fits them (>= 99% train accuracy) while its
// test accuracy on the true labels stays near chance.
func TestRandomLabelsMemorises(t *testing.T) {
	dir := runnertest.MNISTDir(t)
	exp := Experiment()
	cfg := runnertest.SmokeConfig[randomLabelsConfig](t, exp)
	env := runnertest.Env(t)
	if err := exp.Run(env, cfg); err != nil {
		t.Fatal(err)
	}

	trueTrain, _, err := data.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	lt := runnertest.ReadTable(t, env, results.RandomLabelsLabels)
	if len(lt.Rows) != cfg.TrainExamples {
		t.Fatalf("labels.csv has %d rows, want %d", len(lt.Rows), cfg.TrainExamples)
	}
	idx, labels, trueLabels := runnertest.FiniteColumn(t, lt, "index"), runnertest.FiniteColumn(t, lt, "label"), runnertest.FiniteColumn(t, lt, "true_label")
	same := 0
	counts := make([]int, 10)
	for i := range labels {
		if int(idx[i]) != i || labels[i] < 0 || labels[i] > 9 || labels[i] != float64(int(labels[i])) {
			t.Fatalf("labels.csv row %d: index %v label %v, want index %d and a class 0..9", i, idx[i], labels[i], i)
		}
		if trueLabels[i] != float64(trueTrain.Labels[i]) {
			t.Fatalf("labels.csv row %d: true_label %v, but MNIST says %d", i, trueLabels[i], trueTrain.Labels[i])
		}
		if labels[i] == trueLabels[i] {
			same++
		}
		counts[int(labels[i])]++
	}
	// 200 labels: about 20 agree by chance; 40 or more would mean the
	// labels are not independent of the truth.
	if share := float64(same) / float64(len(labels)); share > 0.2 {
		t.Errorf("%.0f%% of the random labels equal the true ones, want about 10%%", 100*share)
	}
	for c, n := range counts {
		if n == 0 || n > len(labels)/4 {
			t.Errorf("class %d drawn %d times out of %d: not uniform", c, n, len(labels))
		}
	}

	h := runnertest.ReadTable(t, env, results.RandomLabelsHistory)
	trainAcc, testAcc := runnertest.FiniteColumn(t, h, "train_acc"), runnertest.FiniteColumn(t, h, "test_acc")
	testLoss := runnertest.FiniteColumn(t, h, "test_loss")
	runnertest.CheckUnit(t, "train_acc", trainAcc)
	runnertest.CheckUnit(t, "test_acc", testAcc)
	n := len(trainAcc)
	if n < 2 {
		t.Fatalf("history has %d epochs", n)
	}
	if trainAcc[n-1] < 0.99 {
		t.Errorf("final train accuracy on random labels %.3f, want memorisation (>= 0.99)", trainAcc[n-1])
	}
	if testAcc[n-1] > 0.25 {
		t.Errorf("final test accuracy %.3f on true labels after training on random ones, want near chance (0.1)", testAcc[n-1])
	}
	// Fitting noise makes the network confidently wrong on new data.
	if testLoss[n-1] <= testLoss[0] {
		t.Errorf("test loss went from %.3f to %.3f, want it to grow while the network memorises noise", testLoss[0], testLoss[n-1])
	}
}

// TestRandomLabelsRepeatable checks that the same seed gives byte-identical
// tables and another seed other labels.
func TestRandomLabelsRepeatable(t *testing.T) {
	runnertest.MNISTDir(t)
	exp := Experiment()
	cfg := runnertest.SmokeConfig[randomLabelsConfig](t, exp)
	cfg.Epochs, cfg.StopTrainAcc = 3, 0
	run := func(seed int64) *runner.Env {
		env := runnertest.Env(t)
		env.Seed = seed
		if err := exp.Run(env, cfg); err != nil {
			t.Fatal(err)
		}
		return env
	}
	read := func(env *runner.Env, name string) []byte {
		b, err := os.ReadFile(filepath.Join(env.Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b, c := run(7), run(7), run(8)
	for _, name := range []string{"labels.csv", "history.csv"} {
		if !bytes.Equal(read(a, name), read(b, name)) {
			t.Errorf("%s differs between two runs with seed 7", name)
		}
	}
	if bytes.Equal(read(a, "labels.csv"), read(c, "labels.csv")) {
		t.Error("seeds 7 and 8 drew the same random labels")
	}
}
