package graphs

import (
	"fmt"

	tf "github.com/wamuir/graft/tensorflow"
)

// floatTensor makes a tensor of dtype dt (Float or Double) and the given
// shape from values.
func floatTensor(dt tf.DataType, values []float64, shape []int64) (*tf.Tensor, error) {
	var t *tf.Tensor
	var err error
	if dt == tf.Double {
		t, err = tf.NewTensor(values)
	} else {
		f := make([]float32, len(values))
		for i, v := range values {
			f[i] = float32(v)
		}
		t, err = tf.NewTensor(f)
	}
	if err != nil {
		return nil, fmt.Errorf("make tensor: %w", err)
	}
	return reshaped(t, shape)
}

// float32Tensor makes a tensor of dtype dt from float32 values.
func float32Tensor(dt tf.DataType, values []float32, shape []int64) (*tf.Tensor, error) {
	var t *tf.Tensor
	var err error
	if dt == tf.Double {
		d := make([]float64, len(values))
		for i, v := range values {
			d[i] = float64(v)
		}
		t, err = tf.NewTensor(d)
	} else {
		t, err = tf.NewTensor(values)
	}
	if err != nil {
		return nil, fmt.Errorf("make tensor: %w", err)
	}
	return reshaped(t, shape)
}

// scalarTensor makes a scalar tensor of dtype dt.
func scalarTensor(dt tf.DataType, v float64) (*tf.Tensor, error) {
	var t *tf.Tensor
	var err error
	if dt == tf.Double {
		t, err = tf.NewTensor(v)
	} else {
		t, err = tf.NewTensor(float32(v))
	}
	if err != nil {
		return nil, fmt.Errorf("make scalar tensor: %w", err)
	}
	return t, nil
}

func reshaped(t *tf.Tensor, shape []int64) (*tf.Tensor, error) {
	if len(shape) == 1 && len(t.Shape()) == 1 && shape[0] == t.Shape()[0] {
		return t, nil
	}
	if err := t.Reshape(shape); err != nil {
		return nil, fmt.Errorf("reshape tensor to %v: %w", shape, err)
	}
	return t, nil
}

// floats reads a float tensor of any shape as a flat []float64.
func floats(t *tf.Tensor) ([]float64, error) {
	n := int64(1)
	for _, d := range t.Shape() {
		n *= d
	}
	if len(t.Shape()) != 1 {
		if err := t.Reshape([]int64{n}); err != nil {
			return nil, fmt.Errorf("flatten fetched tensor: %w", err)
		}
	}
	switch v := t.Value().(type) {
	case []float64:
		return v, nil
	case []float32:
		out := make([]float64, len(v))
		for i, x := range v {
			out[i] = float64(x)
		}
		return out, nil
	default:
		return nil, fmt.Errorf("fetched tensor holds %T, want float32 or float64", v)
	}
}

// scalar reads a scalar float tensor.
func scalar(t *tf.Tensor) (float64, error) {
	switch v := t.Value().(type) {
	case float64:
		return v, nil
	case float32:
		return float64(v), nil
	default:
		return 0, fmt.Errorf("fetched tensor holds %T, want a float32 or float64 scalar", v)
	}
}

func int64s(shape []int) []int64 {
	out := make([]int64, len(shape))
	for i, d := range shape {
		out[i] = int64(d)
	}
	return out
}
