package store

import (
	"sync"
	"time"

	"tandem/survey"
)

// maxCachedForms bounds the cache; past it the cache starts afresh.
const maxCachedForms = 200_000

// formCache keeps the forms behind tokens already looked up, so that a
// participant's view and post cost no database query. Programs,
// participants and invitations never change in place; what does change is
// kept current here (opened, submitted), and anything else that alters a
// form (closing a survey, erasure, retention) empties the cache. The
// writer stays the judge of what is accepted: a stale entry can at worst
// show a form whose post is then refused.
type formCache struct {
	mu     sync.RWMutex
	byHash map[string]Form
	hashOf map[string]string // invitation ID -> token hash
}

func newFormCache() *formCache {
	return &formCache{byHash: map[string]Form{}, hashOf: map[string]string{}}
}

func (c *formCache) get(hash []byte) (Form, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	f, ok := c.byHash[string(hash)]
	return f, ok
}

func (c *formCache) put(hash []byte, f Form) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.byHash) >= maxCachedForms {
		c.byHash, c.hashOf = map[string]Form{}, map[string]string{}
	}
	c.byHash[string(hash)] = f
	c.hashOf[f.Invitation.ID] = string(hash)
}

// update changes the cached form of an invitation, if there is one.
func (c *formCache) update(invitationID string, fn func(*Form)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.hashOf[invitationID]
	if !ok {
		return
	}
	f := c.byHash[h]
	fn(&f)
	c.byHash[h] = f
}

// opened and submitted keep a cached form current. exact is false where
// the store writes the survey's opening time in place of the moment into
// an anonymous program's invitation, so that the cache says the same.
func (c *formCache) opened(invitationID string, at time.Time, exact bool) {
	c.update(invitationID, func(f *Form) {
		if f.Invitation.OpenedAt == nil {
			t := f.recorded(at, exact)
			f.Invitation.OpenedAt = &t
		}
	})
}

func (c *formCache) submitted(invitationID string, at time.Time, exact bool) {
	c.update(invitationID, func(f *Form) {
		t := f.recorded(at, exact)
		f.Invitation.SubmittedAt = &t
		if f.Invitation.OpenedAt == nil {
			f.Invitation.OpenedAt = &t
		}
	})
}

// recorded is the time the store records on f's invitation for an event
// at the moment at.
func (f *Form) recorded(at time.Time, exact bool) time.Time {
	if f.Program.Mode == survey.ModeAnonymous && !exact {
		return f.Survey.OpensAt.UTC()
	}
	return at.UTC()
}

func (c *formCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byHash, c.hashOf = map[string]Form{}, map[string]string{}
}
