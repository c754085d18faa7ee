package dev.ddlab.cli.command;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddlab.client.CliResult;
import dev.ddlab.engine.Engine;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.AuthConfig;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * docker/cli's cli/command/registry (login, logout) and image push. Credentials live where the CLI
 * keeps them, in the client host's {@code ~/.docker/config.json} ({@code auths} → server → {@code
 * auth}: base64 of {@code user:password}), and travel to the daemon as {@code X-Registry-Auth}.
 */
public final class RegistryCommands {
  private RegistryCommands() {}

  /** Docker Hub's key in config.json (registry.IndexServer). */
  static final String HUB = "https://index.docker.io/v1/";

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String HUB_INTRO =
      "Log in with your Docker ID or email address to push and pull images from Docker Hub. If you"
          + " don't have a Docker ID, head over to https://hub.docker.com/ to create one.\n"
          + "You can log in with your password or a Personal Access Token (PAT). Using a"
          + " limited-scope PAT grants better security and is required for organizations using"
          + " SSO. Learn more at https://docs.docker.com/go/access-tokens/\n\n";

  @Command(name = "login")
  @Docker(
      use = "[OPTIONS] [SERVER]",
      summary = "Log in to a registry",
      aliases = "docker login",
      maxArgs = 1)
  public static final class Login extends DockerCommand {
    @Option(
        names = {"-p", "--password"},
        paramLabel = "string",
        description = "Password")
    String password;

    @Option(names = "--password-stdin", description = "Take the password from stdin")
    boolean passwordStdin;

    @Option(
        names = {"-u", "--username"},
        paramLabel = "string",
        description = "Username")
    String username;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      if (password != null && passwordStdin) {
        throw new CliException("--password and --password-stdin are mutually exclusive", 1);
      }
      if (passwordStdin) {
        if (username == null || username.isEmpty()) {
          throw new CliException("Must provide --username with --password-stdin", 1);
        }
        StringBuilder sb = new StringBuilder();
        for (String line = io.readLine(); line != null; line = io.readLine()) {
          sb.append(sb.isEmpty() ? "" : "\n").append(line);
        }
        password = sb.toString().strip();
      } else if (password != null) {
        err("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
      }
      String server = args.isEmpty() ? HUB : serverKey(args.get(0));
      Credentials creds = new Credentials(ctx.hostFs(), home(io.environment()));
      if (username == null && password == null) {
        AuthConfig stored = creds.get(server);
        if (stored != null) {
          out("Authenticating with existing credentials...");
          try {
            return complete(engine, creds, stored, io::out, io::err);
          } catch (EngineException e) {
            err("Login did not succeed, error: " + daemonError(e));
          }
        }
      }
      if (username != null && password != null) {
        return complete(
            engine, creds, new AuthConfig(username.strip(), password, server), io::out, io::err);
      }
      if (!io.isTty()) {
        throw new CliException(
            "Error: Cannot perform an interactive login from a non TTY device", 1);
      }
      if (server.equals(HUB)) {
        io.out(HUB_INTRO);
      }
      result = CliResult.attached(loginPrompt(engine, creds, server, username));
      return 0;
    }
  }

  /** POST /auth, then the credentials stored and the daemon's status printed. */
  static int complete(
      Engine engine,
      Credentials creds,
      AuthConfig auth,
      java.util.function.Consumer<String> out,
      java.util.function.Consumer<String> err) {
    String status = engine.system().auth(auth).status();
    if (creds.save(auth)) {
      err.accept(
          "WARNING! Your password will be stored unencrypted in "
              + creds.path()
              + ".\nConfigure a credential helper to remove this warning. See\n"
              + "https://docs.docker.com/engine/reference/commandline/login/#credentials-store\n\n");
    }
    if (status != null && !status.isEmpty()) {
      out.accept(status + "\n");
    }
    return 0;
  }

  /**
   * The interactive part of {@code docker login}: "Username: " (unless given with -u) then
   * "Password: ", read without echo, on the terminal.
   */
  static TerminalPrompt loginPrompt(
      Engine engine, Credentials creds, String server, String username) {
    java.util.function.Function<String, TerminalPrompt.Answer> password =
        user ->
            (line, p) ->
                line.isEmpty()
                    ? p.fail("Error: Password Required")
                    : complete(
                        engine, creds, new AuthConfig(user, line, server), p::print, p::print);
    if (username != null) {
      return new TerminalPrompt("Password: ", false, password.apply(username));
    }
    return new TerminalPrompt(
        "Username: ",
        true,
        (line, p) -> {
          String user = line.strip();
          if (user.isEmpty()) {
            return p.fail("Error: Non-null Username Required");
          }
          p.ask("Password: ", false, password.apply(user));
          return null;
        });
  }

