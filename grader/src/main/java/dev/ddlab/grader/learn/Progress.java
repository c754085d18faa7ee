package dev.ddlab.grader.learn;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A learner's progress in one lab, saved as {@code <dir>/<lab>.json}: the current step, the steps
 * passed, how many hints were shown, and the lines typed — replaying them restores the session,
 * because the simulator is deterministic.
 */
public record Progress(
    @JsonProperty("lab") String lab,
    @JsonProperty("seed") long seed,
    @JsonProperty("step") int step,
    @JsonProperty("passed") List<Integer> passed,
    @JsonProperty("hints") List<Integer> hints,
    @JsonProperty("lines") List<ProgressLine> lines) {

  /** A typed line and the node it was typed at. */
  public record ProgressLine(
      @JsonProperty("node") String node, @JsonProperty("line") String line) {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public static Progress fresh(String lab, long seed, int steps) {
    List<Integer> hints = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      hints.add(0);
    }
    return new Progress(lab, seed, 0, List.of(), hints, List.of());
  }

  /** The saved progress, or empty when there is none or it cannot be read. */
  public static Optional<Progress> load(Path dir, String lab) {
    Path file = dir.resolve(lab + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), Progress.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(lab + ".json.tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, dir.resolve(lab + ".json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  public static void delete(Path dir, String lab) throws IOException {
    Files.deleteIfExists(dir.resolve(lab + ".json"));
  }
}
