package analytics

import (
	"strconv"
	"strings"
)

// All SQL of the package. Every statement is read-only and takes its
// values as parameters. One thing is spliced into the text, and it does not
// come from input: {{counted}} and {{read}}, lists of numbered
// placeholders, one per survey in scope.

// qSurveyMeta finds a survey's phase, and whether the survey has closed
// (explicitly, or its closing time $2 has passed) with no anonymous
// responses still waiting to be released: only then are its results
// whole. Its program's settings come from survey/programs.
const qSurveyMeta = `
SELECT s.phase,
       (s.closed_at IS NOT NULL OR s.closes_at <= $2)
       AND NOT EXISTS (SELECT 1 FROM pending_responses w WHERE w.survey_id = s.id) AS closed
FROM surveys s
WHERE s.id = $1`

// qCohortSurveys lists a cohort's surveys in the order they opened, with
// whether each has closed by $2 with nothing left waiting (qSurveyMeta).
const qCohortSurveys = `
SELECT id, phase, (closed_at IS NOT NULL OR closes_at <= $2)
       AND NOT EXISTS (SELECT 1 FROM pending_responses w WHERE w.survey_id = s.id) AS closed
FROM surveys s WHERE cohort_id = $1 ORDER BY opens_at, created_at, id`

// qTallies is the one statement that reads a request's answers: the
// answers of the surveys in scope are scanned once (scanned, kept narrow:
// the scan is most of the cost), joined to their response's attributes
// (role, department, generation, region: the raw tuple that the
// publication later coarsens), and every count the figures need comes out
// as rows of the same shape (kind, survey_id, role, department,
// generation, region, key, label, x, y, n):
//
//	participation  key invited|opened|submitted, n   (from the invitations)
//	responses      n                                 (submitted responses: the group's n)
//	value          key item, x answer, n answers
//	pattern        key dimension, x Σ answer·6^pos over one respondent's items, n respondents
//	choice         key item, label option, n ticks
//	chooser        key item, n respondents who ticked anything
//	text           key item, label comment, n times written
//	pair           key item, x kick-off answer, y final answer, n respondents
//	pair_before    key item, n respondents in pairs, by their kick-off attributes
//	pair_after     key item, n respondents in pairs, by their final attributes
//	dpair          key dimension, x midpoint pattern, y final pattern, n respondents
//	dpair_before   key dimension, n respondents in pairs, by their midpoint attributes
//	dpair_after    key dimension, n respondents in pairs, by their final attributes
//
// Answer patterns rather than scores are counted so that Go can derive
// both the scores and Cronbach's alpha from them: a pattern holds a
// respondent's answers to a dimension's items as the digits of a base-6
// number, digit pos for the item at pos, 0 for a skipped item (answers are
// 1–5). A dimension has at most 3 items, so there are few patterns. Pairs link the kick-off ($5) and
// final ($6) answers to the topic items ($7) of one respondent key, and the
// midpoint ($8) and final ($9) dimension patterns of one respondent key; NULL
// keys (anonymous mode) never join. The attributes of an invitation come
// from its participant (invitations name participants in both modes); one
// whose participant was erased counts under empty values.
const qTallies = `
WITH r AS (
    SELECT id, survey_id, phase, respondent_key, role, department, generation, region
    FROM responses r
    WHERE survey_id IN ({{counted}})
),
scanned AS MATERIALIZED (
    SELECT response_id, item_key, num, choice, text
    FROM answers
    WHERE survey_id IN ({{read}})
),
a AS (
    SELECT r.survey_id, r.phase, r.role, r.department, r.generation, r.region, r.respondent_key,
           s.response_id, s.item_key, s.num, s.choice, s.text
    FROM scanned s
    JOIN r ON r.id = s.response_id
),
dim_items AS (
    SELECT unnest($1::VARCHAR[]) AS phase, unnest($2::VARCHAR[]) AS item_key,
           unnest($3::VARCHAR[]) AS dimension, unnest($4::DOUBLE[]) AS weight
),
patterns AS (
    SELECT a.survey_id, a.role, a.department, a.generation, a.region, d.dimension, sum(a.num * d.weight) AS pattern
    FROM a
    JOIN dim_items d ON d.phase = a.phase AND d.item_key = a.item_key
    WHERE a.num IS NOT NULL
    GROUP BY a.survey_id, a.role, a.department, a.generation, a.region, d.dimension, a.response_id
),
topic_answers AS (
    SELECT survey_id, respondent_key, item_key, num, role, department, generation, region
    FROM a
    WHERE survey_id IN ($5, $6) AND respondent_key IS NOT NULL AND num IS NOT NULL
      AND item_key IN (SELECT unnest($7::VARCHAR[]))
),
dim_patterns AS (
    SELECT a.survey_id, a.respondent_key, a.role, a.department, a.generation, a.region, d.dimension,
           sum(a.num * d.weight) AS pattern
    FROM a
    JOIN dim_items d ON d.phase = a.phase AND d.item_key = a.item_key
    WHERE a.num IS NOT NULL AND a.respondent_key IS NOT NULL AND a.survey_id IN ($8, $9)
    GROUP BY a.survey_id, a.respondent_key, a.role, a.department, a.generation, a.region, d.dimension, a.response_id
),
dpairs AS (
    SELECT m.dimension, m.pattern AS mp, f.pattern AS fp,
           m.role AS mrole, m.department AS mdepartment, m.generation AS mgeneration, m.region AS mregion,
           f.role AS frole, f.department AS fdepartment, f.generation AS fgeneration, f.region AS fregion
    FROM dim_patterns m
    JOIN dim_patterns f ON f.respondent_key = m.respondent_key AND f.dimension = m.dimension
    WHERE m.survey_id = $8 AND f.survey_id = $9
),
pairs AS (
    SELECT b.item_key, b.num AS bnum, f.num AS fnum,
           b.role AS brole, b.department AS bdepartment, b.generation AS bgeneration, b.region AS bregion,
           f.role AS frole, f.department AS fdepartment, f.generation AS fgeneration, f.region AS fregion
    FROM topic_answers b
    JOIN topic_answers f ON f.respondent_key = b.respondent_key AND f.item_key = b.item_key
    WHERE b.survey_id = $5 AND f.survey_id = $6
),
inv AS (
    SELECT i.survey_id, coalesce(p.role, '') AS role, coalesce(p.department, '') AS department,
           coalesce(p.generation, '') AS generation, coalesce(p.region, '') AS region,
           count(*) AS invited, count(i.opened_at) AS opened, count(i.submitted_at) AS submitted
    FROM invitations i
    LEFT JOIN participants p ON p.id = i.participant_id
    WHERE i.survey_id IN ({{counted}})
    GROUP BY ALL
)
SELECT 'participation' AS kind, survey_id, role, department, generation, region, 'invited' AS key,
       NULL AS label, NULL::DOUBLE AS x, NULL::DOUBLE AS y, invited AS n FROM inv
UNION ALL SELECT 'participation', survey_id, role, department, generation, region, 'opened', NULL, NULL, NULL, opened FROM inv
UNION ALL SELECT 'participation', survey_id, role, department, generation, region, 'submitted', NULL, NULL, NULL, submitted FROM inv
UNION ALL SELECT 'responses', survey_id, role, department, generation, region, NULL, NULL, NULL, NULL, count(*) FROM r GROUP BY ALL
UNION ALL SELECT 'value', survey_id, role, department, generation, region, item_key, NULL, num, NULL, count(*)
    FROM a WHERE num IS NOT NULL GROUP BY ALL
UNION ALL SELECT 'pattern', survey_id, role, department, generation, region, dimension, NULL, pattern, NULL, count(*)
    FROM patterns GROUP BY ALL
UNION ALL SELECT 'choice', survey_id, role, department, generation, region, item_key, choice, NULL, NULL, count(*)
    FROM a WHERE choice IS NOT NULL GROUP BY ALL
UNION ALL SELECT 'chooser', survey_id, role, department, generation, region, item_key, NULL, NULL, NULL, count(DISTINCT response_id)
    FROM a WHERE choice IS NOT NULL GROUP BY ALL
UNION ALL SELECT 'text', survey_id, role, department, generation, region, item_key, text, NULL, NULL, count(*)
    FROM a WHERE text IS NOT NULL GROUP BY ALL
UNION ALL SELECT 'pair', '', '', '', '', '', item_key, NULL, bnum, fnum, count(*) FROM pairs GROUP BY ALL
UNION ALL SELECT 'pair_before', $5, brole, bdepartment, bgeneration, bregion, item_key, NULL, NULL, NULL, count(*)
    FROM pairs GROUP BY ALL
UNION ALL SELECT 'pair_after', $6, frole, fdepartment, fgeneration, fregion, item_key, NULL, NULL, NULL, count(*)
    FROM pairs GROUP BY ALL
UNION ALL SELECT 'dpair', '', '', '', '', '', dimension, NULL, mp, fp, count(*) FROM dpairs GROUP BY ALL
UNION ALL SELECT 'dpair_before', $8, mrole, mdepartment, mgeneration, mregion, dimension, NULL, NULL, NULL, count(*)
    FROM dpairs GROUP BY ALL
UNION ALL SELECT 'dpair_after', $9, frole, fdepartment, fgeneration, fregion, dimension, NULL, NULL, NULL, count(*)
    FROM dpairs GROUP BY ALL`

// render splices placeholders for the counted and read surveys into q.
// They are numbered from $10 on ($1–$9 are the fixed parameters of
// qTallies): counted first, then read.
func render(q string, counted, read int) string {
	return strings.NewReplacer(
		"{{counted}}", placeholders(10, counted),
		"{{read}}", placeholders(10+counted, read),
	).Replace(q)
}

// placeholders lists n numbered parameters from first: "$8, $9".
func placeholders(first, n int) string {
	ps := make([]string, n)
	for i := range ps {
		ps[i] = "$" + strconv.Itoa(first+i)
	}
	if n == 0 {
		return "NULL" // IN (NULL) matches nothing
	}
	return strings.Join(ps, ", ")
}
