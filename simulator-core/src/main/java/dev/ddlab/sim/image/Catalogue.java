package dev.ddlab.sim.image;

import dev.ddlab.engine.dto.SearchResult;
import dev.ddlab.fs.Content;
import dev.ddlab.sim.fs.LayerBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every image the course uses, as recipes that build it layer by layer (see {@link ImageBuild}):
 * names, tags, platforms, layer counts and sizes, configs and history modelled on the real images
 * of late 2023. Built images are pure functions of the recipe, so they are cached for the JVM and
 * shared by every registry and node.
 */
final class Catalogue {
  static final Platform AMD64 = Platform.LINUX_AMD64;
  static final Platform ARM64 = new Platform("linux", "arm64", "v8", null);
  static final Platform ARMV7 = new Platform("linux", "arm", "v7", null);
  static final Platform ARMV6 = new Platform("linux", "arm", "v6", null);
  static final Platform I386 = new Platform("linux", "386", null, null);
  static final Platform PPC64LE = new Platform("linux", "ppc64le", null, null);
  static final Platform S390X = new Platform("linux", "s390x", null, null);
  static final Platform MIPS64LE = new Platform("linux", "mips64le", null, null);
  static final Platform WIN_2022 = new Platform("windows", "amd64", null, "10.0.20348.1726");
  static final Platform WIN_2019 = new Platform("windows", "amd64", null, "10.0.17763.4377");

  static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** One tag of a repository: its platforms (one means a plain manifest) and its recipe. */
  record TagSpec(List<Platform> platforms, Function<Platform, Image> recipe) {
    boolean isList() {
      return platforms.size() > 1;
    }
  }

  private static final Map<String, Map<String, TagSpec>> REPOS = new LinkedHashMap<>();
  private static final Map<String, Image> BUILT = new HashMap<>();

  static {
    List<Platform> alpinePlatforms = List.of(AMD64, ARMV6, ARMV7, ARM64, I386, PPC64LE, S390X);
    String[][] alpines = {
      {"3.19", "3.19.0", "1701987600", "7377913"},
      {"3.18", "3.18.5", "1701302400", "7334910"},
      {"3.17", "3.17.6", "1701302400", "7062592"},
      {"3.16", "3.16.8", "1701302400", "5541371"},
    };
    for (String[] a : alpines) {
      TagSpec spec =
          new TagSpec(
              alpinePlatforms,
              p ->
                  new ImageBuild(p, false)
                      .at(Long.parseLong(a[2]))
                      .add(Long.parseLong(a[3]), b -> Trees.alpine(b, a[1], p))
                      .cmd("/bin/sh")
                      .build());
      repo("alpine", a[0], spec);
      repo("alpine", a[1], spec);
      if (a[0].equals("3.19")) {
        repo("alpine", "latest", spec);
      }
    }

    List<Platform> ubuntuPlatforms = List.of(AMD64, ARMV7, ARM64, PPC64LE, S390X);
    TagSpec jammy =
        new TagSpec(
            ubuntuPlatforms,
            p ->
                new ImageBuild(p, false)
                    .at(1702339200)
                    .meta("ARG RELEASE")
                    .meta("ARG LAUNCHPAD_BUILD_ARCH")
                    .label("org.opencontainers.image.ref.name", "ubuntu")
                    .label("org.opencontainers.image.version", "22.04")
                    .add(
                        77_822_976,
                        b ->
                            Trees.debianFamily(
                                b,
                                Trees.ubuntuRelease("22.04", "jammy", "Ubuntu 22.04.3 LTS"),
                                Trees.gnuTriplet(p),
                                true))
                    .cmd("/bin/bash")
                    .build());
    repo("ubuntu", "latest", jammy);
    repo("ubuntu", "22.04", jammy);
    repo("ubuntu", "jammy", jammy);

    List<Platform> bbPlatforms = List.of(AMD64, ARMV6, ARMV7, ARM64, I386, PPC64LE, S390X);
    TagSpec bbMusl =
        new TagSpec(
            bbPlatforms,
            p ->
                new ImageBuild(p, false)
                    .at(1689638400)
                    .add(4_261_550, b -> Trees.busybox(b, "uclibc"))
                    .cmd("sh")
                    .build());
    repo("busybox", "latest", bbMusl);
    repo("busybox", "1.36", bbMusl);
    repo("busybox", "1.36.1", bbMusl);
    repo(
        "busybox",
        "glibc",
        new TagSpec(
            List.of(AMD64, ARM64, ARMV7),
            p ->
                new ImageBuild(p, false)
                    .at(1689638400)
                    .add(4_270_124, b -> Trees.busybox(b, "glibc"))
                    .cmd("sh")
                    .build()));

    repo(
        "debian",
        "bookworm-slim",
        new TagSpec(List.of(AMD64, ARM64, ARMV7), Catalogue::bookwormSlim));
    repo("debian", "bookworm", new TagSpec(List.of(AMD64, ARM64, ARMV7), Catalogue::bookworm));

    TagSpec nginx =
        new TagSpec(List.of(AMD64, ARM64, ARMV7, I386, PPC64LE, S390X), Catalogue::nginx);
    repo("nginx", "latest", nginx);
    repo("nginx", "1.25", nginx);
    repo("nginx", "1.25.3", nginx);
    repo("nginx", "alpine", new TagSpec(List.of(AMD64, ARM64), Catalogue::nginxAlpine));

    TagSpec redis = new TagSpec(List.of(AMD64, ARM64, ARMV7), Catalogue::redis);
    repo("redis", "latest", redis);
    repo("redis", "7.2", redis);
    repo("redis", "7.2.3", redis);
    repo("redis", "alpine", new TagSpec(List.of(AMD64, ARM64, ARMV7), Catalogue::redisAlpine));

    repo("mongo", "4.2.24", new TagSpec(List.of(AMD64, ARM64), Catalogue::mongo));

    TagSpec golang =
        new TagSpec(
            List.of(AMD64, ARMV7, ARM64, I386, MIPS64LE, PPC64LE, S390X, WIN_2022, WIN_2019),
            Catalogue::golang);
    repo("golang", "latest", golang);
    repo("golang", "1.20", golang);
    repo("golang", "1.20.4", golang);
    repo(
        "golang",
        "1.20-alpine",
        new TagSpec(
            List.of(AMD64, ARMV6, ARMV7, ARM64, I386, PPC64LE, S390X), Catalogue::golangAlpine));

    TagSpec python = new TagSpec(List.of(AMD64, ARM64, ARMV7), Catalogue::pythonAlpine);
    repo("python", "alpine", python);
    repo("python", "3.12-alpine", python);

    TagSpec node = new TagSpec(List.of(AMD64, ARM64, ARMV7, PPC64LE, S390X), Catalogue::node);
    repo("node", "latest", node);
    repo("node", "21", node);

    REPOS
        .computeIfAbsent("mcr.microsoft.com/powershell", k -> new TreeMap<>())
        .put("latest", new TagSpec(List.of(AMD64, WIN_2019), Catalogue::powershell));
    REPOS
        .computeIfAbsent("gcr.io/google-containers/git-sync", k -> new TreeMap<>())
        .put("v3.1.5", new TagSpec(List.of(AMD64), Catalogue::gitSync));

    TagSpec tuV1 =
        new TagSpec(
            List.of(AMD64), p -> webApp(p, "3.16", 1701734400, "tu-demo", "1.0.0", 2021, false));
    TagSpec tuV2 =
        new TagSpec(
            List.of(AMD64), p -> webApp(p, "3.16", 1702339200, "tu-demo", "2.0.0", 2022, false));
    user("nigelpoulton/tu-demo", "v1", tuV1);
    user("nigelpoulton/tu-demo", "v2", tuV2);
    user("nigelpoulton/tu-demo", "latest", tuV2);
    user(
        "nigelpoulton/ddd-book",
        "web0.1",
        new TagSpec(
            List.of(AMD64, ARM64),
            p -> webApp(p, "3.18", 1701475200, "ddd-book", "0.1.0", 2023, true)));
    user(
        "nigelpoulton/ddd-book",
        "web0.2",
        new TagSpec(
            List.of(AMD64, ARM64),
            p -> webApp(p, "3.18", 1701561600, "ddd-book", "0.2.0", 2023, true)));
    user(
        "nigelpoulton/pluralsight-docker-ci",
        "latest",
        new TagSpec(
            List.of(AMD64),
            p -> webApp(p, "3.17", 1701388800, "pluralsight-docker-ci", "1.0.0", 2020, false)));
  }

