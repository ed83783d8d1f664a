package chart

import "time"

// Point is one dated value. A NaN or infinite V means "no data on this
// date": the line breaks there instead of inventing a value.
type Point struct {
	T time.Time
	V float64
}

// Series is one named line, such as the actual values of an indicator or
// one value of a breakdown.
type Series struct {
	Name   string
	Points []Point
	// MaxGap, when positive, breaks the line between two points further
	// apart than this, so a missed reporting period shows as a gap rather
	// than as a straight line across it.
	MaxGap time.Duration
}

// Reference is a labelled horizontal line, such as a baseline or a target
// level.
type Reference struct {
	Label string
	Value float64
}

// Target is the value an indicator should reach by a date, drawn as a
// diamond at that date and value.
type Target struct {
	T     time.Time
	Value float64
}

// BandPoint is one forecast date: the forecast value V and the prediction
// interval Lo..Hi around it. Non-finite Lo or Hi leave the band out there.
type BandPoint struct {
	T         time.Time
	V, Lo, Hi float64
}

// Forecast is a dashed line with a shaded prediction band.
type Forecast struct {
	Name     string // legend and table label; "Forecast" when empty
	BandName string // "80% prediction interval" when empty
	Points   []BandPoint
}

// Direction says which way an indicator improves; it only changes the words
// of the description ("an improvement"), never the picture.
type Direction int

// The directions an indicator can improve in.
const (
	Unspecified Direction = iota
	HigherIsBetter
	LowerIsBetter
)

// Table is the data of a chart as rows of text, for pages to render as an
// HTML table beside the picture (its text alternative). A cell is empty
// where its column has no value on that row's date.
type Table struct {
	Caption string
	Headers []string
	Rows    [][]string
	Notes   []string // references and target, one sentence each
}
