package dev.ddlab.sim.image;

import dev.ddlab.fs.Content;
import dev.ddlab.sim.fs.LayerBuilder;

/**
 * The small but realistic file trees inside catalogue layers. Executables carry the name of the
 * simulated program they run: busybox applets are links to {@code /bin/busybox} (program "busybox",
 * which picks the applet from argv[0]); GNU tools are separate files named after themselves ("ls",
 * "cat", "ps" …); "bash", "dash", "nginx", "redis-server", "node", "python3", "go", "mongod",
 * "pwsh", "git-sync", "apk"; {@code docker-entrypoint.sh} scripts have program "docker-entrypoint",
 * which runs its arguments.
 */
final class Trees {
  private Trees() {}

  static final String[] BUSYBOX_BIN = {
    "arch",
    "ash",
    "base64",
    "bbconfig",
    "cat",
    "chgrp",
    "chmod",
    "chown",
    "cp",
    "date",
    "dd",
    "df",
    "dmesg",
    "dnsdomainname",
    "dumpkmap",
    "echo",
    "egrep",
    "false",
    "fatattr",
    "fdflush",
    "fgrep",
    "fsync",
    "getopt",
    "grep",
    "gunzip",
    "gzip",
    "hostname",
    "ionice",
    "iostat",
    "ipcalc",
    "kbd_mode",
    "kill",
    "link",
    "linux32",
    "linux64",
    "ln",
    "login",
    "ls",
    "lsattr",
    "lzop",
    "makemime",
    "mkdir",
    "mknod",
    "mktemp",
    "more",
    "mount",
    "mountpoint",
    "mpstat",
    "mv",
    "netstat",
    "nice",
    "pidof",
    "ping",
    "ping6",
    "pipe_progress",
    "printenv",
    "ps",
    "pwd",
    "reformime",
    "rev",
    "rm",
    "rmdir",
    "run-parts",
    "sed",
    "setpriv",
    "setserial",
    "sh",
    "sleep",
    "stat",
    "stty",
    "su",
    "sync",
    "tar",
    "touch",
    "true",
    "umount",
    "uname",
    "usleep",
    "watch",
    "zcat"
  };
  static final String[] BUSYBOX_USR_BIN = {
    "[",
    "[[",
    "awk",
    "basename",
    "bc",
    "beep",
    "blkdiscard",
    "bunzip2",
    "bzcat",
    "bzip2",
    "cal",
    "chvt",
    "cksum",
    "clear",
    "cmp",
    "comm",
    "cpio",
    "crontab",
    "cryptpw",
    "cut",
    "dc",
    "deallocvt",
    "diff",
    "dirname",
    "dos2unix",
    "du",
    "eject",
    "env",
    "expand",
    "expr",
    "factor",
    "fallocate",
    "find",
    "flock",
    "fold",
    "free",
    "fuser",
    "getent",
    "groups",
    "hd",
    "head",
    "hexdump",
    "hostid",
    "iconv",
    "id",
    "install",
    "ipcrm",
    "ipcs",
    "killall",
    "last",
    "less",
    "logger",
    "lsof",
    "lsusb",
    "md5sum",
    "microcom",
    "mkfifo",
    "mkpasswd",
    "nc",
    "nl",
    "nmeter",
    "nohup",
    "nproc",
    "nsenter",
    "nslookup",
    "od",
    "openvt",
    "paste",
    "pgrep",
    "pkill",
    "pmap",
    "printf",
    "pscan",
    "pstree",
    "pwdx",
    "readlink",
    "realpath",
    "renice",
    "reset",
    "resize",
    "seq",
    "setkeycodes",
    "setsid",
    "sha1sum",
    "sha256sum",
    "sha512sum",
    "showkey",
    "shred",
    "shuf",
    "sort",
    "split",
    "strings",
    "sum",
    "tac",
    "tail",
    "tee",
    "test",
    "time",
    "timeout",
    "top",
    "tr",
    "traceroute",
    "truncate",
    "tty",
    "unexpand",
    "uniq",
    "unix2dos",
    "unlink",
    "unshare",
    "unxz",
    "unzip",
    "uptime",
    "uudecode",
    "uuencode",
    "vi",
    "vlock",
    "volname",
    "wc",
    "wget",
    "which",
    "who",
    "whoami",
    "xargs",
    "xxd",
    "xzcat",
    "yes"
  };
  static final String[] BUSYBOX_SBIN = {
    "acpid",
    "adjtimex",
    "arp",
    "blkid",
    "blockdev",
    "depmod",
    "fbsplash",
    "fdisk",
    "findfs",
    "fsck",
    "fstrim",
    "getty",
    "halt",
    "hwclock",
    "ifconfig",
    "ifdown",
    "ifenslave",
    "ifup",
    "init",
    "insmod",
    "ip",
    "ipaddr",
    "iplink",
    "ipneigh",
    "iproute",
    "iprule",
    "iptunnel",
    "klogd",
    "loadkmap",
    "logread",
    "losetup",
    "lsmod",
    "mdev",
    "mkdosfs",
    "mkfs.vfat",
    "mkswap",
    "modinfo",
    "modprobe",
    "nameif",
    "nologin",
    "pivot_root",
    "poweroff",
    "raidautorun",
    "reboot",
    "rmmod",
    "route",
    "setconsole",
    "slattach",
    "swapoff",
    "swapon",
    "switch_root",
    "sysctl",
    "syslogd",
    "tunctl",
    "udhcpc",
    "vconfig",
    "watchdog"
  };
  static final String[] GNU_BIN = {
    "cat",
    "chgrp",
    "chmod",
    "chown",
    "cp",
    "date",
    "dd",
    "df",
    "dir",
    "echo",
    "false",
    "ln",
    "ls",
    "mkdir",
    "mknod",
    "mktemp",
    "mv",
    "pwd",
    "readlink",
    "rm",
    "rmdir",
    "sleep",
    "stty",
    "sync",
    "touch",
    "true",
    "uname",
    "basename",
    "cut",
    "dirname",
    "du",
    "env",
    "expr",
    "head",
    "id",
    "nohup",
    "printf",
    "seq",
    "sort",
    "tail",
    "tee",
    "test",
    "tr",
    "uniq",
    "wc",
    "whoami",
    "yes",
    "grep",
    "sed",
    "find",
    "xargs",
    "tar",
    "gzip",
    "hostname",
    "mount",
    "umount",
    "kill",
    "ps",
    "top",
    "free",
    "uptime",
    "pgrep",
    "pkill",
    "watch",
    "which",
    "clear",
    "more",
    "login",
    "su",
    "getent"
  };

