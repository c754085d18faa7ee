/**
 * {@link dev.ddlab.bridge.api.EngineApiServer}: any {@code Engine} served as the Docker Engine API
 * so that the real docker CLI can drive the simulator ({@code ddlab engine-api}).
 *
 * <p>Mirrors moby's {@code api/server} (router per object kind, {@code httputils} for query
 * parameters, hijacked connections for attach and exec, headers flushed before a wait). Leaves out:
 * build, swarm/services/nodes, plugins, secrets/configs, distribution, {@code docker cp}'s HEAD
 * archive stat, and stdin end-of-file on attach (the Engine seam has no way to close stdin).
 */
package dev.ddlab.bridge.api;
