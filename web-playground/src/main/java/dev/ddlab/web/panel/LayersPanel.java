package dev.ddlab.web.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddlab.engine.EngineException;
import dev.ddlab.engine.dto.ChangeItem;
import dev.ddlab.engine.dto.ImageSummary;
import dev.ddlab.events.EngineEvent;
import dev.ddlab.events.SimEvent;
import dev.ddlab.session.Session;
import dev.ddlab.sim.fs.ContainerRootFs;
import dev.ddlab.sim.fs.Layer;
import dev.ddlab.sim.host.Cluster;
import dev.ddlab.sim.host.ContainerView;
import dev.ddlab.sim.host.DockerHost;
import dev.ddlab.sim.image.Image;
import dev.ddlab.sim.image.ImageConfig;
import dev.ddlab.sim.image.ImageLayer;
import dev.ddlab.sim.image.SimImagesApi;
import dev.ddlab.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Image layers in the spirit of dive: pick an image on a node; see its layer stack (size, the
 * instruction that made each layer, DiffID), the efficiency score and wasted bytes by dive's
 * definitions ({@link LayerAnalysis}), each running container's writable layer on top; ask for a
 * layer's file tree with Added/Modified/Removed/Unmodified marks.
 */
public final class LayersPanel implements Panel {
  static final int MAX_ROWS = 3000;

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
      if (node == null || imageId == null) {
        return;
      }
      Optional<Image> image = simImage(s, node, imageId);
      if (image.isEmpty()) {
        p.graph("selected", imageId).graph("missing", true);
        return;
      }
      Image img = image.get();
      p.graph("selected", imageId).graph("node", node);
      List<ImageLayer> layers = img.layers();
      List<String> commands = layerCommands(img.config());
      List<Long> sizes = new ArrayList<>();
      for (int i = 0; i < layers.size(); i++) {
        ImageLayer l = layers.get(i);
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
            l.layer().entries().size(),
            "createdBy",
            i < commands.size() ? commands.get(i) : "",
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
      Optional<DockerHost> host = s.cluster().map(c -> c.node(node));
      if (host.isPresent() && !layers.isEmpty()) {
        for (ContainerView c : host.get().inspectContainers()) {
          if (!img.id().equals(imageIdOf(host.get(), c))) {
            continue;
          }
          ContainerRootFs fs = c.rootFs() instanceof ContainerRootFs r ? r : null;
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
              fs == null ? null : fs.sizeRw(),
              "changes",
              fs == null ? null : fs.changes().size());
          p.edge("l:" + (layers.size() - 1) + ">" + wid, "l:" + (layers.size() - 1), wid);
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
      Session s = context.session();
      if (layerId.startsWith("w:")) {
        String name = layerId.substring(2);
        Optional<DockerHost> host = s.cluster().map(c -> c.node(node));
        for (ContainerView c : host.map(DockerHost::inspectContainers).orElse(List.of())) {
          if (c.name().equals(name) && c.rootFs() instanceof ContainerRootFs fs) {
            for (ChangeItem ch : fs.changes()) {
              String mark = ch.kind() == 0 ? "M" : ch.kind() == 1 ? "A" : "D";
              rows.addObject().put("path", ch.path()).put("mark", mark);
            }
          }
        }
        out.put("writable", true);
        return out;
      }
      Optional<Image> image = simImage(s, node, imageId);
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

    private LayerAnalysis analysis(Image img) {
      if (!img.id().equals(analysedId)) {
        List<Layer> trees = new ArrayList<>();
        img.layers().forEach(l -> trees.add(l.layer()));
        analysis = new LayerAnalysis(trees);
        analysedId = img.id();
      }
      return analysis;
    }

    /** The build steps that made a layer (history entries that are not empty layers), in order. */
    private static List<String> layerCommands(ImageConfig config) {
      List<String> out = new ArrayList<>();
      if (config.history() != null) {
        for (ImageConfig.History h : config.history()) {
          if (!h.emptyLayer()) {
            out.add(h.createdBy() == null ? "" : h.createdBy());
          }
        }
      }
      return out;
    }

    private static String imageIdOf(DockerHost host, ContainerView c) {
      try {
        return host.engine().containers().inspect(c.id()).image();
      } catch (EngineException e) {
        return null;
      }
    }

    private static Optional<Image> simImage(Session s, String node, String id) {
      Optional<Cluster> cluster = s.cluster();
      if (cluster.isEmpty()) {
        return Optional.empty();
      }
      DockerHost host = cluster.get().node(node);
      if (host != null && host.images().local() instanceof SimImagesApi sim) {
        return sim.image(id);
      }
      return Optional.empty();
    }
  }
}
