package payreview

import (
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// goodCSV has a byte-order mark, CRLF line ends, a quoted id, a cell
// spread over two lines, spaces around cells, every known kind of gender
// code and one given by Values, an empty bonus, and an age band (35–44)
// nobody falls in.
const goodCSV = "\ufeffEmployee ID,Sex,Grade,Salary,Bonus,Hours,Tenure,Dept,Age\r\n" +
	"\" 7 \",Male,B,\"50000\",1000,40,2.5,Sales,23\r\n" +
	"8,female,A,48000.50,,37.5,10,\"Eng\nR&D\",31\r\n" +
	"9,F,B,52000,0,40,-1,Sales,45\r\n" +
	"10,X,A,61000,2500.25,40,0,Eng,60\r\n" +
	"11, M ,A,  45000 ,0,20,3e0,Sales,46\r\n"

var goodMapping = Mapping{
	Fields:      map[string]string{"category": "grade"},
	Values:      map[string]map[string]Gender{"sex": {"X": Other}},
	Controls:    []string{"tenure", "DEPT", "age"},
	Categorical: map[string]bool{"dept": true},
	Bands:       map[string][]float64{"AGE": {25, 35, 45, 55}},
}

func TestReadGood(t *testing.T) {
	d, err := Read(strings.NewReader(goodCSV), goodMapping)
	if err != nil {
		t.Fatal(err)
	}
	want := &Dataset{
		IDs:        []string{"7", "8", "9", "10", "11"},
		Lines:      []int{2, 3, 5, 6, 7},
		Gender:     []Gender{Man, Woman, Woman, Other, Man},
		Base:       []float64{50000, 48000.5, 52000, 61000, 45000},
		Variable:   []float64{1000, 0, 0, 2500.25, 0},
		Hours:      []float64{40, 37.5, 40, 40, 20},
		Category:   []int32{1, 0, 1, 0, 0},
		Categories: []string{"A", "B"},
		CategoryOf: "Grade",
		Controls: []Control{
			{Name: "Tenure", Numeric: []float64{2.5, 10, -1, 0, 3}},
			{Name: "Dept", Levels: []string{"Eng", "Eng\nR&D", "Sales"}, Codes: []int32{2, 1, 2, 0, 2}},
			{Name: "Age", Levels: []string{"<25", "25–34", "45–54", "55+"}, Codes: []int32{0, 1, 2, 3, 2},
				Banded: []float64{25, 35, 45, 55}},
		},
		Columns: map[string]string{"id": "Employee ID", "gender": "Sex", "base_pay": "Salary",
			"variable_pay": "Bonus", "hours": "Hours", "category": "Grade"},
	}
	checkDataset(t, d, want)
}

// checkDataset compares field by field, ignoring spare capacity, so a
// difference names the field.
func checkDataset(t *testing.T, got, want *Dataset) {
	t.Helper()
	g, w := reflect.ValueOf(*got), reflect.ValueOf(*want)
	for i := 0; i < g.NumField(); i++ {
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			t.Errorf("%s = %#v, want %#v", g.Type().Field(i).Name, g.Field(i).Interface(), w.Field(i).Interface())
		}
	}
}

func TestReadWithoutOptionalColumns(t *testing.T) {
	// no id: the line is the id; a blank line is skipped and counted
	d, err := Read(strings.NewReader("gender,pay\nm,10\n\nw,11.5\n"),
		Mapping{Values: map[string]map[string]Gender{"gender": {"w": Woman}}})
	if err != nil {
		t.Fatal(err)
	}
	checkDataset(t, d, &Dataset{
		IDs: []string{"2", "4"}, Lines: []int{2, 4}, Gender: []Gender{Man, Woman}, Base: []float64{10, 11.5},
		Columns: map[string]string{"gender": "gender", "base_pay": "pay"},
	})
}

