package demo

import (
	"context"
	"fmt"
	"time"

	"tandem/survey"
)

// thirdRound is the upcoming cohort: eight mentees, twelve mentors and two
// peers who answered the intake survey and have no tandem yet, so that
// matching has something to propose.
var thirdRound = []person{
	mentee("Dieter Kaiser", "Baby Boomer", "Vertrieb", germany),
	mentee("Ingrid Hofbauer", "Baby Boomer", "Finanzen", austria),
	mentee("Stefan Keller", "Gen X", "Produktion", switzerland),
	mentee("Catherine Evans", "Gen X", "Personal", uk),
	mentee("Bernd Vogel", "Gen X", "IT", germany),
	mentee("Marianne Egger", "Baby Boomer", "Marketing", austria),
	mentee("Rolf Baumann", "Gen X", "Finanzen", switzerland),
	mentee("Heike Schubert", "Gen X", "Produktion", germany),
	mentor("Jana Winter", "Gen Z", "Vertrieb", germany),
	mentor("Tim Berger", "Gen Z", "IT", germany),
	mentor("Lara Moser", "Gen Z", "Marketing", austria),
	mentor("Nico Widmer", "Gen Z", "IT", switzerland),
	mentor("Grace Wilson", "Gen Y", "Marketing", uk),
	mentor("Ben Hartmann", "Gen Z", "Finanzen", germany),
	mentor("Sara Kovač", "Gen Y", "Produktion", austria),
	mentor("Elias Brunner", "Gen Z", "Personal", switzerland),
	mentor("Hannah Lorenz", "Gen Z", "IT", germany),
	mentor("Jack Davies", "Gen Z", "Vertrieb", uk),
	mentor("Mira Yılmaz", "Gen Z", "Marketing", germany),
	mentor("David Graf", "Gen Y", "IT", austria),
	peer("Anja Kraus", "Gen Y", "Finanzen", germany),
	peer("Rainer Seidel", "Gen X", "IT", germany),
}

// thirdRoundExclusions are pairs the organisers were told must not meet,
// by index in thirdRound: a leader and a mentor from their own team.
var thirdRoundExclusions = [][2]int{{0, 8}, {4, 9}}

// upcomingCohort starts in a month: its intake survey ran over the last two
// weeks and closed yesterday; nobody is in a tandem yet.
func (s *seeder) upcomingCohort(ctx context.Context, programID string) (string, error) {
	start := day(s.now).AddDate(0, 1, 0)
	end := start.AddDate(0, 5, 0)
	c, err := survey.CohortInput{Name: "Dritte Runde", StartsOn: start.Format(time.DateOnly), EndsOn: end.Format(time.DateOnly)}.Cohort()
	if err != nil {
		return "", err
	}
	if c, err = s.st.CreateCohort(ctx, programID, c); err != nil {
		return "", err
	}
	var rows []survey.ParticipantInput
	for _, p := range thirdRound {
		rows = append(rows, survey.ParticipantInput{Name: p.name, Email: p.email(), Role: string(p.role),
			Department: p.department, Generation: p.generation, Region: p.region})
	}
	ids, err := s.st.AddParticipants(ctx, c.ID, rows)
	if err != nil {
		return "", err
	}
	rs := s.respondents([][]person{thirdRound}, ids)
	var pairs [][]string
	for _, x := range thirdRoundExclusions {
		pairs = append(pairs, []string{ids[x[0]], ids[x[1]]})
	}
	if _, err := s.st.AddExclusions(ctx, c.ID, pairs); err != nil {
		return "", fmt.Errorf("exclusions: %w", err)
	}
	today := day(s.now)
	if err := s.closedSurvey(ctx, c.ID, survey.PhaseIntake, at(today, -14, 8), at(today, -1, 18), rs); err != nil {
		return "", err
	}
	return c.ID, nil
}

// pastIntake adds the finished cohort's intake survey, which ran in the
// three weeks before its start, so that the matching outcome has data. It
// is seeded last, after every other answer, so that adding it changed
// none of them; the tandems were formed by hand, as they were then.
func (s *seeder) pastIntake(ctx context.Context, cohortID string, rs []*respondent) error {
	c, err := s.st.Cohort(ctx, cohortID)
	if err != nil {
		return err
	}
	start, err := time.Parse(time.DateOnly, c.StartsOn)
	if err != nil {
		return err
	}
	return s.closedSurvey(ctx, cohortID, survey.PhaseIntake, at(start, -21, 8), at(start, -7, 18), rs)
}

// skillLean is how much better than average the young mentors of the demo
// can teach each topic: the digital natives' home ground first.
var skillLean = map[string]float64{
	"social_media": 0.7, "mobile_apps": 0.6, "next_generation_work": 0.6, "collaboration_tools": 0.4,
	"artificial_intelligence": 0.3, "new_technologies": 0.2, "digital_workplace": 0, "enterprise_network": -0.2,
}

// skill is how well r can teach a topic: mentors are strong on some topics
// and weak on others; peers teach a little less well.
func (a *answerer) skill(topic string, r *respondent) float64 {
	x := 3.1 + skillLean[topic] + 1.0*a.rng.NormFloat64()
	if r.role == survey.RolePeer {
		x -= 0.5
	}
	return x
}

// learnWeight makes a mentee more likely to pick a topic the more popular
// it is and the less they know of it.
func learnWeight(r *respondent) func(string) float64 {
	return func(key string) float64 {
		return topicPopularity(key) * (1 + max(0, 3.5-r.prior[key]))
	}
}
