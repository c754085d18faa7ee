package dev.ddlab.cli.command;

import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.Swarm;
import dev.ddlab.engine.dto.swarm.SwarmInitRequest;
import dev.ddlab.engine.dto.swarm.SwarmJoinRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** docker/cli's cli/command/swarm: init, join, join-token, leave. */
public final class SwarmCommands {
  private SwarmCommands() {}

  /** The default listen address, as swarm's flags name it. */
  static final String DEFAULT_LISTEN = "0.0.0.0:2377";

  @Command(name = "init")
  @Docker(use = "[OPTIONS]", summary = "Initialize a swarm", maxArgs = 0)
  public static final class Init extends DockerCommand {
    @Option(
        names = "--advertise-addr",
        paramLabel = "string",
        description = "Advertised address (format: \"<ip|interface>[:port]\")")
    String advertiseAddr = "";

    @Option(
        names = "--listen-addr",
        paramLabel = "node-addr",
        description = "Listen address (format: \"<ip|interface>[:port]\")")
    String listenAddr = DEFAULT_LISTEN;

    @Option(
        names = "--autolock",
        description =
            "Enable manager autolocking (requiring an unlock key to start a stopped manager)")
    boolean autolock;

    @Option(
        names = "--force-new-cluster",
        description = "Force create a new cluster from current state")
    boolean forceNewCluster;

    @Option(
        names = "--availability",
        paramLabel = "string",
        description = "Availability of the node (\"active\", \"pause\", \"drain\")")
    String availability = "active";

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String nodeId =
          engine
              .swarm()
              .init(
                  new SwarmInitRequest(
                      listenAddr,
                      advertiseAddr,
                      "",
                      0,
                      forceNewCluster,
                      null,
                      autolock,
                      availability,
                      null,
                      0));
      out("Swarm initialized: current node (" + nodeId + ") is now a manager.");
      out("");
      JoinToken.print(this, "worker", false);
      out(
          "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the"
              + " instructions.");
      out("");
      return 0;
    }
  }

  @Command(name = "join")
  @Docker(
      use = "[OPTIONS] HOST:PORT",
      summary = "Join a swarm as a node and/or manager",
      minArgs = 1,
      maxArgs = 1)
  public static final class Join extends DockerCommand {
    @Option(
        names = "--token",
        paramLabel = "string",
        description = "Token for entry into the swarm")
    String token = "";

    @Option(
        names = "--advertise-addr",
        paramLabel = "string",
        description = "Advertised address (format: \"<ip|interface>[:port]\")")
    String advertiseAddr = "";

    @Option(
        names = "--listen-addr",
        paramLabel = "node-addr",
        description = "Listen address (format: \"<ip|interface>[:port]\")")
    String listenAddr = DEFAULT_LISTEN;

    @Option(
        names = "--availability",
        paramLabel = "string",
        description = "Availability of the node (\"active\", \"pause\", \"drain\")")
    String availability = "active";

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      engine
          .swarm()
          .join(
              new SwarmJoinRequest(
                  listenAddr, advertiseAddr, "", List.of(args.get(0)), token, availability));
      Node self;
      try {
        self = engine.nodes().inspect("self");
      } catch (EngineException e) {
        out("This node joined a swarm as a worker.");
        return 0;
      }
      out("This node joined a swarm as a " + self.spec().role() + ".");
      return 0;
    }
  }

  @Command(name = "join-token")
  @Docker(
      use = "[OPTIONS] (worker|manager)",
      summary = "Manage join tokens",
      minArgs = 1,
      maxArgs = 1)
  public static final class JoinToken extends DockerCommand {
    @Option(
        names = {"-q", "--quiet"},
        description = "Only display token")
    boolean quiet;

    @Option(names = "--rotate", description = "Rotate join token")
    boolean rotate;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String role = args.get(0);
      if (!role.equals("worker") && !role.equals("manager")) {
        throw new CliException("unknown role " + role, 1);
      }
      if (rotate) {
        throw new CliException("rotating join tokens is not simulated yet", 1);
      }
      print(this, role, quiet);
      return 0;
    }

    /** docker/cli's printJoinCommand: the token, or the whole command to type on a new node. */
    static void print(DockerCommand c, String role, boolean quiet) {
      Swarm sw = c.engine.swarm().inspect();
      String token = role.equals("worker") ? sw.joinTokens().worker() : sw.joinTokens().manager();
      if (quiet) {
        c.out(token);
        return;
      }
      Node self = c.engine.nodes().inspect("self");
      String addr =
          self.managerStatus() != null ? self.managerStatus().addr() : self.status().addr();
      c.out("To add a " + role + " to this swarm, run the following command:");
      c.out("");
      c.out("    docker swarm join --token " + token + " " + addr);
      c.out("");
    }
  }

  @Command(name = "leave")
  @Docker(use = "[OPTIONS]", summary = "Leave the swarm", maxArgs = 0)
  public static final class Leave extends DockerCommand {
    @Option(
        names = {"-f", "--force"},
        description = "Force this node to leave the swarm, ignoring warnings")
    boolean force;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      engine.swarm().leave(force);
      out("Node left the swarm.");
      return 0;
    }
  }
}
