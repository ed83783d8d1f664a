package app_test

import "fmt"

// The activity pages' scenarios: who sees which entries of the collective
// built by scNewFixture (and changed by the scenarios before these).
func init() {
	scMoreScenarios = append(scMoreScenarios, func(f *scFixture) []scScenario {
		a, p := "/c/"+scA+"/activity", "/c/"+scP+"/activity"
		joined := "Mo Member joined Riverside Coalition as member."
		invited := "Sam Steward invited later@example.org as member."
		removed := "Sam Steward removed Rae Removed from Riverside Coalition."
		return []scScenario{
			{name: "Activity/Steward", who: "steward", method: "GET", path: a, wantStatus: 200,
				wantContains: []string{"<h1>Activity</h1>", joined, invited, removed, "Stewards only", `<time datetime="`, `aria-current="page">Activity</a>`}},
			{name: "Activity/Member", who: "member", method: "GET", path: a, wantStatus: 200,
				wantContains:    []string{joined, "Sam Steward added the partner organisation Riverside Food Bank."},
				wantNotContains: []string{invited, removed, "Stewards only"}},
			{name: "Activity/Observer", who: "observer", method: "GET", path: a, wantStatus: 200,
				wantContains: []string{joined}, wantNotContains: []string{invited, removed}},
			{name: "Activity/MemberFilter", who: "steward", method: "GET", path: a + "?member=" + fmt.Sprint(f.mid[scA+"/member"]), wantStatus: 200,
				wantContains: []string{"<h1>Activity of Mo Member</h1>", joined, "Show everyone's activity"}, wantNotContains: []string{invited}},
			{name: "Activity/MemberFilterUnknown", who: "steward", method: "GET", path: a + "?member=999999", wantStatus: 422,
				wantContains: []string{"There is no member 999999 in this collective."}},
			{name: "Activity/TamperedCursor", who: "member", method: "GET", path: a + "?cursor=eyJiIjo1fQ", wantStatus: 422,
				wantContains: []string{"This cursor is not one this server made; start again from the first page."}},
			{name: "Activity/OutsiderPrivateNotFound", who: "outsider", method: "GET", path: a, wantStatus: 404,
				wantNotContains: []string{joined}},
			{name: "Activity/RemovedNotFound", who: "removed", method: "GET", path: a, wantStatus: 404},
			{name: "Activity/AnonymousSignsIn", who: "anonymous", method: "GET", path: a, wantStatus: 303, wantLocation: scSignIn(a)},
			{name: "Activity/OutsiderPublicForbidden", who: "outsider", method: "GET", path: p, wantStatus: 403,
				wantContains: []string{"Only members of Open Commons can see its activity."}},
			{name: "MyActivity/Member", who: "member", method: "GET", path: "/activity?limit=200", wantStatus: 200,
				wantContains: []string{"Activity in your collectives", joined, `<a href="/c/riverside/activity">Riverside Coalition</a>`},
				// The member left Open Commons in Leave/OK: what happens there is no longer theirs to see.
				wantNotContains: []string{invited, "Hillside", "Open Commons"}},
			{name: "MyActivity/Outsider", who: "outsider", method: "GET", path: "/activity", wantStatus: 200,
				wantContains: []string{"Otto Outsider created Outsiders Club."}, wantNotContains: []string{"Riverside"}},
			{name: "MyActivity/Removed", who: "removed", method: "GET", path: "/activity", wantStatus: 200,
				wantNotContains: []string{"Riverside"}},
			{name: "MyActivity/Anonymous", who: "anonymous", method: "GET", path: "/activity", wantStatus: 303, wantLocation: scSignIn("/activity")},
		}
	})
}
