package dev.ddlab.sim.image;

import dev.ddlab.engine.EngineException;
import java.util.Locale;

/**
 * An OCI platform (os/architecture[/variant], optional os.version), parsed and normalised like
 * containerd's platforms package: "x86_64" is amd64, "aarch64" is arm64, arm defaults to v7.
 */
public record Platform(String os, String architecture, String variant, String osVersion) {
  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null, null);

  public static Platform parse(String s) {
    String[] parts = s.toLowerCase(Locale.ROOT).split("/", -1);
    if (parts.length < 1 || parts.length > 3 || parts[0].isEmpty()) {
      throw invalid(s);
    }
    String os = parts[0];
    if (parts.length == 1) {
      return new Platform(os, "amd64", null, null);
    }
    String arch = parts[1];
    String variant = parts.length == 3 ? parts[2] : null;
    switch (arch) {
      case "x86_64", "x86-64", "amd64" -> arch = "amd64";
      case "aarch64", "arm64" -> {
        arch = "arm64";
        if ("8".equals(variant) || "v8".equals(variant)) {
          variant = null;
        }
      }
      case "armhf" -> {
        arch = "arm";
        variant = "v7";
      }
      case "armel" -> {
        arch = "arm";
        variant = "v6";
      }
      case "arm" ->
          variant = variant == null ? "v7" : (variant.startsWith("v") ? variant : "v" + variant);
      case "i386", "386" -> arch = "386";
      default -> {
        if (!arch.matches("[a-z0-9_]+")) {
          throw invalid(s);
        }
      }
    }
    if (!os.matches("[a-z0-9_]+")) {
      throw invalid(s);
    }
    return new Platform(os, arch, variant, null);
  }

  private static EngineException invalid(String s) {
    return EngineException.badRequest(
        "\"" + s + "\": unknown operating system or architecture: invalid argument");
  }

  /** Whether an image for {@code other} runs here (same os, architecture and variant). */
  public boolean matches(Platform other) {
    return os.equals(other.os)
        && architecture.equals(other.architecture)
        && (variant == null || other.variant == null || variant.equals(other.variant));
  }

  /** "linux/amd64", "linux/arm/v7". */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
