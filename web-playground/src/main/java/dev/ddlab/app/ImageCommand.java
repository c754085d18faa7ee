package dev.ddlab.app;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ProgressMessage;
import dev.ddlab.events.EventBus;
import dev.ddlab.sim.clock.SeededRandom;
import dev.ddlab.sim.clock.VirtualClock;
import dev.ddlab.sim.image.ImageUsage;
import dev.ddlab.sim.image.Registry;
import dev.ddlab.sim.image.SimImagesApi;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ddlab image …}: the simulator's images as real files. */
@Command(
    name = "image",
    description = "Work with the simulator's images on the real disk.",
    mixinStandardHelpOptions = true,
    subcommands = {ImageCommand.Save.class})
public final class ImageCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code ddlab image save IMAGE… -o FILE}: pulls the images from the simulated registry into a
   * fresh simulated node and writes them as a {@code docker save} tarball that a real {@code docker
   * load} accepts with the same image IDs and layers.
   */
  @Command(
      name = "save",
      description = "Save simulated images to a tar archive (docker save format).")
  public static final class Save implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Images, e.g. alpine:3.19")
    List<String> images;

    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "FILE",
        description = "Write to a file (the real disk)")
    Path output;

    @Option(
        names = "--platform",
        paramLabel = "PLATFORM",
        description = "Platform to pull, e.g. linux/arm64 (default linux/amd64)")
    String platform;

    @Option(
        names = {"-q", "--quiet"},
        description = "Do not print pull progress")
    boolean quiet;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      SimImagesApi api =
          new SimImagesApi(
              new VirtualClock(),
              new SeededRandom(0),
              new EventBus(),
              platform,
              "ddlab",
              new Registry(),
              ImageUsage.NONE);
      try {
        for (String image : images) {
          api.pull(image, platform, false, m -> print(err, m));
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output))) {
          api.save(images, out);
        }
      } catch (EngineException e) {
        err.println("Error response from daemon: " + e.getMessage());
        err.flush();
        return 1;
      } catch (IOException e) {
        err.println("failed to save image: " + e.getMessage());
        err.flush();
        return 1;
      }
      err.flush();
      return 0;
    }

    private void print(PrintWriter err, ProgressMessage m) {
      if (quiet || m.status() == null) {
        return;
      }
      boolean done =
          m.id() == null
              || m.status().startsWith("Pulling from")
              || m.status().equals("Pull complete")
              || m.status().equals("Already exists");
      if (done) {
        err.println(m.id() == null ? m.status() : m.id() + ": " + m.status());
      }
    }
  }
}
