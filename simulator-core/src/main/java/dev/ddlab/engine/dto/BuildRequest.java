package dev.ddlab.engine.dto;

import java.util.List;
import java.util.Map;

/**
 * The query parameters of {@code POST /build} that ddlab reads (moby's {@code
 * types.ImageBuildOptions}).
 *
 * @param tags {@code t}, once per {@code -t}
 * @param dockerfile path of the Dockerfile inside the context ({@code dockerfile}, default
 *     "Dockerfile")
 * @param target {@code target}: the stage to build, or "" for the last
 * @param buildArgs {@code buildargs} (a value may be null: take it from the environment)
 * @param labels {@code labels} set on the image
 * @param noCache {@code nocache}
 * @param pull {@code pull}: always look for a newer base image
 * @param platform {@code platform}, or ""
 * @param networkMode {@code networkmode} for RUN ("default", "none", "host")
 * @param quiet {@code q}: only the image ID at the end
 * @param version {@code version}: "1" the classic builder, "2" BuildKit
 * @param remove {@code rm}: remove intermediate containers (classic builder)
 * @param forceRemove {@code forcerm}
 * @param extraHosts {@code extrahosts}
 * @param secrets BuildKit secrets asked for ({@code id=…,src=…}), which a guard may refuse
 * @param entitlements BuildKit entitlements asked for ({@code network.host}, {@code
 *     security.insecure})
 */
public record BuildRequest(
    List<String> tags,
    String dockerfile,
    String target,
    Map<String, String> buildArgs,
    Map<String, String> labels,
    boolean noCache,
    boolean pull,
    String platform,
    String networkMode,
    boolean quiet,
    String version,
    boolean remove,
    boolean forceRemove,
    List<String> extraHosts,
    List<String> secrets,
    List<String> entitlements) {
  public BuildRequest {
    tags = tags == null ? List.of() : List.copyOf(tags);
    dockerfile = dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile;
    target = target == null ? "" : target;
    buildArgs =
        buildArgs == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buildArgs));
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    platform = platform == null ? "" : platform;
    networkMode = networkMode == null || networkMode.isEmpty() ? "default" : networkMode;
    version = version == null || version.isEmpty() ? "2" : version;
    extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    entitlements = entitlements == null ? List.of() : List.copyOf(entitlements);
  }

  /** A BuildKit build of the context's Dockerfile with these tags and nothing else set. */
  public static BuildRequest of(String... tags) {
    return new BuildRequest(
        List.of(tags),
        "Dockerfile",
        "",
        Map.of(),
        Map.of(),
        false,
        false,
        "",
        "default",
        false,
        "2",
        true,
        false,
        List.of(),
        List.of(),
        List.of());
  }

  public BuildRequest withTarget(String stage) {
    return new BuildRequest(
        tags,
        dockerfile,
        stage,
        buildArgs,
        labels,
        noCache,
        pull,
        platform,
        networkMode,
        quiet,
        version,
        remove,
        forceRemove,
        extraHosts,
        secrets,
        entitlements);
  }

  public BuildRequest withNoCache(boolean value) {
    return new BuildRequest(
        tags,
        dockerfile,
        target,
        buildArgs,
        labels,
        value,
        pull,
        platform,
        networkMode,
        quiet,
        version,
        remove,
        forceRemove,
        extraHosts,
        secrets,
        entitlements);
  }

  /** The same request for the Dockerfile at {@code path} inside the context, with these args. */
  public BuildRequest withDockerfile(String path, Map<String, String> args) {
    return new BuildRequest(
        tags,
        path,
        target,
        args,
        labels,
        noCache,
        pull,
        platform,
        networkMode,
        quiet,
        version,
        remove,
        forceRemove,
        extraHosts,
        secrets,
        entitlements);
  }

  /** Whether this asks for BuildKit (version 2) rather than the classic builder. */
  public boolean buildkit() {
    return version.equals("2");
  }
}
