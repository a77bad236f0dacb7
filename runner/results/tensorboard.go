package results

// What each experiment writes to TensorBoard: the curves its figures draw
// against the epoch or the step, the curves they draw against another
// integer (the batch size, the parameters, a rank) with that integer as
// TensorBoard's step, and, for each figure whose series are not there, why.
// The README's TensorBoard section and the smoke run's event files are
// checked against it.

// Runs that hold a figure's curves against an integer other than the epoch,
// one point per model, so that TensorBoard draws the figure's curve.
const (
	RunByParams    = "by-params"
	RunByBatchSize = "by-batch-size"
)

// TagEigenvalueExact is the exact Hessian's eigenvalue of a rank, beside
// Lanczos's (ColEigenvalue).
const TagEigenvalueExact = "eigenvalue_exact"

// What a TensorBoard step counts (Curve.Step).
const (
	StepEpoch     = "epoch"
	StepStep      = "step"
	StepParams    = ColParams
	StepBatchSize = ColBatchSize
	StepRank      = "rank"
)

// Curve is one or more tags that the runs of an experiment write.
type Curve struct {
	// Runs is the run's folder under tb/, "" for tb/ itself; a part in
	// angle brackets stands for each of its values (<model>: one run per
	// model).
	Runs string
	Tags []string
	Step string // what the step counts: StepEpoch, StepStep, ...
	// Figures are the figures that draw these curves (their file names, a
	// part in angle brackets as in Runs); none: written beside them, for
	// a look at the training.
	Figures []string
	// Only, if set, is when the run writes them (e.g. one task of two);
	// the smoke run need not.
	Only string
}

// FigureOnly is a figure whose series TensorBoard does not show.
type FigureOnly struct {
	Figure string
	Why    string
}

// Board is what an experiment writes to TensorBoard and which of its
// figures are not there.
type Board struct {
	Curves     []Curve
	FigureOnly []FigureOnly
}

// TensorBoard returns experiment's Board; ok is false for a name that is
// not an experiment's.
func TensorBoard(experiment string) (b Board, ok bool) {
	trainTest := []string{ColTrainLoss, ColTrainAcc, ColTestLoss, ColTestAcc}
	pcaPath := "a path through the plane of two principal components, which are fitted after training"
	switch experiment {
	case FunctionFit:
		return Board{Curves: []Curve{
			{Runs: "<function>/<model>", Tags: []string{ColTrainLoss}, Step: StepEpoch, Figures: []string{"loss-<function>"}},
		}, FigureOnly: []FigureOnly{
			{"fit-<function>", "the predictions against the input x, a real number, after training"},
		}}, true
	case MNISTDepth:
		return Board{Curves: []Curve{
			{Runs: "<model>", Tags: trainTest, Step: StepEpoch, Figures: []string{"loss", "accuracy"}},
		}}, true
	case WeightPCA:
		return Board{Curves: []Curve{
			{Runs: "run<k>", Tags: []string{ColTrainLoss}, Step: StepEpoch},
			{Runs: "run<k>", Tags: []string{ColTrainAcc}, Step: StepEpoch, Only: "task=mnist"},
		}, FigureOnly: []FigureOnly{
			{"pca-<scope>", pcaPath},
		}}, true
	case GradNorm:
		return Board{Curves: []Curve{
			{Runs: "", Tags: []string{ColLoss, ColGradNorm}, Step: StepStep, Figures: []string{"grad-norm"}},
			{Runs: "", Tags: []string{ColTrainLoss}, Step: StepEpoch},
		}}, true
	case MinRatio:
		return Board{Curves: []Curve{
			{Runs: "run<k>", Tags: []string{ColTrainLoss}, Step: StepEpoch},
		}, FigureOnly: []FigureOnly{
			{"min-ratio", "a scatter of one point per run: the loss against the minimal ratio, a real number"},
		}}, true
	case RandomLabels:
		return Board{Curves: []Curve{
			{Runs: "", Tags: trainTest, Step: StepEpoch, Figures: []string{"random-labels"}},
		}}, true
	case ParamCount:
		return Board{Curves: []Curve{
			{Runs: RunByParams, Tags: trainTest, Step: StepParams, Figures: []string{"loss-vs-params", "accuracy-vs-params"}},
			{Runs: "<model>", Tags: trainTest, Step: StepEpoch},
		}}, true
	case Interpolation:
		return Board{Curves: []Curve{
			{Runs: "<model>", Tags: trainTest, Step: StepEpoch},
		}, FigureOnly: []FigureOnly{
			{"interpolation-<pair>", "against α, a real coefficient from -1 to 2 on the line between two trained models"},
		}}, true
	case Sensitivity:
		return Board{Curves: []Curve{
			{Runs: RunByBatchSize, Tags: append(trainTest, ColSensitivity, ColLossGradNorm), Step: StepBatchSize, Figures: []string{"sensitivity"}},
			{Runs: RunByBatchSize, Tags: []string{ColSharpness}, Step: StepBatchSize, Figures: []string{"sharpness"}},
			{Runs: "bs<batch_size>", Tags: []string{ColTrainLoss}, Step: StepEpoch},
		}}, true
	case LossSurface:
		grid := "a 2-D grid of losses around the trained parameters"
		return Board{Curves: []Curve{
			{Runs: "<model>", Tags: []string{ColTrainLoss}, Step: StepEpoch},
		}, FigureOnly: []FigureOnly{
			{"contour-<model>", grid},
			{"heatmap-<model>", grid},
			{"slices", "against a real coordinate along a direction through the trained parameters"},
			{"trajectory-<model>", pcaPath},
		}}, true
	case HessianSpectrum:
		return Board{Curves: []Curve{
			{Runs: "<model>", Tags: []string{ColEigenvalue}, Step: StepRank, Figures: []string{"top-eigenvalues"}},
			{Runs: "<model>", Tags: []string{TagEigenvalueExact}, Step: StepRank, Figures: []string{"top-eigenvalues"}, Only: "models small enough for the exact Hessian"},
			{Runs: RunByBatchSize, Tags: []string{ColTopEigenvalue, ColSharpness}, Step: StepBatchSize, Figures: []string{"curvature-vs-batch"}},
			{Runs: "<training run>", Tags: []string{ColTrainLoss}, Step: StepEpoch},
			{Runs: "<training run>", Tags: []string{ColTrainAcc}, Step: StepEpoch, Only: "interpolation's pairs"},
		}, FigureOnly: []FigureOnly{
			{"density-<model>", "against the eigenvalue λ, a real number"},
		}}, true
	case DoubleDescent:
		return Board{Curves: []Curve{
			{Runs: "noise<label_noise>-draw<draw>", Tags: []string{ColTrainError, ColTestError, ColTestLoss}, Step: StepParams, Figures: []string{"double-descent"}},
		}}, true
	}
	return Board{}, false
}
