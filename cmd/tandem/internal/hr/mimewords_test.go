package hr

import "mime"

type mimeWords struct{ mime.WordDecoder }

func (d *mimeWords) decode(s string) string {
	out, err := d.DecodeHeader(s)
	if err != nil {
		return s
	}
	return out
}
