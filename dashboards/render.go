package dashboards

import (
	"encoding/json"
	"fmt"

	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
)

// Names lists the dashboards' file names in this folder.
func Names() []string { return []string{"participation.json", "service.json"} }

func builder(name string) func() (dashboard.Dashboard, error) {
	switch name {
	case "participation.json":
		return Participation
	case "service.json":
		return Service
	}
	return nil
}

// Render builds the dashboard of a file name and returns its JSON as
// committed: indented, with a final newline.
func Render(name string) ([]byte, error) {
	build := builder(name)
	if build == nil {
		return nil, fmt.Errorf("no dashboard %s", name)
	}
	d, err := build()
	if err != nil {
		return nil, fmt.Errorf("build %s: %w", name, err)
	}
	out, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return append(out, '\n'), nil
}
