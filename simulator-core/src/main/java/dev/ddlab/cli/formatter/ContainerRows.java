package dev.ddlab.cli.formatter;

import dev.ddlab.cli.template.GoFmt;
import dev.ddlab.cli.template.GoObject;
import dev.ddlab.engine.dto.ContainerSummary;
import dev.ddlab.engine.dto.MountPoint;
import dev.ddlab.engine.dto.Port;
import dev.ddlab.go.GoTime;
import dev.ddlab.go.GoUnits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker/cli's ContainerContext: what {@code docker ps} rows offer to templates. */
public final class ContainerRows {
  private ContainerRows() {}

  public static final String DEFAULT_TABLE =
      "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

  /** NewContainerFormat. */
  public static String format(String source, boolean quiet, boolean size) {
    if (source == null || source.isEmpty() || source.equals("table")) {
      if (quiet) {
        return FormatContext.DEFAULT_QUIET;
      }
      return size ? DEFAULT_TABLE + "\\t{{.Size}}" : DEFAULT_TABLE;
    }
    if (source.equals("raw")) {
      String f =
          "container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\n"
              + "state: {{- pad .State 1 0}}\nstatus: {{- pad .Status 1 0}}\nnames: {{.Names}}\n"
              + "labels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n";
      return quiet ? "container_id: {{.ID}}" : (size ? f + "size: {{.Size}}\\n" : f);
    }
    return quiet ? FormatContext.DEFAULT_QUIET : source;
  }

  /** The table's header row: the same for every listing, made once (it is never changed). */
  private static final GoObject HEADER = makeHeader();

  public static GoObject header() {
    return HEADER;
  }

