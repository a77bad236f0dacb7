package data

import (
	"fmt"
	"strings"
	"testing"
)

// csvText renders examples in the Kaggle layout, with a header if asked.
func csvText(header bool, pixels, labels []byte) string {
	var b strings.Builder
	if header {
		b.WriteString("label")
		for j := range 784 {
			fmt.Fprintf(&b, ",pixel%d", j)
		}
		b.WriteString("\n")
	}
	for i, l := range labels {
		fmt.Fprint(&b, l)
		for _, p := range pixels[i*784 : (i+1)*784] {
			fmt.Fprintf(&b, ",%d", p)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestReadCSV(t *testing.T) {
	const n = 5
	pixels, labels := testPixels(n, 28, 28), testLabels(n)
	for _, header := range []bool{true, false} {
		t.Run(fmt.Sprintf("header=%v", header), func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "train.csv", []byte(csvText(header, pixels, labels)))
			s, err := ReadCSV(path)
			if err != nil {
				t.Fatal(err)
			}
			checkSet(t, s, n, 28, 28, pixels, labels)
		})
	}
	// Windows line endings and no final newline are fine too.
	text := strings.TrimSuffix(strings.ReplaceAll(csvText(true, pixels, labels), "\n", "\r\n"), "\r\n")
	s, err := ReadCSV(writeFile(t, t.TempDir(), "crlf.csv", []byte(text)))
	if err != nil {
		t.Fatal(err)
	}
	checkSet(t, s, n, 28, 28, pixels, labels)
}

func TestReadCSVErrors(t *testing.T) {
	pixels, labels := testPixels(3, 28, 28), testLabels(3)
	good := csvText(true, pixels, labels)
	lines := strings.Split(good, "\n") // header, 3 examples, ""

	// replaceField returns good with field j of line k (1-based) set to v.
	replaceField := func(k, j int, v string) string {
		ls := append([]string(nil), lines...)
		fields := strings.Split(ls[k-1], ",")
		fields[j] = v
		ls[k-1] = strings.Join(fields, ",")
		return strings.Join(ls, "\n")
	}
	dropField := func(k int) string {
		ls := append([]string(nil), lines...)
		ls[k-1] = ls[k-1][:strings.LastIndex(ls[k-1], ",")]
		return strings.Join(ls, "\n")
	}
	unlabelled := strings.Join(lines[:1], "\n")[len("label,"):] + "\n" +
		strings.Join(strings.Split(lines[1], ",")[1:], ",") + "\n"

	cases := []struct {
		name, text string
		parts      []string
	}{
		{"short line", dropField(3), []string{"line 3", "784 fields", "want 785"}},
		{"non-numeric pixel", replaceField(2, 6, "x"), []string{"line 2", "pixel 5", `"x"`, "0..255"}},
		{"pixel above 255", replaceField(4, 784, "256"), []string{"line 4", "pixel 783", `"256"`}},
		{"negative pixel", replaceField(2, 1, "-1"), []string{"line 2", "pixel 0", `"-1"`}},
		{"fractional pixel", replaceField(3, 10, "0.5"), []string{"line 3", "pixel 9", `"0.5"`}},
		{"label out of range", replaceField(3, 0, "10"), []string{"line 3", `label "10"`, "0..9"}},
		{"non-numeric label, no header", "x" + lines[1][1:] + "\n",
			[]string{"line 1", `label "x"`}},
		{"no label column", unlabelled, []string{"line 1", "no label column"}},
		{"wrong header", "a,b,c\n", []string{"line 1", "3 columns", "want 785"}},
		{"header only", lines[0] + "\n", []string{"no examples"}},
		{"empty", "", []string{"no examples"}},
		{"bad quoting", `0,"1` + "\n", []string{"line"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "bad.csv", []byte(tc.text))
			s, err := ReadCSV(path)
			if s != nil {
				t.Errorf("got a set of %d examples along with the error", s.N)
			}
			wantErr(t, err, append(tc.parts, path)...)
		})
	}
}