  private static void repo(String official, String tag, TagSpec spec) {
    REPOS.computeIfAbsent("docker.io/library/" + official, k -> new TreeMap<>()).put(tag, spec);
  }

  private static void user(String path, String tag, TagSpec spec) {
    REPOS.computeIfAbsent("docker.io/" + path, k -> new TreeMap<>()).put(tag, spec);
  }

  /** The tags of a repository ("docker.io/library/alpine"), sorted; empty when unknown. */
  static Map<String, TagSpec> tags(String repoName) {
    Map<String, TagSpec> t = REPOS.get(repoName);
    return t == null ? Map.of() : Collections.unmodifiableMap(t);
  }

  /** Every repository the catalogue serves, in the order it was declared. */
  static List<String> repositories() {
    return List.copyOf(REPOS.keySet());
  }

  static boolean hasRegistry(String domain) {
    return domain.equals("docker.io")
        || domain.equals("gcr.io")
        || domain.equals("mcr.microsoft.com")
        || domain.equals("ghcr.io")
        || domain.equals("quay.io");
  }

  /** The image of repo:tag for a platform the tag has (built once per JVM). */
  static synchronized Image image(String repoName, String tag, Platform p) {
    String key = repoName + ":" + tag + "@" + p + "/" + p.osVersion();
    Image img = BUILT.get(key);
    if (img == null) {
      img = REPOS.get(repoName).get(tag).recipe().apply(p);
      BUILT.put(key, img);
    }
    return img;
  }

  private static Image official(String repo, String tag, Platform p) {
    return image("docker.io/library/" + repo, tag, p);
  }

  // ---- recipes -------------------------------------------------------------------------------

  private static Image bookwormSlim(Platform p) {
    return new ImageBuild(p, false)
        .at(1702339200)
        .add(
            29_150_040,
            b ->
                Trees.debianFamily(
                    b, Trees.debianRelease("12", "bookworm"), Trees.gnuTriplet(p), false))
        .cmd("bash")
        .build();
  }

  private static Image bookworm(Platform p) {
    return new ImageBuild(p, false)
        .at(1702339200)
        .add(
            116_537_330,
            b -> {
              Trees.debianFamily(
                  b, Trees.debianRelease("12", "bookworm"), Trees.gnuTriplet(p), true);
              b.blob("/usr/share/doc/README", 4_000);
            })
        .cmd("bash")
        .build();
  }

  private static ImageBuild from(Image base, Platform p, long at) {
    return new ImageBuild(p, false).from(base).at(at);
  }

