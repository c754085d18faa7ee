package dev.ddlab.sim.host;

import dev.ddlab.engine.dto.ContainerConfig;
import dev.ddlab.sim.fs.ContainerRootFs;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.fs.UnionFs;
import dev.ddlab.sim.image.LocalImage;
import dev.ddlab.sim.image.LocalImages;
import dev.ddlab.sim.runtime.Proc;
import dev.ddlab.sim.runtime.Program;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tiny image store for the container tests: "alpine" (busybox applets) and "nginx", built from
 * real layers and union filesystems, so the tests do not depend on the image subsystem's catalogue.
 */
final class TestImages implements LocalImages {
  private final Map<String, Img> images = new LinkedHashMap<>();
  private final java.util.function.LongSupplier clock;

  record Img(String id, List<String> repoTags, ContainerConfig config, Layer layer)
      implements LocalImage {
    @Override
    public String os() {
      return "linux";
    }

    @Override
    public String architecture() {
      return "amd64";
    }

    @Override
    public long size() {
      return layer.size();
    }
  }

  TestImages(java.util.function.LongSupplier clock) {
    this.clock = clock;
    Layer alpine =
        Layer.builder(0)
            .dir("/bin")
            .binary("/bin/busybox", 800_000, "busybox")
            .symlink("/bin/sh", "/bin/busybox")
            .symlink("/bin/sleep", "/bin/busybox")
            .symlink("/bin/true", "/bin/busybox")
            .symlink("/bin/false", "/bin/busybox")
            .symlink("/bin/echo", "/bin/busybox")
            .symlink("/bin/cat", "/bin/busybox")
            .dir("/etc")
            .file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
            .dir("/tmp")
            .dir("/usr/sbin")
            .symlink("/usr/sbin/httpd", "/bin/busybox")
            .build();
    add(
        "alpine:latest",
        "sha256:" + "a".repeat(63) + "1",
        config("alpine:latest", List.of("/bin/sh"), null),
        alpine);
    Layer nginx =
        Layer.builder(0)
            .dir("/bin")
            .binary("/bin/busybox", 800_000, "busybox")
            .symlink("/bin/sh", "/bin/busybox")
            .dir("/usr/sbin")
            .binary("/usr/sbin/nginx", 1_200_000, "nginx")
            .dir("/usr/share/nginx/html")
            .file("/usr/share/nginx/html/index.html", "<h1>hello from nginx</h1>\n")
            .build();
    ContainerConfig n =
        config("nginx:latest", List.of("nginx", "-g", "daemon off;"), Map.of("80/tcp", Map.of()));
    n =
        new ContainerConfig(
            n.hostname(),
            n.domainname(),
            n.user(),
            false,
            false,
            false,
            n.exposedPorts(),
            false,
            false,
            false,
            n.env(),
            n.cmd(),
            null,
            n.image(),
            null,
            "",
            null,
            null,
            null,
            "SIGQUIT",
            null);
    add("nginx:latest", "sha256:" + "b".repeat(63) + "2", n, nginx);
  }

  private static ContainerConfig config(
      String image, List<String> cmd, Map<String, Map<String, Object>> ports) {
    return new ContainerConfig(
        "",
        "",
        "",
        false,
        false,
        false,
        ports,
        false,
        false,
        false,
        List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        cmd,
        null,
        image,
        null,
        "",
        null,
        null,
        null,
        null,
        null);
  }

  private long version;

  @Override
  public long version() {
    return version;
  }

  private void add(String tag, String id, ContainerConfig config, Layer layer) {
    images.put(tag, new Img(id, List.of(tag), config, layer));
    version++;
  }

  @Override
  public Optional<LocalImage> find(String ref) {
    String key = ref.contains(":") ? ref : ref + ":latest";
    Img i = images.get(key);
    if (i == null) {
      for (Img x : images.values()) {
        if (x.id().equals(ref) || x.id().substring(7).startsWith(ref)) {
          return Optional.of(x);
        }
      }
    }
    return Optional.ofNullable(i);
  }

  @Override
  public ContainerRootFs newRootFs(LocalImage image) {
    Img i = (Img) image;
    return new UnionFs(List.of(i.layer()), i.size(), clock);
  }

  /** busybox echo for exec tests. */
  static final class Echo implements Program {
    @Override
    public void start(Proc proc) {
      proc.out(String.join(" ", proc.argv().subList(1, proc.argv().size())) + "\n");
      proc.exit(0);
    }
  }

  /** A cluster of one node using these images and the echo applet. */
  static Cluster cluster(long seed) {
    Cluster c =
        Cluster.builder(seed)
            .images(node -> new ImageBackend(new TestImages(node.clock()::nowNanos), null))
            .programs(r -> r.register("echo", Echo::new))
            .build();
    c.addNode();
    return c;
  }
}