  static String arch(Platform p) {
    return switch (p.architecture()) {
      case "amd64" -> "x86_64";
      case "arm64" -> "aarch64";
      case "arm" -> "armhf";
      case "386" -> "x86";
      default -> p.architecture();
    };
  }

  static String gnuTriplet(Platform p) {
    return switch (p.architecture()) {
      case "amd64" -> "x86_64-linux-gnu";
      case "arm64" -> "aarch64-linux-gnu";
      case "arm" -> "arm-linux-gnueabihf";
      case "386" -> "i386-linux-gnu";
      case "ppc64le" -> "powerpc64le-linux-gnu";
      case "s390x" -> "s390x-linux-gnu";
      case "mips64le" -> "mips64el-linux-gnuabi64";
      default -> p.architecture() + "-linux-gnu";
    };
  }

  static void skeleton(LayerBuilder b) {
    for (String d :
        new String[] {
          "/dev",
          "/home",
          "/media",
          "/mnt",
          "/opt",
          "/proc",
          "/run",
          "/srv",
          "/sys",
          "/usr/local/bin",
          "/usr/local/lib",
          "/usr/share",
          "/var/cache",
          "/var/lib",
          "/var/log",
          "/var/spool",
          "/var/opt",
          "/var/mail"
        }) {
      b.dir(d);
    }
    b.dir("/root", 0700).dir("/tmp", 01777).dir("/var/tmp", 01777);
  }

