/**
 * {@link dev.ddlab.bridge.api.EngineApiServer}: any {@code Engine} served as the Docker Engine API
 * so that the real docker CLI can drive the simulator ({@code ddlab engine-api}).
 *
 * <p>Mirrors moby's {@code api/server}: {@code EngineApiServer} is {@code server.go} (every route
 * with and without the version prefix, errors as the daemon words them, its headers); one router
 * per API group as in {@code api/server/router/*} ({@code SystemRouter}, {@code ContainerRouter},
 * {@code ExecRouter}, {@code ImageRouter}, {@code NetworkRouter}, {@code VolumeRouter}), each a
 * table of {@code Route}s pointing at small handler methods; {@code Params} and {@code Json} are
 * {@code httputils}; {@code HijackFilter}, {@code Hijack} and {@code AttachPump} are the hijacked
 * connections of attach and exec. Moby's routers are one Go package each; here they are files of
 * one package, so their helpers stay package-private. Leaves out: build, swarm/services/nodes,
 * plugins, secrets/configs, distribution, {@code docker cp}'s HEAD archive stat, and stdin
 * end-of-file on attach (the Engine seam has no way to close stdin).
 */
package dev.ddlab.bridge.api;
