package dev.ddlab.sim.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.go.GoTime;
import dev.ddlab.sim.image.BuildKitManifests;
import dev.ddlab.sim.image.Platform;
import dev.ddlab.sim.image.Reference;
import dev.ddlab.sim.image.Registry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * BuildKit's SLSA provenance attestation ({@code solver/llbsolver/provenance}): an in-toto
 * statement v0.1 whose subjects are the image's names as package URLs with the manifest's digest,
 * and whose predicate (SLSA provenance v0.2) names the build type, the base images as materials,
 * the invocation (the Dockerfile, the frontend, its arguments, the local sources, the builder's
 * platform) and the metadata (invocation ID, start and end, completeness). {@code mode=min}
 * (buildx's default) leaves build arguments and labels out; {@code mode=max} (BuildKit's default
 * when the mode is not given, as with {@code --provenance=true}) keeps them and adds the Dockerfile
 * as the source. Not made: max's LLB definition and layer map, and buildx's VCS metadata.
 */
final class Provenance {
  private Provenance() {}

  static final String SLSA_V02 = "https://slsa.dev/provenance/v0.2";
  private static final String BUILDKIT = "https://mobyproject.org/buildkit@v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The provenance mode the attributes ask for ({@code mode=min}, BuildKit's default {@code max},
   * {@code full} is max), or null when there is no provenance to make.
   */
  static String mode(Map<String, String> attests) {
    String attrs = attests.get("provenance");
    if (attrs == null) {
      return null;
    }
    String mode = "max";
    for (String field : attrs.split(",")) {
      int eq = field.indexOf('=');
      if (eq > 0 && field.substring(0, eq).strip().equalsIgnoreCase("mode")) {
        String v = field.substring(eq + 1);
        switch (v) {
          case "full", "max" -> mode = "max";
          case "min" -> mode = "min";
          default -> throw new BuildFailure("invalid mode \"" + v + "\"");
        }
      }
    }
    return mode;
  }

  /** The statement for one platform's manifest {@code manifestDigest} of a finished build. */
  static Registry.Attestation.Statement statement(
      BuildState s, BuildState part, Platform p, String mode, String manifestDigest, long end) {
    ObjectNode st = JSON.createObjectNode();
    st.put("_type", "https://in-toto.io/Statement/v0.1");
    st.put("predicateType", SLSA_V02);
    ArrayNode subjects = st.putArray("subject");
    for (String tag : s.req.tags()) {
      ObjectNode subject = subjects.addObject();
      subject.put("name", purl(Reference.parse(tag).withDefaultTag(), p));
      subject.putObject("digest").put("sha256", hex(manifestDigest));
    }
    ObjectNode pred = st.putObject("predicate");
    pred.putObject("builder").put("id", "");
    pred.put("buildType", BUILDKIT);
    ArrayNode materials = pred.putArray("materials");
    Map<String, BuildState.Resolved> bases = new TreeMap<>(part.bases);
    bases.forEach(
        (name, r) -> {
          int at = r.shown().indexOf('@');
          ObjectNode m = materials.addObject();
          m.put("uri", purl(Reference.parse(name).withDefaultTag(), p));
          if (at > 0) {
            m.putObject("digest").put("sha256", hex(r.shown().substring(at + 1)));
          }
        });
    ObjectNode inv = pred.putObject("invocation");
    inv.putObject("configSource").put("entryPoint", s.req.dockerfile());
    ObjectNode params = inv.putObject("parameters");
    params.put("frontend", "dockerfile.v0");
    Map<String, String> args = new TreeMap<>();
    boolean complete = true;
    if (!s.req.target().isEmpty()) {
      args.put("target", s.req.target());
    }
    if (s.req.noCache()) {
      args.put("no-cache", "");
    }
    Map<String, String> userArgs = new TreeMap<>();
    s.req.buildArgs().forEach((k, v) -> userArgs.put("build-arg:" + k, v == null ? "" : v));
    s.req.labels().forEach((k, v) -> userArgs.put("label:" + k, v));
    if (mode.equals("max")) {
      args.putAll(userArgs);
    } else if (!userArgs.isEmpty()) {
      complete = false; // min leaves their values out, so the parameters are incomplete
    }
    if (!args.isEmpty()) {
      ObjectNode a = params.putObject("args");
      args.forEach(a::put);
    }
    ArrayNode locals = params.putArray("locals");
    locals.addObject().put("name", "context");
    locals.addObject().put("name", "dockerfile");
    inv.putObject("environment").put("platform", s.b.images().platform().toString());
    ObjectNode meta = pred.putObject("metadata");
    meta.put("buildInvocationID", s.buildId);
    meta.put("buildStartedOn", GoTime.rfc3339Nano(s.t0));
    meta.put("buildFinishedOn", GoTime.rfc3339Nano(end));
    ObjectNode completeness = meta.putObject("completeness");
    completeness.put("parameters", complete);
    completeness.put("environment", true);
    completeness.put("materials", false); // the local context is not a material
    meta.put("reproducible", false);
    ObjectNode bk = meta.putObject(BUILDKIT + "#metadata");
    if (mode.equals("max")) {
      ObjectNode info = bk.putObject("source").putArray("infos").addObject();
      info.put("filename", s.req.dockerfile());
      info.put("language", "Dockerfile");
      info.put("data", s.dockerfileText.getBytes(StandardCharsets.UTF_8));
    }
    return new Registry.Attestation.Statement(SLSA_V02, BuildKitManifests.compact(st));
  }

  /**
   * A reference as BuildKit's {@code purl.RefToPURL} writes it: {@code
   * pkg:docker/student/web@latest?platform=linux%2Famd64} (the familiar name's last element is the
   * name, the rest the namespace).
   */
  static String purl(Reference ref, Platform p) {
    String familiar = ref.familiarName();
    int slash = familiar.lastIndexOf('/');
    StringBuilder sb = new StringBuilder("pkg:docker/");
    if (slash > 0) {
      sb.append(familiar, 0, slash).append('/');
    }
    sb.append(familiar.substring(slash + 1));
    if (ref.tag() != null) {
      sb.append('@').append(ref.tag());
    }
    return sb.append("?platform=")
        .append(URLEncoder.encode(p.toString(), StandardCharsets.UTF_8))
        .toString();
  }

  private static String hex(String digest) {
    return digest.startsWith("sha256:") ? digest.substring(7) : digest;
  }
}