  /** Alpine's minirootfs: busybox with its applet links, musl, apk, /etc. */
  static void alpine(LayerBuilder b, String version, Platform p) {
    skeleton(b);
    b.binary("/bin/busybox", 808_712 / 8, "busybox");
    for (String a : BUSYBOX_BIN) {
      b.symlink("/bin/" + a, "/bin/busybox");
    }
    for (String a : BUSYBOX_USR_BIN) {
      b.symlink("/usr/bin/" + a, "/bin/busybox");
    }
    for (String a : BUSYBOX_SBIN) {
      b.symlink("/sbin/" + a, "/bin/busybox");
    }
    String musl = "ld-musl-" + arch(p) + ".so.1";
    b.binary("/lib/" + musl, 648_720 / 8, null)
        .symlink("/lib/libc.musl-" + arch(p) + ".so.1", musl)
        .blob("/lib/libz.so.1.3", 100_280 / 8)
        .symlink("/lib/libz.so.1", "libz.so.1.3")
        .blob("/lib/libcrypto.so.3", 4_243_120 / 64)
        .blob("/lib/libssl.so.3", 609_096 / 32)
        .binary("/sbin/apk", 69_728, "apk")
        .binary("/usr/bin/scanelf", 75_096, "scanelf")
        .binary("/usr/bin/ssl_client", 14_104, "ssl_client")
        .blob("/lib/apk/db/installed", 18_211)
        .file("/lib/apk/db/lock", "");
    String branch = "v" + version.substring(0, version.lastIndexOf('.'));
    b.file("/etc/alpine-release", version + "\n")
        .file(
            "/etc/os-release",
            "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID="
                + version
                + "\nPRETTY_NAME=\"Alpine Linux "
                + branch
                + "\"\nHOME_URL=\"https://alpinelinux.org/\"\n"
                + "BUG_REPORT_URL=\"https://gitlab.alpinelinux.org/alpine/aports/-/issues\"\n")
        .file("/etc/hostname", "localhost\n")
        .file(
            "/etc/hosts",
            "127.0.0.1\tlocalhost localhost.localdomain\n::1\t\tlocalhost localhost.localdomain\n")
        .file(
            "/etc/passwd",
            "root:x:0:0:root:/root:/bin/ash\nbin:x:1:1:bin:/bin:/sbin/nologin\n"
                + "daemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n")
        .file(
            "/etc/group",
            "root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nnogroup:x:65533:\nnobody:x:65534:\n")
        .file(
            "/etc/shadow",
            0640,
            Content.text("root:*::0:::::\nbin:!::0:::::\ndaemon:!::0:::::\nnobody:!::0:::::\n"),
            null)
        .file("/etc/shells", "# valid login shells\n/bin/sh\n/bin/ash\n")
        .file(
            "/etc/profile",
            "export PATH=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\nexport PAGER=less\numask 022\n")
        .file(
            "/etc/motd",
            "Welcome to Alpine!\n\nThe Alpine Wiki contains a large amount of how-to guides and general\ninformation about administrating Alpine systems.\nSee <https://wiki.alpinelinux.org/>.\n\nYou can setup the system with the command: setup-alpine\n\nYou may change this message by editing /etc/motd.\n\n")
        .file(
            "/etc/apk/repositories",
            "https://dl-cdn.alpinelinux.org/alpine/"
                + branch
                + "/main\nhttps://dl-cdn.alpinelinux.org/alpine/"
                + branch
                + "/community\n")
        .file("/etc/apk/world", "alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nlibc-utils\n")
        .file("/etc/apk/arch", arch(p) + "\n");
  }

