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
    if (c.fs.lstat(p).isEmpty()) {
      throw notFound(ref, path);
    }
    return TarStreams.tar(c.fs, p);
  }

  void put(String ref, String path, byte[] tar) {
    Container c = daemon.get(ref);
    String p = Paths.normalize(path);
    if (c.fs.stat(p).isEmpty()) {
      throw notFound(ref, path);
    }
    if (!c.fs.isDirectory(p)) {
      throw EngineException.badRequest("extraction point is not a directory");
    }
    TarStreams.untar(tar, c.fs, p);
  }

  private static EngineException notFound(String ref, String path) {
    return EngineException.notFound("Could not find the file " + path + " in container " + ref);
  }
}
