package dev.ddlab.bridge.dockerd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A minimal root filesystem built around Debian's static busybox: /bin/busybox with one symlink per
 * applet, /etc/passwd, group, hosts and the usual empty directories. Imported into the private
 * daemon it stands in for the course's small images while no registry is reachable.
 */
public final class BusyboxRootfs {
  private BusyboxRootfs() {}

  /**
   * The rootfs as a tar archive.
   *
   * @param busybox the static busybox binary
   * @param applets the applet names it provides ({@code busybox --list})
   */
  public static byte[] tar(Path busybox, List<String> applets) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String dir :
          List.of(
              "bin",
              "sbin",
              "usr",
              "usr/bin",
              "usr/sbin",
              "etc",
              "root",
              "tmp",
              "var",
              "home",
              "proc",
              "sys",
              "dev",
              "run",
              "var/log",
              "var/tmp")) {
        TarArchiveEntry e = new TarArchiveEntry(dir + "/");
        e.setMode(dir.equals("tmp") || dir.equals("var/tmp") ? 01777 : 0755);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
      }
      byte[] binary = Files.readAllBytes(busybox);
      TarArchiveEntry bin = new TarArchiveEntry("bin/busybox");
      bin.setMode(0755);
      bin.setSize(binary.length);
      tar.putArchiveEntry(bin);
      tar.write(binary);
      tar.closeArchiveEntry();
      for (String applet : applets) {
        if (applet.isBlank() || applet.equals("busybox")) {
          continue;
        }
        TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("busybox");
        link.setMode(0777);
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }
      file(
          tar,
          "etc/passwd",
          "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
      file(tar, "etc/group", "root:x:0:\nnogroup:x:65534:\n");
      file(tar, "etc/hosts", "127.0.0.1\tlocalhost\n");
      file(tar, "etc/os-release", "NAME=\"BusyBox (ddlab offline image)\"\nID=busybox\n");
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void file(TarArchiveOutputStream tar, String name, String text)
      throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(0644);
    e.setSize(b.length);
    tar.putArchiveEntry(e);
    tar.write(b);
    tar.closeArchiveEntry();
  }
}
