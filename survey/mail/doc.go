// Package mail sends tandem's e-mails over SMTP: invitations with a
// participant's personal link and reminders to those who have not answered,
// in German and English. It speaks SMTP with net/smtp (STARTTLS, PLAIN
// authentication) and builds plain-text UTF-8 messages. It may import
// survey, nothing else of tandem, and knows nothing of HTTP or the store:
// the HR pages decide whom to write and record what was sent.
package mail
