package dev.ddlab.cli.formatter;

import dev.ddlab.cli.template.GoObject;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.go.GoTime;
import dev.ddlab.go.GoUnits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker/cli's imageContext: one row per repository:tag of each image, as docker images prints. */
public final class ImageRows {
  private ImageRows() {}

  public static final String DEFAULT_TABLE =
      "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
  public static final String DEFAULT_TABLE_DIGEST =
      "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

  /** NewImageFormat. */
  public static String format(String source, boolean quiet, boolean digest) {
    if (source.equals("table")) {
      return quiet ? FormatContext.DEFAULT_QUIET : digest ? DEFAULT_TABLE_DIGEST : DEFAULT_TABLE;
    }
    if (source.equals("raw")) {
      if (quiet) {
        return "image_id: {{.ID}}";
      }
      return digest
          ? "repository: {{ .Repository }}\ntag: {{.Tag}}\ndigest: {{.Digest}}\nimage_id: {{.ID}}\n"
              + "created_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n"
          : "repository: {{ .Repository }}\ntag: {{.Tag}}\nimage_id: {{.ID}}\n"
              + "created_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n";
    }
    if (source.startsWith("table") && digest && !source.contains("{{.Digest}}")) {
      return source + "\t{{.Digest}}";
    }
    return source;
  }

  /** The table's header row: the same for every listing, made once (it is never changed). */
  private static final GoObject HEADER = makeHeader();

  public static GoObject header() {
    return HEADER;
  }

  private static GoObject makeHeader() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("ID", "IMAGE ID");
    h.put("Repository", "REPOSITORY");
    h.put("Tag", "TAG");
    h.put("Digest", "DIGEST");
    h.put("CreatedSince", "CREATED");
    h.put("CreatedAt", "CREATED AT");
    h.put("Size", "SIZE");
    h.put("Containers", "CONTAINERS");
    h.put("VirtualSize", "SIZE");
    h.put("SharedSize", "SHARED SIZE");
    h.put("UniqueSize", "UNIQUE SIZE");
    return FormatContext.header(h);
  }

  private static boolean dangling(ImageSummary i) {
    List<String> tags = i.repoTags() == null ? List.of() : i.repoTags();
    List<String> digests = i.repoDigests() == null ? List.of() : i.repoDigests();
    if (tags.isEmpty() && digests.isEmpty()) {
      return true;
    }
    return tags.size() == 1
        && tags.get(0).equals("<none>:<none>")
        && digests.size() == 1
        && digests.get(0).equals("<none>@<none>");
  }

  /** The rows of one image: one per repository:tag (and per digest with --digests). */
  public static List<GoObject> rows(
      ImageSummary image, boolean trunc, boolean showDigests, boolean needDigest, long nowNanos) {
    List<GoObject> out = new ArrayList<>();
    if (dangling(image)) {
      out.add(row(image, trunc, "<none>", "<none>", "<none>", nowNanos));
      return out;
    }
    Map<String, List<String>> repoTags = new LinkedHashMap<>();
    Map<String, List<String>> repoDigests = new LinkedHashMap<>();
    for (String ref : image.repoTags() == null ? List.<String>of() : image.repoTags()) {
      String[] nt = Refs.splitTag(ref);
      if (nt[1] != null) {
        repoTags.computeIfAbsent(Refs.familiar(nt[0]), k -> new ArrayList<>()).add(nt[1]);
      }
    }
    for (String ref : image.repoDigests() == null ? List.<String>of() : image.repoDigests()) {
      String[] nd = Refs.splitDigest(ref);
      if (nd[1] != null) {
        repoDigests.computeIfAbsent(Refs.familiar(nd[0]), k -> new ArrayList<>()).add(nd[1]);
      }
    }
    for (Map.Entry<String, List<String>> e : repoTags.entrySet()) {
      String repo = e.getKey();
      List<String> digests = repoDigests.remove(repo);
      if (!needDigest) {
        digests = null;
      }
      for (String tag : e.getValue()) {
        if (digests == null || digests.isEmpty()) {
          out.add(row(image, trunc, repo, tag, "<none>", nowNanos));
          continue;
        }
        for (String d : digests) {
          out.add(row(image, trunc, repo, tag, d, nowNanos));
        }
      }
    }
    for (Map.Entry<String, List<String>> e : repoDigests.entrySet()) {
      if (showDigests) {
        for (String d : e.getValue()) {
          out.add(row(image, trunc, e.getKey(), "<none>", d, nowNanos));
        }
      } else {
        out.add(row(image, trunc, e.getKey(), "<none>", "", nowNanos));
      }
    }
    return out;
  }

  private static GoObject row(
      ImageSummary i, boolean trunc, String repo, String tag, String digest, long nowNanos) {
    GoObject o = new GoObject("*formatter.imageContext").jsonSorted();
    o.getter("Containers", () -> i.containers() == -1 ? "N/A" : Long.toString(i.containers()));
    o.getter("CreatedAt", () -> GoTime.unixString(i.created()));
    o.getter("CreatedSince", () -> GoUnits.ago(i.created(), nowNanos));
    o.getter("Digest", () -> digest);
    o.getter("ID", () -> trunc ? Refs.truncateId(i.id()) : i.id());
    o.getter("Repository", () -> repo);
    o.getter("SharedSize", () -> i.sharedSize() == -1 ? "N/A" : GoUnits.humanSize4(i.sharedSize()));
    o.getter("Size", () -> GoUnits.humanSize(i.size()));
    o.getter("Tag", () -> tag);
    o.getter(
        "UniqueSize",
        () ->
            i.size() == -1 || i.sharedSize() == -1
                ? "N/A"
                : GoUnits.humanSize4(i.size() - i.sharedSize()));
    o.getter("VirtualSize", () -> GoUnits.humanSize4(i.size()));
    Map<String, String> labels = i.labels() == null ? Map.of() : i.labels();
    o.method("Label", 1, args -> labels.getOrDefault(String.valueOf(args.get(0)), ""));
    return o;
  }
}