  /** The busybox image: one static busybox and its links, a minimal /etc. */
  static void busybox(LayerBuilder b, String libc) {
    b.dir("/bin")
        .dir("/dev")
        .dir("/home")
        .dir("/root", 0700)
        .dir("/tmp", 01777)
        .dir("/usr/sbin")
        .dir("/var/spool/mail")
        .dir("/var/www")
        .dir("/etc/network");
    b.binary("/bin/busybox", libc.equals("glibc") ? 2_154_192 / 8 : 1_152_664 / 8, "busybox");
    for (String a : BUSYBOX_BIN) {
      b.symlink("/bin/" + a, "busybox");
    }
    for (String a : BUSYBOX_USR_BIN) {
      b.symlink("/bin/" + a, "busybox");
    }
    if (libc.equals("glibc")) {
      b.blob("/lib/libc.so.6", 1_922_136 / 32).blob("/lib/ld-linux-x86-64.so.2", 210_968 / 16);
    }
    b.file("/etc/hostname", "localhost\n")
        .file(
            "/etc/passwd",
            "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n")
        .file(
            "/etc/group",
            "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\nwheel:x:10:root\nmail:x:12:\nwww-data:x:33:\nusers:x:100:\nnogroup:x:65534:\n")
        .file(
            "/etc/shadow",
            0600,
            Content.text(
                "root::10933:0:99999:7:::\ndaemon:*:10933:0:99999:7:::\nbin:*:10933:0:99999:7:::\nnobody:*:10933:0:99999:7:::\n"),
            null)
        .file("/etc/localtime", "TZif2\n");
  }

  /** A Debian-family root (merged /usr): GNU tools as separate programs, bash and dash. */
  static void debianFamily(LayerBuilder b, String osRelease, String triplet, boolean procps) {
    skeleton(b);
    b.symlink("/bin", "usr/bin")
        .symlink("/sbin", "usr/sbin")
        .symlink("/lib", "usr/lib")
        .symlink("/lib64", "usr/lib64")
        .dir("/boot")
        .dir("/etc/apt/sources.list.d");
    b.binary("/usr/bin/bash", 1_396_520 / 16, "bash")
        .binary("/usr/bin/dash", 125_688 / 8, "dash")
        .symlink("/usr/bin/sh", "dash")
        .symlink("/usr/bin/rbash", "bash");
    int i = 0;
    for (String t : GNU_BIN) {
      boolean isProcps =
          t.equals("ps")
              || t.equals("top")
              || t.equals("free")
              || t.equals("uptime")
              || t.equals("pgrep")
              || t.equals("pkill")
              || t.equals("watch");
      if (isProcps && !procps) {
        continue;
      }
      b.binary("/usr/bin/" + t, 1_800 + (i++ * 977) % 9_000, t);
    }
    b.binary("/usr/bin/apt", 18_824, "apt")
        .binary("/usr/bin/apt-get", 51_512, "apt-get")
        .binary("/usr/bin/dpkg", 301_048 / 16, "dpkg")
        .binary("/usr/sbin/useradd", 141_296 / 2, "useradd")
        .binary("/usr/sbin/groupadd", 84_424 / 2, "groupadd")
        .blob("/usr/lib/" + triplet + "/libc.so.6", 2_216_304 / 32)
        .blob("/usr/lib/" + triplet + "/libm.so.6", 940_560 / 32)
        .blob("/usr/lib64/ld-linux-x86-64.so.2", 240_936 / 16)
        .blob("/var/lib/dpkg/status", 50_314)
        .file("/etc/os-release", osRelease)
        .file("/etc/hostname", "localhost\n")
        .file("/etc/hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n")
        .file(
            "/etc/passwd",
            "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nsync:x:4:65534:sync:/bin:/bin/sync\ngames:x:5:60:games:/usr/games:/usr/sbin/nologin\nman:x:6:12:man:/var/cache/man:/usr/sbin/nologin\nlp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin\nmail:x:8:8:mail:/var/mail:/usr/sbin/nologin\nnews:x:9:9:news:/var/spool/news:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n")
        .file(
            "/etc/group",
            "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nmail:x:8:\nwww-data:x:33:\nstaff:x:50:\nusers:x:100:\nnogroup:x:65534:\n")
        .file(
            "/etc/shadow",
            0640,
            Content.text(
                "root:*:19691:0:99999:7:::\ndaemon:*:19691:0:99999:7:::\nnobody:*:19691:0:99999:7:::\n"),
            null)
        .file(
            "/etc/shells",
            "# /etc/shells: valid login shells\n/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/rbash\n/usr/bin/rbash\n/usr/bin/sh\n/bin/dash\n/usr/bin/dash\n")
        .file(
            "/etc/bash.bashrc",
            "# System-wide .bashrc file for interactive bash(1) shells.\n[ -z \"$PS1\" ] && return\nshopt -s checkwinsize\n")
        .file("/root/.bashrc", "# ~/.bashrc: executed by bash(1) for non-login shells.\n")
        .file(
            "/root/.profile",
            "# ~/.profile: executed by Bourne-compatible login shells.\nif [ \"$BASH\" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\nmesg n 2> /dev/null || true\n");
  }

