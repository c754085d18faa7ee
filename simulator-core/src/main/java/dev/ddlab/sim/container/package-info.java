/**
 * The container half of a simulated dockerd. Mirrors moby's {@code daemon} (create, start, stop,
 * kill, restart, pause, rm, rename, update, wait, logs, top, archive, exec, list with its filters),
 * {@code container} (State and its String(), the container's config) and {@code restartmanager}
 * (back-off 100 ms doubling to 1 min, reset after 10 s of running). Leaves out: health checks,
 * logging drivers other than json-file, checkpoints, live-restore, Windows containers.
 */
package dev.ddlab.sim.container;
