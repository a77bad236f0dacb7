package runner

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"

	"hw1/runner/data"
	"hw1/runner/models"
)

// Dataset names accepted by the experiments' `dataset` setting.
const (
	MNIST        = "mnist"
	FashionMNIST = "fashion-mnist"
)

// dataCache loads each image set once per process, so that `run all` reads
// MNIST once for all its experiments.
type dataCache struct {
	dir  string     // --data; "" means data/<name>
	mu   sync.Mutex // seeds run side by side load at once
	sets map[string][2]*data.Set
}

func newDataCache(dir string) *dataCache {
	return &dataCache{dir: dir, sets: map[string][2]*data.Set{}}
}

// Images returns the first trainN training and testN test examples of the
// named dataset (0 or less: all of them).
func (e *Env) Images(name string, trainN, testN int) (train, test *data.Set, err error) {
	train, test, err = e.data.load(name, e.Log)
	if err != nil {
		return nil, nil, err
	}
	return models.Head(train, trainN), models.Head(test, testN), nil
}

// dirOf is the folder the named dataset is read from: --data, or
// data/<name>.
func (c *dataCache) dirOf(name string) string {
	if c.dir != "" {
		return c.dir
	}
	return filepath.Join("data", name)
}

// load reads a dataset once and keeps it.
func (c *dataCache) load(name string, log *slog.Logger) (train, test *data.Set, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.sets[name]; ok {
		return s[0], s[1], nil
	}
	if c.dir == "" && name != MNIST && name != FashionMNIST {
		return nil, nil, fmt.Errorf("unknown dataset %q (valid: %s, %s)", name, MNIST, FashionMNIST)
	}
	dir := c.dirOf(name)
	train, test, err = data.Load(dir)
	if err != nil {
		return nil, nil, err
	}
	c.sets[name] = [2]*data.Set{train, test}
	log.Info("loaded data", "dataset", name, "dir", dir, "train", train.N, "test", test.N)
	return train, test, nil
}
