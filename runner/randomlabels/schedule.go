package randomlabels

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// plateauSchedule lowers a learning rate in steps when training stalls, as
// Keras's ReduceLROnPlateau does on the training accuracy: once patience
// epochs have passed without a new best accuracy (since the best one, or
// since the last decay), the rate is multiplied by factor, down to min.
// Zhang et al. (2017) fitted random labels with step decays of the
// learning rate; a stall rather than fixed epochs triggers them here, so
// one setting serves training sets of any size.
type plateauSchedule struct {
	lr       float64
	factor   float64 // in (0, 1); anything else keeps lr constant
	patience int     // epochs
	min      float64

	best  float64 // best accuracy seen
	since int     // epoch of the best accuracy or of the last decay
	drops []lrDrop
}

// lrDrop is one decay: from the epoch after Epoch on, the rate is LR.
type lrDrop struct {
	Epoch int
	LR    float64
}

func newPlateauSchedule(lr, factor float64, patience int, min float64) *plateauSchedule {
	return &plateauSchedule{lr: lr, factor: factor, patience: patience, min: min, best: -1}
}

// constant reports whether the schedule never changes the rate.
func (p *plateauSchedule) constant() bool {
	return !(p.factor > 0 && p.factor < 1) || p.patience < 1
}

// observe takes the training accuracy after epoch and reports the rate of
// the following epochs and whether it changed.
func (p *plateauSchedule) observe(epoch int, acc float64) (lr float64, changed bool) {
	if acc > p.best {
		p.best, p.since = acc, epoch
	}
	if p.constant() || epoch-p.since < p.patience || p.lr <= p.min {
		return p.lr, false
	}
	p.lr = max(p.lr*p.factor, p.min)
	p.since = epoch
	p.drops = append(p.drops, lrDrop{Epoch: epoch, LR: p.lr})
	return p.lr, true
}

// describe states the rule, for the manifest's notes.
func (p *plateauSchedule) describe() string {
	if p.constant() {
		return "constant learning rate"
	}
	return fmt.Sprintf("learning rate multiplied by %g whenever %d epochs pass without a new best training accuracy (since the best or the last decay), down to %g (lr_decay, lr_patience, lr_min)",
		p.factor, p.patience, p.min)
}

// history lists the decays taken, for the manifest's notes.
func (p *plateauSchedule) history() string {
	if len(p.drops) == 0 {
		return "the learning rate never decayed"
	}
	parts := make([]string, len(p.drops))
	for i, d := range p.drops {
		parts[i] = fmt.Sprintf("%.3g after epoch %d", d.LR, d.Epoch)
	}
	return "learning rate decayed to " + strings.Join(parts, ", ")
}

// checkPlateau reports a schedule setting plateauSchedule cannot work with.
func checkPlateau(decay float64, patience int, min float64) error {
	var errs []error
	if !(decay >= 0 && decay <= 1) {
		errs = append(errs, fmt.Errorf("lr_decay = %g, want a factor from 0 to 1 (0 or 1: constant learning rate)", decay))
	}
	if patience < 0 || patience == 0 && decay > 0 && decay < 1 {
		errs = append(errs, fmt.Errorf("lr_patience = %d with lr_decay = %g, want at least 1 epoch (a decay needs a plateau to wait for)", patience, decay))
	}
	if !(min >= 0) || math.IsInf(min, 0) {
		errs = append(errs, fmt.Errorf("lr_min = %g, want a finite number from 0 up", min))
	}
	return errors.Join(errs...)
}
