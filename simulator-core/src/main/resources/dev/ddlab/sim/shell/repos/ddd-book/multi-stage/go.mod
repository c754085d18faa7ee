module github.com/nigelpoulton/ddd-book/multi-stage

go 1.20
