// The server: answers every request with a small HTML page on port 8080.
package main

import (
	"fmt"
	"log"
	"net/http"
)

const page = `<!DOCTYPE html>
<html>
<head><title>multi-stage</title></head>
<body>
<h1>Xin chào từ server Go!</h1>
<p>Image này chỉ chứa file thực thi: trình biên dịch ở lại trong stage build.</p>
</body>
</html>
`

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page)
	})
	log.Println("server listening on :8080")
	log.Fatal(http.ListenAndServe(":8080", nil))
}
