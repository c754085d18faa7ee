package dev.ddlab.web.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ddlab.sim.fs.Layer;
import dev.ddlab.web.panel.LayerAnalysis.Mark;
import dev.ddlab.web.panel.LayerAnalysis.Row;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LayerAnalysisTest {
  private final Layer base =
      Layer.builder(0).file("/etc/a", "0123456789").blob("/bin/sh", 100).build();
  private final Layer update =
      Layer.builder(0).file("/etc/a", "01234567890123456789").blob("/tmp/big", 1000).build();
  private final Layer cleanup = Layer.builder(0).whiteout("/tmp/big").build();

  @Test
  void efficiency_is_smallest_over_cumulative_size_per_path_and_whiteouts_cost_what_they_hide() {
    LayerAnalysis a =
        new LayerAnalysis(List.of(base.entries(), update.entries(), cleanup.entries()));
    // /etc/a: 10 + 20, min 10; /bin/sh: 100; /tmp/big: 1000 added, 1000 hidden by the whiteout
    assertEquals((10 + 100 + 1000) / (double) (30 + 100 + 2000), a.efficiency(), 1e-9);
    assertEquals(30 + 2000, a.wastedBytes());
    assertEquals("/tmp/big", a.inefficiencies().get(0).path());
    assertEquals(2, a.inefficiencies().get(0).layers());
  }

  @Test
  void an_image_whose_paths_each_appear_once_is_fully_efficient() {
    LayerAnalysis a =
        new LayerAnalysis(
            List.of(base.entries(), Layer.builder(0).blob("/app/x", 5).build().entries()));
    assertEquals(1.0, a.efficiency());
    assertEquals(0, a.wastedBytes());
  }

  @Test
  void user_wasted_percent_leaves_out_the_base_layer() {
    assertEquals(0.5, LayerAnalysis.userWastedPercent(100, List.of(1000L, 150L, 50L)));
  }

  @Test
  void the_tree_of_a_layer_marks_added_modified_removed_and_unmodified_paths() {
    LayerAnalysis a =
        new LayerAnalysis(List.of(base.entries(), update.entries(), cleanup.entries()));
    Map<String, Mark> second = marks(a.tree(1));
    assertEquals(Mark.M, second.get("/etc/a"));
    assertEquals(Mark.A, second.get("/tmp/big"));
    assertEquals(Mark.U, second.get("/bin/sh"));
    Map<String, Mark> third = marks(a.tree(2));
    assertEquals(Mark.D, third.get("/tmp/big"));
    assertEquals(Mark.U, third.get("/etc/a"));
    Row sh = a.tree(0).stream().filter(r -> r.path().equals("/bin/sh")).findFirst().orElseThrow();
    assertEquals(1, sh.depth());
    assertEquals(100, sh.size());
  }

  private static Map<String, Mark> marks(List<Row> rows) {
    return rows.stream().collect(Collectors.toMap(Row::path, Row::mark));
  }
}
