package dev.ddlab.sim.shell;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The course's repositories that {@code git clone} serves (resources {@code repos/index.yaml} and
 * {@code repos/NAME/…}), as git objects: blobs, trees and commits hashed exactly as git hashes them
 * (SHA-1 of {@code "TYPE SIZE\0BODY"}), so a clone shows the same commit IDs in every session.
 */
final class GitRepos {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
  private static Map<String, Repo> repos;

  private GitRepos() {}

  /** One commit: its hash, tree, message, author line and the files of its tree (path → blob). */
  record Commit(
      String hash,
      String tree,
      String message,
      String author,
      OffsetDateTime date,
      Map<String, String> files) {}

  /**
   * A repository: the URL it is cloned from, its default branch, the files' contents, the commits
   * (oldest first) and every object's hash with its body size (for the clone's counts).
   */
  record Repo(
      String name,
      String url,
      String branch,
      Map<String, byte[]> contents,
      List<Commit> commits,
      Map<String, Integer> objects,
      int deltas) {
    Commit head() {
      return commits.get(commits.size() - 1);
    }
  }

  /** The repository cloned from {@code url} (with or without {@code .git} or a final slash). */
  static Optional<Repo> byUrl(String url) {
    String u = canonical(url);
    return all().values().stream().filter(r -> canonical(r.url()).equals(u)).findFirst();
  }

  static String canonical(String url) {
    return withoutSuffix(url).toLowerCase(java.util.Locale.ROOT);
  }

  /** A repository URL without its final slashes and {@code .git}. */
  static String withoutSuffix(String url) {
    String u = url;
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.endsWith(".git")) {
      u = u.substring(0, u.length() - 4);
    }
    return u;
  }

  static synchronized Map<String, Repo> all() {
    if (repos == null) {
      try (InputStream in = GitRepos.class.getResourceAsStream("repos/index.yaml")) {
        JsonNode index = YAML.readTree(in);
        Map<String, Repo> m = new LinkedHashMap<>();
        index.fields().forEachRemaining(e -> m.put(e.getKey(), load(e.getKey(), e.getValue())));
        repos = m;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return repos;
  }

  private static Repo load(String name, JsonNode spec) {
    Map<String, byte[]> contents = new TreeMap<>();
    for (JsonNode f : spec.path("files")) {
      contents.put(f.asText(), resource("repos/" + name + "/" + f.asText()));
    }
    String author = spec.path("author").asText();
    Map<String, Integer> objects = new LinkedHashMap<>();
    Map<String, String> treeAtPath = new TreeMap<>();
    int deltas = 0;
    List<Commit> commits = new ArrayList<>();
    Map<String, String> files = new TreeMap<>();
    String parent = null;
    for (JsonNode c : spec.path("commits")) {
      for (JsonNode a : c.path("add")) {
        String p = a.asText();
        List<String> added =
            contents.keySet().stream()
                .filter(k -> p.endsWith("/") ? k.startsWith(p) : k.equals(p))
                .toList();
        if (added.isEmpty()) {
          throw new IllegalStateException("repos/index.yaml: " + name + " adds unknown " + p);
        }
        for (String k : added) {
          byte[] body = contents.get(k);
          String blob = hash("blob", body);
          objects.putIfAbsent(blob, body.length);
          files.put(k, blob);
        }
      }
      Map<String, String> trees = new TreeMap<>();
      String tree = tree("", files, objects, trees);
      for (var t : trees.entrySet()) {
        String before = treeAtPath.put(t.getKey(), t.getValue());
        if (before != null && !before.equals(t.getValue())) {
          deltas++;
        }
      }
      OffsetDateTime date = OffsetDateTime.parse(c.path("date").asText());
      String message = c.path("message").asText();
      String stamp =
          author + " " + date.toEpochSecond() + " " + date.getOffset().getId().replace(":", "");
      if (stamp.endsWith(" Z")) {
        stamp = stamp.substring(0, stamp.length() - 1) + "+0000";
      }
      String body =
          "tree "
              + tree
              + "\n"
              + (parent == null ? "" : "parent " + parent + "\n")
              + "author "
              + stamp
              + "\ncommitter "
              + stamp
              + "\n\n"
              + message
              + "\n";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      String hash = hash("commit", bytes);
      objects.putIfAbsent(hash, bytes.length);
      commits.add(new Commit(hash, tree, message, author, date, Map.copyOf(files)));
      parent = hash;
    }
    return new Repo(
        name,
        spec.path("url").asText(),
        spec.path("branch").asText("main"),
        contents,
        List.copyOf(commits),
        objects,
        deltas);
  }

  /** The tree object of directory {@code dir} ("" for the root); records each subtree by path. */
  private static String tree(
      String dir,
      Map<String, String> files,
      Map<String, Integer> objects,
      Map<String, String> trees) {
    record Item(String name, boolean isTree, String hash) {}
    Map<String, Item> items = new TreeMap<>();
    Set<String> subdirs = new LinkedHashSet<>();
    for (var f : files.entrySet()) {
      if (!f.getKey().startsWith(dir)) {
        continue;
      }
      String rest = f.getKey().substring(dir.length());
      int slash = rest.indexOf('/');
      if (slash < 0) {
        items.put(rest, new Item(rest, false, f.getValue()));
      } else {
        subdirs.add(rest.substring(0, slash));
      }
    }
    for (String s : subdirs) {
      items.put(s, new Item(s, true, tree(dir + s + "/", files, objects, trees)));
    }
    List<Item> sorted = new ArrayList<>(items.values());
    // git orders entries by name, a tree's name compared as if it ended with "/"
    sorted.sort(Comparator.comparing(i -> i.isTree() ? i.name() + "/" : i.name()));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Item i : sorted) {
      body.writeBytes(
          ((i.isTree() ? "40000 " : "100644 ") + i.name()).getBytes(StandardCharsets.UTF_8));
      body.write(0);
      body.writeBytes(HexFormat.of().parseHex(i.hash()));
    }
    byte[] bytes = body.toByteArray();
    String hash = hash("tree", bytes);
    objects.putIfAbsent(hash, bytes.length);
    trees.put(dir, hash);
    return hash;
  }

  /** git's object ID: SHA-1 of the header {@code "TYPE SIZE\0"} and the body. */
  static String hash(String type, byte[] body) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update((type + " " + body.length).getBytes(StandardCharsets.UTF_8));
      sha1.update((byte) 0);
      sha1.update(body);
      return HexFormat.of().formatHex(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] resource(String path) {
    try (InputStream in = GitRepos.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
