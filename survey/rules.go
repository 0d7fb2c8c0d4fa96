package survey

// The rules input can break, as FieldError.Rule (and Error.Rule). They are
// stable codes: clients and pages choose their words by them. Each has a
// sentence "rule.<code>" in Messages, filled with the arguments named
// beside it.
const (
	// Answers of a form, and values in general.
	RuleRequired = "required"  // a required value is missing
	RuleRange    = "range"     // min, max: a number outside its range
	RuleNumber   = "number"    // not a whole number
	RuleChoice   = "choice"    // options ([]string): not one of them
	RuleMultiple = "multiple"  // given more often than allowed
	RuleTooLong  = "too_long"  // max: longer than max characters
	RuleTooShort = "too_short" // min: shorter than min characters
	RuleText     = "text"      // control or invisible formatting characters, or not UTF-8
	RuleUnknown  = "unknown"   // not a field of this form or request
	// RuleUnknownField: the JSON body has a field the request does not know.
	RuleUnknownField = "unknown_field"
	RuleTooMany      = "too_many"  // max: more fields than a form may have
	RuleListSize     = "list_size" // min, max: a list of too few or too many entries
	RuleEmpty        = "empty"     // a form without a single answer
	RuleType         = "type"      // type: a JSON value of the wrong type

	// People, cohorts and accounts.
	RuleEmail      = "email"       // not an e-mail address
	RuleEmailTaken = "email_taken" // an account has this address already
	RuleDuplicate  = "duplicate"   // row: repeats an earlier row
	RuleTwice      = "twice"       // a list names a value twice
	RuleInCohort   = "in_cohort"   // the participant is in the cohort already
	RuleDate       = "date"        // not a date YYYY-MM-DD
	RuleDateOrder  = "date_order"  // the end is before the start
	RuleTime       = "time"        // not an RFC 3339 time
	RuleTimeOrder  = "time_order"  // the closing time is not after the opening

	// Imports.
	RuleImportEmpty = "import_empty" // no participant
	RuleImportSize  = "import_size"  // max: more participants than an import may have
	RuleColumn      = "column"       // a required column is missing
	RuleFileEmpty   = "file_empty"   // no header row or no participant
	RuleEncoding    = "encoding"     // a CSV file that is not UTF-8
	RuleCSV         = "csv"          // detail: the CSV reader's complaint
	RuleXLSX        = "xlsx"         // not an Excel workbook
	RuleNoSheet     = "no_sheet"     // a workbook without a sheet
	RuleSheet       = "sheet"        // detail: the first sheet could not be read

	// Tandems and exclusions; participant and partner are PersonRefs.
	RuleTandemSize  = "tandem_size"    // not two or three members
	RuleTandemShape = "tandem_shape"   // roles that make no tandem
	RuleNotInCohort = "not_in_cohort"  // participant: not in this cohort
	RuleInTandem    = "in_tandem"      // participant: in a tandem already
	RuleInTwo       = "in_two_tandems" // participant, tandem: in two tandems of one request
	RuleExcluded    = "excluded"       // participant, partner: an exclusion forbids the pair
	RulePairSize    = "pair_size"      // an exclusion that does not hold two ids
	RuleSamePerson  = "same_person"    // an exclusion of a participant with themself
)
