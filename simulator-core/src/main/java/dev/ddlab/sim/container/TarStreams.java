package dev.ddlab.sim.container;

import dev.ddlab.engine.EngineException;
import dev.ddlab.fs.Content;
import dev.ddlab.fs.Entry;
import dev.ddlab.fs.FileNode;
import dev.ddlab.fs.FileSystem;
import dev.ddlab.fs.FsException;
import dev.ddlab.fs.Paths;
import dev.ddlab.sim.fs.TarCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar streams of GET/PUT /containers/{id}/archive (docker cp), as moby's pkg/archive writes and
 * reads them.
 */
final class TarStreams {
  private TarStreams() {}

  /** A tar holding {@code path} under its base name, recursively. */
  static byte[] tar(FileSystem fs, String path) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      add(fs, path, path.equals("/") ? "" : Paths.name(path), out);
    } catch (IOException e) {
      throw EngineException.serverError(e.getMessage());
    }
    return bytes.toByteArray();
  }

  private static void add(FileSystem fs, String path, String name, TarArchiveOutputStream out)
      throws IOException {
    FileNode n = fs.lstat(path).orElseThrow();
    TarArchiveEntry e;
    switch (n.kind()) {
      case DIRECTORY -> {
        if (!name.isEmpty()) {
          e = new TarArchiveEntry(name + "/");
          fill(e, n);
          out.putArchiveEntry(e);
          out.closeArchiveEntry();
        }
        for (String child : fs.list(path)) {
          add(
              fs,
              Paths.normalize(path + "/" + child),
              name.isEmpty() ? child : name + "/" + child,
              out);
        }
      }
      case SYMLINK -> {
        e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(n.linkTarget());
        fill(e, n);
        out.putArchiveEntry(e);
        out.closeArchiveEntry();
      }
      case FILE -> {
        byte[] data = fs.read(path);
        e = new TarArchiveEntry(name);
        fill(e, n);
        e.setSize(data.length);
        out.putArchiveEntry(e);
        out.write(data);
        out.closeArchiveEntry();
      }
    }
  }

  private static void fill(TarArchiveEntry e, FileNode n) {
    e.setMode((n.isDirectory() ? 040000 : n.isSymlink() ? 0120000 : 0100000) | (n.mode() & 07777));
    e.setModTime(new Date(n.mtimeNanos() / 1_000_000L));
    e.setIds(n.uid(), n.gid());
    e.setUserName(n.uid() == 0 ? "root" : "");
    e.setGroupName(n.gid() == 0 ? "root" : "");
  }

  /** Extracts a tar into directory {@code dir}. */
  static void untar(byte[] tar, FileSystem fs, String dir) {
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        String target = Paths.normalize(dir + "/" + e.getName());
        if (e.isDirectory()) {
          fs.mkdir(target, true);
          fs.chmod(target, e.getMode() & 07777);
        } else if (e.isSymbolicLink()) {
          if (fs.lstat(target).isPresent()) {
            fs.remove(target, true);
          }
          fs.symlink(e.getLinkName(), target);
        } else {
          fs.mkdir(Paths.parent(target), true);
          byte[] data = in.readAllBytes();
          int mode = e.getMode() & 07777;
          // an executable keeps the program its bytes are, as the image layers' files do
          String program = TarCodec.program(data, mode, Paths.name(target));
          if (program == null || !install(fs, target, data, mode, program, e)) {
            fs.write(target, data, false);
            fs.chmod(target, mode);
          }
        }
      }
    } catch (IOException e) {
      throw EngineException.badRequest("Error processing tar file(" + e.getMessage() + ")");
    }
  }

  /** Installs an executable with its program; false where the filesystem holds no such entry. */
  private static boolean install(
      FileSystem fs, String target, byte[] data, int mode, String program, TarArchiveEntry e) {
    if (fs.readOnly()) {
      return false;
    }
    try {
      long mtime = e.getModTime().getTime() * 1_000_000L;
      fs.install(target, Entry.file(mode, Content.of(data), program, mtime));
      return true;
    } catch (FsException ex) {
      return false;
    }
  }
}
