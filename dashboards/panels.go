package dashboards

import (
	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/prometheus"
)

// datasource is what every panel, query and variable queries: the
// dashboard's $datasource variable, never a fixed UID, so the dashboards
// work with whatever the Prometheus data source is called.
var datasource = common.DataSourceRef{Type: cog.ToPtr("prometheus"), Uid: cog.ToPtr("${datasource}")}

// Heights and widths on Grafana's 24-column grid.
const (
	statHeight  = 4
	chartHeight = 8
	fullWidth   = 24
	halfWidth   = 12
	thirdWidth  = 8
)

// Units, by Grafana's names.
const (
	unitRatio    = "percentunit"
	unitSeconds  = "s"
	unitDuration = "dtdurations"
	unitBytes    = "bytes"
	unitCount    = "short"
	unitPerSec   = "reqps"
	unitOpsSec   = "ops"
)

// series is a range query drawn over time.
func series(expr, legend string) *prometheus.DataqueryBuilder {
	return prometheus.NewDataqueryBuilder().Datasource(datasource).Expr(expr).LegendFormat(legend).Range()
}

// instant is a query evaluated once, at the end of the time range.
func instant(expr, legend string) *prometheus.DataqueryBuilder {
	return prometheus.NewDataqueryBuilder().Datasource(datasource).Expr(expr).LegendFormat(legend).Instant()
}

// datasourceVariable lets the viewer pick the Prometheus data source.
func datasourceVariable() *dashboard.DatasourceVariableBuilder {
	return dashboard.NewDatasourceVariableBuilder("datasource").Label("Data source").Type("prometheus")
}

// queryVariable is a multi-value variable filled from Prometheus; "All"
// matches everything (.*), so expressions use =~"$name".
func queryVariable(name, label, query, regex, description string) *dashboard.QueryVariableBuilder {
	return dashboard.NewQueryVariableBuilder(name).Label(label).Description(description).
		Datasource(datasource).
		Query(dashboard.StringOrMap{String: cog.ToPtr(query)}).Definition(query).Regex(regex).
		Refresh(dashboard.VariableRefreshOnTimeRangeChanged).Sort(dashboard.VariableSortAlphabeticalAsc).
		Multi(true).IncludeAll(true).AllValue(".*").
		Current(dashboard.VariableOption{
			Selected: cog.ToPtr(true),
			Text:     dashboard.StringOrArrayOfString{ArrayOfString: []string{"All"}},
			Value:    dashboard.StringOrArrayOfString{ArrayOfString: []string{"$__all"}},
		})
}

// steps are thresholds from a base colour upwards.
func steps(base string, at ...any) *dashboard.ThresholdsConfigBuilder {
	s := []dashboard.Threshold{{Color: base}}
	for i := 0; i+1 < len(at); i += 2 {
		v := at[i].(float64)
		s = append(s, dashboard.Threshold{Value: &v, Color: at[i+1].(string)})
	}
	return dashboard.NewThresholdsConfigBuilder().Mode(dashboard.ThresholdsModeAbsolute).Steps(s)
}

// lastValue reduces a series to its last value (stat and bar gauge).
func lastValue() *common.ReduceDataOptionsBuilder {
	return common.NewReduceDataOptionsBuilder().Calcs([]string{"lastNotNull"}).Values(false)
}

// row starts a titled section.
func row(title string) *dashboard.RowBuilder { return dashboard.NewRowBuilder(title) }

// numberPanels gives every panel and row an ID and every query a refId
// (A, B, ...), in order, as Grafana does when it saves a dashboard; the SDK
// leaves them unset.
func numberPanels(d *dashboard.Dashboard) {
	id := uint32(0)
	for _, p := range d.Panels {
		id++
		switch {
		case p.Panel != nil:
			p.Panel.Id = cog.ToPtr(id)
			for i, t := range p.Panel.Targets {
				if q, ok := t.(prometheus.Dataquery); ok && q.RefId == nil {
					q.RefId = cog.ToPtr(string(rune('A' + i)))
					p.Panel.Targets[i] = q
				}
			}
		case p.RowPanel != nil:
			p.RowPanel.Id = id
		}
	}
}
