# helpers for recording transcripts
export DOCKER_HOST=unix:///tmp/ddref/docker.sock
DD=/tmp/ddref
DOCKERD_FLAGS="--host unix:///tmp/ddref/docker.sock --data-root /tmp/ddref/data --exec-root /tmp/ddref/exec --pidfile /tmp/ddref/docker.pid"

start_daemon() {
  setsid nohup dockerd $DOCKERD_FLAGS >>$DD/dockerd.log 2>&1 </dev/null &
  for i in $(seq 1 60); do
    /usr/bin/docker version >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "daemon did not start" >&2; return 1
}
stop_daemon() {
  [ -f $DD/docker.pid ] || return 0
  local p; p=$(cat $DD/docker.pid)
  kill "$p" 2>/dev/null
  for i in $(seq 1 80); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
  sleep 1
}

# section / notes
h2() { printf '\n## %s\n\n' "$*" >>"$OUT"; }
h3() { printf '\n### %s\n\n' "$*" >>"$OUT"; }
note() { printf '%s\n\n' "$*" >>"$OUT"; }

# rec "command" : run through bash -c with stdin=/dev/null, record verbatim
rec() {
  local cmd="$1" rc t0 t1
  t0=$(date +%s.%N)
  bash -c "$cmd" >$DD/o.txt 2>$DD/e.txt </dev/null
  rc=$?
  t1=$(date +%s.%N)
  emit "$cmd" "$rc" "$t0" "$t1"
  return 0
}
# recin "command" "stdin-text": like rec but feeds stdin
recin() {
  local cmd="$1" input="$2" rc t0 t1
  t0=$(date +%s.%N)
  printf '%b' "$input" | bash -c "$cmd" >$DD/o.txt 2>$DD/e.txt
  rc=$?
  t1=$(date +%s.%N)
  emit "$cmd   # stdin: $(printf '%q' "$input")" "$rc" "$t0" "$t1"
  return 0
}
emit() {
  local cmd="$1" rc="$2" t0="$3" t1="$4" el
  el=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')
  {
    echo '````text'
    echo "\$ $cmd"
    if [ -s $DD/o.txt ]; then echo '--- stdout ---'; cat $DD/o.txt; [ -n "$(tail -c1 $DD/o.txt)" ] && printf '\n[no trailing newline]\n'; else echo '--- stdout: (empty) ---'; fi
    if [ -s $DD/e.txt ]; then echo '--- stderr ---'; cat $DD/e.txt; [ -n "$(tail -c1 $DD/e.txt)" ] && printf '\n[no trailing newline]\n'; else echo '--- stderr: (empty) ---'; fi
    echo "--- exit code: $rc   (elapsed ${el}s) ---"
    echo '````'
    echo
  } >>"$OUT"
}
