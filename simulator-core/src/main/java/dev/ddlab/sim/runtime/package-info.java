/**
 * What runc and the kernel do for a container, in the simulator: a {@link
 * dev.ddlab.sim.runtime.Kernel} per node with the host PID namespace, PID and network namespaces
 * per container, {@link dev.ddlab.sim.runtime.SimProc} processes driving {@link
 * dev.ddlab.sim.runtime.Program}s, execve's lookup ({@link dev.ddlab.sim.runtime.Executables}:
 * PATH, busybox applets by argv[0], #! scripts) and the cgroup freezer, and {@link
 * dev.ddlab.sim.runtime.Procps}, procps-ng's ps over the process table (docker top, ps in procps
 * images). Mirrors the OCI runtime spec's process model as runc implements it. Leaves out: users
 * and capabilities, seccomp, real scheduling (programs react to input, signals and virtual-time
 * timers only).
 */
package dev.ddlab.sim.runtime;