  private static Image nginx(Platform p) {
    Image base = official("debian", "bookworm-slim", p);
    return from(base, p, 1702944000)
        .label("maintainer", "NGINX Docker Maintainers <docker-maint@nginx.com>")
        .env("NGINX_VERSION", "1.25.3")
        .env("NJS_VERSION", "0.8.2")
        .env("PKG_RELEASE", "1~bookworm")
        .run(
            "set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx"
                + " --no-create-home --home /nonexistent --comment \"nginx user\" --shell /bin/false"
                + " --uid 101 nginx     && apt-get update     && apt-get install"
                + " --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates  "
                + "   && apt-get install --no-install-recommends --no-install-suggests -y"
                + " $nginxPackages gettext-base curl     && rm -rf /var/lib/apt/lists/*",
            157_952_000,
            b ->
                b.binary("/usr/sbin/nginx", 1_437_944 / 16, "nginx")
                    .file(
                        "/usr/share/nginx/html/index.html",
                        "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\n"
                            + "html { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\n"
                            + "font-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n"
                            + "<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web"
                            + " server is successfully installed and\nworking. Further configuration is"
                            + " required.</p>\n\n<p>For online documentation and support please refer to\n"
                            + "<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is"
                            + " available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n"
                            + "<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n")
                    .file(
                        "/usr/share/nginx/html/50x.html",
                        "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n")
                    .file(
                        "/etc/nginx/nginx.conf",
                        "\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\n"
                            + "pid        /var/run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n}\n\n\n"
                            + "http {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n"
                            + "    sendfile        on;\n    keepalive_timeout  65;\n    include /etc/nginx/conf.d/*.conf;\n}\n")
                    .file(
                        "/etc/nginx/conf.d/default.conf",
                        "server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n"
                            + "    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n")
                    .symlink("/var/log/nginx/access.log", "/dev/stdout")
                    .symlink("/var/log/nginx/error.log", "/dev/stderr")
                    .dir("/var/cache/nginx"))
        .copyEntrypoint("/", 1_620)
        .copy(
            "10-listen-on-ipv6-by-default.sh",
            "/docker-entrypoint.d",
            2_125,
            b ->
                b.file(
                    "/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
                    0775,
                    Content.text("#!/bin/sh\n# vim:sw=4:ts=4:et\nset -e\nexit 0\n"),
                    null))
        .copy(
            "15-local-resolvers.envsh",
            "/docker-entrypoint.d",
            336,
            b ->
                b.file(
                    "/docker-entrypoint.d/15-local-resolvers.envsh",
                    0775,
                    Content.text("#!/bin/sh\n# vim:sw=2:ts=2:sts=2:et\nset -eu\n"),
                    null))
        .copy(
            "20-envsubst-on-templates.sh",
            "/docker-entrypoint.d",
            3_018,
            b ->
                b.file(
                    "/docker-entrypoint.d/20-envsubst-on-templates.sh",
                    0775,
                    Content.text("#!/bin/sh\nset -e\nexit 0\n"),
                    null))
        .copy(
            "30-tune-worker-processes.sh",
            "/docker-entrypoint.d",
            4_619,
            b ->
                b.file(
                    "/docker-entrypoint.d/30-tune-worker-processes.sh",
                    0775,
                    Content.text("#!/bin/sh\nset -eu\nexit 0\n"),
                    null))
        .entrypoint("/docker-entrypoint.sh")
        .expose("80")
        .stopSignal("SIGQUIT")
        .cmd("nginx", "-g", "daemon off;")
        .build();
  }

  private static Image nginxAlpine(Platform p) {
    Image base = official("alpine", "3.18", p);
    return from(base, p, 1702944000)
        .label("maintainer", "NGINX Docker Maintainers <docker-maint@nginx.com>")
        .env("NGINX_VERSION", "1.25.3")
        .run(
            "set -x && addgroup -g 101 -S nginx && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx && apk add --no-cache nginx",
            33_512_000,
            b ->
                b.binary("/usr/sbin/nginx", 1_320_000 / 16, "nginx")
                    .file(
                        "/usr/share/nginx/html/index.html",
                        "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n"))
        .copyEntrypoint("/", 1_620)
        .entrypoint("/docker-entrypoint.sh")
        .expose("80")
        .stopSignal("SIGQUIT")
        .cmd("nginx", "-g", "daemon off;")
        .build();
  }

  private static Image redis(Platform p) {
    Image base = official("debian", "bookworm-slim", p);
    return from(base, p, 1703030400)
        .run(
            "set -eux; \tgroupadd -r -g 999 redis; \tuseradd -r -g redis -u 999 redis",
            4_218,
            b -> b.file("/etc/passwd.redis", "redis:x:999:999::/home/redis:/bin/sh\n"))
        .env("GOSU_VERSION", "1.17")
        .run(
            "set -eux; \tsavedAptMark=\"$(apt-mark showmanual)\"; \tapt-get update; \tapt-get install -y --no-install-recommends ca-certificates wget; \twget -O /usr/local/bin/gosu \"https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch\"; \tchmod +x /usr/local/bin/gosu; \tgosu --version",
            4_130_000,
            b -> b.binary("/usr/local/bin/gosu", 2_347_008 / 32, "gosu"))
        .env("REDIS_VERSION", "7.2.3")
        .env("REDIS_DOWNLOAD_URL", "http://download.redis.io/releases/redis-7.2.3.tar.gz")
        .run(
            "set -eux; \t\tsavedAptMark=\"$(apt-mark showmanual)\"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\twget \t\t\t\tdpkg-dev \t\tgcc \t\tlibc6-dev \t\tlibssl-dev \t\tmake \t; \t\twget -O redis.tar.gz \"$REDIS_DOWNLOAD_URL\"; \tmake -C /usr/src/redis -j \"$(nproc)\" all; \tmake -C /usr/src/redis install; \tredis-cli --version; \tredis-server --version",
            30_610_000,
            b ->
                b.binary("/usr/local/bin/redis-server", 10_924_184 / 64, "redis-server")
                    .binary("/usr/local/bin/redis-cli", 5_573_312 / 64, "redis-cli")
                    .symlink("/usr/local/bin/redis-sentinel", "redis-server")
                    .symlink("/usr/local/bin/redis-check-aof", "redis-server")
                    .symlink("/usr/local/bin/redis-check-rdb", "redis-server"))
        .run("mkdir /data && chown redis:redis /data", 0, b -> b.dir("/data"))
        .volume("/data")
        .workdir("/data")
        .copyEntrypoint("/usr/local/bin/", 661)
        .entrypoint("docker-entrypoint.sh")
        .expose("6379")
        .cmd("redis-server")
        .build();
  }