  static String ubuntuRelease(String version, String codename, String pretty) {
    return "PRETTY_NAME=\""
        + pretty
        + "\"\nNAME=\"Ubuntu\"\nVERSION_ID=\""
        + version
        + "\"\nVERSION=\""
        + pretty.substring(7)
        + " ("
        + codename.substring(0, 1).toUpperCase()
        + codename.substring(1)
        + ")\"\nVERSION_CODENAME="
        + codename
        + "\nID=ubuntu\nID_LIKE=debian\nHOME_URL=\"https://www.ubuntu.com/\"\n"
        + "SUPPORT_URL=\"https://help.ubuntu.com/\"\n"
        + "BUG_REPORT_URL=\"https://bugs.launchpad.net/ubuntu/\"\nUBUNTU_CODENAME="
        + codename
        + "\n";
  }

  static String debianRelease(String version, String codename) {
    return "PRETTY_NAME=\"Debian GNU/Linux "
        + version
        + " ("
        + codename
        + ")\"\nNAME=\"Debian GNU/Linux\"\n"
        + "VERSION_ID=\""
        + version
        + "\"\nVERSION=\""
        + version
        + " ("
        + codename
        + ")\"\n"
        + "VERSION_CODENAME="
        + codename
        + "\nID=debian\nHOME_URL=\"https://www.debian.org/\"\n"
        + "SUPPORT_URL=\"https://www.debian.org/support\"\nBUG_REPORT_URL=\"https://bugs.debian.org/\"\n";
  }

  static final String ENTRYPOINT_SCRIPT =
      "#!/bin/sh\nset -e\n\n# first arg is `-f` or `--some-option`\nif [ \"${1#-}\" != \"$1\" ]; then\n"
          + "\tset -- \"$CMD\" \"$@\"\nfi\n\nexec \"$@\"\n";

  /** A Node.js web app as the course's Dockerfiles build it into /src. */
  static void webApp(LayerBuilder b, String title, String version) {
    b.file(
            "/src/app.js",
            "// Sample node.js web app for Pluralsight Docker CI course\n"
                + "// For demonstration purposes only\n'use strict';\n\n"
                + "var express = require('express'),\n    app = express();\n\n"
                + "app.set('views', 'views');\napp.set('view engine', 'pug');\n\n"
                + "app.get('/', function(req, res) {\n    res.render('home', {\n    });\n});\n\n"
                + "app.listen(8080);\nmodule.exports.getApp = app;\n")
        .file(
            "/src/package.json",
            "{\n  \"name\": \""
                + title
                + "\",\n  \"private\": true,\n  \"version\": \""
                + version
                + "\",\n  \"description\": \"Web app for Docker Deep Dive book\",\n"
                + "  \"main\": \"app.js\",\n  \"author\": \"Nigel Poulton <nigelpoulton@hotmail.com>\",\n"
                + "  \"license\": \"Apache-2.0\",\n  \"dependencies\": {\n    \"express\": \"4.18.2\",\n"
                + "    \"pug\": \"3.0.2\"\n  }\n}\n")
        .file(
            "/src/views/home.pug",
            "html\n  head\n    title='Docker FTW'\n  body\n    h1 Docker FTW!\n    p "
                + title
                + " "
                + version
                + "\n")
        .file(
            "/src/README.md",
            "# " + title + "\n\nSimple web app used in the Docker Deep Dive book.\n")
        .file(
            "/src/Dockerfile",
            "FROM alpine\nLABEL maintainer=\"nigelpoulton@hotmail.com\"\nRUN apk add --update nodejs npm\n"
                + "COPY . /src\nWORKDIR /src\nRUN npm install\nEXPOSE 8080\nENTRYPOINT [\"node\", \"./app.js\"]\n");
  }
}
