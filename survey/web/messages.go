package web

import (
	"tandem/survey"
)

// messages are the texts of the participant pages, in German and English.
var messages = survey.Texts{
	"lang.other":       {DE: "English", EN: "Deutsch"},
	"lang.other.code":  {DE: "en", EN: "de"},
	"lang.other.label": {DE: "Switch to English", EN: "Auf Deutsch wechseln"},
	"skip":             {DE: "Zum Fragebogen springen", EN: "Skip to the questionnaire"},
	"notice.confidential": {DE: "Deine Antworten sind vertraulich. Ausgewertet wird nur in Gruppen von mindestens %d Personen – nie mit deinem Namen.",
		EN: "Your answers are confidential. Results are only shown for groups of at least %d people – never with your name."},
	"notice.anonymous": {DE: "Diese Befragung ist anonym: Deine Antworten lassen sich nicht mit dir in Verbindung bringen. Ausgewertet wird nur in Gruppen von mindestens %d Personen.",
		EN: "This survey is anonymous: your answers cannot be linked to you. Results are only shown for groups of at least %d people."},
	"notice.intake": {DE: "Deine Antworten helfen dem Organisationsteam, passende Tandems vorzuschlagen. Es sieht dabei, zu welchen Themen ein Tandem passt – nicht deine einzelnen Bewertungen. Sie erscheinen in keiner Auswertung mit deinem Namen.",
		EN: "Your answers help the organisers propose well-matched tandems. They see which topics a tandem was matched on – not your individual ratings. Your answers never appear in any report with your name."},
	"required.note":     {DE: "Mit * markierte Fragen sind Pflicht, alle anderen freiwillig.", EN: "Questions marked * are required; all others are optional."},
	"required":          {DE: "Pflichtfrage", EN: "required"},
	"scale.hint":        {DE: "1 = %s, 5 = %s", EN: "1 = %s, 5 = %s"},
	"scale10.hint":      {DE: "0 = %s, 10 = %s", EN: "0 = %s, 10 = %s"},
	"multi.hint":        {DE: "Mehrere Antworten möglich.", EN: "You may choose several answers."},
	"text.hint":         {DE: "Höchstens %d Zeichen.", EN: "At most %d characters."},
	"submit":            {DE: "Antworten absenden", EN: "Send my answers"},
	"errors.title":      {DE: "Bitte prüfe %d Angabe(n):", EN: "Please check %d answer(s):"},
	"errors.pagetitle":  {DE: "Fehler: ", EN: "Error: "},
	"rule.required":     {DE: "Bitte beantworte diese Frage.", EN: "Please answer this question."},
	"rule.range":        {DE: "Bitte wähle einen Wert der Skala.", EN: "Please choose a value on the scale."},
	"rule.number":       {DE: "Bitte wähle einen Wert der Skala.", EN: "Please choose a value on the scale."},
	"rule.choice":       {DE: "Bitte wähle eine der angebotenen Antworten.", EN: "Please choose one of the answers offered."},
	"rule.multiple":     {DE: "Bitte wähle nur eine Antwort.", EN: "Please choose only one answer."},
	"rule.too_long":     {DE: "Der Text ist zu lang.", EN: "The text is too long."},
	"rule.text":         {DE: "Der Text enthält ungültige Zeichen.", EN: "The text contains characters that are not allowed."},
	"rule.unknown":      {DE: "Diese Angabe gehört nicht zu diesem Fragebogen.", EN: "This field is not part of the questionnaire."},
	"rule.too_many":     {DE: "Das Formular enthält zu viele Felder.", EN: "The form contains too many fields."},
	"thanks.title":      {DE: "Vielen Dank!", EN: "Thank you!"},
	"thanks.body":       {DE: "Deine Antworten sind angekommen und gespeichert. Du kannst dieses Fenster jetzt schließen.", EN: "Your answers have arrived and are saved. You can close this window now."},
	"already.title":     {DE: "Schon beantwortet", EN: "Already answered"},
	"already.body":      {DE: "Für diesen Link sind bereits Antworten eingegangen. Jede Einladung kann nur einmal beantwortet werden – vielen Dank für deine Teilnahme!", EN: "Answers for this link have already been received. Each invitation can be answered once – thank you for taking part!"},
	"notopen.title":     {DE: "Noch nicht geöffnet", EN: "Not open yet"},
	"notopen.body":      {DE: "Diese Befragung beginnt am %s (UTC). Bitte öffne den Link dann noch einmal.", EN: "This survey opens on %s (UTC). Please open the link again then."},
	"closed.title":      {DE: "Befragung beendet", EN: "Survey closed"},
	"closed.body":       {DE: "Diese Befragung ist abgeschlossen; Antworten werden nicht mehr angenommen. Bei Fragen wende dich an das Organisationsteam.", EN: "This survey has closed and no longer takes answers. If you have questions, please contact the organisers."},
	"unknown.title":     {DE: "Link nicht gefunden", EN: "Link not found"},
	"unknown.body":      {DE: "Diesen Link kennen wir nicht. Bitte prüfe, ob er vollständig kopiert wurde, oder bitte das Organisationsteam um einen neuen.", EN: "We do not know this link. Please check that it was copied completely, or ask the organisers for a new one."},
	"ratelimited.title": {DE: "Zu viele Versuche", EN: "Too many attempts"},
	"ratelimited.body":  {DE: "Von hier wurden zu viele unbekannte Links aufgerufen. Bitte warte etwas und öffne dann den Link aus deiner Einladung.", EN: "Too many unknown links were opened from here. Please wait a while, then open the link from your invitation."},
	"toolarge.title":    {DE: "Zu viele Daten", EN: "Too much data"},
	"toolarge.body":     {DE: "Die gesendeten Daten sind zu groß. Bitte kürze deine Texte und versuche es erneut.", EN: "What was sent is too large. Please shorten your texts and try again."},
	"error.title":       {DE: "Etwas ist schiefgelaufen", EN: "Something went wrong"},
	"error.body":        {DE: "Deine Antworten konnten gerade nicht gespeichert werden. Bitte versuche es in einigen Minuten noch einmal.", EN: "Your answers could not be saved just now. Please try again in a few minutes."},
	"badrequest.title":  {DE: "Ungültige Anfrage", EN: "Invalid request"},
	"badrequest.body":   {DE: "Das Formular wurde nicht in der erwarteten Form gesendet. Bitte lade die Seite neu und versuche es noch einmal.", EN: "The form was not sent as expected. Please reload the page and try again."},
	"footer":            {DE: "tandem – Auswertung von Reverse-Mentoring-Programmen", EN: "tandem – evaluation of reverse-mentoring programs"},
}

// msg returns the text of key in lang, formatted with args.
func msg(lang, key string, args ...any) string { return messages.Get(lang, key, args...) }
