#!/bin/bash
# Capture Engine API v1.41 fixtures from the private daemon.
source "$(dirname "$0")/lib.sh"
FX=/work/main/simulator-core/src/test/resources/fixtures/engine-api
mkdir -p $FX
rm -f $FX/*.json $FX/*.txt $FX/*.bin $FX/*.jsonl
export PATH=/usr/bin:$PATH
SOCK=/tmp/ddref/docker.sock
V=v1.41
INDEX=$DD/api-index.tsv
: > $INDEX

# api NAME METHOD PATH [JSON-BODY]
api() {
  local name="$1" method="$2" path="$3" body="$4" code ctype
  rm -f $DD/b.out $DD/h.txt
  if [ -n "$body" ]; then
    code=$(curl -s --unix-socket $SOCK -X "$method" -H 'Content-Type: application/json' -d "$body" -D $DD/h.txt -o $DD/b.out -w '%{http_code}' "http://localhost/$V$path")
  else
    code=$(curl -s --unix-socket $SOCK -X "$method" -D $DD/h.txt -o $DD/b.out -w '%{http_code}' "http://localhost/$V$path")
  fi
  ctype=$(grep -i '^content-type:' $DD/h.txt | tr -d '\r' | cut -d' ' -f2-)
  if [ -s $DD/b.out ] && jq . $DD/b.out >/dev/null 2>&1; then
    jq . $DD/b.out > $FX/$name.json
    printf '%s\t%s\t%s\t%s\t%s\n' "$name.json" "$method" "/$V$path" "$code" "$ctype" >> $INDEX
  else
    cp $DD/b.out $FX/$name.txt
    printf '%s\t%s\t%s\t%s\t%s\n' "$name.txt" "$method" "/$V$path" "$code" "${ctype:-(none)}" >> $INDEX
  fi
  [ -n "$body" ] && printf '  request body: %s\n' "$body" >> $DD/api-bodies.txt
  echo "$name $code"
  LASTBODY=$(cat $DD/b.out)
}

stop_daemon
rm -rf $DD/data $DD/exec
start_daemon || exit 1
docker import --change 'CMD ["/bin/sh"]' /tmp/ddref/rootfs.tar alpine:latest >/dev/null
docker tag alpine:latest busybox:latest
printf 'FROM alpine\nENV GREETING=xin-chao\nRUN echo hi > /hi.txt\nCMD ["cat", "/hi.txt"]\n' | docker build -q -t myapp:1 - >/dev/null
docker run -d --name percy -p 8080:80 alpine httpd -f -p 80 >/dev/null
docker run --name exited1 alpine sh -c 'echo hello; echo to-stderr >&2; exit 3' >/dev/null 2>&1
docker create --name created1 alpine echo created >/dev/null
docker network create n1 >/dev/null
docker volume create v1 >/dev/null
T0=$(date +%s)
docker run --name ev1 alpine true; docker rm ev1 >/dev/null
docker tag alpine evtag:1; docker rmi evtag:1 >/dev/null
sleep 1; T1=$(date +%s)

# _ping headers
curl -s -i --unix-socket $SOCK http://localhost/_ping > $FX/ping-GET-headers.txt
curl -s -I --unix-socket $SOCK http://localhost/_ping > $FX/ping-HEAD-headers.txt
curl -s -i --unix-socket $SOCK http://localhost/v1.41/version > $FX/version-GET-with-headers.txt
printf '%s\t%s\t%s\t%s\t%s\n' "ping-GET-headers.txt" GET "/_ping" 200 "text/plain; charset=utf-8" >> $INDEX
printf '%s\t%s\t%s\t%s\t%s\n' "ping-HEAD-headers.txt" HEAD "/_ping" 200 "text/plain; charset=utf-8" >> $INDEX

api version GET /version
api info GET /info
api images-json GET /images/json
api images-json-all GET "/images/json?all=true"
api image-inspect GET /images/alpine/json
api image-inspect-built GET /images/myapp:1/json
api image-history GET /images/alpine/history
api image-history-built GET /images/myapp:1/history
api containers-json GET /containers/json
api containers-json-all GET "/containers/json?all=true"
api containers-json-all-size GET "/containers/json?all=true&size=true"
api container-inspect-running GET /containers/percy/json
api container-inspect-exited GET /containers/exited1/json
api container-inspect-created GET /containers/created1/json
api container-top GET /containers/percy/top
api container-top-ps-args GET "/containers/percy/top?ps_args=-o%20pid,comm"
api container-changes GET /containers/percy/changes
api exec-create POST /containers/percy/exec '{"AttachStdout":true,"AttachStderr":true,"Cmd":["sh","-c","echo hi; exit 4"]}'
EXID=$(echo "$LASTBODY" | jq -r .Id)
api exec-inspect-before-start GET /exec/$EXID/json
curl -s --unix-socket $SOCK -X POST -H 'Content-Type: application/json' -d '{"Detach":false,"Tty":false}' http://localhost/$V/exec/$EXID/start -o $FX/exec-start-stream-multiplexed.bin
printf '%s\t%s\t%s\t%s\t%s\n' "exec-start-stream-multiplexed.bin" POST "/$V/exec/<id>/start" 200 "application/vnd.docker.raw-stream" >> $INDEX
sleep 0.5
api exec-inspect GET /exec/$EXID/json
curl -s --unix-socket $SOCK "http://localhost/$V/containers/exited1/logs?stdout=1&stderr=1&timestamps=0" -o $FX/container-logs-multiplexed.bin
printf '%s\t%s\t%s\t%s\t%s\n' "container-logs-multiplexed.bin" GET "/$V/containers/exited1/logs?stdout=1&stderr=1" 200 "(raw 8-byte-header frames)" >> $INDEX
api network-list GET /networks
api network-inspect-bridge GET /networks/bridge
api network-inspect-n1 GET /networks/n1
api volume-list GET /volumes
api volume-inspect GET /volumes/v1
api system-df GET /system/df
api container-create POST "/containers/create?name=created2" '{"Image":"alpine","Cmd":["echo","hi"]}'
api container-start-204 POST /containers/created2/start
sleep 0.5
api container-wait POST /containers/created2/wait
api container-start-already-running-304 POST /containers/percy/start
api container-stop-already-stopped-304 POST /containers/exited1/stop
api container-rename-204 POST "/containers/created2/rename?name=created3"
api container-delete-204 DELETE /containers/created3
api image-tag-201 POST "/images/alpine/tag?repo=fixtag&tag=1"
api image-delete-200 DELETE /images/fixtag:1
# events
curl -s --unix-socket $SOCK "http://localhost/$V/events?since=$T0&until=$T1" > $DD/events.raw
jq -c . $DD/events.raw > $FX/events.jsonl
jq -s . $DD/events.raw > $FX/events.json
printf '%s\t%s\t%s\t%s\t%s\n' "events.jsonl / events.json" GET "/$V/events?since=$T0&until=$T1" 200 "application/json (stream of concatenated objects; events.json = same objects slurped into an array)" >> $INDEX
# errors
api error-404-container-not-found GET /containers/nosuch/json
api error-404-image-not-found GET /images/nosuch/json
api error-404-network-not-found GET /networks/nosuch
api error-404-volume-not-found GET /volumes/nosuch
api error-404-exec-not-found GET /exec/nosuch/json
api error-404-create-image-missing POST "/containers/create?name=zz" '{"Image":"nosuchimage"}'
api error-409-name-conflict POST "/containers/create?name=percy" '{"Image":"alpine"}'
api error-409-rm-running DELETE /containers/percy
api error-409-rmi-by-id-has-dependent-child-images DELETE /images/$(docker images -q alpine | head -1)
docker import /tmp/ddref/rootfs.tar solo:1 >/dev/null
docker run --name usessolo solo:1 true
api error-409-rmi-used-by-stopped-container-by-name DELETE /images/solo:1
api error-409-rmi-used-by-stopped-container-by-id DELETE /images/$(docker images -q solo:1)
docker import /tmp/ddref/rootfs.tar solorun:1 >/dev/null
docker run -d --name usessolorun solorun:1 sleep 1d >/dev/null
api error-409-rmi-used-by-running-container-by-name DELETE /images/solorun:1
api error-409-rmi-used-by-running-container-by-id-force DELETE "/images/$(docker images -q solorun:1)?force=true"
api error-409-exec-in-stopped POST /containers/exited1/exec '{"Cmd":["echo","hi"]}'
api error-409-network-create-exists-checkduplicate POST /networks/create '{"Name":"n1","CheckDuplicate":true}'
api error-409-kill-not-running POST /containers/exited1/kill
api error-400-create-bad-name POST "/containers/create?name=bad%20name" '{"Image":"alpine"}'
api error-400-invalid-filter GET '/containers/json?filters=%7B%22bogus%22%3A%5B%221%22%5D%7D'
curl -s --unix-socket $SOCK -D $DD/h.txt -o $DD/b.out -w '%{http_code}' http://localhost/v9.99/version > $DD/code.txt
jq . $DD/b.out > $FX/error-400-api-version-too-new.json 2>/dev/null || cp $DD/b.out $FX/error-400-api-version-too-new.txt
printf '%s\t%s\t%s\t%s\t%s\n' "error-400-api-version-too-new.json" GET "/v9.99/version" "$(cat $DD/code.txt)" "application/json" >> $INDEX
api error-404-unknown-endpoint GET /nosuchendpoint
api image-delete-untag-only-200 DELETE /images/busybox
api network-create-duplicate-name-without-checkduplicate-201 POST /networks/create '{"Name":"n1"}'
api network-list-with-duplicate-n1 GET /networks
api error-400-network-inspect-ambiguous-name GET /networks/n1
# cleanup exec processes etc. left for inspection
echo done