func TestReadAutomaticColumns(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   map[string]string
	}{
		{"EmployeeId,SEX,Base Pay,variable_pay,Hours Worked", map[string]string{"id": "EmployeeId",
			"gender": "SEX", "base_pay": "Base Pay", "variable_pay": "variable_pay", "hours": "Hours Worked"}},
		// basepay is preferred to salary; bonus is found in any case
		{"Salary,gender,BASEPAY,BONUS,Dept", map[string]string{"gender": "gender", "base_pay": "BASEPAY",
			"variable_pay": "BONUS"}},
		{"Gender,Base_Salary", map[string]string{"gender": "Gender", "base_pay": "Base_Salary"}},
	} {
		n := strings.Count(tc.header, ",") + 1
		row := "M" + strings.Repeat(",1", n-1)
		if strings.HasPrefix(tc.header, "Salary") || strings.HasPrefix(tc.header, "EmployeeId") {
			row = "1,M" + strings.Repeat(",1", n-2)
		}
		d, err := Read(strings.NewReader(tc.header+"\n"+row+"\n"), Mapping{})
		if err != nil {
			t.Errorf("%s: %v", tc.header, err)
			continue
		}
		if !reflect.DeepEqual(d.Columns, tc.want) {
			t.Errorf("%s: columns %v, want %v", tc.header, d.Columns, tc.want)
		}
	}
}

func TestReadNonIntegerBands(t *testing.T) {
	d, err := Read(strings.NewReader("gender,pay,score\nm,1,0.1\nf,2,2.5\nm,3,9\nf,4,4.99\n"),
		Mapping{Controls: []string{"score"}, Bands: map[string][]float64{"score": {2.5, 5}}})
	if err != nil {
		t.Fatal(err)
	}
	c := d.Controls[0]
	if want := []string{"<2.5", "[2.5, 5)", "≥5"}; !reflect.DeepEqual(c.Levels, want) {
		t.Errorf("levels %q, want %q", c.Levels, want)
	}
	if want := []int32{0, 1, 2, 1}; !reflect.DeepEqual(c.Codes, want) {
		t.Errorf("codes %v, want %v", c.Codes, want)
	}
	if got := bandLabels([]float64{18, 19, 30}); !reflect.DeepEqual(got, []string{"<18", "18", "19–29", "30+"}) {
		t.Errorf("one-year band: %q", got)
	}
}

func TestReadGenderCodes(t *testing.T) {
	in := "id,gender,pay\n1,Male,1\n2,FEMALE,1\n3,m,1\n4,F,1\n5,Man,1\n6,woman,1\n7,MEN,1\n8,Women,1\n9,nb,1\n10,f,1\n"
	d, err := Read(strings.NewReader(in), Mapping{Values: map[string]map[string]Gender{
		"Gender": {"NB": Other, "f": Man}}}) // a Values code overrides a known one, ignoring case
	if err != nil {
		t.Fatal(err)
	}
	want := []Gender{Man, Woman, Man, Man, Man, Woman, Man, Woman, Other, Man}
	if !reflect.DeepEqual(d.Gender, want) {
		t.Errorf("genders %v, want %v", d.Gender, want)
	}
}

func TestReadNumbers(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		st   numStatus
	}{
		{"12", 12, numOK}, {" 12.50 ", 12.5, numOK}, {"-0", 0, numOK}, {"+3", 3, numOK}, {".5", 0.5, numOK},
		{"5.", 5, numOK}, {"1e3", 1000, numOK}, {"2.5E-1", 0.25, numOK}, {"0.1", 0.1, numOK},
		{"1234567890123456789", 1234567890123456789, numOK}, {"1e-400", 0, numOK},
		{"", 0, numEmpty}, {"  ", 0, numEmpty}, {"12,5", 0, numSyntax}, {"$5", 0, numSyntax},
		{"1_000", 0, numSyntax}, {"0x10", 0, numSyntax}, {"Inf", 0, numSyntax}, {"NaN", 0, numSyntax},
		{"-", 0, numSyntax}, {".", 0, numSyntax}, {"1.2.3", 0, numSyntax}, {"1e400", 0, numRange},
	} {
		x, st := parseNumber(tc.in)
		if st != tc.st || x != tc.want {
			t.Errorf("parseNumber(%q) = %v, %d; want %v, %d", tc.in, x, st, tc.want, tc.st)
		}
	}
}

func TestReadErrors(t *testing.T) {
	const h = "id,gender,pay\n"
	ctl := func(controls ...string) Mapping { return Mapping{Controls: controls} }
	many := h
	for i := 1; i <= 15; i++ {
		many += strings.Repeat("x", i) + ",F,abc\n"
	}
	for _, tc := range []struct {
		name string
		in   string
		m    Mapping
		want string
	}{
		{"ErrEmptyFile", "", Mapping{}, "empty file: want a header row naming the columns, then one row per employee"},
		{"ErrBlankFile", "\n\n", Mapping{}, "empty file: want a header row naming the columns, then one row per employee"},
		{"ErrHeaderOnly", h, Mapping{}, "no rows after the header: want one row per employee"},
		{"ErrNoGenderColumn", "id,pay\n1,5\n", Mapping{},
			`no gender column: no header reads gender or sex; name it with --map Column=gender; the columns are "id", "pay"`},
		{"ErrMissingMappedColumn", h + "1,F,5\n", Mapping{Fields: map[string]string{"base_pay": "Salary"}},
			`no column "Salary" for base_pay; the columns are "id", "gender", "pay"`},
		{"ErrUnknownField", h + "1,F,5\n", Mapping{Fields: map[string]string{"salary": "pay"}},
			"unknown field \"salary\" in the mapping; the fields are id, gender, category, base_pay, variable_pay, hours"},
		{"ErrFieldMappedTwice", h + "1,F,5\n", Mapping{Fields: map[string]string{"base_pay": "pay", "hours": "PAY"}},
			`column "pay" is mapped to both base_pay and hours`},
		{"ErrDuplicateHeader", "id,gender,pay,pay\n1,F,5,5\n", Mapping{},
			`line 1: column "pay" appears twice in the header (columns 3 and 4)`},
		{"ErrAmbiguousColumn", "id,gender,pay,Age,AGE\n1,F,5,1,2\n", ctl("age"),
			`column "age" for a control is ambiguous: the header has "Age" and "AGE"`},
		{"ErrAmbiguousAutomatic", "id,gender,Base Pay,base_pay\n1,F,5,5\n", Mapping{},
			`columns "Base Pay" and "base_pay" could each be base_pay; choose one with --map Column=base_pay`},
		{"ErrSemicolons", "id;gender;pay\n1;F;5\n", Mapping{},
			"no gender column: no header reads gender or sex; name it with --map Column=gender; the columns are \"id;gender;pay\" (one column with semicolons in it: save the file with commas between the columns)\n" +
				"no base_pay column: no header reads basepay or pay or salary or basesalary; name it with --map Column=base_pay; the columns are \"id;gender;pay\" (one column with semicolons in it: save the file with commas between the columns)"},
		{"ErrUnknownGender", h + "1,F,5\n2,X,5\n3,X,5\n4,?,5\n5,X,5\n6,X,5\n7,X,5\n", Mapping{},
			`column "gender": unknown code "X" on lines 3, 4, 6 (and 2 more); say what it means with --values gender:X=men|women|other` + "\n" +
				`column "gender": unknown code "?" on line 5; say what it means with --values gender:?=men|women|other`},
		{"ErrEmptyGender", h + "1,,5\n2, ,5\n", Mapping{},
			`column "gender" is empty on lines 2, 3; every employee needs a gender code`},
		{"ErrValuesOtherColumn", h + "1,F,5\n", Mapping{Values: map[string]map[string]Gender{"pay": {"5": Man}}},
			`--values names column "pay", but only the gender column ("gender") has codes to map`},
		{"ErrValuesBadGroup", h + "1,F,5\n", Mapping{Values: map[string]map[string]Gender{"gender": {"Q": 7}}},
			`--values gender:Q: 7 is not a group (men, women or other)`},
		{"ErrNotANumber", h + "1,F,5\n2,M,\"12,5\"\n", Mapping{}, `line 3: column "pay": "12,5" is not a number`},
		{"ErrEmptyPay", h + "1,F, \n", Mapping{}, `line 2: column "pay" is empty`},
		{"ErrNegativePay", h + "1,F,-5\n", Mapping{}, `line 2: column "pay": "-5" is negative`},
		{"ErrZeroPay", h + "1,F,0.00\n", Mapping{},
			`line 2: column "pay": "0.00" is not a positive amount (log pay needs pay above zero)`},
		{"ErrInfinitePay", h + "1,F,Inf\n2,F,1e999\n", Mapping{},
			`line 2: column "pay": "Inf" is not a number` + "\n" + `line 3: column "pay": "1e999" is too large`},
		{"ErrNegativeBonus", "gender,pay,bonus\nF,5,-1\n", Mapping{}, `line 2: column "bonus": "-1" is negative`},
		{"ErrBonusNotANumber", "gender,pay,bonus\nF,5,n/a\n", Mapping{}, `line 2: column "bonus": "n/a" is not a number`},
		{"ErrZeroHours", "gender,pay,hours\nF,5,0\nF,5,-2\nF,5,\n", Mapping{},
			`line 2: column "hours": "0" hours (hourly pay needs hours above zero)` + "\n" +
				`line 3: column "hours": "-2" is negative` + "\n" + `line 4: column "hours" is empty`},
		{"ErrNotUTF8", h + "1,F,5\n2,F\xe9,5\n", Mapping{},
			`line 3: column "gender" is not UTF-8 text; save the file as CSV UTF-8`},
		{"ErrHeaderNotUTF8", "\xff\xfei\x00d\x00\n", Mapping{},
			"line 1: the header is not UTF-8 text; save the file as CSV UTF-8"},
		{"ErrRagged", h + "1,F,5\n2,F\n3,F,5,6\n", Mapping{},
			"line 3: 2 fields, but the header has 3 columns\nline 4: 4 fields, but the header has 3 columns"},
		{"ErrBareQuote", h + "1,F,5\n2,F\"x,5\n", Mapping{},
			`line 3: bad quoting at character 4: bare " in non-quoted-field (a field with a quote in it must be quoted, the quote doubled: "say ""hi""")`},
		{"ErrUnclosedQuote", h + "1,F,5\n\"2,F,5\n3,F,5\n", Mapping{},
			`line 3: bad quoting: extraneous or missing " in quoted-field (found on line 4; is a closing quote missing?)`},
		{"ErrExtraneousQuote", h + "1,F,5\n2,\"F\"x,5\n", Mapping{},
			`line 3: bad quoting at character 5: extraneous or missing " in quoted-field`},
		{"ErrDuplicateID", h + "7,F,5\n8,M,5\n7,M,5\n8,F,5\n", Mapping{},
			`line 4: id "7" is also on line 2` + "\n" + `line 5: id "8" is also on line 3`},
		{"ErrDuplicateTextID", h + "a7,F,5\n007,M,5\n7,M,5\n a7 ,F,5\n", Mapping{},
			`line 5: id "a7" is also on line 2`},
		{"ErrEmptyID", h + "1,F,5\n ,M,5\n", Mapping{}, `line 3: column "id" is empty (every employee needs an id)`},
		{"ErrControlNotANumber", "id,gender,pay,dept\n1,F,5,Sales\n2,M,5,\n", ctl("dept"),
			`line 2: column "dept": "Sales" is not a number (mark the control categorical if it holds names)` + "\n" +
				`line 3: column "dept" is empty (a control needs a value on every row)`},
		{"ErrEmptyCategorical", "id,gender,pay,dept\n1,F,5,Sales\n2,M,5, \n",
			Mapping{Controls: []string{"dept"}, Categorical: map[string]bool{"dept": true}},
			`line 3: column "dept" is empty (a categorical control needs a value on every row)`},
		{"ErrEmptyCategory", "id,gender,pay,grade\n1,F,5,\n", Mapping{Fields: map[string]string{"category": "grade"}},
			`line 2: column "grade" is empty (every employee needs a category)`},
		{"ErrBandedNotANumber", "id,gender,pay,age\n1,F,5,old\n",
			Mapping{Controls: []string{"age"}, Bands: map[string][]float64{"age": {30}}},
			`line 2: column "age": "old" is not a number`},
		{"ErrControlMissing", h + "1,F,5\n", ctl("dept"),
			`no column "dept" for a control; the columns are "id", "gender", "pay"`},
		{"ErrControlTwice", "id,gender,pay,age\n1,F,5,3\n", ctl("age", "AGE"), `control "age" is listed twice`},
		{"ErrControlIsGender", h + "1,F,5\n", ctl("gender", "pay"),
			"column \"gender\" is the gender; it cannot be a control too\ncolumn \"pay\" is the base_pay; it cannot be a control too"},
		{"ErrBandsNotAscending", "id,gender,pay,age\n1,F,5,3\n",
			Mapping{Controls: []string{"age"}, Bands: map[string][]float64{"age": {25, 35, 35}}},
			`bands for "age": cut points 25, 35, 35 are not strictly ascending`},
		{"ErrBandsNotFinite", "id,gender,pay,age\n1,F,5,3\n",
			Mapping{Controls: []string{"age"}, Bands: map[string][]float64{"age": {25, math.Inf(1)}}},
			`bands for "age": cut points must be finite numbers`},
		{"ErrBandsEmpty", "id,gender,pay,age\n1,F,5,3\n",
			Mapping{Controls: []string{"age"}, Bands: map[string][]float64{"age": {}}}, `bands for "age": no cut points`},
		{"ErrBandsNotControl", "id,gender,pay,age\n1,F,5,3\n", Mapping{Bands: map[string][]float64{"age": {25}}},
			`column "age" has bands but is not a control; add it to the controls`},
		{"ErrCategoricalNotControl", "id,gender,pay,dept\n1,F,5,3\n", Mapping{Categorical: map[string]bool{"dept": true}},
			`column "dept" is marked categorical but is not a control; add it to the controls`},
		{"ErrBandsAndCategorical", "id,gender,pay,age\n1,F,5,3\n", Mapping{Controls: []string{"age"},
			Categorical: map[string]bool{"age": true}, Bands: map[string][]float64{"age": {25}}},
			`column "age" has bands and is marked categorical; give it one or the other`},
		{"ErrTooMany", many, Mapping{}, `line 2: column "pay": "abc" is not a number` + "\n" +
			`line 3: column "pay": "abc" is not a number` + "\n" + `line 4: column "pay": "abc" is not a number` + "\n" +
			`line 5: column "pay": "abc" is not a number` + "\n" + `line 6: column "pay": "abc" is not a number` + "\n" +
			`line 7: column "pay": "abc" is not a number` + "\n" + `line 8: column "pay": "abc" is not a number` + "\n" +
			`line 9: column "pay": "abc" is not a number` + "\n" + `line 10: column "pay": "abc" is not a number` + "\n" +
			`line 11: column "pay": "abc" is not a number` + "\n… and 5 more problems"},
		{"ErrInLineOrder", h + "1,F,5\n2,Q,x\n1,F,5\n", Mapping{}, `line 3: column "pay": "x" is not a number` + "\n" +
			`column "gender": unknown code "Q" on line 3; say what it means with --values gender:Q=men|women|other` + "\n" +
			`line 4: id "1" is also on line 2`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Read(strings.NewReader(tc.in), tc.m)
			if d != nil {
				t.Errorf("a dataset as well as an error")
			}
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("error %v (%T), want a *ReadError", err, err)
			}
			if err.Error() != tc.want {
				t.Errorf("error\n%s\nwant\n%s", err, tc.want)
			}
		})
	}
}

