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
 * @param attests BuildKit's attestations by type ({@code provenance}, {@code sbom}) with their
 *     attributes as buildx sends them in the frontend's {@code attest:TYPE} attribute ({@code
 *     mode=min}, {@code mode=max}, {@code disabled=true}); none: no attestation
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
    Map<String, AuthConfig> authConfigs,
    Map<String, String> attests) {
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
    attests =
        attests == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attests));
  }

  /** A BuildKit build of the context's Dockerfile with these tags and nothing else set. */
  public static BuildRequest of(String... tags) {
    return builder().tags(List.of(tags)).build();
  }

  /** A request built field by field, from the API's defaults (BuildKit, {@code rm}). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's fields, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
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

  /** Whether this asks for BuildKit (version 2) rather than the classic builder. */
  public boolean buildkit() {
    return version.equals("2");
  }

  /** The fields of a {@link BuildRequest}, set one by one (each setter returns the builder). */
  public static final class Builder {
    private List<String> tags = List.of();
    private String dockerfile = "Dockerfile";
    private String target = "";
    private Map<String, String> buildArgs = Map.of();
    private Map<String, String> labels = Map.of();
    private boolean noCache;
    private boolean pull;
    private String platform = "";
    private String networkMode = "default";
    private boolean quiet;
    private String version = "2";
    private boolean remove = true;
    private boolean forceRemove;
    private List<String> extraHosts = List.of();
    private List<String> secrets = List.of();
    private List<String> entitlements = List.of();
    private List<BuildOutput> outputs = List.of();
    private Map<String, AuthConfig> authConfigs = Map.of();
    private Map<String, String> attests = Map.of();

    private Builder() {}

    private Builder(BuildRequest r) {
      tags = r.tags;
      dockerfile = r.dockerfile;
      target = r.target;
      buildArgs = r.buildArgs;
      labels = r.labels;
      noCache = r.noCache;
      pull = r.pull;
      platform = r.platform;
      networkMode = r.networkMode;
      quiet = r.quiet;
      version = r.version;
      remove = r.remove;
      forceRemove = r.forceRemove;
      extraHosts = r.extraHosts;
      secrets = r.secrets;
      entitlements = r.entitlements;
      outputs = r.outputs;
      authConfigs = r.authConfigs;
      attests = r.attests;
    }

    public Builder tags(List<String> v) {
      tags = v;
      return this;
    }

    public Builder dockerfile(String v) {
      dockerfile = v;
      return this;
    }

    public Builder target(String v) {
      target = v;
      return this;
    }

    public Builder buildArgs(Map<String, String> v) {
      buildArgs = v;
      return this;
    }

    public Builder labels(Map<String, String> v) {
      labels = v;
      return this;
    }

    public Builder noCache(boolean v) {
      noCache = v;
      return this;
    }

    public Builder pull(boolean v) {
      pull = v;
      return this;
    }

    /** {@code --platform}: one platform, or several comma-separated. */
    public Builder platform(String v) {
      platform = v;
      return this;
    }

    public Builder networkMode(String v) {
      networkMode = v;
      return this;
    }

    public Builder quiet(boolean v) {
      quiet = v;
      return this;
    }

    /** "1" the classic builder, "2" BuildKit. */
    public Builder version(String v) {
      version = v;
      return this;
    }

    public Builder remove(boolean v) {
      remove = v;
      return this;
    }

    public Builder forceRemove(boolean v) {
      forceRemove = v;
      return this;
    }

    public Builder extraHosts(List<String> v) {
      extraHosts = v;
      return this;
    }

    public Builder secrets(List<String> v) {
      secrets = v;
      return this;
    }

    public Builder entitlements(List<String> v) {
      entitlements = v;
      return this;
    }

    /** BuildKit's exporters, and the client's credentials for the registries they push to. */
    public Builder outputs(List<BuildOutput> exporters, Map<String, AuthConfig> auths) {
      outputs = exporters;
      authConfigs = auths;
      return this;
    }

    /** The attestations by type ({@code provenance} → {@code mode=min}). */
    public Builder attests(Map<String, String> v) {
      attests = v;
      return this;
    }

    public BuildRequest build() {
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
          outputs,
          authConfigs,
          attests);
    }
  }
}