  private static Image redisAlpine(Platform p) {
    Image base = official("alpine", "3.19", p);
    return from(base, p, 1703030400)
        .run(
            "set -eux; \taddgroup -S -g 1000 redis; \tadduser -S -G redis -u 999 redis",
            1_180,
            b ->
                b.file(
                    "/etc/passwd.redis",
                    "redis:x:999:1000:Linux User,,,:/home/redis:/sbin/nologin\n"))
        .run(
            "apk add --no-cache \t\t'su-exec>=0.2' \t\ttzdata",
            1_520_000,
            b -> b.binary("/sbin/su-exec", 10_048, "su-exec").blob("/usr/share/zoneinfo/UTC", 114))
        .env("REDIS_VERSION", "7.2.3")
        .run(
            "set -eux; \t\tapk add --no-cache --virtual .build-deps \t\tcoreutils \t\tdpkg-dev dpkg \t\tgcc \t\tlinux-headers \t\tmake \t\tmusl-dev \t\topenssl-dev \t; \tmake -C /usr/src/redis -j \"$(nproc)\" all; \tmake -C /usr/src/redis install; \tapk del --no-network .build-deps; \tredis-server --version",
            30_000_000,
            b ->
                b.binary("/usr/local/bin/redis-server", 10_100_000 / 64, "redis-server")
                    .binary("/usr/local/bin/redis-cli", 5_400_000 / 64, "redis-cli"))
        .run("mkdir /data && chown redis:redis /data", 0, b -> b.dir("/data"))
        .volume("/data")
        .workdir("/data")
        .copyEntrypoint("/usr/local/bin/", 661)
        .entrypoint("docker-entrypoint.sh")
        .expose("6379")
        .cmd("redis-server")
        .build();
  }

  private static Image mongo(Platform p) {
    ImageBuild b0 =
        new ImageBuild(p, false)
            .at(1682121600)
            .meta("ARG RELEASE")
            .meta("ARG LAUNCHPAD_BUILD_ARCH")
            .label("org.opencontainers.image.ref.name", "ubuntu")
            .label("org.opencontainers.image.version", "18.04")
            .add(
                63_151_104,
                b ->
                    Trees.debianFamily(
                        b,
                        Trees.ubuntuRelease("18.04", "bionic", "Ubuntu 18.04.6 LTS"),
                        Trees.gnuTriplet(p),
                        true))
            .cmd("/bin/bash");
    return b0.at(1682208000)
        .run(
            "set -eux; \tgroupadd --gid 999 --system mongodb; \tuseradd --uid 999 --system --gid mongodb --home-dir /data/db mongodb; \tmkdir -p /data/db /data/configdb; \tchown -R mongodb:mongodb /data/db /data/configdb",
            3_412,
            b -> b.dir("/data/db").dir("/data/configdb"))
        .run(
            "set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tjq \t\tnumactl \t; \tif ! command -v ps > /dev/null; then \t\tapt-get install -y --no-install-recommends procps; \tfi; \trm -rf /var/lib/apt/lists/*",
            8_090_000,
            b ->
                b.binary("/usr/bin/jq", 31_296, "jq").binary("/usr/bin/numactl", 51_000, "numactl"))
        .env("GOSU_VERSION", "1.16")
        .env("JSYAML_VERSION", "3.13.1")
        .run(
            "set -ex; \t\tsavedAptMark=\"$(apt-mark showmanual)\"; \tapt-get update; \tapt-get install -y --no-install-recommends \t\twget \t; \twget -O /usr/local/bin/gosu \"https://github.com/tianon/gosu/releases/download/$GOSU_VERSION/gosu-$dpkgArch\"; \tchmod +x /usr/local/bin/gosu; \tgosu --version",
            6_160_000,
            b ->
                b.binary("/usr/local/bin/gosu", 2_300_000 / 32, "gosu")
                    .blob("/js-yaml.js", 103_629))
        .run("mkdir /docker-entrypoint-initdb.d", 0, b -> b.dir("/docker-entrypoint-initdb.d"))
        .run(
            "set -ex; \texport GNUPGHOME=\"$(mktemp -d)\"; \tset -- 'E162F504A20CDF15827F718D4B7C549A058F8B6B'; \tfor key; do \t\tgpg --batch --keyserver keyserver.ubuntu.com --recv-keys \"$key\"; \tdone; \tmkdir -p /etc/apt/keyrings; \tgpg --batch --export \"$@\" > /etc/apt/keyrings/mongodb.gpg",
            1_160,
            b -> b.blob("/etc/apt/keyrings/mongodb.gpg", 1_160))
        .meta("ARG MONGO_PACKAGE=mongodb-org")
        .meta("ARG MONGO_REPO=repo.mongodb.org")
        .env("MONGO_PACKAGE", "mongodb-org")
        .env("MONGO_REPO", "repo.mongodb.org")
        .env("MONGO_MAJOR", "4.2")
        .run(
            "echo \"deb [ signed-by=/etc/apt/keyrings/mongodb.gpg ] http://$MONGO_REPO/apt/ubuntu bionic/${MONGO_PACKAGE%-unstable}/$MONGO_MAJOR multiverse\" | tee \"/etc/apt/sources.list.d/${MONGO_PACKAGE%-unstable}.list\"",
            107,
            b ->
                b.file(
                    "/etc/apt/sources.list.d/mongodb-org.list",
                    "deb [ signed-by=/etc/apt/keyrings/mongodb.gpg ] http://repo.mongodb.org/apt/ubuntu bionic/mongodb-org/4.2 multiverse\n"))
        .env("MONGO_VERSION", "4.2.24")
        .run(
            "set -x \t&& export DEBIAN_FRONTEND=noninteractive \t&& apt-get update \t&& apt-get install -y \t\t${MONGO_PACKAGE}=$MONGO_VERSION \t\t${MONGO_PACKAGE}-server=$MONGO_VERSION \t\t${MONGO_PACKAGE}-shell=$MONGO_VERSION \t\t${MONGO_PACKAGE}-mongos=$MONGO_VERSION \t\t${MONGO_PACKAGE}-tools=$MONGO_VERSION \t&& rm -rf /var/lib/apt/lists/* \t&& rm -rf /var/lib/mongodb \t&& mv /etc/mongod.conf /etc/mongod.conf.orig",
            307_400_000,
            b ->
                b.binary("/usr/bin/mongod", 74_000_000 / 512, "mongod")
                    .binary("/usr/bin/mongo", 38_000_000 / 512, "mongo")
                    .binary("/usr/bin/mongos", 40_000_000 / 512, "mongos")
                    .file(
                        "/etc/mongod.conf.orig",
                        "# mongod.conf\nstorage:\n  dbPath: /var/lib/mongodb\n"))
        .volume("/data/db")
        .volume("/data/configdb")
        .env("HOME", "/data/db")
        .copyEntrypoint("/usr/local/bin/", 14_256)
        .entrypoint("docker-entrypoint.sh")
        .expose("27017")
        .cmd("mongod")
        .build();
  }

