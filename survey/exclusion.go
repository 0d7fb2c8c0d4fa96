package survey

import "time"

// Exclusion is a pair of participants of a cohort that must never form a
// tandem: matching never proposes them, and accepting a tandem holding
// both is refused.
type Exclusion struct {
	ID        string    `json:"id"`
	CohortID  string    `json:"cohort_id"`
	Members   [2]string `json:"members"`
	CreatedAt time.Time `json:"created_at"`
}
