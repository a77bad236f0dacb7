package config

// UsageError is a mistake in the user's command line (a bad --set or
// --profile); the CLI reports it and exits with status 2.
type UsageError struct {
	Msg string
	// BadNumber names the key of a --set whose value is not a number of
	// the key's kind ("" for other mistakes), so that the caller can add
	// the range the experiment's checks accept (runner.Prepare).
	BadNumber string
}

func (e *UsageError) Error() string { return e.Msg }
