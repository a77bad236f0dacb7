package config

// UsageError is a mistake in the user's command line (a bad --set or
// --profile); the CLI reports it and exits with status 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }
