package decision

import "testing"

// TestWeightLines: "Full name: weight" lines resolved against the members,
// and each kind of mistake named by its line.
func TestWeightLines(t *testing.T) {
	members := []choice{{Value: "1", Label: "Ann Lee"}, {Value: "2", Label: "Bo Chan"}, {Value: "3", Label: "Kim Park"},
		{Value: "4", Label: "Kim Park"}}
	got, err := weightLines("ann  LEE: 3\n\n  Bo Chan:1  \n", members)
	ok(t, err)
	same(t, "weights", got, map[int64]int64{1: 3, 2: 1})
	for _, c := range []struct{ text, msg string }{
		{"Ann Lee: 2\nBo Chan 4", "Line 2: write the full name, a colon and the weight, such as “Ann Lee: 3”."},
		{": 4", "Line 1: write the full name, a colon and the weight, such as “Ann Lee: 3”."},
		{"Ann Lee: 2\n\nAl Bee: 2", "Line 3: no member is called “Al Bee”."},
		{"Ann Lee: three", "Line 1: the weight of “Ann Lee” must be a whole number from 1 to 1000000, not “three”."},
		{"Ann Lee: 0", "Line 1: the weight of “Ann Lee” must be a whole number from 1 to 1000000, not “0”."},
		{"Ann Lee: 2.5", "Line 1: the weight of “Ann Lee” must be a whole number from 1 to 1000000, not “2.5”."},
		{"Ann Lee: 1000001", "Line 1: the weight of “Ann Lee” must be a whole number from 1 to 1000000, not “1000001”."},
		{"Ann Lee: 2\nBo Chan: 2\nann lee: 5", "Line 3: “ann lee” already has a weight, on line 1."},
		{"Kim Park: 2", "Line 1: 2 members are called “Kim Park”, so the name cannot tell them apart; give their weights through the API, by member number."},
	} {
		_, err := weightLines(c.text, members)
		wantField(t, err, "weights", c.msg)
	}
}