  private static Image golang(Platform p) {
    if (p.os().equals("windows")) {
      return windowsBase(p, 1683158400)
          .env("GIT_VERSION", "2.23.0")
          .run(
              "powershell -Command $ErrorActionPreference = 'Stop'; Invoke-WebRequest -Uri $env:GIT_DOWNLOAD_URL -OutFile 'git.zip'",
              48_400_000,
              b -> b.binary("/Files/git/cmd/git.exe", 45_000, "git"))
          .env("GOPATH", "C:\\go")
          .env("GOLANG_VERSION", "1.20.4")
          .run(
              "powershell -Command $url = ('https://dl.google.com/go/go{0}.windows-amd64.zip' -f $env:GOLANG_VERSION); Invoke-WebRequest -Uri $url -OutFile 'go.zip'; Expand-Archive go.zip -DestinationPath C:\\; go version",
              246_000_000, b -> b.binary("/Files/Program Files/Go/bin/go.exe", 180_000, "go"))
          .workdir("C:\\go")
          .build();
    }
    Image base = official("debian", "bookworm", p);
    ImageBuild go =
        from(base, p, 1683158400)
            .run(
                "set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tg++ \t\tgcc \t\tlibc6-dev \t\tmake \t\tpkg-config \t; \trm -rf /var/lib/apt/lists/*",
                181_000_000,
                b ->
                    b.binary("/usr/bin/gcc-12", 1_000_000 / 32, "gcc")
                        .symlink("/usr/bin/gcc", "gcc-12")
                        .binary("/usr/bin/make", 248_000 / 16, "make"))
            .env("PATH", "/usr/local/go/bin:" + PATH)
            .env("GOLANG_VERSION", "1.20.4")
            .run(
                "set -eux; \tarch=\"$(dpkg --print-architecture)\"; arch=\"${arch##*-}\"; \turl=; \tcase \"$arch\" in \t\t'amd64') \t\t\turl='https://dl.google.com/go/go1.20.4.linux-amd64.tar.gz'; \t\t\t;; \tesac; \twget -O go.tgz.asc \"$url.asc\"; \twget -O go.tgz \"$url\" --progress=dot:giga; \ttar --extract --file go.tgz --directory /usr/local; \tgo version",
                293_000_000,
                goToolchain("go1.20.4\ntime 2023-04-26T20:17:04Z\n", p));
    return withGopath(go);
  }

  /** The files of the official images' Go install step (VERSION is what `go version` reads). */
  private static Consumer<LayerBuilder> goToolchain(String version, Platform p) {
    return b ->
        b.binary("/usr/local/go/bin/go", 14_000_000 / 256, "go")
            .binary("/usr/local/go/bin/gofmt", 3_000_000 / 256, "gofmt")
            .file("/usr/local/go/VERSION", version)
            .dir("/usr/local/go/pkg/tool/linux_" + p.architecture());
  }

  /** The steps every official golang image ends with: GOPATH, its PATH and directories. */
  private static Image withGopath(ImageBuild go) {
    return go.env("GOPATH", "/go")
        .env("PATH", "/go/bin:/usr/local/go/bin:" + PATH)
        .run(
            "mkdir -p \"$GOPATH/src\" \"$GOPATH/bin\" && chmod -R 1777 \"$GOPATH\"",
            0,
            b -> b.dir("/go/src", 01777).dir("/go/bin", 01777))
        .workdir("/go")
        .build();
  }

  private static ImageBuild windowsBase(Platform p, long at) {
    long base = p.osVersion().startsWith("10.0.20348") ? 2_180_000_000L : 2_650_000_000L;
    return new ImageBuild(p, false)
        .at(at - 86_400 * 20)
        .add(
            base,
            b ->
                b.binary("/Files/Windows/System32/cmd.exe", 289_792 / 16, "cmd")
                    .binary(
                        "/Files/Windows/System32/WindowsPowerShell/v1.0/powershell.exe",
                        452_608 / 4,
                        "powershell")
                    .blob("/Hives/Software_Base", 40_000)
                    .blob("/Files/Windows/System32/ntdll.dll", 80_000))
        .at(at - 86_400 * 5)
        .run(
            "Apply image " + p.osVersion(),
            base / 20,
            b ->
                b.blob("/Files/Windows/System32/kernel32.dll", 30_000)
                    .blob("/Files/Windows/servicing/Version/" + p.osVersion(), 1_000))
        .at(at)
        .meta(
            "SHELL [powershell -Command $ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';]");
  }

