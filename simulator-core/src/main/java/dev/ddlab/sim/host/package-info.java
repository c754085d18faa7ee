/**
 * Simulated machines: a {@link dev.ddlab.sim.host.DockerHost} (an Ubuntu node with its filesystem,
 * processes and a dockerd that can be stopped and started), the {@link dev.ddlab.sim.host.Cluster}
 * of nodes sharing clock, randomness, event bus and registry, and {@link
 * dev.ddlab.sim.host.SimulatedEngine}, the Engine API of one node. Mirrors dockerd's {@code
 * cmd/dockerd} lifecycle and {@code api/server/router/system}. Leaves out: daemon.json, TLS, swarm.
 */
package dev.ddlab.sim.host;
