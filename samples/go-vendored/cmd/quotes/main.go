// Command quotes answers GET / with a quote wrapped at 24 columns by a vendored module, on the port in
// $PORT (8080 by default).
package main

import (
	"log"
	"net/http"
	"os"

	"example.org/textwrap"
)

const quote = "Vendored modules build with no network at all."

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}

	http.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte(textwrap.Wrap(quote, 24)))
	})

	// The Go runtime exits on SIGTERM by itself, also as a container's first process.
	log.Printf("listening on port %s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