  private static Image golangAlpine(Platform p) {
    Image base = official("alpine", "3.19", p);
    ImageBuild go =
        from(base, p, 1701907200)
            .run(
                "apk add --no-cache ca-certificates",
                519_000,
                b -> b.blob("/etc/ssl/certs/ca-certificates.crt", 219_000))
            .env("GOLANG_VERSION", "1.20.12")
            .run(
                "set -eux; \tapk add --no-cache --virtual .fetch-deps gnupg; \tarch=\"$(apk --print-arch)\"; \turl=; \twget -O go.tgz \"$url\"; \ttar -C /usr/local -xzf go.tgz; \trm go.tgz; \tapk del --no-network .fetch-deps; \tgo version",
                237_000_000,
                goToolchain("go1.20.12\ntime 2023-11-29T21:15:27Z\n", p));
    return withGopath(go);
  }

  private static Image pythonAlpine(Platform p) {
    Image base = official("alpine", "3.19", p);
    return from(base, p, 1702080000)
        .env("PATH", "/usr/local/bin:" + PATH)
        .env("LANG", "C.UTF-8")
        .run(
            "set -eux; \tapk add --no-cache \t\tca-certificates \t\ttzdata \t;",
            1_620_000,
            b -> b.blob("/etc/ssl/certs/ca-certificates.crt", 219_000))
        .env("GPG_KEY", "7169605F62C751356D054A26A821E680E5FA6305")
        .env("PYTHON_VERSION", "3.12.1")
        .run(
            "set -eux; \t\tapk add --no-cache --virtual .build-deps \t\tgnupg \t\ttar \t\txz \t\t\t\tbluez-dev \t\tbzip2-dev \t\tgcc \t\tmake \t; \t\twget -O python.tar.xz \"https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz\"; \t./configure --enable-optimizations; \tmake -j \"$nproc\"; \tmake install; \tapk del --no-network .build-deps; \tpython3 --version",
            41_300_000,
            b ->
                b.binary("/usr/local/bin/python3.12", 14_000 * 4, "python3")
                    .symlink("/usr/local/bin/python3", "python3.12")
                    .blob("/usr/local/lib/libpython3.12.so.1.0", 5_000_000 / 128)
                    .binary("/usr/local/bin/pip3", 228, "pip3")
                    .file(
                        "/usr/local/lib/python3.12/os.py",
                        "r\"\"\"OS routines for NT or Posix depending on what system we're on.\"\"\"\n"))
        .run(
            "set -eux; \tfor src in idle3 pydoc3 python3 python3-config; do \t\tdst=\"$(echo \"$src\" | tr -d 3)\"; \t\t[ -s \"/usr/local/bin/$src\" ]; \t\t[ ! -e \"/usr/local/bin/$dst\" ]; \t\tln -svT \"$src\" \"/usr/local/bin/$dst\"; \tdone",
            32,
            b ->
                b.symlink("/usr/local/bin/python", "python3")
                    .symlink("/usr/local/bin/pip", "pip3")
                    .symlink("/usr/local/bin/pydoc", "pydoc3"))
        .cmd("python3")
        .build();
  }

  private static Image node(Platform p) {
    Image base = official("debian", "bookworm", p);
    return from(base, p, 1703030400)
        .run(
            "set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tca-certificates \t\tcurl \t\tgnupg \t\tnetbase \t\tsq \t\twget \t; \trm -rf /var/lib/apt/lists/*",
            24_050_000,
            b ->
                b.binary("/usr/bin/curl", 280_000 / 16, "curl")
                    .binary("/usr/bin/wget", 516_000 / 16, "wget"))
        .run(
            "set -eux; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tgit \t\tmercurial \t\topenssh-client \t\tsubversion \t\t\t\tprocps \t; \trm -rf /var/lib/apt/lists/*",
            64_390_000,
            b ->
                b.binary("/usr/bin/git", 3_900_000 / 64, "git")
                    .binary("/usr/bin/ssh", 900_000 / 32, "ssh"))
        .run(
            "set -ex; \tapt-get update; \tapt-get install -y --no-install-recommends \t\tautoconf \t\tautomake \t\tbzip2 \t\tdpkg-dev \t\tfile \t\tg++ \t\tgcc \t\timagemagick \t\tlibbz2-dev \t\tlibc6-dev \t\tlibcurl4-openssl-dev \t\tlibssl-dev \t\tmake \t\tpatch \t\tunzip \t\txz-utils \t\tzlib1g-dev \t; \trm -rf /var/lib/apt/lists/*",
            586_950_000,
            b ->
                b.binary("/usr/bin/gcc-12", 1_000_000 / 32, "gcc")
                    .symlink("/usr/bin/gcc", "gcc-12")
                    .binary("/usr/bin/make", 248_000 / 16, "make"))
        .run(
            "groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node",
            8_750,
            b -> b.dir("/home/node").file("/home/node/.bashrc", "# ~/.bashrc\n"))
        .env("NODE_VERSION", "21.5.0")
        .run(
            "ARCH= && dpkgArch=\"$(dpkg --print-architecture)\"   && case \"${dpkgArch##*-}\" in     amd64) ARCH='x64';;   esac   && curl -fsSLO --compressed \"https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-$ARCH.tar.xz\"   && tar -xJf \"node-v$NODE_VERSION-linux-$ARCH.tar.xz\" -C /usr/local --strip-components=1 --no-same-owner   && ln -s /usr/local/bin/node /usr/local/bin/nodejs   && node --version   && npm --version",
            190_150_000,
            b ->
                b.binary("/usr/local/bin/node", 96_000_000 / 1024, "node")
                    .symlink("/usr/local/bin/nodejs", "/usr/local/bin/node")
                    .symlink("/usr/local/bin/npm", "../lib/node_modules/npm/bin/npm-cli.js")
                    .file(
                        "/usr/local/lib/node_modules/npm/bin/npm-cli.js",
                        0755,
                        Content.text("#!/usr/bin/env node\nrequire('../lib/cli.js')(process)\n"),
                        "npm"))
        .env("YARN_VERSION", "1.22.19")
        .run(
            "set -ex   && curl -fsSLO --compressed \"https://yarnpkg.com/downloads/$YARN_VERSION/yarn-v$YARN_VERSION.tar.gz\"   && mkdir -p /opt   && tar -xzf yarn-v$YARN_VERSION.tar.gz -C /opt/   && ln -s /opt/yarn-v$YARN_VERSION/bin/yarn /usr/local/bin/yarn   && yarn --version",
            5_340_000,
            b ->
                b.file(
                        "/opt/yarn-v1.22.19/bin/yarn.js",
                        0755,
                        Content.text("#!/usr/bin/env node\n"),
                        "yarn")
                    .symlink("/usr/local/bin/yarn", "/opt/yarn-v1.22.19/bin/yarn.js"))
        .copyEntrypoint("/usr/local/bin/", 388)
        .entrypoint("docker-entrypoint.sh")
        .cmd("node")
        .build();
  }