  @Command(name = "logout")
  @Docker(
      use = "[SERVER]",
      summary = "Log out from a registry",
      aliases = "docker logout",
      maxArgs = 1)
  public static final class Logout extends DockerCommand {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String server = args.isEmpty() ? HUB : serverKey(args.get(0));
      Credentials creds = new Credentials(ctx.hostFs(), home(io.environment()));
      if (creds.get(server) == null) {
        out("Not logged in to " + server);
        return 0;
      }
      out("Removing login credentials for " + server);
      creds.remove(server);
      return 0;
    }
  }

  @Command(name = "push")
  @Docker(
      use = "[OPTIONS] NAME[:TAG]",
      summary = "Upload an image to a registry",
      aliases = "docker image push, docker push",
      minArgs = 1,
      maxArgs = 1)
  public static final class Push extends DockerCommand implements ImageCommands.ImageArgs {
    @Option(
        names = {"-a", "--all-tags"},
        description = "Push all tags of an image to the repository")
    boolean allTags;

    @Option(
        names = "--disable-content-trust",
        description = "Skip image signing",
        defaultValue = "true")
    boolean disableContentTrust = true;

    @Option(
        names = {"-q", "--quiet"},
        description = "Suppress verbose output")
    boolean quiet;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String ref = args.get(0);
      ImageCommands.Reference r = ImageCommands.reference(this, ref, allTags, quiet);
      if (!allTags && r.nameOnly()) {
        ref = ref + ":latest";
      }
      String normalized = r.normalized();
      String domain = normalized.substring(0, normalized.indexOf('/'));
      String server = domain.equals("docker.io") ? HUB : domain;
      AuthConfig auth = new Credentials(ctx.hostFs(), home(io.environment())).get(server);
      String header = (auth == null ? new AuthConfig(null, null, null) : auth).header();
      PullProgress progress = new PullProgress(io.isTty());
      try {
        engine.images().push(ref, header, progress);
      } catch (EngineException e) {
        if (progress.text().isEmpty()) {
          throw e;
        }
        // a refusal in the stream (a real daemon's): printed as the CLI prints stream errors
        progress.accept(
            new dev.ddlab.engine.dto.ProgressMessage(null, null, null, null, e.getMessage()));
      } finally {
        if (!quiet) {
          io.out(progress.text());
        }
      }
      if (progress.error() != null) {
        throw new CliException(progress.error(), 1);
      }
      if (quiet) {
        out(normalized); // ref.String(): the full name, as docker push -q prints
      }
      return 0;
    }
  }

  /** config.json's key for a registry given on the command line (Docker Hub's spellings → HUB). */
  static String serverKey(String server) {
    String s = server.replaceFirst("^https?://", "");
    int slash = s.indexOf('/');
    String host = slash < 0 ? s : s.substring(0, slash);
    return switch (host) {
      case "index.docker.io", "docker.io", "registry-1.docker.io" -> HUB;
      default -> host;
    };
  }

  /** The client's home directory (where ~/.docker lives): $HOME, else root's. */
  public static String home(Map<String, String> env) {
    String home = env == null ? null : env.get("HOME");
    return home == null || home.isEmpty() ? "/root" : home;
  }

  /** The client's {@code ~/.docker/config.json}: the {@code auths} it holds, written as Go does. */
  static final class Credentials {
    private final FileSystem fs;
    private final String dir;

    Credentials(FileSystem fs, String home) {
      this.fs = fs;
      this.dir = home + "/.docker";
    }

    String path() {
      return dir + "/config.json";
    }

    private Map<String, String> auths() {
      Map<String, String> out = new TreeMap<>();
      if (fs == null) {
        return out;
      }
      try {
        if (!fs.exists(path())) {
          return out;
        }
        JsonNode root = JSON.readTree(fs.read(path()));
        root.path("auths")
            .fields()
            .forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("auth").asText("")));
      } catch (FsException | java.io.IOException e) {
        // an unreadable file holds no credentials
      }
      return out;
    }

    /** The stored credentials for a registry, or null. */
    AuthConfig get(String server) {
      String auth = auths().get(server);
      if (auth == null || auth.isEmpty()) {
        return null;
      }
      String plain;
      try {
        plain = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      int colon = plain.indexOf(':');
      return colon < 0
          ? null
          : new AuthConfig(plain.substring(0, colon), plain.substring(colon + 1), server);
    }

    /** Stores the credentials; false when there is no file system to keep them on. */
    boolean save(AuthConfig auth) {
      if (fs == null) {
        return false;
      }
      Map<String, String> all = auths();
      all.put(
          auth.serverAddress(),
          Base64.getEncoder()
              .encodeToString(
                  (auth.username() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8)));
      write(all);
      return true;
    }

    void remove(String server) {
      Map<String, String> all = auths();
      all.remove(server);
      write(all);
    }

    /** json.MarshalIndent(config, "", "\t"), as the CLI saves it (mode 0600 in a 0700 dir). */
    private void write(Map<String, String> auths) {
      JsonStringEncoder enc = JsonStringEncoder.getInstance();
      StringBuilder sb = new StringBuilder("{\n\t\"auths\": {");
      int i = 0;
      for (var e : auths.entrySet()) {
        sb.append(i++ == 0 ? "\n" : ",\n")
            .append("\t\t\"")
            .append(enc.quoteAsString(e.getKey()))
            .append("\": {\n\t\t\t\"auth\": \"")
            .append(enc.quoteAsString(e.getValue()))
            .append("\"\n\t\t}");
      }
      sb.append(auths.isEmpty() ? "}\n}" : "\n\t}\n}");
      if (!fs.isDirectory(dir)) {
        fs.mkdir(dir, true);
        fs.chmod(dir, 0700);
      }
      fs.write(path(), sb.toString().getBytes(StandardCharsets.UTF_8), false);
      fs.chmod(path(), 0600);
    }
  }
}
