package shards

// DrawFunc draws the figures of the experiment folder dir from its tables
// and returns their names. Neither the runner nor the merge draws: the CLI
// hands them the plots package's Draw, so that they never depend on
// plotting.
type DrawFunc func(dir string) ([]string, error)
