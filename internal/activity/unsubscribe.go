package activity

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"

	"commonground/internal/errs"
	"commonground/internal/store"
)

// An unsubscribe link must work for someone who is signed out (a mail
// client posts to it, RFC 8058), so the link itself says whose e-mail it
// stops and of which kind, signed with the instance secret so nobody can
// make one for someone else.

// unsubscribeLabel is what "unsubscribe:" tokens are signed under, so a
// token can never pass for another kind of signed value.
const unsubscribeLabel = "unsubscribe:"

// UnsubscribeToken returns the token of the link that stops e-mail about
// kind (or every kind, for "*") to userID.
func (n *Notifier) UnsubscribeToken(userID int64, kind string) string {
	payload := strconv.FormatInt(userID, 10) + ":" + kind
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." +
		base64.RawURLEncoding.EncodeToString(n.unsubscribeMAC(payload))
}

// UnsubscribeURL is the full link for an e-mail.
func (n *Notifier) UnsubscribeURL(userID int64, kind string) string {
	return n.BaseURL + "/unsubscribe/" + n.UnsubscribeToken(userID, kind)
}

func (n *Notifier) unsubscribeMAC(payload string) []byte {
	mac := hmac.New(sha256.New, n.Secret)
	mac.Write([]byte(unsubscribeLabel + payload))
	return mac.Sum(nil)[:18]
}

// Unsubscription is what an unsubscribe link stops.
type Unsubscription struct {
	UserID int64
	Kind   string // "*" for all notification e-mail
	Label  string // the kind's label; "" for all
	Done   bool   // e-mail of this kind is already off
}

// All reports whether the link stops every notification e-mail.
func (u Unsubscription) All() bool { return u.Kind == allKinds }

// badUnsubscribe is the one answer to any link that was not made here or
// was altered, so a guess learns nothing.
var badUnsubscribe = errs.New(errs.NotFound, "This unsubscribe link is not valid. Copy the whole link from the e-mail, or sign in and choose on your notification settings page.")

// ReadUnsubscribe checks token and says what it stops.
func (n *Notifier) ReadUnsubscribe(ctx context.Context, token string) (*Unsubscription, error) {
	p64, m64, ok := strings.Cut(token, ".")
	if !ok {
		return nil, badUnsubscribe
	}
	payload, err1 := base64.RawURLEncoding.DecodeString(p64)
	mac, err2 := base64.RawURLEncoding.DecodeString(m64)
	if err1 != nil || err2 != nil || !hmac.Equal(mac, n.unsubscribeMAC(string(payload))) {
		return nil, badUnsubscribe
	}
	uidText, kind, _ := strings.Cut(string(payload), ":")
	uid, err := strconv.ParseInt(uidText, 10, 64)
	if err != nil {
		return nil, badUnsubscribe
	}
	u := &Unsubscription{UserID: uid, Kind: kind}
	k, known := KindOf(kind)
	if !known && kind != allKinds {
		return nil, errs.New(errs.Gone, "This kind of notification no longer exists, so there is nothing to stop.")
	}
	u.Label = k.Label
	var alive int
	if err := n.DB.Get(ctx, &alive, "SELECT COUNT(*) FROM users WHERE id = ? AND deleted_at IS NULL", uid); err != nil {
		return nil, err
	}
	if alive == 0 {
		return nil, errs.New(errs.Gone, "This account was deleted; it gets no e-mail.")
	}
	prefs, err := n.Preferences(ctx, uid)
	if err != nil {
		return nil, err
	}
	u.Done = true
	for _, p := range prefs {
		if (u.All() || p.Kind == kind) && p.Mode != Never {
			u.Done = false
		}
	}
	return u, nil
}

// Unsubscribe sets the mode of the token's kind (or of every kind) to
// never. Notifications keep appearing in the app.
func (n *Notifier) Unsubscribe(ctx context.Context, token string) (*Unsubscription, error) {
	u, err := n.ReadUnsubscribe(ctx, token)
	if err != nil {
		return nil, err
	}
	err = n.DB.Write(ctx, func(tx *store.Tx) error {
		if !u.All() {
			return setMode(ctx, tx, u.UserID, u.Kind, Never)
		}
		for _, k := range Kinds() {
			if err := setMode(ctx, tx, u.UserID, k.Name, Never); err != nil {
				return err
			}
		}
		// Kinds added later start as never too.
		return setMode(ctx, tx, u.UserID, allKinds, Never)
	})
	if err != nil {
		return nil, err
	}
	n.log().InfoContext(ctx, "unsubscribed", "user", u.UserID, "kind", u.Kind)
	u.Done = true
	return u, nil
}
