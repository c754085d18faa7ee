#!/bin/bash
# usage: extras.sh /path/to/docker-cli OUTFILE   (appends)
CLIBIN="$1"; export OUT="$2"
source "$(dirname "$0")/lib.sh"
mkdir -p $DD/clibin; ln -sf "$CLIBIN" $DD/clibin/docker
export PATH=$DD/clibin:$PATH

stop_daemon
rm -rf $DD/data $DD/exec
start_daemon || exit 1

h2 "18. Extras (fresh daemon)"
docker import --change 'CMD ["/bin/sh"]' /tmp/ddref/rootfs.tar alpine:latest >/dev/null
note "alpine:latest re-imported silently; no child images this time."
rec "docker tag alpine:latest busybox:latest"
rec "docker tag alpine:latest myrepo/x:v1"
AID=$(docker images -q alpine:latest | head -1)
rec "docker rmi $AID"
rec "docker rmi -f $AID"
rec "docker images -a"
docker import --change 'CMD ["/bin/sh"]' /tmp/ddref/rootfs.tar alpine:latest >/dev/null
rec "docker run -d --name aa alpine sleep 1d"
rec "docker create --name bb alpine true"
rec "docker rm -f aa bb nosuch"
rec "docker run --name exited1 alpine sh -c 'echo out; exit 3'"
rec "docker start -a exited1"
rec "docker start exited1"
sleep 1
rec "docker ps -a"
rec "docker stop exited1 nosuch"
rec "docker run -d --name percy alpine sleep 1d"
rec "docker exec -w /tmp percy pwd"
rec "docker exec -u nobody percy id"
rec "docker exec -d percy sleep 5"
rec "docker exec -e X=1 percy sh -c 'echo \$X'"
rec "docker inspect --type container alpine"
rec "docker inspect --type image percy"
rec "docker inspect -s -f '{{.SizeRw}} {{.SizeRootFs}}' percy"
recin "docker container prune" 'n\n'
recin "docker container prune" 'y\n'
recin "docker image prune" 'n\n'
recin "docker image prune -a" 'n\n'
recin "docker system prune" 'n\n'
recin "docker volume prune" 'n\n'
recin "docker network prune" 'n\n'
rec "docker container prune -f"
rec "docker rm percy"
rec "docker rm -f percy"
rec "docker rm -f percy"
rec "docker run --rm -d --name tmpd alpine sleep 1d"
rec "docker stop -t 0 tmpd"
rec "docker ps -a --filter name=tmpd"
rec "docker run --name a alpine true"
rec "docker run -d --name web -p 8080:80 -p 8443:443 alpine sleep 1d"
rec "docker ps --format '{{.Names}}|{{.Ports}}'"
rec "docker ps --format 'table {{.Names}}\t{{.Ports}}'"
rec "docker rm -f web"
rec "docker run -d alpine sleep 1d"
rec "docker ps --format '{{.Names}}'"
rec "docker rm -f \$(docker ps -aq)"
rec "docker rm \$(docker ps -aq)"
rec "docker images --format 'table {{.Repository}}\t{{.Tag}}\t{{.Size}}'"
rec "docker image ls --quiet --filter reference=alpine"
rec "docker history --format json alpine"
rec "docker ps -a --format json"
rec "docker network ls --format json"
rec "docker volume ls --format json"
rec "docker system df --format json"
stop_daemon