  private static Image powershell(Platform p) {
    if (p.os().equals("windows")) {
      return windowsBase(p, 1700179200)
          .env("ProgramFiles", "C:\\Program Files")
          .run(
              "Invoke-WebRequest -Uri $url -OutFile PowerShell.zip; Expand-Archive PowerShell.zip -DestinationPath $Env:ProgramFiles\\PowerShell",
              117_000_000,
              b -> b.binary("/Files/Program Files/PowerShell/pwsh.exe", 290_000 / 8, "pwsh"))
          .env(
              "PSModuleAnalysisCachePath",
              "C:\\Users\\Public\\AppData\\Local\\Microsoft\\Windows\\PowerShell\\docker\\ModuleAnalysisCache")
          .run(
              "pwsh -NoLogo -NoProfile -Command Write-Host 'Module cache'",
              25_000_000,
              b ->
                  b.blob(
                      "/Files/Users/Public/AppData/Local/Microsoft/Windows/PowerShell/docker/ModuleAnalysisCache",
                      40_000))
          .cmd("pwsh.exe")
          .build();
    }
    Image base = official("ubuntu", "22.04", p);
    return from(base, p, 1700179200)
        .env("PS_VERSION", "7.4.0")
        .env("PS_INSTALL_FOLDER", "/opt/microsoft/powershell/7")
        .env("POWERSHELL_DISTRIBUTION_CHANNEL", "PSDocker-Ubuntu-22.04")
        .run(
            "apt-get update     && apt-get install --no-install-recommends -y     less     locales     ca-certificates     gss-ntlmssp     libicu70     libssl3     libc6     libgcc1     libgssapi-krb5-2     liblttng-ust1     libstdc++6     zlib1g     curl     && apt-get dist-upgrade -y     && locale-gen $LANG && update-locale     && rm -rf /var/lib/apt/lists/*",
            57_000_000,
            b ->
                b.binary("/usr/bin/less", 180_000 / 16, "less")
                    .binary("/usr/bin/curl", 280_000 / 16, "curl"))
        .run(
            "curl -sSL ${PS_PACKAGE_URL} -o /tmp/powershell.tar.gz     && mkdir -p ${PS_INSTALL_FOLDER}     && tar zxf /tmp/powershell.tar.gz -C ${PS_INSTALL_FOLDER}     && chmod +x ${PS_INSTALL_FOLDER}/pwsh     && ln -s ${PS_INSTALL_FOLDER}/pwsh /usr/bin/pwsh",
            173_000_000,
            b ->
                b.binary("/opt/microsoft/powershell/7/pwsh", 78_000 * 2, "pwsh")
                    .symlink("/usr/bin/pwsh", "/opt/microsoft/powershell/7/pwsh"))
        .cmd("pwsh")
        .build();
  }

  private static Image gitSync(Platform p) {
    return new ImageBuild(p, false)
        .at(1582156800)
        .add(
            55_300_000,
            b ->
                Trees.debianFamily(
                    b, Trees.debianRelease("10", "buster"), Trees.gnuTriplet(p), false))
        .cmd("bash")
        .at(1582243200)
        .label("maintainer", "Tim Hockin <thockin@google.com>")
        .run(
            "echo \"deb http://deb.debian.org/debian buster-backports main\" > /etc/apt/sources.list.d/backports.list",
            64,
            b ->
                b.file(
                    "/etc/apt/sources.list.d/backports.list",
                    "deb http://deb.debian.org/debian buster-backports main\n"))
        .run(
            "apt-get -q update && apt-get -q -y install --no-install-recommends ca-certificates coreutils socat openssh-client && apt-get -q -y install --no-install-recommends -t buster-backports git && rm -rf /var/lib/apt/lists/*",
            28_000_000,
            b ->
                b.binary("/usr/bin/git", 3_900_000 / 64, "git")
                    .binary("/usr/bin/ssh", 900_000 / 32, "ssh"))
        .run("mkdir -p /tmp/git && chmod 777 /tmp/git", 0, b -> b.dir("/tmp/git", 0777))
        .copy(
            "bin/amd64/git-sync",
            "/git-sync",
            15_300_000,
            b -> b.binary("/git-sync", 15_300_000 / 256, "git-sync"))
        .workdir("/tmp")
        .user("65533:65533")
        .entrypoint("/git-sync")
        .build();
  }

