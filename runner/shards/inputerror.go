package shards

// InputError is bad input found before anything trains: a dataset, an
// output folder or a result already there. It names the path, what is wrong
// and how to go on; the CLI exits with status 2.
type InputError struct {
	Path    string
	Problem string
	Fix     string
	Err     error // the underlying error, if any
}

func (e *InputError) Error() string {
	msg := e.Path + ": " + e.Problem
	if e.Fix != "" {
		msg += "; " + e.Fix
	}
	return msg
}

func (e *InputError) Unwrap() error { return e.Err }
