package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.fs.Paths;

/**
 * moby's daemon/archive.go: GET and PUT /containers/{id}/archive (docker cp), through the
 * container's filesystem as its processes see it (mounts included). The tar streams are {@link
 * TarStreams}.
 */
final class Archive {
  private final Daemon daemon;

  Archive(Daemon daemon) {
    this.daemon = daemon;
  }

  byte[] get(String ref, String path) {
    Container c = daemon.get(ref);
    String p = Paths.normalize(path);
    checkDirectories(c, path, p);
    if (c.fs.lstat(p).isEmpty()) {
      throw notFound(ref, path);
    }
    return TarStreams.tar(c.fs, p);
  }

  void put(String ref, String path, byte[] tar) {
    Container c = daemon.get(ref);
    String p = Paths.normalize(path);
    checkDirectories(c, path, p);
    if (c.fs.stat(p).isEmpty()) {
      throw notFound(ref, path);
    }
    if (!c.fs.isDirectory(p)) {
      throw EngineException.badRequest("extraction point is not a directory");
    }
    TarStreams.untar(tar, c.fs, p);
  }

  /**
   * A path through a file ({@code /etc/hostname/x}, {@code /tmp/f.txt/}): lstat(2) of it under the
   * container's merged directory fails with ENOTDIR, which moby's statPath passes on as it is (not
   * a missing file), the path resolved as ResolvePath joins it (a trailing slash kept).
   */
  private static void checkDirectories(Container c, String given, String p) {
    boolean through =
        given.endsWith("/")
            && !p.equals("/")
            && c.fs.stat(p).filter(n -> !n.isDirectory()).isPresent();
    for (String dir = Paths.parent(p); !through && !dir.equals("/"); dir = Paths.parent(dir)) {
      through = c.fs.stat(dir).filter(n -> !n.isDirectory()).isPresent();
    }
    if (through) {
      throw new EngineException(
          500,
          "lstat /var/lib/docker/overlay2/"
              + c.graphId
              + "/merged"
              + p
              + (given.endsWith("/") && !p.equals("/") ? "/" : "")
              + ": not a directory");
    }
  }

  private static EngineException notFound(String ref, String path) {
    return EngineException.notFound("Could not find the file " + path + " in container " + ref);
  }
}