// TestReadManyBatches reads rows enough for several hand-overs between the
// two stages, with the size known and hidden, and faults found by each
// stage late in the file.
func TestReadManyBatches(t *testing.T) {
	const n = 3*batchRows + 17
	var b strings.Builder
	b.WriteString("id,gender,pay,level\n")
	for i := range n {
		fmt.Fprintf(&b, "%d,%s,%d.25,L%d\n", i*3, [2]string{"F", "M"}[i%2], 1000+i, i%7)
	}
	good := b.String()
	m := Mapping{Controls: []string{"level"}, Categorical: map[string]bool{"level": true}}
	for _, r := range []io.Reader{strings.NewReader(good), struct{ io.Reader }{strings.NewReader(good)}} {
		d, err := Read(r, m)
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, d)
		if d.Len() != n {
			t.Fatalf("%d rows, want %d", d.Len(), n)
		}
		for i := range n {
			if d.Lines[i] != i+2 || d.IDs[i] != strconv.Itoa(i*3) || d.Gender[i] != Gender(i%2^1) ||
				d.Base[i] != float64(1000+i)+0.25 || d.Controls[0].Levels[d.Controls[0].Codes[i]] != "L"+strconv.Itoa(i%7) {
				t.Fatalf("row %d read wrongly", i)
			}
		}
	}
	// a ragged row (the splitter's) after a bad number (the checker's),
	// both past the first batches, and a repeated id before both
	bad := strings.Replace(good, "\n6000,F,3000.25,", "\n6000,F,3000.25,x,", 1)
	bad = strings.Replace(bad, "\n5004,F,2668.25,", "\n5004,F,abc,", 1)
	bad = strings.Replace(bad, "\n3000,F,", "\n0,F,", 1)
	_, err := Read(strings.NewReader(bad), m)
	want := `line 1002: id "0" is also on line 2` + "\n" + `line 1670: column "pay": "abc" is not a number` + "\n" +
		"line 2002: 5 fields, but the header has 4 columns"
	if err == nil || err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
}
