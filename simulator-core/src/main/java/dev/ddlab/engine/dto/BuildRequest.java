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
 * @param outputs {@code outputs}: BuildKit's exporters (none: the daemon's image store on the
 *     daemon's own BuildKit, the build cache only on another BuildKit)
 * @param authConfigs the client's credentials by registry ({@code X-Registry-Config}; BuildKit asks
 *     the client's session for them when it pulls or pushes)
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
    List<String> entitlements,
    List<BuildOutput> outputs,
    Map<String, AuthConfig> authConfigs) {
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
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    authConfigs = authConfigs == null ? Map.of() : Map.copyOf(authConfigs);
  }

  /** A request without outputs or credentials (the daemon's own BuildKit, its image store). */
  public BuildRequest(
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
    this(
        tags,
        dockerfile,
        target,
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
        entitlements,
        List.of(),
        Map.of());
  }

  /** The same request with these exporters and the client's credentials. */
  public BuildRequest withOutputs(List<BuildOutput> exporters, Map<String, AuthConfig> auths) {
    return new BuildRequest(
        tags,
        dockerfile,
        target,
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
        entitlements,
        exporters,
        auths);
  }

  /** The same request for these platforms ({@code --platform}, comma-separated). */
  public BuildRequest withPlatform(String platforms) {
    return new BuildRequest(
        tags,
        dockerfile,
        target,
        buildArgs,
        labels,
        noCache,
        pull,
        platforms,
        networkMode,
        quiet,
        version,
        remove,
        forceRemove,
        extraHosts,
        secrets,
        entitlements,
        outputs,
        authConfigs);
  }

  /** The platforms asked for ({@code platform} is a comma-separated list), none for the node's. */
  public List<String> platforms() {
    List<String> out = new java.util.ArrayList<>();
    for (String p : platform.split(",")) {
      if (!p.isBlank()) {
        out.add(p.strip());
      }
    }
    return out;
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
        entitlements,
        outputs,
        authConfigs);
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
        entitlements,
        outputs,
        authConfigs);
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
        entitlements,
        outputs,
        authConfigs);
  }

  /** Whether this asks for BuildKit (version 2) rather than the classic builder. */
  public boolean buildkit() {
    return version.equals("2");
  }
}
