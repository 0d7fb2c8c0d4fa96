package analytics

import (
	"context"
	"fmt"
	"math"
	"strings"

	"tandem/survey"
	"tandem/survey/store"
)

// The benchmark data: benchPrograms programs of benchCohorts cohorts each,
// every cohort with a kick-off, a midpoint and a final survey of the
// built-in questionnaires, put to all its participants (45% mentors, 45%
// mentees, 10% peers). 90% submit and 5% only open their link; a
// respondent skips each optional item with probability 1/10, ticks each
// option of a multi-choice item with probability 4/10 and writes a comment
// with probability 2/10. Answers follow a respondent's level, so that
// dimensions have some consistency. The number of participants per cohort
// is chosen for the number of answers asked for.
const (
	benchPrograms = 50
	benchCohorts  = 2 // per program
)

// benchPhases are the surveys of every benchmark cohort, in order.
var benchPhases = []survey.Phase{survey.PhaseKickoff, survey.PhaseMidpoint, survey.PhaseFinal}

// Answers are written in the order they would arrive: phase by phase, the
// cohorts' respondents interleaved, as when all cohorts run at once. A
// survey's answers are thus spread over a third of the table and no
// min/max index on survey_id can skip much of it.
const qBenchGenerate = `
INSERT INTO programs (id, name, language, threshold, mode, created_at) SELECT substr(md5('program' || i), 1, 16), 'Bench ' || i, 'de', 5, 'confidential', TIMESTAMP '2026-01-01'
FROM range(?) t(i);

INSERT INTO cohorts (id, program_id, name, starts_on, ends_on, created_at) SELECT substr(md5('cohort' || i), 1, 16), substr(md5('program' || (i // ?)), 1, 16), 'Round ' || i,
    DATE '2026-01-15', DATE '2026-06-30', TIMESTAMP '2026-01-01'
FROM range(?) t(i);

INSERT INTO participants (id, cohort_id, name, email, role, department, generation, region, created_at)
SELECT substr(md5('participant' || c || '-' || j), 1, 16), substr(md5('cohort' || c), 1, 16),
    'Person ' || j, 'p' || c || '-' || j || '@example.com',
    CASE WHEN j % 20 < 9 THEN 'mentor' WHEN j % 20 < 18 THEN 'mentee' ELSE 'peer' END,
    ['IT', 'HR', 'Sales', 'Finance', 'Legal', 'Marketing'][1 + j % 6], ['Gen Z', 'Gen Y', 'Gen X', 'Baby Boomer'][1 + j % 4],
    ['DE', 'AT', 'CH', 'UK'][1 + j % 4], TIMESTAMP '2026-01-01'
FROM range(?) a(c), range(?) b(j);

INSERT INTO surveys (id, cohort_id, phase, opens_at, closes_at, closed_at, created_at) SELECT substr(md5('survey' || c || '-' || k), 1, 16), substr(md5('cohort' || c), 1, 16),
    ['kickoff', 'midpoint', 'final'][k + 1], TIMESTAMP '2026-01-15' + INTERVAL (k * 60) DAY,
    TIMESTAMP '2026-01-29' + INTERVAL (k * 60) DAY, NULL, TIMESTAMP '2026-01-01'
FROM range(?) a(c), range(3) b(k);

CREATE TEMP TABLE bench_invitations AS
SELECT s.id AS survey_id, s.cohort_id, s.phase, s.opens_at, p.id AS participant_id, p.role, p.department, p.generation, p.region,
    hash(s.id || p.id) % 100 AS fate, CAST(substr(p.name, 8) AS INTEGER) AS j
FROM surveys s JOIN participants p ON p.cohort_id = s.cohort_id;

INSERT INTO invitations (id, survey_id, participant_id, token_hash, created_at, opened_at, submitted_at)
SELECT substr(md5('inv' || survey_id || participant_id), 1, 16), survey_id, participant_id,
    unhex(md5('token' || survey_id || participant_id)), opens_at,
    CASE WHEN fate < 95 THEN opens_at + INTERVAL 1 HOUR END, CASE WHEN fate < 90 THEN opens_at + INTERVAL 2 HOUR END
FROM bench_invitations;

CREATE TEMP TABLE bench_responses AS
SELECT substr(md5('resp' || survey_id || participant_id), 1, 16) AS id, survey_id, cohort_id, phase,
    substr(md5('key' || participant_id), 1, 32) AS respondent_key, role, department, generation, region,
    opens_at + INTERVAL 2 HOUR AS submitted_at, j, hash(participant_id) % 3 AS level
FROM bench_invitations WHERE fate < 90;

INSERT INTO responses (id, survey_id, cohort_id, phase, respondent_key, role, department, generation, region,
    language, submitted_at)
SELECT id, survey_id, cohort_id, phase, respondent_key, role, department, generation, region, 'de',
    submitted_at FROM bench_responses ORDER BY submitted_at, j, cohort_id;

INSERT INTO answers (response_id, survey_id, item_key, num, choice, text)
SELECT r.id, r.survey_id, i.item_key,
    CASE i.type WHEN 'likert5' THEN least(5, 1 + r.level + hash(r.id || i.item_key) % 3)
                WHEN 'scale10' THEN least(10, 3 * r.level + hash(r.id || i.item_key) % 5) END,
    CASE WHEN i.type IN ('single', 'multi') THEN o.option END,
    CASE WHEN i.type = 'text' THEN 'Kommentar ' || hash(r.id || i.item_key) % 50 END
FROM bench_responses r
JOIN bench_items i ON i.phase = r.phase AND list_contains(i.roles, r.role)
LEFT JOIN (SELECT item_key, unnest(options) AS option, generate_subscripts(options, 1) AS pos FROM bench_items) o
    ON o.item_key = i.item_key AND i.type IN ('single', 'multi')
WHERE CASE
    WHEN i.type = 'text' THEN hash(r.id || i.item_key) % 10 < 2
    WHEN i.type = 'single' THEN o.pos = 1 + hash(r.id || i.item_key) % len(i.options)
        AND (i.required OR hash(r.id || i.item_key || 'skip') % 10 > 0)
    WHEN i.type = 'multi' THEN hash(r.id || i.item_key || o.option) % 10 < 4
    ELSE i.required OR hash(r.id || i.item_key || 'skip') % 10 > 0
END
ORDER BY r.submitted_at, r.j, r.cohort_id, i.pos, o.pos;
`

