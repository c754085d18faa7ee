package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One BuildKit exporter of a build ({@code outputs} of {@code POST /build}, buildx's {@code
 * --output}): {@code image} (with {@code name} and {@code push=true} for {@code --push}), {@code
 * docker} ({@code --load}: a docker image tarball loaded into the daemon).
 *
 * @param type the exporter
 * @param attrs its attributes ({@code name}, {@code push})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BuildOutput(
    @JsonProperty("Type") String type, @JsonProperty("Attrs") Map<String, String> attrs) {
  public BuildOutput {
    attrs = attrs == null ? Map.of() : Map.copyOf(attrs);
  }

  /** {@code --push}: the image exporter pushing to the registry of each name. */
  public static BuildOutput push(String names) {
    return new BuildOutput("image", Map.of("name", names, "push", "true"));
  }

  /** {@code --load}: a docker image tarball the client loads into the daemon. */
  public static BuildOutput load(String names) {
    return new BuildOutput("docker", Map.of("name", names));
  }

  public boolean pushes() {
    return type.equals("image") && "true".equals(attrs.get("push"));
  }

  public boolean loads() {
    return type.equals("docker");
  }
}
