package report

import (
	"fmt"
	"slices"

	"hw1/runner/results"
)

// experiment is one experiment of the schema with what the report says about
// it.
type experiment struct {
	results.Schema // name and tables, from the schema
	about
}

// about is what the report says about one experiment: its title and
// question (its description, results.Describe), its part's heading, its
// findings and its table of models.
type about struct {
	title    string
	part     string
	question string
	// beyond marks an experiment that hw1 adds to the homework's.
	beyond   bool
	findings func(f *folder) ([]Finding, error)
	// models is the table shown as the section's list of models, nil for
	// none.
	models *modelView
}

// modelView is the table of models a section shows: the whole file, or
// only some of its columns.
type modelView struct {
	table   results.Table
	columns []string // nil: all columns, as in the file
}

// partHeading is the page's heading of the homework's part (one of
// results.Parts): "Part 1 — deep vs shallow".
func partHeading(part string) string {
	return fmt.Sprintf("Part %d — %s", slices.Index(results.Parts(), part)+1, part)
}

// analysis is what the report computes and shows of one experiment, beside
// its description.
type analysis struct {
	findings func(f *folder) ([]Finding, error)
	models   *modelView
}

// analyses returns, per experiment of the schema, its findings and its
// table of models. A test checks that its keys and results.Experiments()
// agree.
func analyses() map[string]analysis {
	return map[string]analysis{
		results.FunctionFit:     {functionFitFindings, &modelView{table: results.FunctionFitModels}},
		results.MNISTDepth:      {mnistDepthFindings, &modelView{table: results.MNISTDepthModels}},
		results.WeightPCA:       {weightPCAFindings, nil},
		results.GradNorm:        {gradNormFindings, nil},
		results.MinRatio:        {minRatioFindings, nil},
		results.RandomLabels:    {randomLabelsFindings, nil},
		results.ParamCount:      {paramCountFindings, &modelView{table: results.ParamCountResults, columns: []string{results.ColModel, results.ColParams}}},
		results.Interpolation:   {interpolationFindings, &modelView{table: results.InterpolationModels}},
		results.Sensitivity:     {sensitivityFindings, nil},
		results.LossSurface:     {lossSurfaceFindings, &modelView{table: results.LossSurfaceModels}},
		results.HessianSpectrum: {hessianSpectrumFindings, nil},
		results.DoubleDescent:   {doubleDescentFindings, nil},
	}
}

// abouts returns, per experiment of the schema that has a description,
// what the report says about it: the description's title, part and
// question, and its analysis (none, for an experiment the report does not
// analyse).
func abouts() map[string]about {
	out := map[string]about{}
	an := analyses()
	for _, e := range results.Experiments() {
		d, ok := results.Describe(e.Name)
		if !ok {
			continue
		}
		a := an[e.Name]
		out[e.Name] = about{title: d.Title, part: partHeading(d.Part), question: d.Question, beyond: d.Beyond,
			findings: a.findings, models: a.models}
	}
	return out
}

// experiments returns the schema's experiments in its order
// (results.Experiments), each with what the report says about it. An
// experiment without a description still gets a section, titled by its
// name, and no findings.
func experiments() []experiment {
	var out []experiment
	described := abouts()
	for _, s := range results.Experiments() {
		a, ok := described[s.Name]
		if !ok {
			a = about{title: s.Name, part: "Experiments the report does not describe"}
		}
		out = append(out, experiment{s, a})
	}
	return out
}

func lookup(name string) (experiment, bool) {
	for _, e := range experiments() {
		if e.Name == name {
			return e, true
		}
	}
	return experiment{}, false
}

// findingsOf computes the findings of the experiment name from the folder's
// tables.
func findingsOf(f *folder, name string) ([]Finding, error) {
	exp, ok := lookup(name)
	if !ok {
		return nil, fmt.Errorf("findings of %s: unknown experiment %q (known: %v)", f.dir, name, results.ExperimentNames())
	}
	if exp.findings == nil {
		return nil, fmt.Errorf("findings of %s: the report computes no findings for this experiment", name)
	}
	fs, err := exp.findings(f)
	if err != nil {
		return nil, fmt.Errorf("findings of %s: %w", name, err)
	}
	for i := range fs {
		fs[i].Experiment = name
	}
	return fs, nil
}
