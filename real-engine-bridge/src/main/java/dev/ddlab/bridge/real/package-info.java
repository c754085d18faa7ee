/**
 * {@link dev.ddlab.bridge.real.RealEngine}: the {@code Engine} seam over a real Docker daemon.
 *
 * <p>Mirrors moby's {@code client} package (the Go client the docker CLI uses): one method per
 * Engine API endpoint, version negotiation through {@code /_ping}, hijacked connections for attach
 * and exec, the multiplexed stdout/stderr stream. Transport is docker-java's httpclient5 (unix
 * socket, TCP, TLS); JSON goes straight into the API-shaped records. Leaves out: swarm, plugins,
 * build, secrets/configs, registry login, and {@code manifest inspect} (the CLI asks a registry for
 * that, not the daemon).
 */
package dev.ddlab.bridge.real;