  private static GoObject makeHeader() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("ID", "CONTAINER ID");
    h.put("Names", "NAMES");
    h.put("Image", "IMAGE");
    h.put("Command", "COMMAND");
    h.put("CreatedAt", "CREATED AT");
    h.put("RunningFor", "CREATED");
    h.put("Ports", "PORTS");
    h.put("State", "STATE");
    h.put("Status", "STATUS");
    h.put("Size", "SIZE");
    h.put("Labels", "LABELS");
    h.put("Mounts", "MOUNTS");
    h.put("LocalVolumes", "LOCAL VOLUMES");
    h.put("Networks", "NETWORKS");
    return FormatContext.header(h);
  }

  /** What a row's getters read: the summary, whether to truncate, and the time of the listing. */
  private record Row(ContainerSummary c, boolean trunc, long nowNanos) {}

  private static final GoObject.Shape<Row> SHAPE =
      new GoObject.Shape<Row>("*formatter.ContainerContext")
          .getter(
              "Command",
              r ->
                  GoFmt.goQuote(
                      r.trunc() ? Ellipsis.of(nz(r.c().command()), 20) : nz(r.c().command())))
          .getter("CreatedAt", r -> GoTime.unixString(r.c().created()))
          .getter("ID", r -> r.trunc() ? Refs.truncateId(r.c().id()) : r.c().id())
          .getter("Image", r -> image(r.c(), r.trunc()))
          .getter("Labels", r -> joinLabels(labels(r.c())))
          .getter(
              "LocalVolumes",
              r ->
                  Long.toString(
                      mounts(r.c()).stream().filter(m -> "local".equals(m.driver())).count()))
          .getter("Mounts", r -> mountNames(r.c(), r.trunc()))
          .getter("Names", r -> names(r.c(), r.trunc()))
          .getter(
              "Networks",
              r ->
                  r.c().networkSettings() == null || r.c().networkSettings().get("Networks") == null
                      ? ""
                      : String.join(",", r.c().networkSettings().get("Networks").keySet()))
          .getter("Ports", r -> displayablePorts(r.c().ports()))
          .getter("RunningFor", r -> GoUnits.ago(r.c().created(), r.nowNanos()))
          .getter("Size", r -> size(r.c()))
          .getter("State", r -> nz(r.c().state()))
          .getter("Status", r -> nz(r.c().status()))
          .method(
              "Label", 1, (r, args) -> labels(r.c()).getOrDefault(String.valueOf(args.get(0)), ""));

  public static GoObject row(ContainerSummary c, boolean trunc, long nowNanos) {
    return SHAPE.of(new Row(c, trunc, nowNanos)).jsonSorted();
  }

  private static Map<String, String> labels(ContainerSummary c) {
    return c.labels() == null ? Map.of() : c.labels();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static List<MountPoint> mounts(ContainerSummary c) {
    return c.mounts() == null ? List.of() : c.mounts();
  }

  private static String names(ContainerSummary c, boolean trunc) {
    List<String> all = c.names() == null ? List.of() : c.names();
    if (trunc) {
      // the first name that is not a link's (/other/alias)
      for (String n : all) {
        if (n.indexOf('/', 1) < 0) {
          return n.startsWith("/") ? n.substring(1) : n;
        }
      }
    }
    List<String> names = new ArrayList<>(all.size());
    for (String n : all) {
      names.add(n.startsWith("/") ? n.substring(1) : n);
    }
    return String.join(",", names);
  }

  private static String image(ContainerSummary c, boolean trunc) {
    String image = nz(c.image());
    if (image.isEmpty()) {
      return "<no image>";
    }
    if (trunc) {
      if (Refs.sameTruncatedId(c.imageId(), image)) {
        return Refs.truncateId(image);
      }
      if (image.contains("@")) {
        String[] nt = Refs.splitTag(image);
        return nt[1] == null ? Refs.familiar(nt[0]) : Refs.familiar(nt[0]) + ":" + nt[1];
      }
    }
    return image;
  }

  private static String joinLabels(Map<String, String> labels) {
    List<String> parts = new ArrayList<>();
    labels.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  private static String mountNames(ContainerSummary c, boolean trunc) {
    List<String> out = new ArrayList<>();
    for (MountPoint m : mounts(c)) {
      String name = m.name() == null || m.name().isEmpty() ? nz(m.source()) : m.name();
      out.add(trunc ? Ellipsis.of(name, 15) : name);
    }
    return String.join(",", out);
  }

  private static String size(ContainerSummary c) {
    long rw = c.sizeRw() == null ? 0 : c.sizeRw();
    long root = c.sizeRootFs() == null ? 0 : c.sizeRootFs();
    String srw = GoUnits.humanSize(rw);
    return root > 0 ? srw + " (virtual " + GoUnits.humanSize(root) + ")" : srw;
  }

  /** DisplayablePorts: "0.0.0.0:80->8080/tcp, :::80->8080/tcp", ranges grouped. */
  public static String displayablePorts(List<Port> input) {
    if (input == null || input.isEmpty()) {
      return "";
    }
    List<Port> ports = new ArrayList<>(input);
    ports.sort(
        Comparator.comparingInt(Port::privatePort)
            .thenComparing(p -> p.ip() == null ? "" : p.ip())
            .thenComparingInt(p -> p.publicPort() == null ? 0 : p.publicPort())
            .thenComparing(p -> p.type() == null ? "" : p.type()));
    Map<String, int[]> groups = new LinkedHashMap<>();
    List<String> result = new ArrayList<>();
    List<String> hostMappings = new ArrayList<>();
    for (Port p : ports) {
      int current = p.privatePort();
      String key = p.type();
      String ip = p.ip() == null ? "" : p.ip();
      int pub = p.publicPort() == null ? 0 : p.publicPort();
      if (!ip.isEmpty()) {
        if (pub != current) {
          hostMappings.add(ip + ":" + pub + "->" + current + "/" + p.type());
          continue;
        }
        key = ip + "/" + p.type();
      }
      int[] g = groups.get(key);
      if (g == null) {
        groups.put(key, new int[] {current, current});
        continue;
      }
      if (current == g[1] + 1) {
        g[1] = current;
        continue;
      }
      result.add(formGroup(key, g[0], g[1]));
      groups.put(key, new int[] {current, current});
    }
    groups.forEach((k, g) -> result.add(formGroup(k, g[0], g[1])));
    result.addAll(hostMappings);
    return String.join(", ", result);
  }

  private static String formGroup(String key, int first, int last) {
    int slash = key.lastIndexOf('/');
    String ip = slash >= 0 ? key.substring(0, slash) : "";
    String type = slash >= 0 ? key.substring(slash + 1) : key;
    if (!key.contains("/")) {
      ip = "";
      type = key;
    }
    String group = first == last ? Integer.toString(first) : first + "-" + last;
    if (!ip.isEmpty()) {
      group = ip + ":" + group + "->" + group;
    }
    return group + "/" + type;
  }
}
