package dev.ddlab.sim.image;

import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.sim.fs.Digests;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.LayerBuilder;
import dev.ddlab.sim.fs.TarCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes an image the way a Dockerfile does, one step at a time: steps that add files make a layer
 * (with the size the real image reports), metadata steps only add an {@code empty_layer} history
 * entry. The catalogue uses it for every image; {@code created_by} lines follow the classic builder
 * ({@code /bin/sh -c #(nop) …}) or BuildKit ({@code … # buildkit}).
 */
final class ImageBuild {
  private final Platform platform;
  private final boolean buildkit;
  private final List<ImageLayer> layers = new ArrayList<>();
  private final List<ImageConfig.History> history = new ArrayList<>();
  private RunConfig config = new RunConfig(EMPTY);
  private long created;

  /** What a build starts from without FROM: no defaults, and an environment to add to. */
  private static final ContainerConfig EMPTY =
      new ContainerConfig(
          "", "", "", false, false, false, null, false, false, false, List.of(), null, null, "",
          null, "", null, null, null, null, null);

  ImageBuild(Platform platform, boolean buildkit) {
    this.platform = platform;
    this.buildkit = buildkit;
  }

  /** FROM: starts from a built image's layers, history and config. */
  ImageBuild from(Image base) {
    ImageConfig c = base.config();
    layers.addAll(base.layers());
    history.addAll(c.history());
    config = new RunConfig(c.config());
    created = c.createdNanos();
    return this;
  }

  /** Sets the time of the following steps (epoch seconds). */
  ImageBuild at(long epochSeconds) {
    // A fixed, plausible-looking sub-second part, derived from the seconds.
    created = epochSeconds * 1_000_000_000L + (epochSeconds * 7_919L) % 1_000_000_000L;
    return this;
  }

  private Layer tree(long salt, Consumer<LayerBuilder> files) {
    LayerBuilder b = Layer.builder(created - created % 1_000_000_000L).salt(salt);
    files.accept(b);
    return b.build();
  }

  private long salt() {
    return platform.toString().hashCode();
  }

  /** ADD source / (a base image's root filesystem); Linux images get the default PATH. */
  ImageBuild add(String source, long size, Consumer<LayerBuilder> files) {
    if (config.env().isEmpty() && platform.os().equals("linux")) {
      config.env("PATH", Catalogue.PATH);
    }
    Layer l = tree(salt(), files);
    TarCodec.LayerDigest d = TarCodec.digest(l);
    layers.add(new ImageLayer(l, d, size));
    String createdBy =
        buildkit
            ? "ADD " + source + " / # buildkit"
            : "/bin/sh -c #(nop) ADD file:" + Digests.hex(d.diffId()) + " in / ";
    step(createdBy, false);
    return this;
  }

  /** RUN: a layer with the files the command left. */
  ImageBuild run(String command, long size, Consumer<LayerBuilder> files) {
    Layer l = tree(salt() ^ command.hashCode(), files);
    layers.add(new ImageLayer(l, TarCodec.digest(l), size));
    step(buildkit ? "RUN /bin/sh -c " + command + " # buildkit" : "/bin/sh -c " + command, false);
    return this;
  }

  /** COPY src dst: a layer with the copied files (content independent of the platform). */
  ImageBuild copy(String src, String dst, long size, Consumer<LayerBuilder> files) {
    Layer l = tree(src.hashCode(), files);
    layers.add(new ImageLayer(l, TarCodec.digest(l), size));
    step(
        buildkit
            ? "COPY " + src + " " + dst + " # buildkit"
            : "/bin/sh -c #(nop) COPY " + src + " in " + dst + " ",
        false);
    return this;
  }

  ImageBuild env(String key, String value) {
    config.env(key, value);
    return meta("ENV " + key + "=" + value);
  }

  ImageBuild cmd(List<String> args) {
    config.cmd(args);
    return meta("CMD " + jsonArray(args));
  }

  ImageBuild entrypoint(List<String> args) {
    config.entrypoint(args);
    return meta("ENTRYPOINT " + jsonArray(args));
  }

  /** ARG name[=default]: history only. */
  ImageBuild arg(String arg) {
    return meta("ARG " + arg);
  }

  /** SHELL: history only (Go's %v of the list: [powershell -Command …]). */
  ImageBuild shell(List<String> args) {
    return meta("SHELL [" + String.join(" ", args) + "]");
  }

  ImageBuild workdir(String dir) {
    config.workingDir(dir);
    return meta("WORKDIR " + dir);
  }

  ImageBuild expose(String port) {
    String p = config.expose(port);
    return meta(buildkit ? "EXPOSE map[" + p + ":{}]" : "EXPOSE " + port);
  }

  ImageBuild label(String key, String value) {
    config.label(key, value);
    return meta("LABEL " + key + "=" + value);
  }

  ImageBuild volume(String path) {
    config.volume(path);
    return meta("VOLUME [" + path + "]");
  }

  ImageBuild stopSignal(String signal) {
    config.stopSignal(signal);
    return meta("STOPSIGNAL " + signal);
  }

  ImageBuild user(String u) {
    config.user(u);
    return meta("USER " + u);
  }

  private ImageBuild meta(String instruction) {
    step(buildkit ? instruction : "/bin/sh -c #(nop)  " + instruction, true);
    return this;
  }

  private void step(String createdBy, boolean empty) {
    history.add(new ImageConfig.History(created, createdBy, "", "", empty));
  }

  /** Go's %v of a string slice as Docker writes it in history: ["node" "./app.js"]. */
  private static String jsonArray(List<String> args) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < args.size(); i++) {
      sb.append(i == 0 ? "" : " ").append('"').append(args.get(i)).append('"');
    }
    return sb.append(']').toString();
  }

  Image build() {
    List<String> diffIds = new ArrayList<>();
    layers.forEach(l -> diffIds.add(l.diffId()));
    ContainerConfig config = this.config.toConfig();
    String container = "";
    ContainerConfig stepConfig = null;
    String dockerVersion = "";
    if (!buildkit) {
      // The classic builder records the container that ran the last step and its config.
      ImageConfig.History last = history.get(history.size() - 1);
      container = Digests.hex(Digests.sha256("container " + created + " " + last.createdBy()));
      String by = last.createdBy();
      List<String> stepCmd =
          by.startsWith("/bin/sh -c #(nop) ")
              ? List.of(
                  "/bin/sh", "-c", "#(nop) ", by.substring("/bin/sh -c #(nop) ".length()).strip())
              : List.of("/bin/sh", "-c", by.startsWith("/bin/sh -c ") ? by.substring(11) : by);
      stepConfig =
          new ContainerConfig(
              container.substring(0, 12),
              "",
              config.user(),
              false,
              false,
              false,
              config.exposedPorts(),
              false,
              false,
              false,
              config.env(),
              stepCmd,
              null,
              "",
              config.volumes(),
              config.workingDir(),
              config.entrypoint(),
              null,
              config.labels() == null ? Map.of() : config.labels(),
              config.stopSignal(),
              null);
      dockerVersion = "20.10.23";
    }
    ImageConfig image =
        new ImageConfig(
            platform.architecture(),
            platform.variant(),
            platform.os(),
            platform.osVersion(),
            created,
            "",
            "",
            container,
            dockerVersion,
            config,
            stepConfig,
            List.copyOf(history),
            diffIds);
    return new Image(image.toJson(), layers);
  }
}
