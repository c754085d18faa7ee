package dev.ddlab.web.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.events.EngineEvent;
import dev.ddlab.events.SimEvent;
import dev.ddlab.introspect.BuildEvent;
import dev.ddlab.introspect.BuildsView;
import dev.ddlab.introspect.ContainersView.ContainerInfo;
import dev.ddlab.introspect.ContainersView.WritableLayer;
import dev.ddlab.introspect.ImagesView.ImageLayers;
import dev.ddlab.introspect.ImagesView.LayerInfo;
import dev.ddlab.introspect.Introspection;
import dev.ddlab.session.Session;
import dev.ddlab.web.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Image layers in the spirit of dive: pick an image on a node; see its layer stack (size, the
 * instruction that made each layer, DiffID), the efficiency score and wasted bytes by dive's
 * definitions ({@link LayerAnalysis}), each running container's writable layer on top; ask for a
 * layer's file tree with Added/Modified/Removed/Unmodified marks. The image list comes from the
 * {@code Engine}; the layers and trees from the session's introspection, so a real engine's images
 * are listed, and picking one says what only a simulation shows.
 */
public final class LayersPanel implements Panel {
  static final int MAX_ROWS = 3000;

  /** The stage a {@code COPY --from=STAGE} step reads. */
  private static final Pattern COPY_FROM = Pattern.compile("--from=(\\S+)");

  @Override
  public String id() {
    return "layers";
  }

