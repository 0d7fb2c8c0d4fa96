package use

func msg(lang, key string, args ...any) string { return key }

func page(lang string) []string {
	return []string{msg(lang, "page.title"), msg(lang, "page.body", 3), msg(lang, "phase."+lang)}
}
