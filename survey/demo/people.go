package demo

import (
	"strings"

	"tandem/survey"
)

// person is one participant of the demo population.
type person struct {
	name, generation, department, region string
	role                                 survey.Role
}

// lang is the language a person answers in.
func (p person) lang() string {
	if p.region == "UK" {
		return "en"
	}
	return "de"
}

// email derives a plausible address at example.com from the name.
func (p person) email() string {
	var b strings.Builder
	for _, r := range strings.ToLower(emailASCII.Replace(p.name)) {
		switch {
		case r == ' ':
			b.WriteRune('.')
		case r >= 'a' && r <= 'z', r == '-':
			b.WriteRune(r)
		}
	}
	return b.String() + "@example.com"
}

var emailASCII = strings.NewReplacer(
	"ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss",
	"ø", "oe", "ë", "e", "ï", "i", "é", "e", "á", "a", "ı", "i", "ł", "l", "ć", "c",
	"ş", "s", "Ş", "S",
)

func mentee(name, gen, dept, region string) person {
	return person{name, gen, dept, region, survey.RoleMentee}
}

func mentor(name, gen, dept, region string) person {
	return person{name, gen, dept, region, survey.RoleMentor}
}

func peer(name, gen, dept, region string) person {
	return person{name, gen, dept, region, survey.RolePeer}
}

// The regions of the demo organisation.
const (
	germany     = "Deutschland"
	austria     = "Österreich"
	switzerland = "Schweiz"
	uk          = "UK"
)

// firstRound is the finished cohort: nine 1:1 tandems, six 2:1 teams and
// four peer pairs, 44 people. Each inner slice is one tandem. Eight peers
// keep the peer group above the threshold, so that the demo's reports can
// show mentors and mentees side by side.
var firstRound = [][]person{
	{mentee("Jürgen Weiß", "Baby Boomer", "Produktion", germany), mentor("Zoë Brügger", "Gen Z", "IT", switzerland)},
	{mentee("Margaret Thompson", "Baby Boomer", "Finanzen", uk), mentor("Oliver Smith", "Gen Z", "Marketing", uk)},
	{mentee("Franz Gruber", "Gen X", "Vertrieb", austria), mentor("Lena Maier", "Gen Y", "IT", austria)},
	{mentee("Ursula Kälin", "Baby Boomer", "Personal", switzerland), mentor("Noemi Frei", "Gen Z", "Marketing", switzerland)},
	{mentee("Richard Hughes", "Gen X", "Vertrieb", uk), mentor("Priya Patel", "Gen Y", "IT", uk)},
	{mentee("Klaus-Dieter Brandt", "Baby Boomer", "Finanzen", germany), mentor("Jonas Schäfer", "Gen Z", "Vertrieb", germany)},
	{mentee("Gabriele Voß", "Gen X", "Marketing", germany), mentor("Ömer Yıldız", "Gen Y", "Produktion", germany)},
	{mentee("Anaïs Martin", "Gen X", "Personal", germany), mentor("Felix Köhler", "Gen Z", "Finanzen", germany)},
	{mentee("Helmut Strobl", "Baby Boomer", "Produktion", austria), mentor("Theresa Pichler", "Gen Z", "Personal", austria)},
	{mentee("Wolfgang Hartmann", "Baby Boomer", "Vertrieb", germany),
		mentor("Mia Hoffmann", "Gen Z", "Marketing", germany), mentor("Lukas Bauer", "Gen Z", "IT", germany)},
	{mentee("Susan Clarke", "Gen X", "Personal", uk),
		mentor("Amelia Jones", "Gen Z", "Finanzen", uk), mentor("Harry Taylor", "Gen Y", "IT", uk)},
	{mentee("Reto Zürcher", "Gen X", "IT", switzerland),
		mentor("Aylin Demir", "Gen Z", "Vertrieb", switzerland), mentor("Sophie Wagner", "Gen Z", "Produktion", switzerland)},
	{mentee("Brigitte Lehmann", "Baby Boomer", "Finanzen", germany),
		mentor("Maximilian Krüger", "Gen Z", "Vertrieb", germany), mentor("Laura Fischer", "Gen Y", "Personal", germany)},
	{mentee("Peter Aigner", "Gen X", "Produktion", austria),
		mentor("Matthias Steiner", "Gen Z", "IT", austria), mentor("Dragan Petrović", "Gen Y", "Produktion", austria)},
	{mentee("Monika Schulze", "Gen X", "Marketing", germany),
		mentor("Tobias Schröder", "Gen Z", "Finanzen", germany), mentor("Małgorzata Nowak", "Gen Y", "IT", germany)},
	{peer("Søren Dahl", "Gen X", "IT", germany), peer("Katharina Lang", "Gen Y", "Marketing", germany)},
	{peer("Isla Brown", "Gen Y", "Vertrieb", uk), peer("Beat Müller", "Gen X", "Produktion", switzerland)},
	{peer("Chiara Rossi", "Gen Y", "Marketing", switzerland), peer("Bernd Vogel", "Gen X", "Finanzen", germany)},
	{peer("Hannah Lewis", "Gen Z", "IT", uk), peer("Elke Zimmer", "Baby Boomer", "Personal", austria)},
}

// secondRound is the running cohort: five 1:1 tandems, three 2:1 teams and
// one peer pair, 21 people.
var secondRound = [][]person{
	{mentee("Hans-Peter Roth", "Baby Boomer", "Finanzen", switzerland), mentor("Luca Meier", "Gen Z", "IT", switzerland)},
	{mentee("Elizabeth Walker", "Gen X", "Marketing", uk), mentor("Ahmed Khan", "Gen Y", "IT", uk)},
	{mentee("Renate Böhm", "Baby Boomer", "Personal", germany), mentor("Selin Aydın", "Gen Z", "Marketing", germany)},
	{mentee("Thomas Neumann", "Gen X", "Produktion", germany), mentor("Emma Schmid", "Gen Z", "Produktion", germany)},
	{mentee("Gerhard Pölzl", "Baby Boomer", "Vertrieb", austria), mentor("Valentina Huber", "Gen Z", "Vertrieb", austria)},
	{mentee("Christine Wolf", "Gen X", "IT", germany),
		mentor("Paul Zimmermann", "Gen Z", "Vertrieb", germany), mentor("Leonie Braun", "Gen Z", "Finanzen", germany)},
	{mentee("Andrew Mitchell", "Baby Boomer", "Finanzen", uk),
		mentor("Chloe Roberts", "Gen Z", "Marketing", uk), mentor("Siobhán Murphy", "Gen Y", "Personal", uk)},
	{mentee("Sabine Jäger", "Gen X", "Marketing", austria),
		mentor("Niklas Ebner", "Gen Z", "IT", austria), mentor("Julia Hofer", "Gen Y", "Produktion", austria)},
	{peer("Björn Lindqvist", "Gen Y", "Finanzen", germany), peer("Fatma Şahin", "Gen X", "Personal", germany)},
}
