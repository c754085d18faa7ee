package dev.ddlab.bridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddlab.engine.EngineException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query parameters as the Engine API reads them (moby {@code api/server/httputils}). */
final class Params {
  private Params() {}

  /** "1", "true", "True" … are true; absent, "", "0", "false" are false (moby BoolValue). */
  static boolean bool(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return false;
    }
    String s = v.trim().toLowerCase();
    return !(s.isEmpty()
        || s.equals("0")
        || s.equals("no")
        || s.equals("false")
        || s.equals("none"));
  }

  static String str(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isEmpty() ? null : v;
  }

  static Integer integer(Context ctx, String name) {
    String v = str(ctx, name);
    if (v == null) {
      return null;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw EngineException.badRequest("invalid value for " + name + ": " + v);
    }
  }

  /**
   * The filters parameter in either of its wire forms: {"k":["v"]} or, as the docker CLI sends it,
   * {"k":{"v":true}}.
   */
  static Map<String, List<String>> filters(Context ctx) {
    String raw = str(ctx, "filters");
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(raw);
    } catch (IOException e) {
      throw EngineException.badRequest("invalid filter '" + raw + "'");
    }
    if (node == null || !node.isObject()) {
      throw EngineException.badRequest("invalid filter '" + raw + "'");
    }
    node.fields()
        .forEachRemaining(
            e -> {
              List<String> values = new ArrayList<>();
              JsonNode v = e.getValue();
              if (v.isArray()) {
                v.forEach(x -> values.add(x.asText()));
              } else if (v.isObject()) {
                v.fields()
                    .forEachRemaining(
                        x -> {
                          if (x.getValue().asBoolean()) {
                            values.add(x.getKey());
                          }
                        });
              } else {
                values.add(v.asText());
              }
              out.put(e.getKey(), values);
            });
    return out;
  }
}
