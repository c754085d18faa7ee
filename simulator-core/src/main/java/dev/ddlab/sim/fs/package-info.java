/**
 * Filesystems of the simulated node. Mirrors moby's {@code daemon/graphdriver/overlay2} (the union
 * view: lower layers, upper layer, whiteouts, opaque directories), {@code pkg/archive} (layer tars,
 * whiteout conversion, {@code changes} for {@code docker diff}) and {@code layer} (DiffIDs,
 * ChainIDs), plus {@link dev.ddlab.fs.UserDb} for reading /etc/passwd and /etc/group. Left out:
 * real mounts, xattrs, hard links (read as copies), device nodes, ownership checks; file content of
 * catalogue binaries is procedural (size + seed).
 */
package dev.ddlab.sim.fs;
