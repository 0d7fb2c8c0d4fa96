package main

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkSubmit posts 30-item final forms through the real router and
// store with 32 concurrent clients and reports durable submissions/s.
func BenchmarkSubmit(b *testing.B) {
	ts := newTestServer(b)
	now := time.Now().UTC()
	var id struct{ ID string }
	ts.mustAPI(201, "POST", "/api/v1/programs", map[string]any{"name": "Bench", "language": "en"}, &id)
	ts.mustAPI(201, "POST", "/api/v1/programs/"+id.ID+"/cohorts", map[string]any{"name": "B", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}, &id)
	cohort := id.ID
	for start := 0; start < b.N; start += 5000 {
		var rows []map[string]string
		for i := start; i < min(start+5000, b.N); i++ {
			rows = append(rows, map[string]string{"name": fmt.Sprintf("P %d", i), "email": fmt.Sprintf("p%d@example.com", i), "role": "mentee"})
		}
		ts.mustAPI(201, "POST", "/api/v1/cohorts/"+cohort+"/participants", rows, nil)
	}
	ts.mustAPI(201, "POST", "/api/v1/cohorts/"+cohort+"/surveys", map[string]any{"phase": "final",
		"opens_at": now.Add(-time.Hour).Format(time.RFC3339), "closes_at": now.Add(time.Hour).Format(time.RFC3339)}, &id)
	var invs []struct{ URL string }
	ts.mustAPI(201, "POST", "/api/v1/surveys/"+id.ID+"/invitations", nil, &invs)

	form := menteeAnswers("5")
	for _, k := range []string{"knowledge_social_media", "knowledge_enterprise_network", "knowledge_collaboration_tools", "knowledge_digital_workplace", "knowledge_mobile_apps"} {
		form.Del(k)
	}
	body := form.Encode()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, CheckRedirect: noRedirect.CheckRedirect}
	var next, failed atomic.Int64
	b.SetParallelism(16) // 16 × GOMAXPROCS (2 here) = 32 clients
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1) - 1
			path := strings.TrimPrefix(invs[i].URL, "http://tandem.test")
			res, err := client.Post(ts.URL+path, "application/x-www-form-urlencoded", strings.NewReader(body))
			if err != nil || res.StatusCode != http.StatusSeeOther {
				failed.Add(1)
			}
			if res != nil {
				res.Body.Close()
			}
		}
	})
	elapsed := time.Since(start)
	b.StopTimer()
	if failed.Load() > 0 {
		b.Fatalf("%d submissions failed", failed.Load())
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "submissions/s")
	b.ReportMetric(float64(len(form)), "items")
}
