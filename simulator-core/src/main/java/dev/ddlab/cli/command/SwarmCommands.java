package dev.ddlab.cli.command;

import dev.ddlab.client.CliResult;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.swarm.EncryptionConfig;
import dev.ddlab.engine.dto.swarm.Node;
import dev.ddlab.engine.dto.swarm.OrchestrationConfig;
import dev.ddlab.engine.dto.swarm.Swarm;
import dev.ddlab.engine.dto.swarm.SwarmInitRequest;
import dev.ddlab.engine.dto.swarm.SwarmJoinRequest;
import dev.ddlab.engine.dto.swarm.SwarmSpec;
import dev.ddlab.engine.dto.swarm.SwarmUpdateFlags;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** docker/cli's cli/command/swarm: init, join, join-token, leave, update, unlock, unlock-key. */
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
      if (autolock) {
        UnlockKey.printUnlockCommand(this, engine.swarm().unlockKey().unlockKey());
      }
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

  @Command(name = "update")
  @Docker(use = "[OPTIONS]", summary = "Update the swarm", maxArgs = 0)
  public static final class Update extends DockerCommand {
    @Option(
        names = "--autolock",
        arity = "0..1",
        paramLabel = "bool",
        description = "Change manager autolocking setting (true|false)")
    Boolean autolock;

    @Option(
        names = "--task-history-limit",
        paramLabel = "int",
        description = "Task history retention limit")
    Long taskHistoryLimit;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      Swarm sw = engine.swarm().inspect();
      SwarmSpec sp = sw.spec();
      boolean wasLocked = sp.encryptionConfig() != null && sp.encryptionConfig().autoLockManagers();
      SwarmSpec next =
          new SwarmSpec(
              sp.name(),
              sp.labels(),
              taskHistoryLimit == null
                  ? sp.orchestration()
                  : new OrchestrationConfig(taskHistoryLimit),
              sp.raft(),
              sp.dispatcher(),
              sp.caConfig(),
              sp.taskDefaults(),
              autolock == null ? sp.encryptionConfig() : new EncryptionConfig(autolock));
      engine
          .swarm()
          .update(
              next,
              new SwarmUpdateFlags(
                  sw.version() == null ? 0 : sw.version().index(), false, false, false));
      out("Swarm updated.");
      if (autolock != null && autolock && !wasLocked) {
        UnlockKey.printUnlockCommand(this, engine.swarm().unlockKey().unlockKey());
      }
      return 0;
    }
  }

  @Command(name = "unlock")
  @Docker(use = "", summary = "Unlock swarm", maxArgs = 0)
  public static final class Unlock extends DockerCommand {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      Object state = engine.system().info().swarm().get("LocalNodeState");
      if ("inactive".equals(state)) {
        throw new CliException("Error: This node is not part of a swarm", 1);
      }
      if (!"locked".equals(state)) {
        throw new CliException("Error: swarm is not locked", 1);
      }
      // docker/cli's readKey: on a terminal the prompt, the key read without echo, a newline;
      // from a pipe or file its first line
      if (io.isTty()) {
        Engine e = engine; // the command object is pooled: its fields are reset after the call
        result =
            CliResult.attached(
                new TerminalPrompt(
                    "Please enter unlock key: ",
                    false,
                    (key, prompt) -> {
                      e.swarm().unlock(key.trim());
                      return 0;
                    }));
        return 0;
      }
      String key = io.readLine();
      engine.swarm().unlock(key == null ? "" : key.trim());
      return 0;
    }
  }

  @Command(name = "unlock-key")
  @Docker(use = "[OPTIONS]", summary = "Manage the unlock key", maxArgs = 0)
  public static final class UnlockKey extends DockerCommand {
    @Option(
        names = {"-q", "--quiet"},
        description = "Only display token")
    boolean quiet;

    @Option(names = "--rotate", description = "Rotate unlock key")
    boolean rotate;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      if (rotate) {
        Swarm sw = engine.swarm().inspect();
        if (sw.spec().encryptionConfig() == null
            || !sw.spec().encryptionConfig().autoLockManagers()) {
          throw new CliException("cannot rotate because autolock is not turned on", 1);
        }
        engine
            .swarm()
            .update(
                sw.spec(),
                new SwarmUpdateFlags(
                    sw.version() == null ? 0 : sw.version().index(), false, false, true));
        if (!quiet) {
          out("Successfully rotated manager unlock key.");
          out("");
        }
      }
      String key = engine.swarm().unlockKey().unlockKey();
      if (key == null || key.isEmpty()) {
        throw new CliException("no unlock key is set", 1);
      }
      if (quiet) {
        out(key);
        return 0;
      }
      printUnlockCommand(this, key);
      return 0;
    }

    /** docker/cli's printUnlockCommand. */
    static void printUnlockCommand(DockerCommand c, String key) {
      if (key == null || key.isEmpty()) {
        return;
      }
      c.out(
          "To unlock a swarm manager after it restarts, run the `docker swarm unlock`\n"
              + "command and provide the following key:\n\n    "
              + key
              + "\n\nPlease remember to store this key in a password manager, since without it"
              + " you\nwill not be able to restart the manager.");
    }
  }

  @Command(name = "ca")
  @Docker(use = "[OPTIONS]", summary = "Display and rotate the root CA", maxArgs = 0)
  public static final class Ca extends DockerCommand {
    @Option(
        names = "--ca-cert",
        paramLabel = "pem-file",
        description = "Path to the PEM-formatted root CA certificate to use for the new cluster")
    String caCert;

    @Option(
        names = "--ca-key",
        paramLabel = "pem-file",
        description = "Path to the PEM-formatted root CA key to use for the new cluster")
    String caKey;

    @Option(
        names = "--cert-expiry",
        paramLabel = "duration",
        description = "Validity period for node certificates (ns|us|ms|s|m|h)")
    String certExpiry;

    @Option(
        names = {"-d", "--detach"},
        description = "Exit immediately instead of waiting for the root rotation to converge")
    boolean detach;

    @Option(
        names = "--external-ca",
        paramLabel = "external-ca",
        description = "Specifications of one or more certificate signing endpoints")
    String externalCa;

    @Option(
        names = {"-q", "--quiet"},
        description = "Suppress progress output")
    boolean quiet;

    @Option(
        names = "--rotate",
        description =
            "Rotate the swarm CA - if no certificate or key are provided, new ones will be"
                + " generated")
    boolean rotate;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      Swarm sw = engine.swarm().inspect();
      if (!rotate) {
        for (String[] f :
            new String[][] {
              {"ca-cert", caCert},
              {"ca-key", caKey},
              {"cert-expiry", certExpiry},
              {"external-ca", externalCa}
            }) {
          if (f[1] != null) {
            throw new CliException(
                "`--" + f[0] + "` flag requires the `--rotate` flag to update the CA", 1);
          }
        }
        trustRoot(sw);
        return 0;
      }
      if (externalCa != null && caCert == null) {
        throw new CliException(
            "rotating to an external CA requires the `--ca-cert` flag to specify the external CA's"
                + " cert - to add an external CA with the current root CA certificate, use the"
                + " `update` command instead",
            1);
      }
      if (caCert != null && externalCa == null && caKey == null) {
        throw new CliException(
            "the --ca-cert flag requires that a --ca-key flag and/or --external-ca flag be"
                + " provided as well",
            1);
      }
      SwarmSpec sp = sw.spec();
      dev.ddlab.engine.dto.swarm.CaConfig ca = sp.caConfig();
      long expiry = ca == null ? 0 : ca.nodeCertExpiry();
      if (certExpiry != null) {
        expiry = TimeArgs.durationFlag("--cert-expiry", certExpiry);
      }
      String cert = caCert == null ? null : pem(caCert);
      String key = caKey == null ? null : pem(caKey);
      long force = ca == null ? 0 : ca.forceRotate();
      SwarmSpec next =
          new SwarmSpec(
              sp.name(),
              sp.labels(),
              sp.orchestration(),
              sp.raft(),
              sp.dispatcher(),
              new dev.ddlab.engine.dto.swarm.CaConfig(
                  expiry, cert == null && key == null ? force + 1 : force, cert, key),
              sp.taskDefaults(),
              sp.encryptionConfig());
      engine
          .swarm()
          .update(
              next,
              new SwarmUpdateFlags(
                  sw.version() == null ? 0 : sw.version().index(), false, false, false));
      if (detach || quiet) {
        return 0;
      }
      // progress.RootRotationProgress: the nodes renew their certificates as they heartbeat, then
      // take the new trust root; the display is its converged frame (docker/cli redraws it while
      // it waits), or where it stood when the wait gave up
      long deadline = engine.system().nowNanos() + java.time.Duration.ofMinutes(2).toNanos();
      while (true) {
        Swarm now = engine.swarm().inspect();
        List<dev.ddlab.engine.dto.swarm.Node> nodes = engine.nodes().list(java.util.Map.of());
        int certs = 0;
        int roots = 0;
        for (var n : nodes) {
          var tls = n.description() == null ? null : n.description().tlsInfo();
          if (tls != null
              && java.util.Objects.equals(
                  tls.certIssuerSubject(), now.tlsInfo().certIssuerSubject())
              && java.util.Objects.equals(
                  tls.certIssuerPublicKey(), now.tlsInfo().certIssuerPublicKey())) {
            certs++;
          }
          if (tls != null && java.util.Objects.equals(tls.trustRoot(), now.tlsInfo().trustRoot())) {
            roots++;
          }
        }
        int total = nodes.size();
        if (certs != total || now.rootRotationInProgress()) {
          roots = 0; // updateProgress: no trust root counts while certificates are renewed
        }
        boolean done = certs == total && !now.rootRotationInProgress() && roots == total;
        boolean late = engine.system().nowNanos() > deadline;
        if (done || late) {
          out("desired root digest: " + digest(now.tlsInfo().trustRoot()));
          if (io.isTty()) {
            out("  rotated TLS certificates:  " + bar(certs, total));
            out("  rotated CA certificates:   " + bar(roots, total));
          }
          if (late && !done) {
            out("Operation continuing in background.");
            out("Use `swarmctl cluster inspect default` to check progress.");
            return 0;
          }
          trustRoot(now);
          return 0;
        }
        engine.services().waitFor(java.time.Duration.ofMillis(200));
      }
    }

    /** jsonmessage's progress bar of {@code current} of {@code total} nodes. */
    private static String bar(int current, int total) {
      int pct = total <= 0 ? 0 : Math.min(50, (int) (100.0 * current / total) / 2);
      return "["
          + "=".repeat(pct)
          + ">"
          + " ".repeat(50 - pct)
          + "] "
          + current
          + "/"
          + total
          + " nodes";
    }

    private String pem(String file) {
      try {
        return new String(
            ctx.hostFs().read(dev.ddlab.fs.Paths.resolve(ctx.workingDir(), file)),
            java.nio.charset.StandardCharsets.UTF_8);
      } catch (dev.ddlab.fs.FsException | NullPointerException e) {
        throw new CliException(
            "invalid argument \""
                + file
                + "\" for \"--ca-"
                + (file.equals(caCert) ? "cert" : "key")
                + "\" flag: open "
                + file
                + ": no such file or directory",
            125);
      }
    }

    /** go-digest's FromBytes. */
    private static String digest(String text) {
      try {
        return "sha256:"
            + java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    /** displayTrustRoot. */
    private void trustRoot(Swarm sw) {
      String root = sw.tlsInfo() == null ? null : sw.tlsInfo().trustRoot();
      if (root == null || root.isEmpty()) {
        throw new CliException("No CA information available", 1);
      }
      out(root.strip());
    }
  }
}
