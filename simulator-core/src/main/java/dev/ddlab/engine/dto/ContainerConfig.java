package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The "Config" object of images and containers (also the body of POST /containers/create). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerConfig(
    @JsonProperty("Hostname") String hostname,
    @JsonProperty("Domainname") String domainname,
    @JsonProperty("User") String user,
    @JsonProperty("AttachStdin") boolean attachStdin,
    @JsonProperty("AttachStdout") boolean attachStdout,
    @JsonProperty("AttachStderr") boolean attachStderr,
    @JsonProperty("ExposedPorts") Map<String, Map<String, Object>> exposedPorts,
    @JsonProperty("Tty") boolean tty,
    @JsonProperty("OpenStdin") boolean openStdin,
    @JsonProperty("StdinOnce") boolean stdinOnce,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Healthcheck") @JsonInclude(JsonInclude.Include.NON_NULL)
        HealthConfig healthcheck,
    @JsonProperty("Image") String image,
    @JsonProperty("Volumes") Map<String, Map<String, Object>> volumes,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("Entrypoint") List<String> entrypoint,
    @JsonProperty("OnBuild") List<String> onBuild,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("StopSignal") String stopSignal,
    @JsonProperty("StopTimeout") Integer stopTimeout) {

  /** This config with {@code h} as its health check. */
  public ContainerConfig withHealthcheck(HealthConfig h) {
    return new ContainerConfig(
        hostname,
        domainname,
        user,
        attachStdin,
        attachStdout,
        attachStderr,
        exposedPorts,
        tty,
        openStdin,
        stdinOnce,
        env,
        cmd,
        h,
        image,
        volumes,
        workingDir,
        entrypoint,
        onBuild,
        labels,
        stopSignal,
        stopTimeout);
  }

  /**
   * What {@code docker run -d IMAGE CMD…} sends: the image and command, stdout and stderr attached,
   * everything else left to the image.
   */
  public static ContainerConfig command(String image, List<String> cmd) {
    return new ContainerConfig(
        "",
        "",
        "",
        false,
        true,
        true,
        null,
        false,
        false,
        false,
        null,
        List.copyOf(cmd),
        null,
        image,
        null,
        "",
        null,
        null,
        null,
        null,
        null);
  }

  /** An empty config, every field left to the image. */
  public static ContainerConfig empty() {
    return new ContainerConfig(
        "", "", "", false, false, false, null, false, false, false, null, null, null, "", null, "",
        null, null, null, null, null);
  }
}
