package dev.ddlab.cli.buildx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * buildx's client-side state in {@code ~/.docker/buildx}: {@code instances/NAME} (the builder: its
 * driver and nodes), {@code current} (the builder {@code use} selected) and {@code activity/NAME}
 * (the last time it was used; here also whether it was booted). The {@code default} builder (the
 * {@code docker} driver on the daemon's own BuildKit) is implicit, as in buildx.
 */
final class BuilderStore {
  static final String ENDPOINT = "unix:///var/run/docker.sock";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A builder: its name, driver ("docker", "docker-container") and its one node's name. */
  record Builder(String name, String driver, String node) {
    boolean isDefault() {
      return driver.equals("docker");
    }
  }

  static final Builder DEFAULT = new Builder("default", "docker", "default");

  private final FileSystem fs;
  private final String dir;

  BuilderStore(FileSystem fs, String home) {
    this.fs = fs;
    this.dir = home + "/.docker/buildx";
  }

  /** The builders: the created ones by name, then default. */
  List<Builder> all() {
    List<Builder> out = new ArrayList<>();
    String instances = dir + "/instances";
    if (fs != null && fs.isDirectory(instances)) {
      for (String n : fs.list(instances)) {
        find(n).ifPresent(out::add);
      }
    }
    out.add(DEFAULT);
    return out;
  }

  Optional<Builder> find(String name) {
    if (name.equals("default")) {
      return Optional.of(DEFAULT);
    }
    JsonNode n = read(dir + "/instances/" + name);
    if (n == null) {
      return Optional.empty();
    }
    String node = n.path("Nodes").path(0).path("Name").asText(name + "0");
    return Optional.of(new Builder(n.path("Name").asText(name), n.path("Driver").asText(), node));
  }

  /** The builder in use: {@code current}'s, else default. */
  Builder current() {
    JsonNode c = read(dir + "/current");
    if (c == null) {
      return DEFAULT;
    }
    return find(c.path("Name").asText("default")).orElse(DEFAULT);
  }

  void create(Builder b) {
    ObjectNode o = JSON.createObjectNode();
    o.put("Name", b.name());
    o.put("Driver", b.driver());
    ArrayNode nodes = o.putArray("Nodes");
    ObjectNode node = nodes.addObject();
    node.put("Name", b.node());
    node.put("Endpoint", ENDPOINT);
    node.putNull("Platforms");
    node.putNull("Flags");
    node.putNull("DriverOpts");
    node.putNull("Files");
    o.put("Dynamic", false);
    write(dir + "/instances/" + b.name(), o.toString());
  }

  void use(Builder b) {
    if (b.isDefault()) {
      if (fs != null && fs.exists(dir + "/current")) {
        fs.remove(dir + "/current", false);
      }
      return;
    }
    write(
        dir + "/current",
        "{\"Key\":\"" + ENDPOINT + "\",\"Name\":\"" + b.name() + "\",\"Global\":false}");
  }

  void remove(Builder b) {
    for (String p : List.of("/instances/", "/activity/")) {
      if (fs.exists(dir + p + b.name())) {
        fs.remove(dir + p + b.name(), false);
      }
    }
    if (current().name().equals(b.name())
        || read(dir + "/current") != null
            && read(dir + "/current").path("Name").asText().equals(b.name())) {
      fs.remove(dir + "/current", false);
    }
  }

  /** Whether the builder's BuildKit was booted (inspect --bootstrap, or a build). */
  boolean booted(Builder b) {
    return b.isDefault() || (fs != null && fs.exists(dir + "/activity/" + b.name()));
  }

  void activity(Builder b, String rfc3339) {
    if (!b.isDefault()) {
      write(dir + "/activity/" + b.name(), rfc3339);
    }
  }

  private JsonNode read(String path) {
    if (fs == null) {
      return null;
    }
    try {
      if (!fs.exists(path) || fs.isDirectory(path)) {
        return null;
      }
      return JSON.readTree(new String(fs.read(path), StandardCharsets.UTF_8));
    } catch (FsException | IOException e) {
      return null;
    }
  }

  private void write(String path, String text) {
    if (fs == null) {
      throw new dev.ddlab.cli.command.CliException(
          "ERROR: no local filesystem to keep the builder's state on", 1);
    }
    fs.mkdir(dev.ddlab.fs.Paths.parent(path), true);
    fs.write(path, text.getBytes(StandardCharsets.UTF_8), false);
  }
}
