package dev.ddlab.cli.command;

import dev.ddlab.cli.formatter.Refs;
import dev.ddlab.engine.BuildsApi;
import dev.ddlab.engine.dto.AuthConfig;
import dev.ddlab.engine.dto.BuildCachePruneResponse;
import dev.ddlab.engine.dto.BuildOutput;
import dev.ddlab.engine.dto.BuildRequest;
import dev.ddlab.go.GoUnits;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code docker build} (also {@code docker image build}, {@code docker builder build}) and {@code
 * docker builder prune}. The context is read from the client's filesystem (the host shell's working
 * directory), filtered by its {@code .dockerignore}, sent as a tar with {@code POST /build}, and
 * the engine's progress is printed as Docker 24's BuildKit client prints it (or, when the engine
 * answers with the classic builder's stream, that stream).
 */
public final class BuildCommands {
  private BuildCommands() {}

  @Command(name = "build")
  @Docker(
      use = "[OPTIONS] PATH | URL | -",
      summary = "Build an image from a Dockerfile",
      aliases = "docker image build, docker build, docker builder build",
      minArgs = 1,
      maxArgs = 1)
  public static class Build extends DockerCommand {
    @Option(
        names = {"-t", "--tag"},
        paramLabel = "list",
        description = "Name and optionally a tag in the \"name:tag\" format")
    protected List<String> tags = new ArrayList<>();

    @Option(
        names = {"-f", "--file"},
        paramLabel = "string",
        description = "Name of the Dockerfile (default: \"PATH/Dockerfile\")")
    String file;

    @Option(
        names = "--target",
        paramLabel = "string",
        description = "Set the target build stage to build")
    String target;

    @Option(names = "--build-arg", paramLabel = "list", description = "Set build-time variables")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--label", paramLabel = "list", description = "Set metadata for an image")
    List<String> labels = new ArrayList<>();

    @Option(names = "--no-cache", description = "Do not use cache when building the image")
    boolean noCache;

    @Option(names = "--pull", description = "Always attempt to pull all referenced images")
    boolean pull;

    @Option(
        names = "--platform",
        paramLabel = "string",
        description = "Set target platform for build")
    protected String platform;

    @Option(
        names = "--progress",
        paramLabel = "string",
        description =
            "Set type of progress output (\"auto\", \"plain\", \"tty\"). Use plain to show"
                + " container output")
    String progress = "auto";

    @Option(
        names = {"-q", "--quiet"},
        description = "Suppress the build output and print image ID on success")
    boolean quiet;

    @Option(
        names = "--network",
        paramLabel = "string",
        description = "Set the networking mode for the \"RUN\" instructions during build")
    String network;

    @Option(
        names = "--secret",
        paramLabel = "stringArray",
        description = "Secret to expose to the build (format: \"id=mysecret[,src=/local/secret]\")")
    List<String> secrets = new ArrayList<>();

    @Option(
        names = "--allow",
        paramLabel = "stringArray",
        description =
            "Allow extra privileged entitlement (e.g., \"network.host\", \"security.insecure\")")
    List<String> allow = new ArrayList<>();

    @Option(
        names = "--add-host",
        paramLabel = "list",
        description = "Add a custom host-to-IP mapping (format: \"host:ip\")")
    List<String> addHosts = new ArrayList<>();

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      if (platforms().size() > 1) {
        err(
            "ERROR: Multi-platform build is not supported for the docker driver.\n"
                + "Switch to a different driver, or turn on the containerd image store, and try"
                + " again.\nLearn more at https://docs.docker.com/go/build-multi-platform/");
        return 1;
      }
      return build(engine.builds(), List.of(), "default", "docker", null);
    }

    /** The {@code --platform} list ("linux/amd64,linux/arm64"), none when it is not given. */
    protected final List<String> platforms() {
      List<String> out = new ArrayList<>();
      if (platform != null) {
        for (String p : platform.split(",")) {
          if (!p.isBlank()) {
            out.add(p.strip());
          }
        }
      }
      return out;
    }

    /**
     * Sends the context to {@code api} (the daemon's BuildKit, or buildx's BuildKit in a container
     * with the builder's {@code name} and {@code driver}) with these exporters and the client's
     * credentials for the registries of the {@code -t} names, and prints its progress (after the
     * boot of the builder on {@code bootNode} when this build booted it, else null).
     */
    protected final Integer build(
        BuildsApi api, List<BuildOutput> outputs, String name, String driver, String bootNode) {
      // buildx's toSolveOpt parses each tag (distribution's reference.Parse) before it reads the
      // context: "invalid tag %q: …", its error without the daemon's "invalid reference format: "
      for (String tag : tags) {
        try {
          dev.ddlab.cli.formatter.Refs.validate(tag);
        } catch (IllegalArgumentException e) {
          String why = e.getMessage().replace("invalid reference format: ", "");
          err("ERROR: invalid tag \"" + tag + "\": " + why);
          return 1;
        }
      }
      BuildContext context = BuildContext.pack(ctx.hostFs(), ctx.workingDir(), args.get(0), file);
      Map<String, String> argMap = new LinkedHashMap<>();
      for (String a : buildArgs) {
        int eq = a.indexOf('=');
        argMap.put(eq < 0 ? a : a.substring(0, eq), eq < 0 ? null : a.substring(eq + 1));
      }
      Map<String, String> labelMap = kv(labels);
      List<String> entitlements = new ArrayList<>(allow);
      if ("host".equals(network) && !entitlements.contains("network.host")) {
        entitlements.add("network.host");
      }
      BuildRequest request =
          BuildRequest.builder()
              .tags(tags)
              .dockerfile(context.dockerfile())
              .target(target)
              .buildArgs(argMap)
              .labels(labelMap)
              .noCache(noCache)
              .pull(pull)
              .platform(platform)
              .networkMode(network)
              .quiet(quiet)
              .extraHosts(addHosts)
              .secrets(secrets)
              .entitlements(entitlements)
              .outputs(outputs, outputs.isEmpty() ? Map.of() : credentials())
              .attests(attests())
              .build();
      BuildProgress p = new BuildProgress().builder(name, driver).boot(bootNode);
      api.build(request, new ByteArrayInputStream(context.tar()), p::accept);
      if (!p.buildkit()) {
        // An engine with the classic builder (its stream is the output).
        io.out(p.classicText());
        if (p.error() != null) {
          err(p.error());
          return 1;
        }
        return 0;
      }
      boolean plain = progress.equals("plain") || progress.equals("auto") && !io.isTty();
      if (!quiet) {
        io.err(plain ? p.plain() : p.ttyFrames(io.columns()));
      }
      if (p.error() != null) {
        io.err(p.failure(context.dockerfileName(), context.dockerfileText()));
        return 1;
      }
      if (quiet && p.imageId() != null) {
        out(p.imageId());
      }
      return 0;
    }

    /** The attestations asked for, by type (buildx's {@code attest:TYPE} attributes); none here. */
    protected Map<String, String> attests() {
      return Map.of();
    }

    /** The client's stored credentials for the registries the {@code -t} names are on. */
    private Map<String, AuthConfig> credentials() {
      RegistryCommands.Credentials store =
          new RegistryCommands.Credentials(ctx.hostFs(), RegistryCommands.home(io.environment()));
      Map<String, AuthConfig> out = new LinkedHashMap<>();
      for (String t : tags) {
        String normalized;
        try {
          normalized = Refs.normalize(t, false);
        } catch (IllegalArgumentException e) {
          continue; // the builder says what is wrong with the name
        }
        String domain = normalized.substring(0, normalized.indexOf('/'));
        String server = domain.equals("docker.io") ? RegistryCommands.HUB : domain;
        AuthConfig auth = store.get(server);
        if (auth != null) {
          out.put(server, auth);
        }
      }
      return out;
    }
  }

  @Command(name = "prune")
  @Docker(use = "", summary = "Remove build cache", maxArgs = 0)
  public static final class Prune extends DockerCommand {
    @Option(
        names = {"-a", "--all"},
        description = "Remove all unused build cache, not just dangling ones")
    boolean all;

    @Option(
        names = {"-f", "--force"},
        description = "Do not prompt for confirmation")
    boolean force;

    @Option(
        names = "--filter",
        paramLabel = "filter",
        description = "Provide filter values (e.g. \"until=24h\")")
    List<String> filter = new ArrayList<>();

    @Option(
        names = "--keep-storage",
        paramLabel = "bytes",
        description = "Amount of disk space to keep for cache")
    String keepStorage;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      String warning =
          all
              ? "WARNING! This will remove all build cache. Are you sure you want to continue? [y/N] "
              : "WARNING! This will remove all dangling build cache. Are you sure you want to"
                  + " continue? [y/N] ";
      return confirmThen(
          force,
          warning,
          () -> {
            BuildCachePruneResponse r =
                engine.builds().prune(all, 0, DockerCommand.filters(filter));
            if (!r.cachesDeleted().isEmpty()) {
              StringBuilder sb = new StringBuilder("Deleted build cache objects:\n");
              r.cachesDeleted().forEach(id -> sb.append(id).append('\n'));
              out(sb.toString());
            }
            out("Total reclaimed space: " + GoUnits.humanSize(r.spaceReclaimed()));
            return 0;
          });
    }
  }
}
