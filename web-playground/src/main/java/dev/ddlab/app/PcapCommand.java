package dev.ddlab.app;

import dev.ddlab.events.FrameEvent;
import dev.ddlab.introspect.PcapWriter;
import dev.ddlab.session.ScriptRunner;
import dev.ddlab.session.SimSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ddlab pcap --script FILE [--node N] -o out.pcap}: types the script's lines into a fresh
 * simulated session (the golden walk-throughs' format: one command a line, {@code #} comments,
 * {@code ^C} for Ctrl-C) and writes every frame the data plane put on a link of node N as classic
 * pcap. A frame that crosses several links (container, bridge, container) is written once per link,
 * as a capture on each of them would show it.
 */
@Command(
    name = "pcap",
    description = "Run a script in a simulated session and write its frames as a pcap file.")
public final class PcapCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--script",
      required = true,
      paramLabel = "FILE",
      description = "Commands to type, one a line")
  Path script;

  @Option(
      names = "--node",
      paramLabel = "NODE",
      defaultValue = "node1",
      description = "Node whose links are captured (default: ${DEFAULT-VALUE})")
  String node;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "The pcap file to write")
  Path output;

  @Option(
      names = "--template",
      paramLabel = "NAME",
      defaultValue = "single",
      description = "Session template (default: ${DEFAULT-VALUE})")
  String template;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed of the simulation")
  long seed;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    String text;
    try {
      text = Files.readString(script);
    } catch (NoSuchFileException e) {
      err.println("ddlab pcap: " + script + ": No such file");
      return 1;
    } catch (IOException e) {
      err.println("ddlab pcap: " + script + ": " + e.getMessage());
      return 1;
    }
    List<PcapWriter.Record> records = new ArrayList<>();
    try (SimSession s = SimSession.open(template, seed)) {
      if (!s.nodes().contains(node)) {
        err.println("ddlab pcap: no node " + node + " in template " + template);
        return 1;
      }
      try (AutoCloseable sub =
          s.events()
              .subscribe(
                  FrameEvent.class,
                  f -> {
                    if (f.node().equals(node)) {
                      records.add(new PcapWriter.Record(f.timeNanos(), f.bytes()));
                    }
                  })) {
        new ScriptRunner(s).run(text);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    try {
      Files.write(output, PcapWriter.write(records));
    } catch (IOException e) {
      err.println("ddlab pcap: " + output + ": " + e.getMessage());
      return 1;
    }
    spec.commandLine().getOut().println(records.size() + " frames written to " + output);
    return 0;
  }
}
