package dashboards

import (
	"github.com/grafana/grafana-foundation-sdk/go/bargauge"
	"github.com/grafana/grafana-foundation-sdk/go/common"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/prometheus"
	"github.com/grafana/grafana-foundation-sdk/go/stat"
	"github.com/grafana/grafana-foundation-sdk/go/table"
	"github.com/grafana/grafana-foundation-sdk/go/timeseries"
)

// sel filters participation series by the dashboard's program and cohort
// variables.
const sel = `program=~"$program",cohort=~"$cohort"`

// ratio is submitted over invited, summed by the given labels.
func ratio(by, filter string) string {
	return `sum by (` + by + `) (tandem_survey_invitations_submitted{` + filter + `}) / sum by (` + by + `) (tandem_survey_invitations{` + filter + `})`
}

// Participation is the dashboard of survey participation: response rates by
// cohort, phase and role, answers over time, time left in open surveys and
// non-responders. Its figures come from the database at scrape time
// (surveys open or closed within the last 7 days).
func Participation() (dashboard.Dashboard, error) {
	b := dashboard.NewDashboardBuilder("tandem · Participation").
		Uid("tandem-participation").
		Description("Survey participation of tandem's reverse-mentoring programs: open surveys and those closed within the last 7 days.").
		Tags([]string{"tandem"}).
		Refresh("1m").
		Time("now-7d", "now").
		Timezone(common.TimeZoneBrowser).
		Tooltip(dashboard.DashboardCursorSyncCrosshair).
		WithVariable(datasourceVariable()).
		WithVariable(queryVariable("program", "Program", "label_values(tandem_surveys_open, program)", "",
			"IDs of the programs with surveys open or closed within the last 7 days (the metrics carry no names; the HR pages and the API show which is which).")).
		WithVariable(queryVariable("cohort", "Cohort", `label_values(tandem_surveys_open{program=~"$program"}, cohort)`, "",
			"IDs of the cohorts of the chosen programs with surveys open or closed within the last 7 days."))
	participationOverview(b)
	participationRates(b)
	participationAnswers(b)
	participationDeadlines(b)
	d, err := b.Build()
	numberPanels(&d)
	return d, err
}

func participationOverview(b *dashboard.DashboardBuilder) {
	open := sel + `,state="open"`
	b.WithRow(row("Open surveys"))
	b.WithPanel(statPanel("Surveys open", "Surveys taking answers now in the chosen cohorts.",
		`sum(tandem_surveys_open{`+sel+`})`, unitCount).Thresholds(steps("blue")))
	b.WithPanel(statPanel("Invited", "Invitations sent for the open surveys.",
		`sum(tandem_survey_invitations{`+open+`})`, unitCount).Thresholds(steps("blue")))
	b.WithPanel(statPanel("Answered", "Invitations of the open surveys that were answered.",
		`sum(tandem_survey_invitations_submitted{`+open+`})`, unitCount).Thresholds(steps("blue")))
	b.WithPanel(statPanel("Response rate", "Answered divided by invited, over the open surveys. Red below 50 %, orange below 70 %.",
		ratio("state", open), unitRatio).Thresholds(steps("red", 0.5, "orange", 0.7, "green")))
}

func participationRates(b *dashboard.DashboardBuilder) {
	b.WithRow(row("Response rate"))
	b.WithPanel(bargauge.NewPanelBuilder().Title("Response rate by cohort and phase").
		Description("Answered divided by invited for each cohort and phase; state says whether the survey is still open. Surveys closed more than 7 days ago are not shown.").
		Datasource(datasource).Unit(unitRatio).Min(0).Max(1).Height(chartHeight).Span(halfWidth).
		Thresholds(steps("red", 0.5, "orange", 0.7, "green")).
		Orientation(common.VizOrientationHorizontal).DisplayMode(common.BarGaugeDisplayModeGradient).
		ReduceOptions(lastValue()).
		WithTarget(instant(ratio("program, cohort, phase, state", sel), "{{cohort}} · {{phase}} ({{state}})")))
	b.WithPanel(timeseries.NewPanelBuilder().Title("Response rate by role").
		Description("Answered divided by invited, per role (mentor, mentee, peer), over the chosen cohorts' open and recently closed surveys. Role \"other\" holds, per survey, the roles with fewer invitations than the program's anonymity threshold (and, if needed, the next smallest role, so that none can be worked out from the total).").
		Datasource(datasource).Unit(unitRatio).Min(0).Max(1).Height(chartHeight).Span(halfWidth).
		WithTarget(series(ratio("role", sel), "{{role}}")))
	b.WithPanel(timeseries.NewPanelBuilder().Title("Response rate over time").
		Description("How the response rate of each cohort and phase developed.").
		Datasource(datasource).Unit(unitRatio).Min(0).Max(1).Height(chartHeight).Span(fullWidth).
		WithTarget(series(ratio("program, cohort, phase", sel), "{{cohort}} · {{phase}}")))
}