  @Override
  public String title() {
    return "Lớp image";
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public PanelModel open(PanelContext context) {
    return new Model(context);
  }

  /** Ids: {@code i:NODE:REF} images, {@code l:N} layers (base first), {@code w:NAME} writable. */
  static final class Model extends GraphModel {
    private String node;
    private String imageId;
    private LayerAnalysis analysis;
    private String analysedId;

    Model(PanelContext context) {
      super(context, "layers");
    }

    @Override
    public boolean affectedBy(SimEvent event) {
      // a build ends with its image's tag event, or (a build that stores no image) its build-end:
      // the panel then shows (and replays) its steps
      if (event instanceof BuildEvent b) {
        return b.kind().equals("build-end");
      }
      if (event instanceof EngineEvent e && e.message() != null) {
        String type = e.message().type();
        return "image".equals(type) || "container".equals(type);
      }
      return false;
    }

    @Override
    protected void describe(Picture p) {
      Session s = context.session();
      for (String n : s.nodes()) {
        List<ImageSummary> images;
        try {
          images = s.engine(n).images().list(false, Map.of());
        } catch (EngineException e) {
          continue;
        }
        for (ImageSummary img : images) {
          String ref =
              img.repoTags() == null || img.repoTags().isEmpty()
                  ? "<none>:<none>"
                  : img.repoTags().get(0);
          p.node(
              "i:" + n + ":" + img.id(),
              "kind",
              "image",
              "node",
              n,
              "ref",
              ref,
              "imageId",
              img.id(),
              "size",
              img.size());
        }
      }
      describeBuilds(p, s);
      if (node == null || imageId == null) {
        return;
      }
      Introspection look = s.introspection();
      if (!look.simulated()) {
        p.graph("selected", imageId)
            .graph(
                "unavailable",
                "Chỉ phiên mô phỏng mới cho xem các lớp và cây tệp bên trong image; với Engine"
                    + " thật, hãy dùng docker history và docker image inspect.");
        return;
      }
      Optional<ImageLayers> image = look.images().image(node, imageId);
      if (image.isEmpty()) {
        p.graph("selected", imageId).graph("missing", true);
        return;
      }
      ImageLayers img = image.get();
      p.graph("selected", imageId).graph("node", node);
      List<LayerInfo> layers = img.layers();
      List<Long> sizes = new ArrayList<>();
      for (LayerInfo l : layers) {
        int i = l.index();
        sizes.add(l.size());
        p.node(
            "l:" + i,
            "kind",
            "layer",
            "index",
            i,
            "size",
            l.size(),
            "files",
            l.files().size(),
            "createdBy",
            l.createdBy(),
            "diffId",
            l.diffId());
        if (i > 0) {
          p.edge("l:" + (i - 1) + ">" + i, "l:" + (i - 1), "l:" + i);
        }
      }
      LayerAnalysis a = analysis(img);
      p.graph("efficiency", a.efficiency())
          .graph("wastedBytes", a.wastedBytes())
          .graph("userWastedPercent", LayerAnalysis.userWastedPercent(a.wastedBytes(), sizes))
          .graph("imageSize", img.size());
      if (layers.isEmpty()) {
        return;
      }
      String top = "l:" + (layers.size() - 1);
      for (ContainerInfo c : look.containers().containers(node)) {
        if (!img.id().equals(c.imageId())) {
          continue;
        }
        Optional<WritableLayer> rw = look.containers().writableLayer(node, c.id());
        String wid = "w:" + c.name();
        p.node(
            wid,
            "kind",
            "writable",
            "label",
            c.name(),
            "status",
            c.status(),
            "size",
            rw.map(WritableLayer::size).orElse(null),
            "changes",
            rw.map(w -> w.changes().size()).orElse(null));
        p.edge(top + ">" + wid, top, wid);
      }
    }

    /**
     * The latest build of each node, step by step ({@code s:NODE:N}, kind "step"): stage, index,
     * instruction, whether the cache answered it, its virtual start and end, the layer it made; a
     * {@code COPY --from=STAGE} step has an edge from that stage's last step, so the panel draws
     * the stages as a graph feeding each other and replays the steps in their virtual time.
     */
    private void describeBuilds(Picture p, Session s) {
      Introspection look = s.introspection();
      if (!look.simulated()) {
        return;
      }
      for (String n : s.nodes()) {
        List<BuildsView.Build> builds = look.builds().builds(n);
        if (builds.isEmpty()) {
          continue;
        }
        BuildsView.Build b = builds.get(builds.size() - 1);
        String bid = "b:" + n;
        p.node(
            bid,
            "kind",
            "build",
            "node",
            n,
            "buildId",
            b.id(),
            "tags",
            String.join(", ", b.tags()),
            "status",
            b.status().name(),
            "imageId",
            b.imageId());
        Map<String, String> lastOfStage = new HashMap<>();
        int k = 0;
        for (BuildsView.Step st : b.steps()) {
          String id = "s:" + n + ":" + k++;
          p.node(
              id,
              "kind",
              "step",
              "node",
              n,
              "stage",
              st.stage(),
              "index",
              st.index(),
              "instruction",
              st.instruction(),
              "status",
              st.status().name(),
              "cached",
              st.cacheHit(),
              "start",
              st.startedNanos(),
              "end",
              st.finishedNanos(),
              "layer",
              st.layerDiffId(),
              "platform",
              st.platform());
          // each platform of a multi-platform build has its own stages: COPY --from reads its own
          Matcher from = COPY_FROM.matcher(st.instruction());
          String source = from.find() ? st.platform() + "|" + from.group(1) : null;
          if (source != null && lastOfStage.containsKey(source)) {
            String src = lastOfStage.get(source);
            p.edge(src + ">" + id, src, id);
          }
          lastOfStage.put(st.platform() + "|" + st.stage(), id);
        }
      }
    }

    @Override
    public JsonNode request(JsonNode args) {
      String op = args.path("op").asText();
      if (op.equals("select")) {
        node = args.path("node").asText(null);
        imageId = args.path("image").asText(null);
        return snapshot();
      }
      if (op.equals("tree")) {
        return tree(args.path("layer").asText());
      }
      return Json.message("error").put("message", "unknown request " + op);
    }

    private JsonNode tree(String layerId) {
      ObjectNode out = Json.MAPPER.createObjectNode();
      ArrayNode rows = out.putArray("rows");
      Introspection look = context.session().introspection();
      if (layerId.startsWith("w:")) {
        String name = layerId.substring(2);
        for (ContainerInfo c : look.containers().containers(node)) {
          if (c.name().equals(name)) {
            for (ChangeItem ch :
                look.containers()
                    .writableLayer(node, c.id())
                    .map(WritableLayer::changes)
                    .orElse(List.of())) {
              String mark = ch.kind() == 0 ? "M" : ch.kind() == 1 ? "A" : "D";
              rows.addObject().put("path", ch.path()).put("mark", mark);
            }
          }
        }
        out.put("writable", true);
        return out;
      }
      Optional<ImageLayers> image = look.images().image(node, imageId);
      if (image.isEmpty()) {
        return out;
      }
      int index = Integer.parseInt(layerId.substring(2));
      List<LayerAnalysis.Row> all = analysis(image.get()).tree(index);
      out.put("total", all.size());
      for (LayerAnalysis.Row r : all.subList(0, Math.min(MAX_ROWS, all.size()))) {
        rows.addObject()
            .put("path", r.path())
            .put("depth", r.depth())
            .put("name", r.name())
            .put("mark", r.mark().name())
            .put("size", r.size())
            .put("dir", r.directory());
      }
      return out;
    }

    private LayerAnalysis analysis(ImageLayers img) {
      if (!img.id().equals(analysedId)) {
        analysis = new LayerAnalysis(img.layers().stream().map(LayerInfo::files).toList());
        analysedId = img.id();
      }
      return analysis;
    }
  }
}
