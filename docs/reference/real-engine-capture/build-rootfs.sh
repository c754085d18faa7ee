#!/bin/bash
# Build the busybox rootfs tarball used as alpine/busybox/ubuntu stand-in (no registry needed).
# Needs: apt-get install -y busybox-static
set -e
R=/tmp/ddref/rootfs
rm -rf $R; mkdir -p $R/bin $R/etc $R/tmp $R/root $R/var/www $R/proc $R/sys $R/dev
chmod 1777 $R/tmp
cp /bin/busybox $R/bin/busybox
for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -s busybox $R/bin/$a; done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > $R/etc/passwd
printf 'root:x:0:\nnogroup:x:65534:\n' > $R/etc/group
tar -C $R -cf /tmp/ddref/rootfs.tar .
mkdir -p /tmp/ddref/ctx
cp "$(dirname "$0")/Dockerfile" "$(dirname "$0")/Dockerfile.child" /tmp/ddref/ctx/
