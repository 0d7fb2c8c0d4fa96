// Command generate writes the dashboards of package dashboards to JSON
// files in the current directory; `go generate ./dashboards` runs it there.
package main

import (
	"fmt"
	"os"

	"tandem/dashboards"
)

func main() {
	for _, name := range dashboards.Names() {
		out, err := dashboards.Render(name)
		if err == nil {
			err = os.WriteFile(name, out, 0o644)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "generate: %v\n", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %s (%d bytes)\n", name, len(out))
	}
}
