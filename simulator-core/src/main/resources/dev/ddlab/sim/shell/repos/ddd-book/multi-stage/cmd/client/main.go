// The client: fetches a page from the server and prints it.
// Usage: client [URL] (default http://localhost:8080/)
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	url := "http://localhost:8080/"
	if len(os.Args) > 1 {
		url = os.Args[1]
	}
	resp, err := http.Get(url)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Proto, resp.Status)
	fmt.Print(string(body))
}
