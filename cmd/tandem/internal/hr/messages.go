package hr

import (
	"tandem/survey"
)

// messages are the texts of the HR pages in German and English. Keys are
// grouped by page; field.* label form fields and name fields in errors.
var messages = survey.Texts{
	// layout
	"skip":             {DE: "Zum Inhalt springen", EN: "Skip to the content"},
	"nav.label":        {DE: "Hauptnavigation", EN: "Main navigation"},
	"nav.programs":     {DE: "Programme", EN: "Programs"},
	"nav.accounts":     {DE: "Konten", EN: "Accounts"},
	"crumbs.label":     {DE: "Sie sind hier", EN: "You are here"},
	"lang.other":       {DE: "English", EN: "Deutsch"},
	"lang.other.label": {DE: "Switch to English", EN: "Auf Deutsch wechseln"},
	"signout":          {DE: "Abmelden", EN: "Sign out"},
	"footer":           {DE: "tandem – Auswertung von Reverse-Mentoring-Programmen", EN: "tandem – evaluation of reverse-mentoring programs"},
	"footer.signedin":  {DE: "Angemeldet als %s (%s)", EN: "Signed in as %s (%s)"},
	"optional":         {DE: "(freiwillig)", EN: "(optional)"},
	"errors.title.one": {DE: "Bitte prüfen Sie diese Angabe:", EN: "Please check this entry:"},
	"errors.title":     {DE: "Bitte prüfen Sie diese %d Angaben:", EN: "Please check these %d entries:"},
	"errors.row":       {DE: "Zeile %d –", EN: "Row %d –"},
	"back.programs":    {DE: "Zu den Programmen", EN: "Back to the programs"},
	"back.signin":      {DE: "Zur Anmeldung", EN: "Go to sign-in"},

	// languages, roles, modes
	"lang.de":                   {DE: "Deutsch", EN: "German"},
	"lang.en":                   {DE: "Englisch", EN: "English"},
	"role.admin":                {DE: "Administration", EN: "Admin"},
	"role.organiser":            {DE: "Organisation", EN: "Organiser"},
	"role.viewer":               {DE: "Nur Ansicht", EN: "Viewer"},
	"role.admin.hint":           {DE: "darf alles, auch Konten anlegen", EN: "may do everything, including accounts"},
	"role.organiser.hint":       {DE: "richtet die eigenen Programme ein und führt sie durch", EN: "sets up and runs their own programs"},
	"role.viewer.hint":          {DE: "sieht Ergebnisse und lädt sie herunter, ändert nichts", EN: "sees and downloads results, changes nothing"},
	"prole.mentor":              {DE: "Mentor:in", EN: "Mentor"},
	"prole.mentee":              {DE: "Mentee", EN: "Mentee"},
	"prole.peer":                {DE: "Peer", EN: "Peer"},
	"proles.mentor":             {DE: "Mentor:innen", EN: "Mentors"},
	"proles.mentee":             {DE: "Mentees", EN: "Mentees"},
	"proles.peer":               {DE: "Peers", EN: "Peers"},
	"proles.(other)":            {DE: "Andere Rollen", EN: "Other roles"},
	"mode.confidential":         {DE: "Vertraulich", EN: "Confidential"},
	"mode.anonymous":            {DE: "Anonym", EN: "Anonymous"},
	"mode.confidential.hint":    {DE: "Antworten einer Person werden über ein Pseudonym verknüpft (Vorher-nachher-Vergleich möglich)", EN: "a person's answers are linked through a pseudonym (before/after comparisons possible)"},
	"mode.anonymous.hint":       {DE: "keinerlei Verknüpfung zwischen Antworten und Personen", EN: "no link at all between answers and people"},
	"threshold.short":           {DE: "Ergebnisse ab %d Antworten", EN: "results from %d answers"},
	"threshold.hint":            {DE: "Gruppen mit weniger Antworten zeigen keine Zahlen und keine Kommentare (üblich: 5).", EN: "Groups with fewer answers show no figures and no comments (usual: 5)."},
	"language.hint":             {DE: "Sprache der Fragebögen und E-Mails; Teilnehmende können umschalten.", EN: "Language of the questionnaires and e-mails; participants can switch."},
	"phase.intake":              {DE: "Bedarfsabfrage", EN: "Intake"},
	"phase.kickoff":             {DE: "Auftakt", EN: "Kick-off"},
	"phase.checkin":             {DE: "Zwischenstand nach Treffen", EN: "Session check-in"},
	"phase.midpoint":            {DE: "Halbzeit", EN: "Half-time"},
	"phase.final":               {DE: "Abschluss", EN: "Final evaluation"},
	"status.scheduled":          {DE: "geplant", EN: "scheduled"},
	"status.open":               {DE: "offen", EN: "open"},
	"status.closed":             {DE: "beendet", EN: "closed"},
	"shape.1:1":                 {DE: "1 : 1", EN: "1 : 1"},
	"shape.2:1":                 {DE: "2 : 1", EN: "2 : 1"},
	"shape.peer":                {DE: "Peer-Paar", EN: "peer pair"},
	"field.email":               {DE: "E-Mail-Adresse", EN: "E-mail address"},
	"field.password":            {DE: "Passwort", EN: "Password"},
	"field.name":                {DE: "Name", EN: "Name"},
	"field.role":                {DE: "Rolle", EN: "Role"},
	"field.token":               {DE: "Admin-Token", EN: "Admin token"},
	"field.program_name":        {DE: "Name des Programms", EN: "Name of the program"},
	"field.cohort_name":         {DE: "Name der Runde", EN: "Name of the round"},
	"field.language":            {DE: "Sprache", EN: "Language"},
	"field.anonymity_threshold": {DE: "Mindestzahl an Antworten", EN: "Minimum number of answers"},
	"field.mode":                {DE: "Verknüpfung der Antworten", EN: "Linking of answers"},
	"field.erasure":             {DE: "Löschung", EN: "Erasure"},
	"field.starts_on":           {DE: "Beginn", EN: "Starts on"},
	"field.ends_on":             {DE: "Ende", EN: "Ends on"},
	"field.phase":               {DE: "Befragung", EN: "Survey"},
	"field.opens_at":            {DE: "Öffnet am", EN: "Opens at"},
	"field.closes_at":           {DE: "Schließt am", EN: "Closes at"},
	"field.file":                {DE: "Datei", EN: "File"},
	"field.participants":        {DE: "Teilnehmende", EN: "Participants"},
	"field.department":          {DE: "Abteilung", EN: "Department"},
	"field.generation":          {DE: "Generation", EN: "Generation"},
	"field.region":              {DE: "Region", EN: "Region"},
	"field.members":             {DE: "Mitglieder des Tandems", EN: "Members of the tandem"},
	"field.lang":                {DE: "Sprache", EN: "Language"},

	// sign-in and setup
	"signin.title":            {DE: "Anmelden", EN: "Sign in"},
	"signin.submit":           {DE: "Anmelden", EN: "Sign in"},
	"signin.wrong":            {DE: "E-Mail-Adresse oder Passwort stimmen nicht.", EN: "The e-mail address or the password is wrong."},
	"signin.blocked":          {DE: "Zu viele fehlgeschlagene Versuche. Bitte warten Sie eine Minute und versuchen Sie es dann erneut.", EN: "Too many failed attempts. Please wait a minute, then try again."},
	"signin.noaccounts":       {DE: "Es gibt noch kein Konto.", EN: "There is no account yet."},
	"signin.setup":            {DE: "Erstes Admin-Konto anlegen", EN: "Create the first admin account"},
	"setup.title":             {DE: "Erstes Admin-Konto anlegen", EN: "Create the first admin account"},
	"setup.intro":             {DE: "Solange es kein Konto gibt, legt der Admin-Token des Dienstes das erste Konto an. Danach verschwindet diese Seite; weitere Konten legt die Administration an.", EN: "While no account exists, the service's admin token creates the first one. Then this page is gone; further accounts are made by an admin."},
	"setup.token.hint":        {DE: "Beim ersten Start ausgegeben oder in TANDEM_ADMIN_TOKEN gesetzt.", EN: "Printed at the first start, or set in TANDEM_ADMIN_TOKEN."},
	"setup.token.wrong":       {DE: "Dieser Admin-Token stimmt nicht.", EN: "This admin token is wrong."},
	"setup.submit":            {DE: "Konto anlegen und anmelden", EN: "Create the account and sign in"},
	"password.hint":           {DE: "Mindestens 12 Zeichen. Ein Satz aus mehreren Wörtern ist gut zu merken.", EN: "At least 12 characters. A sentence of several words is easy to remember."},
	"password.hint.generated": {DE: "Leer lassen, um ein sicheres Passwort erzeugen zu lassen (wird einmal angezeigt). Sonst mindestens 12 Zeichen.", EN: "Leave empty to have a strong password made (shown once). Otherwise at least 12 characters."},

	// programs
	"programs.title":       {DE: "Programme", EN: "Programs"},
	"programs.none":        {DE: "Ihnen ist noch kein Programm zugeordnet. Bitte wenden Sie sich an die Administration.", EN: "No program is assigned to you yet. Please ask an admin."},
	"programs.none.create": {DE: "Noch kein Programm. Legen Sie unten das erste an.", EN: "No program yet. Create the first one below."},
	"programs.new":         {DE: "Neues Programm", EN: "New program"},
	"programs.create":      {DE: "Programm anlegen", EN: "Create the program"},
	"program.title":        {DE: "Programm %s", EN: "Program %s"},
	"cohorts.title":        {DE: "Runden", EN: "Rounds"},
	"cohorts.none":         {DE: "Noch keine Runde.", EN: "No round yet."},
	"cohorts.new":          {DE: "Neue Runde", EN: "New round"},
	"cohorts.create":       {DE: "Runde anlegen", EN: "Create the round"},
	"results.link":         {DE: "Ergebnisse", EN: "Results"},
	"members.title":        {DE: "Wer dieses Programm sieht", EN: "Who sees this program"},
	"members.hint":         {DE: "Organisation und Ansicht-Konten sehen nur die Programme, denen sie zugeordnet sind.", EN: "Organiser and viewer accounts only see the programs they are assigned to."},
	"members.none":         {DE: "Niemand außer der Administration.", EN: "Nobody but the admins."},
	"members.add.label":    {DE: "Konto zuordnen", EN: "Assign an account"},
	"members.add":          {DE: "Zuordnen", EN: "Assign"},
	"members.remove":       {DE: "Entfernen", EN: "Remove"},

	// accounts
	"accounts.title":         {DE: "Konten", EN: "Accounts"},
	"accounts.new":           {DE: "Neues Konto", EN: "New account"},
	"accounts.create":        {DE: "Konto anlegen", EN: "Create the account"},
	"accounts.created":       {DE: "Konto %s (%s) angelegt.", EN: "Account %s (%s) created."},
	"accounts.password.once": {DE: "Passwort (wird nur jetzt angezeigt – bitte sicher weitergeben):", EN: "Password (shown only now – please pass it on safely):"},
	"accounts.created.next":  {DE: "Ordnen Sie das Konto auf der Seite eines Programms diesem Programm zu.", EN: "Assign the account to a program on that program's page."},

	// flash messages after a change (?done=...)
	"done.welcome":           {DE: "Willkommen! Ihr Admin-Konto ist angelegt und Sie sind angemeldet.", EN: "Welcome! Your admin account is created and you are signed in."},
	"done.signedout":         {DE: "Sie sind abgemeldet.", EN: "You are signed out."},
	"done.program_created":   {DE: "Programm angelegt.", EN: "Program created."},
	"done.publication_saved": {DE: "Veröffentlichung gespeichert.", EN: "Publication saved."},
	"done.cohort_created":    {DE: "Runde angelegt.", EN: "Round created."},
	"done.member_added":      {DE: "Konto zugeordnet.", EN: "Account assigned."},
	"done.member_removed":    {DE: "Zuordnung entfernt.", EN: "Assignment removed."},
	"done.account_created":   {DE: "Konto angelegt.", EN: "Account created."},

	// message pages
	"notfound.title":          {DE: "Nicht gefunden", EN: "Not found"},
	"notfound.body":           {DE: "Diese Seite gibt es nicht, oder sie ist für Ihr Konto nicht sichtbar.", EN: "This page does not exist, or your account cannot see it."},
	"forbidden.title":         {DE: "Nicht erlaubt", EN: "Not allowed"},
	"forbidden.body":          {DE: "Ihr Konto darf das nicht. Bitte wenden Sie sich an die Administration.", EN: "Your account may not do this. Please ask an admin."},
	"conflict.title":          {DE: "Nicht möglich", EN: "Not possible"},
	"conflict.body":           {DE: "Das geht im aktuellen Zustand nicht (zum Beispiel ist die Befragung schon beendet).", EN: "This cannot be done in the current state (the survey may have closed, for example)."},
	"csrf.title":              {DE: "Formular abgelaufen", EN: "Form expired"},
	"csrf.body":               {DE: "Das Formular war veraltet oder kam nicht von dieser Seite. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.", EN: "The form was out of date or did not come from this site. Please reload the page and try again."},
	"publication.fixed.title": {DE: "Schon festgelegt", EN: "Already fixed"},
	"publication.fixed.body": {DE: "Was dieses Programm veröffentlicht, ist seit der ersten Antwort festgelegt: Ein Wechsel danach ließe Ergebnisse vorher und nachher vergleichen und Einzelne erkennen.",
		EN: "What this program publishes is fixed since its first response: switching afterwards would let results before and after be compared and single people out."},
	"badrequest.title":  {DE: "Ungültige Anfrage", EN: "Invalid request"},
	"badrequest.body":   {DE: "Die Anfrage kam nicht in der erwarteten Form. Bitte laden Sie die Seite neu.", EN: "The request was not in the expected form. Please reload the page."},
	"toolarge.title":    {DE: "Zu groß", EN: "Too large"},
	"toolarge.body":     {DE: "Die gesendeten Daten sind zu groß (höchstens 10 MB).", EN: "What was sent is too large (at most 10 MB)."},
	"error.title":       {DE: "Etwas ist schiefgelaufen", EN: "Something went wrong"},
	"error.body":        {DE: "Das hat gerade nicht geklappt. Bitte versuchen Sie es in einigen Minuten noch einmal.", EN: "That did not work just now. Please try again in a few minutes."},
	"ratelimited.title": {DE: "Zu viele Versuche", EN: "Too many attempts"},
	"ratelimited.body":  {DE: "Von hier kamen zu viele fehlgeschlagene Versuche. Bitte warten Sie etwas.", EN: "Too many failed attempts came from here. Please wait a while."},
	"conflict.email":    {DE: "Für diese E-Mail-Adresse gibt es schon ein Konto.", EN: "An account with this e-mail address exists already."},
	"conflict.closed":   {DE: "Die Befragung ist beendet.", EN: "The survey is closed."},
	"setupdone.title":   {DE: "Schon eingerichtet", EN: "Already set up"},
	"setupdone.body":    {DE: "Es gibt bereits ein Konto. Bitte melden Sie sich an; weitere Konten legt die Administration an.", EN: "An account exists already. Please sign in; further accounts are made by an admin."},
}

// msg returns the text of key in lang, formatted with args.
func msg(lang, key string, args ...any) string { return messages.Get(lang, key, args...) }

// fieldLabel names a field of a form in lang.
func fieldLabel(lang, field string) string {
	if messages.Has("field." + field) {
		return msg(lang, "field."+field)
	}
	return field
}