// benchItem is one row of the temporary table bench_items.
type benchItem struct {
	phase, key, typ string
	pos             int
	roles, options  []string
	required        bool
}

// benchItems lists the items of the benchmark phases with the roles that
// are asked them (peers are asked everything).
func benchItems(cat *survey.Catalog) []benchItem {
	var out []benchItem
	for _, p := range benchPhases {
		for pos, it := range cat.Phase(p).Items() {
			bi := benchItem{phase: string(p), key: it.Key, typ: string(it.Type), pos: pos, required: it.Required,
				roles: []string{string(survey.RolePeer)}, options: []string{}}
			for _, r := range []survey.Role{survey.RoleMentor, survey.RoleMentee} {
				if it.AskedOf(r) {
					bi.roles = append(bi.roles, string(r))
				}
			}
			for _, o := range it.Options {
				bi.options = append(bi.options, o.Value)
			}
			out = append(out, bi)
		}
	}
	return out
}

// answersPerParticipant is the expected number of answer rows one
// participant adds over the three surveys.
func answersPerParticipant(items []benchItem) float64 {
	share := map[string]float64{"mentor": 0.45, "mentee": 0.45, "peer": 0.10}
	var total float64
	for _, it := range items {
		var asked float64
		for _, r := range it.roles {
			asked += share[r]
		}
		per := 0.9 // answered unless skipped
		switch {
		case it.required:
			per = 1
		case it.typ == "text":
			per = 0.2
		case it.typ == "multi":
			per = 0.4 * float64(len(it.options))
		}
		total += asked * per
	}
	return total * 0.9 // share who submit
}

// generateBenchData fills a new database at path with about answers
// answers and returns how many it holds.
func generateBenchData(ctx context.Context, path string, answers int) (int, error) {
	st, err := store.Open(ctx, path)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	cat, err := survey.LoadCatalog()
	if err != nil {
		return 0, err
	}
	// One connection: temporary tables belong to the connection that made them.
	conn, err := st.DB().Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	items := benchItems(cat)
	if _, err := conn.ExecContext(ctx, `CREATE TEMP TABLE bench_items (phase VARCHAR, pos INTEGER, item_key VARCHAR,
		type VARCHAR, roles VARCHAR[], options VARCHAR[], required BOOLEAN)`); err != nil {
		return 0, err
	}
	for _, it := range items {
		if _, err := conn.ExecContext(ctx, `INSERT INTO bench_items VALUES (?, ?, ?, ?, ?, ?, ?)`,
			it.phase, it.pos, it.key, it.typ, it.roles, it.options, it.required); err != nil {
			return 0, fmt.Errorf("bench items: %w", err)
		}
	}
	cohorts := benchPrograms * benchCohorts
	perCohort := int(math.Round(float64(answers) / float64(cohorts) / answersPerParticipant(items)))
	args := []any{benchPrograms, benchCohorts, cohorts, cohorts, perCohort, cohorts}
	for _, q := range strings.Split(qBenchGenerate, ";\n") {
		if strings.TrimSpace(q) == "" {
			continue
		}
		k := strings.Count(q, "?")
		if _, err := conn.ExecContext(ctx, q, args[:k]...); err != nil {
			return 0, fmt.Errorf("generate: %w\n%s", err, q)
		}
		args = args[k:]
	}
	var n int
	err = conn.QueryRowContext(ctx, `SELECT count(*) FROM answers`).Scan(&n)
	return n, err
}
