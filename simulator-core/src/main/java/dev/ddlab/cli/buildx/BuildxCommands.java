package dev.ddlab.cli.buildx;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddlab.cli.command.BuildCommands;
import dev.ddlab.cli.command.BuildProgress;
import dev.ddlab.cli.command.CliException;
import dev.ddlab.cli.command.Docker;
import dev.ddlab.cli.command.DockerCommand;
import dev.ddlab.cli.command.RegistryCommands;
import dev.ddlab.cli.formatter.TabWriter;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.BuildOutput;
import dev.ddlab.go.GoStrconv;
import dev.ddlab.go.GoTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** buildx v0.11's commands: version, ls, create, use, rm, inspect, build. */
final class BuildxCommands {
  private BuildxCommands() {}

  /** The docker driver's platforms on an amd64 daemon (BuildKit's own list). */
  static final String DOCKER_PLATFORMS = "linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/386";

  /** A docker-container BuildKit on a host with QEMU's binfmt handlers (as Docker Desktop has). */
  static final String CONTAINER_PLATFORMS =
      "linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/arm64, linux/riscv64, linux/ppc64le,"
          + " linux/s390x, linux/386, linux/mips64le, linux/mips64, linux/arm/v7, linux/arm/v6";

  private static final ObjectMapper JSON = new ObjectMapper();

  static final String DOCKER_BUILDKIT = "v0.11.7+d3e6c1360f6e";
  static final String CONTAINER_BUILDKIT = "v0.12.3";

  static BuilderStore store(
      DockerCommand c, dev.ddlab.cli.CliContext ctx, Map<String, String> env) {
    return new BuilderStore(ctx.hostFs(), RegistryCommands.home(env));
  }

  static BuilderStore.Builder named(BuilderStore store, String name) {
    if (name == null || name.isEmpty()) {
      return store.current();
    }
    return store
        .find(name)
        .orElseThrow(() -> new CliException("ERROR: no builder \"" + name + "\" found", 1));
  }

  /** Boots a builder: its progress on {@code err}, then the time it was booted at. */
  static void boot(
      BuilderStore store,
      BuilderStore.Builder b,
      java.util.function.Consumer<String> err,
      long nowNanos) {
    err.accept(Inspect.bootProgress(b));
    store.activity(b, GoTime.rfc3339Nano(nowNanos));
  }

  @Command(name = "version")
  @Docker(use = "", summary = "Show buildx version information", maxArgs = 0)
  static final class Version extends DockerCommand {
    @Override
    public Integer call() {
      out("github.com/docker/buildx " + BuildxPlugin.VERSION + " " + BuildxPlugin.COMMIT);
      return 0;
    }
  }

