// Command bare is a bare net/http server answering "ok", the baseline the
// members page is set against in bench/members.sh.
package main

import (
	"flag"
	"log"
	"net/http"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8099", "address to listen on")
	flag.Parse()
	ok := []byte("ok\n")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write(ok)
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}
