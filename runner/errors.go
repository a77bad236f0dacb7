package runner

import (
	"errors"
	"fmt"
)

// ErrInterrupted marks a run stopped by a signal or a cancelled context.
var ErrInterrupted = errors.New("interrupted")

// DivergedError says that training produced a non-finite loss.
type DivergedError struct {
	Epoch, Step int
	Loss        float64
}

func (e *DivergedError) Error() string {
	return fmt.Sprintf("diverged at epoch %d step %d (loss %g): lower the learning rate or check the data", e.Epoch, e.Step, e.Loss)
}
