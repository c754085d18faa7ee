/**
 * Volumes with the {@code local} driver (moby's {@code volume/service} and {@code volume/local}):
 * named and anonymous volumes as in-memory filesystems, use counts, prune (anonymous only unless
 * {@code all}), and the mount namespace of a container ({@link dev.ddlab.sim.volume.MountedFs}:
 * volumes, binds and tmpfs over the union root). Leaves out: volume plugins, mount propagation,
 * SELinux labels.
 */
package dev.ddlab.sim.volume;