  @Command(name = "ls")
  @Docker(use = "", summary = "List builder instances", maxArgs = 0)
  static final class Ls extends DockerCommand {
    @Override
    public Integer call() {
      BuilderStore store = store(this, ctx, io.environment());
      String current = store.current().name();
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"NAME/NODE", "DRIVER/ENDPOINT", "STATUS", "BUILDKIT", "PLATFORMS"});
      for (BuilderStore.Builder b : store.all()) {
        boolean booted = store.booted(b);
        rows.add(
            new String[] {
              b.name() + (b.name().equals(current) ? " *" : ""), b.driver(), "", "", ""
            });
        rows.add(
            new String[] {
              "  " + b.node(),
              b.isDefault() ? "default" : BuilderStore.ENDPOINT,
              booted ? "running" : "inactive",
              booted ? (b.isDefault() ? DOCKER_BUILDKIT : CONTAINER_BUILDKIT) : "",
              booted ? (b.isDefault() ? DOCKER_PLATFORMS : CONTAINER_PLATFORMS) : ""
            });
      }
      io.out(tabwriter(rows));
      return 0;
    }
  }

  /** buildx's table: Go's tabwriter with minimum width 0 and padding 1 over the cells. */
  static String tabwriter(List<String[]> rows) {
    StringBuilder text = new StringBuilder();
    for (String[] r : rows) {
      text.append(String.join("\t", r)).append('\n');
    }
    return new TabWriter(0, 1).format(text.toString());
  }

  @Command(name = "create")
  @Docker(
      use = "[OPTIONS] [CONTEXT|ENDPOINT]",
      summary = "Create a new builder instance",
      maxArgs = 1)
  static final class Create extends DockerCommand {
    @Option(
        names = "--driver",
        paramLabel = "string",
        description = "Driver to use (available: \"docker-container\", \"kubernetes\", \"remote\")")
    String driver = "docker-container";

    @Option(names = "--name", paramLabel = "string", description = "Builder instance name")
    String name;

    @Option(names = "--use", description = "Set the current builder instance")
    boolean use;

    @Option(names = "--bootstrap", description = "Boot builder after creation")
    boolean bootstrap;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      if (!List.of("docker-container").contains(driver)) {
        if (driver.equals("docker")) {
          throw new CliException(
              "ERROR: failed to find driver \"docker\": docker driver can only be used with"
                  + " \"default\" builder",
              1);
        }
        throw new CliException("ERROR: failed to find driver \"" + driver + "\"", 1);
      }
      BuilderStore store = store(this, ctx, io.environment());
      String n = name;
      if (n == null || n.isEmpty()) {
        // buildx names unnamed builders with Docker's name generator; here from the engine's clock
        String[] left = {"amazing", "brave", "eager", "focused", "happy", "jolly", "keen", "zen"};
        String[] right = {"tesla", "curie", "hopper", "turing", "lovelace", "noether", "volta"};
        long t = engine.system().nowNanos() / 1_000_000L;
        n =
            left[(int) Math.floorMod(t, left.length)]
                + "_"
                + right[(int) Math.floorMod(t / 7, right.length)];
      } else if (!n.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
        throw new CliException(
            "ERROR: invalid name "
                + n
                + ", name needs to start with a letter and may not contain symbols, except ._-",
            1);
      }
      if (store.find(n).isPresent()) {
        throw new CliException(
            "ERROR: existing instance for \""
                + n
                + "\" but no append mode, specify --node to make changes for existing instances",
            1);
      }
      BuilderStore.Builder b = new BuilderStore.Builder(n, driver, n + "0");
      store.create(b);
      if (use) {
        store.use(b);
      }
      if (bootstrap) {
        boot(store, b, io::err, engine.system().nowNanos());
      }
      out(n);
      return 0;
    }
  }

  @Command(name = "use")
  @Docker(
      use = "[OPTIONS] NAME",
      summary = "Set the current builder instance",
      minArgs = 1,
      maxArgs = 1)
  static final class Use extends DockerCommand {
    @Option(names = "--default", description = "Set builder as default for current context")
    boolean asDefault;

    @Option(names = "--global", description = "Builder persists context changes")
    boolean global;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      BuilderStore store = store(this, ctx, io.environment());
      BuilderStore.Builder b =
          store
              .find(args.get(0))
              .orElseThrow(
                  () ->
                      new CliException(
                          "ERROR: run `docker buildx create --name "
                              + args.get(0)
                              + "` to create a new builder instance",
                          1));
      store.use(b);
      return 0;
    }
  }

  @Command(name = "rm")
  @Docker(use = "[OPTIONS] [NAME] [NAME...]", summary = "Remove one or more builder instances")
  static final class Rm extends DockerCommand {
    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      BuilderStore store = store(this, ctx, io.environment());
      List<String> names = args.isEmpty() ? List.of(store.current().name()) : args;
      for (String n : names) {
        BuilderStore.Builder b = named(store, n);
        if (b.isDefault()) {
          throw new CliException("ERROR: default is a docker context, it cannot be removed", 1);
        }
        store.remove(b);
        try {
          // the builder's container goes, and its state volume with the build cache
          engine.builds().instance(b.node()).prune(true, 0, Map.of());
        } catch (EngineException e) {
          // an engine without such BuildKits has no cache of them to drop
        }
        err(n + " removed");
      }
      return 0;
    }
  }

  @Command(name = "inspect")
  @Docker(use = "[NAME]", summary = "Inspect current builder instance", maxArgs = 1)
  static final class Inspect extends DockerCommand {
    @Option(names = "--bootstrap", description = "Ensure builder has booted before inspecting")
    boolean bootstrap;

    @Option(
        names = "--builder",
        paramLabel = "string",
        description = "Override the configured builder instance")
    String builder;

    @Parameters List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
      BuilderStore store = store(this, ctx, io.environment());
      BuilderStore.Builder b = named(store, args.isEmpty() ? builder : args.get(0));
      if (bootstrap && !store.booted(b)) {
        boot(store, b, io::err, engine.system().nowNanos());
      }
      boolean booted = store.booted(b);
      StringBuilder sb = new StringBuilder();
      sb.append("Name:          ").append(b.name()).append('\n');
      sb.append("Driver:        ").append(b.driver()).append('\n');
      sb.append('\n').append("Nodes:\n");
      sb.append("Name:      ").append(b.node()).append('\n');
      sb.append("Endpoint:  ")
          .append(b.isDefault() ? "default" : BuilderStore.ENDPOINT)
          .append('\n');
      sb.append("Status:    ").append(booted ? "running" : "inactive").append('\n');
      if (booted) {
        sb.append("Buildkit:  ")
            .append(b.isDefault() ? DOCKER_BUILDKIT : CONTAINER_BUILDKIT)
            .append('\n');
        sb.append("Platforms: ")
            .append(b.isDefault() ? DOCKER_PLATFORMS : CONTAINER_PLATFORMS)
            .append('\n');
      }
      io.out(sb.toString());
      return 0;
    }

    /**
     * What booting a docker-container builder shows: BuildKit's image pulled and its container
     * created (the simulator records the boot; it runs no BuildKit container).
     */
    static String bootProgress(BuilderStore.Builder b) {
      return new BuildProgress().builder(null, null).boot(b.node()).tty(80);
    }
  }

  /**
   * {@code docker buildx build}. With the docker driver the daemon's own BuildKit builds, exactly
   * as {@code docker build} does (one platform; {@code --push} then pushes what it stored). On a
   * docker-container builder the BuildKit in its container builds ({@link
   * dev.ddlab.engine.BuildsApi#instance}): every platform asked for, one manifest list pushed with
   * {@code --push}, a single platform loaded into the daemon with {@code --load}, the build cache
   * only (with buildx's warning) without either. The first build boots the builder.
   */
  @Command(name = "build")
  @Docker(
      use = "[OPTIONS] PATH | URL | -",
      summary = "Start a build",
      aliases = "docker buildx build, docker buildx b",
      minArgs = 1,
      maxArgs = 1)
  static final class Build extends BuildCommands.Build {
    @Option(
        names = "--builder",
        paramLabel = "string",
        description = "Override the configured builder instance")
    String builder;

    @Option(names = "--push", description = "Shorthand for \"--output=type=registry\"")
    boolean push;

    @Option(names = "--load", description = "Shorthand for \"--output=type=docker\"")
    boolean load;

    @Option(
        names = "--provenance",
        paramLabel = "string",
        description = "Shorthand for \"--attest=type=provenance\"")
    String provenance;

    @Option(
        names = "--sbom",
        paramLabel = "string",
        description = "Shorthand for \"--attest=type=sbom\"")
    String sbom;

    @Option(
        names = "--attest",
        paramLabel = "stringArray",
        description = "Attestation parameters (format: \"type=sbom,generator=image\")")
    List<String> attest = new ArrayList<>();

    /**
     * The attestations, as buildx v0.11 makes them: {@code --attest} values, {@code --provenance}
     * and {@code --sbom} as their shorthands ({@code true}/{@code false} for enabled or disabled,
     * else attributes), each type once; a disabled type is left out; provenance {@code
     * mode=min,inline-only=true} unless mentioned or {@code BUILDX_NO_DEFAULT_ATTESTATIONS} is
     * true.
     */
    @Override
    protected Map<String, String> attests() {
      List<String> in = new ArrayList<>(attest);
      if (provenance != null && !provenance.isEmpty()) {
        in.add(canonical("provenance", provenance));
      }
      if (sbom != null && !sbom.isEmpty()) {
        in.add(canonical("sbom", sbom));
      }
      Map<String, String> out = new java.util.LinkedHashMap<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (String a : in) {
        String type = "";
        boolean disabled = false;
        for (String field : a.split(",")) {
          int eq = field.indexOf('=');
          if (eq < 0) {
            throw new CliException("ERROR: invalid value " + field, 1);
          }
          String key = field.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
          String value = field.substring(eq + 1);
          if (key.equals("type")) {
            type = value;
          } else if (key.equals("disabled")) {
            Boolean b = GoStrconv.parseBool(value);
            if (b == null) {
              throw new CliException(
                  "ERROR: invalid value "
                      + field
                      + ": strconv.ParseBool: parsing \""
                      + value
                      + "\": invalid syntax",
                  1);
            }
            disabled = b;
          }
        }
        if (type.isEmpty()) {
          throw new CliException("ERROR: attestation type not specified", 1);
        }
        if (!seen.add(type)) {
          throw new CliException("ERROR: duplicate attestation field " + type, 1);
        }
        if (!disabled) {
          out.put(type, a);
        }
      }
      if (!seen.contains("provenance")
          && !Boolean.TRUE.equals(
              GoStrconv.parseBool(io.environment().get("BUILDX_NO_DEFAULT_ATTESTATIONS")))) {
        out.put("provenance", "mode=min,inline-only=true");
      }
      return out;
    }

    /** buildflags.CanonicalizeAttest: a boolean enables or disables the type, else attributes. */
    private static String canonical(String type, String in) {
      Boolean b = GoStrconv.parseBool(in);
      return b != null ? "type=" + type + ",disabled=" + !b : "type=" + type + "," + in;
    }

    @Override
    public Integer call() {
      attests(); // buildx reads its options before anything else: their errors come first
      BuilderStore store = store(this, ctx, io.environment());
      BuilderStore.Builder b = named(store, builder);
      List<String> platforms = platforms();
      List<BuildOutput> outputs = new ArrayList<>();
      String names = String.join(",", tags);
      if (push) {
        outputs.add(BuildOutput.push(names));
      } else if (load) {
        outputs.add(BuildOutput.load(names));
      }
      if (b.isDefault()) {
        if (platforms.size() > 1 || !push) {
          return super.call(); // docker build, or its multi-platform refusal
        }
        return build(engine.builds(), outputs, b.name(), b.driver(), null);
      }
      if (load && platforms.size() > 1) {
        err("ERROR: docker exporter does not currently support exporting manifest lists");
        return 1;
      }
      if (outputs.isEmpty()) {
        io.err(
            "WARNING: No output specified with docker-container driver. Build result will only"
                + " remain in the build cache. To push result image into registry use --push or to"
                + " load image into docker use --load\n");
      }
      String booting = null; // the first build boots the builder, in the build's display
      if (!store.booted(b)) {
        store.activity(b, GoTime.rfc3339Nano(engine.system().nowNanos()));
        booting = b.node();
      }
      return build(engine.builds().instance(b.node()), outputs, b.name(), b.driver(), booting);
    }
  }
}
