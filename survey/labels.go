package survey

// Label names the phase in lang, as every page, the workbook and the mails
// show it.
func (p Phase) Label(lang string) string { return label(lang, "phase.", string(p)) }

// Label names one person of the role in lang ("Mentor:in").
func (r Role) Label(lang string) string { return label(lang, "role.", string(r)) }

// Plural names the people of the role in lang ("Mentor:innen"); the
// reports' "(other)" is a role here too.
func (r Role) Plural(lang string) string { return label(lang, "roles.", string(r)) }

// Label names the mode in lang.
func (m Mode) Label(lang string) string { return label(lang, "mode.", string(m)) }

// DimensionLabel names a benefit dimension (of Dimensions) in lang.
func DimensionLabel(lang, dimension string) string { return label(lang, "dimension.", dimension) }

// TopicLabel names a program topic (of knowledge_<topic> items and the
// topic vote) in lang.
func TopicLabel(lang, topic string) string { return label(lang, "topic.", topic) }

// AttributeLabel names an attribute of a response (of Attributes, or
// "language") in lang.
func AttributeLabel(lang, attribute string) string { return label(lang, "attribute.", attribute) }

// label is the text of prefix+value in lang, or the value itself where
// the catalog has none (a program's own topic, say).
func label(lang, prefix, value string) string {
	if !Messages.Has(prefix + value) {
		return value
	}
	return Messages.Get(lang, prefix+value)
}
