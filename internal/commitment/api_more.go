package commitment

// registerMore adds the requests, ledger and parts endpoints under c.
func (x *jsonAPI) registerMore(c string) {
	w := x.Web
	w.API("GET "+c+"/requests", x.listRequests)
	w.API("POST "+c+"/requests", x.createRequest)
	w.API("GET "+c+"/requests/{request}", x.getRequest)
	w.API("POST "+c+"/requests/{request}/close", x.closeRequest)
	w.API("GET "+c+"/ledger", x.ledger)
	w.API("GET "+c+"/ledger/distribution", x.distribution)
	w.API("GET "+c+"/parts/{member}", x.getPart)
	w.API("GET "+c+"/parts/me", x.getMyPart)
	w.API("PUT "+c+"/parts/me", x.putPart)
}
