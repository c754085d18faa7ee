/**
 * ddlab's private dockerd ({@code ddlab real-engine up|down|status}): Debian's docker.io started
 * with its own socket, data-root, exec-root, pidfile and bridge, and a busybox root filesystem
 * imported as the course's small images. No upstream counterpart (moby's {@code cmd/dockerd} is the
 * daemon being started, not mirrored).
 */
package dev.ddlab.bridge.dockerd;
