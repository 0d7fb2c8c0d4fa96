package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// RunBaseline serves a trivial Gin handler on loopback in this process
// (it reads the form and answers 303, as tandem does, but stores nothing)
// and posts cfg.N forms to it with the same client and concurrency.
func RunBaseline(ctx context.Context, cfg Config) (Report, error) {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.POST("/s/:token", func(c *gin.Context) {
		c.Request.ParseForm()
		c.Redirect(http.StatusSeeOther, "/s/"+c.Param("token")+"/thanks")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return Report{}, err
	}
	srv := &http.Server{Handler: r, ReadHeaderTimeout: 5 * time.Second, ErrorLog: nil}
	go srv.Serve(ln)
	defer srv.Close()
	c := &client{base: "http://" + ln.Addr().String(), http: &http.Client{
		Timeout:       cfg.Timeout,
		Transport:     &http.Transport{MaxIdleConnsPerHost: cfg.C * 2, MaxConnsPerHost: cfg.C * 2},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
	links := make([]link, cfg.N)
	for i := range links {
		links[i] = link{participant: fmt.Sprint(i), path: fmt.Sprintf("/s/%032d", i)}
	}
	rep := hammer(ctx, c, cfg, links, nil)
	rep.SurveyID = "baseline"
	return rep, nil
}
