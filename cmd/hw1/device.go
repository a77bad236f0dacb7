//go:build !notf

package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"hw1/graphs"
)

// deviceFlag is --device of run and bench.
func deviceFlag() cli.Flag {
	return &cli.StringFlag{Name: "device", Value: graphs.DeviceAuto,
		Usage: "auto (a usable GPU when there is one, else the CPU), cpu, or gpu (exit 2 when there is no usable GPU); 'hw1 doctor' shows what there is"}
}

// placeDevice resolves --device before anything trains: a bad value, or gpu
// with no usable GPU, is a usage error (exit 2) that says why and what to do.
func placeDevice(c *cli.Context, cfg graphs.SessionConfig) (graphs.Placement, error) {
	choice := c.String("device")
	switch choice {
	case graphs.DeviceAuto, graphs.DeviceCPU, graphs.DeviceGPU:
	default:
		return graphs.Placement{}, usageErrorf("--device %s: must be auto, cpu or gpu", choice)
	}
	p, err := graphs.Place(choice, cfg)
	switch {
	case errors.Is(err, graphs.ErrNoGPU):
		return p, exitError{2, fmt.Errorf("--device gpu: %w; 'hw1 doctor' shows the build and the GPUs; --device auto or cpu trains on the CPU", err)}
	case err != nil:
		return p, exitError{1, fmt.Errorf("--device %s: %w", choice, err)}
	}
	return p, nil
}

// printGPUs writes doctor's lines on the build and the GPUs, one line each.
func printGPUs(w io.Writer, cfg graphs.SessionConfig) error {
	st, err := graphs.CheckGPUs(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "build        %s, %s\n", st.Build, st.Build.Library)
	if st.Build.CUDA {
		driver := "none"
		if st.Driver.Loaded {
			driver = "CUDA " + st.Driver.Version
		}
		fmt.Fprintf(w, "driver       %s\n", driver)
	}
	for _, g := range st.Driver.GPUs {
		line := fmt.Sprintf("gpu          %d %s, compute capability %d.%d, %d MiB", g.Index, g.Name, g.Major, g.Minor, g.MemoryBytes>>20)
		if g.Index < len(st.TFGPUs) {
			line += ", TensorFlow " + strings.TrimPrefix(st.TFGPUs[g.Index].Name, "/job:localhost/replica:0/task:0/device:")
		} else {
			line += ", not used by TensorFlow"
		}
		if s := st.Build.Supports(g); s != "" {
			line += " (" + s + ")"
		}
		fmt.Fprintln(w, line)
	}
	if !st.Usable() {
		fmt.Fprintf(w, "gpu          none: %s\n", st.Why)
	}
	if !st.Build.CUDA {
		fmt.Fprintln(w, "placement    everything on the CPU")
		return nil
	}
	// Which ops of hw1's kinds of model would stay on the CPU: asked of the
	// build's kernel registry, so it holds with or without a GPU here.
	cpuOps, types, err := graphs.SampleOpsWithoutGPUKernel(cfg)
	if err != nil {
		return err
	}
	on := "none"
	if len(cpuOps) > 0 {
		on = strings.Join(cpuOps, ", ")
	}
	where := "on a GPU"
	if !st.Usable() {
		where = "with a GPU"
	}
	fmt.Fprintf(w, "placement    %s, ops without a GPU kernel run on the CPU; of the %d op types of hw1's models "+
		"(a float32 CNN; a float64 MLP with its Hessian), these: %s; Hessian eigenvalues are computed in Go, on the CPU\n",
		where, types, on)
	return nil
}