func participationAnswers(b *dashboard.DashboardBuilder) {
	b.WithRow(row("Answers"))
	b.WithPanel(timeseries.NewPanelBuilder().Title("Invited and answered").
		Description("Invitations sent and answered per phase, summed over the chosen cohorts.").
		Datasource(datasource).Unit(unitCount).Min(0).Height(chartHeight).Span(thirdWidth).
		WithTarget(series(`sum by (phase) (tandem_survey_invitations{`+sel+`})`, "{{phase}} invited")).
		WithTarget(series(`sum by (phase) (tandem_survey_invitations_submitted{`+sel+`})`, "{{phase}} answered")))
	b.WithPanel(timeseries.NewPanelBuilder().Title("Submissions over time").
		Description("Answers stored per interval, by cohort and phase (the change of the answered count).").
		Datasource(datasource).Unit(unitCount).Min(0).Height(chartHeight).Span(thirdWidth).
		DrawStyle(common.GraphDrawStyleBars).FillOpacity(60).
		WithTarget(series(`sum by (program, cohort, phase) (delta(tandem_survey_invitations_submitted{`+sel+`}[$__rate_interval]))`,
			"{{cohort}} · {{phase}}")))
	b.WithPanel(bargauge.NewPanelBuilder().Title("Invited, opened, answered").
		Description("The funnel of the open surveys: invitations sent, links opened at least once, answers.").
		Datasource(datasource).Unit(unitCount).Min(0).Height(chartHeight).Span(thirdWidth).
		Orientation(common.VizOrientationHorizontal).DisplayMode(common.BarGaugeDisplayModeGradient).
		ReduceOptions(lastValue()).Thresholds(steps("blue")).
		WithTarget(instant(`sum(tandem_survey_invitations{`+sel+`,state="open"})`, "invited")).
		WithTarget(instant(`sum(tandem_survey_invitations_opened{`+sel+`,state="open"})`, "opened")).
		WithTarget(instant(`sum(tandem_survey_invitations_submitted{`+sel+`,state="open"})`, "answered")))
}

func participationDeadlines(b *dashboard.DashboardBuilder) {
	open := sel + `,state="open"`
	b.WithRow(row("Deadlines and non-responders"))
	b.WithPanel(bargauge.NewPanelBuilder().Title("Time left in open surveys").
		Description("Time until each open survey closes. Red under 3 days, orange under 7.").
		Datasource(datasource).Unit(unitDuration).Min(0).Height(chartHeight).Span(halfWidth).
		Thresholds(steps("red", 3*86400.0, "orange", 7*86400.0, "green")).
		Orientation(common.VizOrientationHorizontal).DisplayMode(common.BarGaugeDisplayModeGradient).
		ReduceOptions(lastValue()).
		WithTarget(instant(`min by (program, cohort, phase) (tandem_survey_closes_in_seconds{`+sel+`})`,
			"{{cohort}} · {{phase}}")))
	b.WithPanel(table.NewPanelBuilder().Title("Non-responders in open surveys").
		Description("Per cohort, phase and role: invitations not answered yet, of those the links that were opened (people who started but did not send), and the response rate. Counts only, never names.").
		Datasource(datasource).Unit(unitCount).Height(chartHeight).Span(halfWidth).
		Footer(common.NewTableFooterOptionsBuilder().Show(true).Reducer([]string{"sum"})).
		WithTarget(instant(`sum by (program, cohort, phase, role) (tandem_survey_invitations{`+open+`} - tandem_survey_invitations_submitted{`+open+`})`, "").
			Format(prometheus.PromQueryFormatTable).RefId("A")).
		WithTarget(instant(`sum by (program, cohort, phase, role) (tandem_survey_invitations_opened{`+open+`} - tandem_survey_invitations_submitted{`+open+`})`, "").
			Format(prometheus.PromQueryFormatTable).RefId("B")).
		WithTarget(instant(`max by (program, cohort, phase, role) (tandem_survey_response_ratio{`+open+`})`, "").
			Format(prometheus.PromQueryFormatTable).RefId("C")).
		OverrideByName("Response rate", []dashboard.DynamicConfigValue{{Id: "unit", Value: unitRatio}}).
		WithTransformation(dashboard.DataTransformerConfig{Id: "merge", Options: map[string]any{}}).
		WithTransformation(dashboard.DataTransformerConfig{Id: "organize", Options: map[string]any{
			"excludeByName": map[string]any{"Time": true, "program": true},
			"renameByName":  map[string]any{"cohort": "Cohort", "phase": "Phase", "role": "Role", "Value #A": "Not answered", "Value #B": "Opened, not answered", "Value #C": "Response rate"},
		}}))
}

// statPanel is a single figure with its sparkline.
func statPanel(title, description, expr, unit string) *stat.PanelBuilder {
	return stat.NewPanelBuilder().Title(title).Description(description).Datasource(datasource).
		Unit(unit).Height(statHeight).Span(fullWidth / 4).
		GraphMode(common.BigValueGraphModeArea).ColorMode(common.BigValueColorModeValue).
		ReduceOptions(lastValue()).
		WithTarget(series(expr, title))
}