  /** The course's Node.js web apps: FROM alpine, apk add nodejs npm, COPY . /src, npm install. */
  private static Image webApp(
      Platform p, String alpine, long at, String name, String version, int year, boolean buildkit) {
    Image base = official("alpine", alpine, p);
    // The first steps come from the build cache, so every version of an app shares their layers.
    long cached = base.createdNanos() / 1_000_000_000L + 86_400;
    ImageBuild b = new ImageBuild(p, buildkit).from(base).at(cached);
    b.label("maintainer", "nigelpoulton@hotmail.com")
        .run(
            "apk add --update nodejs npm",
            63_450_000,
            t ->
                t.binary("/usr/bin/node", 45_000_000 / 1024, "node")
                    .file(
                        "/usr/lib/node_modules/npm/bin/npm-cli.js",
                        0755,
                        Content.text("#!/usr/bin/env node\nrequire('../lib/cli.js')(process)\n"),
                        "npm")
                    .symlink("/usr/bin/npm", "../lib/node_modules/npm/bin/npm-cli.js")
                    .blob("/usr/lib/libstdc++.so.6.0.32", 2_500_000 / 64)
                    .blob("/lib/apk/db/installed", 31_877))
        .at(at)
        .copy(".", "/src", 8_410 + version.hashCode() % 100, t -> Trees.webApp(t, name, version))
        .workdir("/src")
        .run(
            "npm install",
            24_200_000 + year,
            t ->
                t.file(
                        "/src/node_modules/express/index.js",
                        "'use strict';\n\nmodule.exports = require('./lib/express');\n")
                    .file(
                        "/src/node_modules/express/package.json",
                        "{\n  \"name\": \"express\",\n  \"version\": \"4.18.2\"\n}\n")
                    .file(
                        "/src/node_modules/pug/package.json",
                        "{\n  \"name\": \"pug\",\n  \"version\": \"3.0.2\"\n}\n")
                    .blob("/src/node_modules/pug/lib/index.js", 13_000)
                    .file(
                        "/src/package-lock.json",
                        "{\n  \"name\": \""
                            + name
                            + "\",\n  \"version\": \""
                            + version
                            + "\",\n  \"lockfileVersion\": 3\n}\n"))
        .expose("8080")
        .entrypoint("node", "./app.js");
    return b.build();
  }

  // ---- Docker Hub search ----------------------------------------------------------------------

  private static final List<SearchResult> HUB =
      List.of(
          new SearchResult(
              "A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!",
              true,
              false,
              "alpine",
              10723),
          new SearchResult(
              "Ubuntu is a Debian-based Linux operating system based on free software.",
              true,
              false,
              "ubuntu",
              16789),
          new SearchResult("Busybox base image.", true, false, "busybox", 3203),
          new SearchResult("Official build of Nginx.", true, false, "nginx", 19667),
          new SearchResult(
              "Redis is an open source key-value store that functions as a data structure server.",
              true,
              false,
              "redis",
              12567),
          new SearchResult(
              "MongoDB document databases provide high availability and easy scalability.",
              true,
              false,
              "mongo",
              10012),
          new SearchResult(
              "Go (golang) is a general purpose, higher-level, imperative programming language.",
              true,
              false,
              "golang",
              4621),
          new SearchResult(
              "Python is an interpreted, interactive, object-oriented, open-source programming language.",
              true,
              false,
              "python",
              9616),
          new SearchResult(
              "Node.js is a JavaScript-based platform for server-side and networking applications.",
              true,
              false,
              "node",
              13287),
          new SearchResult(
              "Debian is a Linux distribution that's composed entirely of free and open-source software.",
              true,
              false,
              "debian",
              4887),
          new SearchResult(
              "The PostgreSQL object-relational database system provides reliability and data integrity.",
              true,
              false,
              "postgres",
              13328),
          new SearchResult("Apache HTTP Server Project", true, false, "httpd", 4729),
          new SearchResult(
              "Web app used in Pluralsight Docker CI course",
              false,
              true,
              "nigelpoulton/pluralsight-docker-ci",
              22),
          new SearchResult("", false, false, "nigelpoulton/tu-demo", 12),
          new SearchResult("Kubernetes Book web app", false, false, "nigelpoulton/k8sbook", 2),
          new SearchResult(
              "Web app for the Docker Deep Dive book", false, false, "nigelpoulton/ddd-book", 1),
          new SearchResult("Kubernetes 101 Workshop", false, false, "nigelpoulton/workshop101", 0),
          new SearchResult(
              "Getting Started with Docker sample app", false, false, "nigelpoulton/gsd", 1),
          new SearchResult(
              "Alpine image with bash, curl and other utils",
              false,
              false,
              "alpinelinux/docker-cli",
              12),
          new SearchResult("Alpine Linux with Git installed", false, true, "alpine/git", 233),
          new SearchResult("Alpine image with socat", false, false, "alpine/socat", 97),
          new SearchResult(
              "Nginx Unprivileged Docker Image", false, false, "nginxinc/nginx-unprivileged", 142),
          new SearchResult("Bitnami container image for NGINX", false, false, "bitnami/nginx", 192),
          new SearchResult("Bitnami container image for Redis", false, false, "bitnami/redis", 281),
          new SearchResult(
              "Redis Stack installs a Redis server with additional database capabilities",
              false,
              false,
              "redis/redis-stack",
              85),
          new SearchResult("Ubuntu Upstart image", false, false, "ubuntu-upstart", 115),
          new SearchResult("BusyBox with curl", false, false, "radial/busyboxplus", 53));

  static List<SearchResult> search(String term) {
    String t = term.toLowerCase(java.util.Locale.ROOT);
    List<SearchResult> exact = new ArrayList<>();
    List<SearchResult> rest = new ArrayList<>();
    for (SearchResult r : HUB) {
      if (r.name().equals(t)) {
        exact.add(r);
      } else if (r.name().contains(t)
          || r.description().toLowerCase(java.util.Locale.ROOT).contains(t)) {
        rest.add(r);
      }
    }
    rest.sort((a, b) -> Integer.compare(b.starCount(), a.starCount()));
    exact.addAll(rest);
    return exact;
  }
}
