package plots

import (
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"hw1/runner/results"
	"hw1/runner/table"
)

// experiments lists every experiment with the figure names Draw must return
// for its fixture tables, in order.
var experiments = []struct {
	name    string
	figures []string
}{
	{"function-fit", []string{"loss-sinc", "loss-square", "fit-sinc", "fit-square"}},
	{"mnist-depth", []string{"loss", "accuracy"}},
	{"weight-pca", []string{"pca-model", "pca-layer2"}},
	{"grad-norm", []string{"grad-norm"}},
	{"min-ratio", []string{"min-ratio"}},
	{"random-labels", []string{"random-labels"}},
	{"param-count", []string{"loss-vs-params", "accuracy-vs-params"}},
	{"interpolation", []string{"interpolation-batch", "interpolation-lr"}},
	{"sensitivity", []string{"sensitivity", "sharpness"}},
}

// fixture writes small, fixed tables of experiment into dir (made if
// needed) with a manifest naming the experiment, shaped like the runner's.
func fixture(t *testing.T, dir, experiment string) {
	t.Helper()
	tables := map[string]*table.Table{}
	add := func(tb *table.Table, values ...any) {
		t.Helper()
		if err := tb.Append(values...); err != nil {
			t.Fatal(err)
		}
	}
	switch experiment {
	case "function-fit":
		models := table.New("model", "hidden_layers", "params")
		add(models, "shallow", 1, 571)
		add(models, "middle", 4, 572)
		add(models, "deep", 7, 572)
		loss := table.New("function", "model", "epoch", "loss")
		preds := table.New("function", "model", "x", "y_true", "y_pred")
		for _, fn := range []string{"sinc", "square"} {
			for m, model := range []string{"shallow", "middle", "deep"} {
				for e := 1; e <= 40; e++ {
					add(loss, fn, model, e, 0.2*math.Exp(-float64(e*(m+1))/12)+1e-3/float64(m+1))
				}
				for i := 1; i <= 40; i++ {
					x := float64(i) / 40
					y := math.Sin(5*math.Pi*x) / (5 * math.Pi * x)
					if fn == "square" {
						y = math.Copysign(1, math.Sin(5*math.Pi*x))
					}
					add(preds, fn, model, x, y, y+0.08*math.Sin(float64(3+m)*x)/float64(m+1))
				}
			}
		}
		tables["models.csv"], tables["loss.csv"], tables["predictions.csv"] = models, loss, preds
	case "mnist-depth":
		models := table.New("model", "conv_layers", "dense_layers", "params")
		add(models, "shallow", 1, 1, 25010)
		add(models, "deep", 4, 2, 24890)
		hist := table.New("model", "epoch", "train_loss", "train_acc", "test_loss", "test_acc")
		for m, model := range []string{"shallow", "deep"} {
			for e := 1; e <= 12; e++ {
				tl := 0.5 * math.Exp(-float64(e)*(0.3+0.1*float64(m)))
				add(hist, model, e, tl, 1-tl/2, tl+0.05+0.004*float64(e), 0.97-0.01*float64(m)-tl/3)
			}
		}
		tables["models.csv"], tables["history.csv"] = models, hist
	case "weight-pca":
		snaps := table.New("run", "epoch", "loss", "scope", "pc1", "pc2")
		for _, scope := range []string{"model", "layer2"} {
			for r := 0; r < 3; r++ {
				for e := 0; e <= 15; e += 3 {
					a := float64(r)*2.1 + float64(e)/10
					rad := 1 + float64(e)/5
					add(snaps, r, e, 0.3*math.Exp(-float64(e)/6)+0.01*float64(r), scope, rad*math.Cos(a), rad*math.Sin(a))
				}
			}
		}
		tables["snapshots.csv"] = snaps
	case "grad-norm":
		hist := table.New("step", "epoch", "loss", "grad_norm")
		for s := 0; s < 200; s++ {
			add(hist, s, s/50, 2*math.Exp(-float64(s)/40)+0.01, 1.5*math.Exp(-float64(s)/60)*(1+0.3*math.Sin(float64(s)/3)))
		}
		tables["history.csv"] = hist
	case "min-ratio":
		pts := table.New("run", "loss", "grad_norm", "min_ratio", "min_eigenvalue", "max_eigenvalue", "near_zero")
		for r := 0; r < 20; r++ {
			ratio := 0.5 + 0.5*float64((r*7)%20)/20
			add(pts, r, 0.02+0.1*(1-ratio)+0.001*float64(r%3), 1e-5, ratio, -0.1*(1-ratio), 3.5, r%4)
		}
		tables["points.csv"] = pts
	case "random-labels":
		hist := table.New("epoch", "train_loss", "train_acc", "test_loss", "test_acc")
		for e := 1; e <= 30; e++ {
			tl := 2.3 / (1 + math.Exp(float64(e-15)/3))
			add(hist, e, tl+1e-3, 1-tl/2.6, 2.3+0.15*float64(e), 0.1+0.002*math.Sin(float64(e)))
		}
		tables["history.csv"] = hist
	case "param-count":
		res := table.New("model", "params", "train_loss", "train_acc", "test_loss", "test_acc")
		for i := 0; i < 10; i++ {
			p := math.Round(1000 * math.Pow(10, float64(i)/3))
			add(res, "cnn-"+strconv.Itoa(i), p, 0.6/(1+float64(i)), 0.82+0.017*float64(i), 0.65/(1+float64(i))+0.01*float64(i), 0.8+0.012*float64(i))
		}
		tables["results.csv"] = res
	case "interpolation":
		curve := table.New("pair", "alpha", "train_loss", "train_acc", "test_loss", "test_acc")
		for p, pair := range []string{"batch", "lr"} {
			for i := 0; i <= 24; i++ {
				a := -1 + 3*float64(i)/24
				l := 0.05 + (1+float64(p))*a*(a-1)*a*(a-1) + 0.02*a
				add(curve, pair, a, l, math.Max(0.1, 1-l/3), l*1.1+0.02, math.Max(0.1, 0.98-l/3))
			}
		}
		tables["curve.csv"] = curve
	case "sensitivity":
		res := table.New("batch_size", "train_loss", "train_acc", "test_loss", "test_acc", "sensitivity", "loss_grad_norm", "sharpness")
		for i, b := range []int{5, 15, 50, 150, 500, 1000} {
			f := float64(i)
			add(res, b, 0.05+0.03*f, 0.99-0.01*f, 0.1+0.02*f, 0.97-0.008*f, 3.5-0.5*f, 0.02*math.Pow(0.6, f), 0.1+0.25*f)
		}
		tables["results.csv"] = res
	default:
		t.Fatalf("no fixture for experiment %q", experiment)
	}
	for name, tb := range tables {
		if err := tb.Write(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	m := &results.Manifest{Experiment: experiment, Status: results.StatusDone}
	if err := m.Write(dir); err != nil {
		t.Fatal(err)
	}
}
