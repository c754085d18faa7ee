package dev.ddlab.sim.build;

import dev.ddlab.dockerfile.Stage;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.image.ImageConfig;
import dev.ddlab.sim.image.ImageLayer;
import dev.ddlab.sim.image.Platform;
import dev.ddlab.sim.image.RunConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stage while it is built: its layers, history, config, cache key and time cursor. */
final class StageState {
  final Stage stage;
  final String label;
  final int total;

  /** "linux/arm64 " in a multi-platform build, else "". */
  final String prefix;

  int step;
  final List<ImageLayer> layers = new ArrayList<>();
  final List<ImageConfig.History> history = new ArrayList<>();
  RunConfig config;
  Platform platform;
  String osVersion;
  final Map<String, String> args = new LinkedHashMap<>();
  List<String> shell = List.of("/bin/sh", "-c");
  String key;
  long time;
  long lastCreated;

  StageState(Stage stage, String label, int total, String prefix) {
    this.stage = stage;
    this.label = label;
    this.total = total;
    this.prefix = prefix;
  }

  /** What variables see: the stage's ARGs, overridden by its ENV. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    args.forEach(
        (k, v) -> {
          if (v != null) {
            env.put(k, v);
          }
        });
    for (String e : config.env()) {
      int eq = e.indexOf('=');
      env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
    }
    return env;
  }

  List<Layer> fsLayers() {
    List<Layer> out = new ArrayList<>();
    layers.forEach(l -> out.add(l.layer()));
    return out;
  }

  /** The working directory so far, {@code /} when none is set. */
  String workdir() {
    String wd = config.toConfig().workingDir();
    return wd == null || wd.isEmpty() ? "/" : wd;
  }

  /** CMD, ENTRYPOINT and RUN: the JSON form as is, the shell form through the stage's SHELL. */
  List<String> commandLine(List<String> args, boolean json) {
    if (json) {
      return args;
    }
    List<String> out = new ArrayList<>(shell);
    out.add(String.join(" ", args));
    return out;
  }

  /** A config-only instruction's history entry (no layer). */
  void meta(String createdBy) {
    history.add(new ImageConfig.History(lastCreated, createdBy, BuildState.COMMENT, "", true));
  }
}
