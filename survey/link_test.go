package survey

import "testing"

func TestLink(t *testing.T) {
	tok := "mfrggzdfmztwq2lknnwg23tpobyxe43u"
	if got, want := LinkPath(tok), "/s/"+tok; got != want {
		t.Errorf("LinkPath: got %q, want %q", got, want)
	}
	if got, want := Link("https://tandem.example.org", tok), "https://tandem.example.org/s/"+tok; got != want {
		t.Errorf("Link: got %q, want %q", got, want)
	}
}
