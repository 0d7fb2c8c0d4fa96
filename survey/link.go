package survey

// LinkPath is the path of the personal link of an invitation token: the
// participant pages serve their form at it.
func LinkPath(token string) string { return "/s/" + token }

// Link is the personal link of an invitation token, on the service
// reached at baseURL (no trailing slash): what participants are sent.
func Link(baseURL, token string) string { return baseURL + LinkPath(token) }
