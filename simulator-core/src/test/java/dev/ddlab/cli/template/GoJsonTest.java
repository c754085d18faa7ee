package dev.ddlab.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Go's encoding/json output, as {@code docker inspect} and the {@code json} function print it. */
class GoJsonTest {
  @Test
  void strings_escape_as_go_does_after_a_plain_prefix_and_html_only_when_asked() {
    assertEquals(
        "\"abc\\\"d\\\\e\\n\\u0001\\u003cb\\u003e\\u0026\\u2028\"",
        GoJson.marshal("abc\"d\\e\n\u0001<b>&\u2028", true));
    assertEquals("\"<b>&\"", GoJson.marshal("<b>&", false));
    assertEquals("\"plain text\"", GoJson.marshal("plain text", true));
  }

  @Test
  void a_long_string_escapes_wherever_its_first_special_character_is() {
    // 16 characters and more are scanned in a copy of their characters: the same escapes
    String plain = "a plain prefix of thirty chars";
    for (int at = 0; at <= plain.length(); at += 5) {
      for (String special : List.of("<", "\"", "\u0001", "\u2028")) {
        String s = plain.substring(0, at) + special + plain.substring(at) + " and more text";
        String escaped =
            switch (special) {
              case "<" -> "\\u003c";
              case "\"" -> "\\\"";
              case "\u0001" -> "\\u0001";
              default -> "\\u2028";
            };
        String expected =
            "\"" + plain.substring(0, at) + escaped + plain.substring(at) + " and more text\"";
        assertEquals(expected, GoJson.marshal(s, true), s);
        assertEquals("[\n    " + expected + "\n]", GoJson.marshalIndent(List.of(s)), s);
      }
    }
    assertEquals("\"" + plain + "\"", GoJson.marshalIndent(plain));
  }

  @Test
  void map_keys_are_sorted_whatever_the_map_and_struct_fields_keep_their_order() {
    Map<Object, Object> inOrder = new LinkedHashMap<>();
    inOrder.put("b", 1L);
    inOrder.put("a", List.of());
    assertEquals("{\"a\":[],\"b\":1}", GoJson.marshal(inOrder, true));
    Map<Object, Object> numbers = new TreeMap<>(Map.of(10, "x", 9, "y"));
    assertEquals("{\"10\":\"x\",\"9\":\"y\"}", GoJson.marshal(numbers, true));
    assertEquals("{\"7\":\"z\"}", GoJson.marshal(Map.of(7, "z"), true));
    GoObject struct = new GoObject("S").field("Z", 1L).field("A", "a").omittedField("O", "");
    assertEquals("{\"Z\":1,\"A\":\"a\"}", GoJson.marshal(struct, true));
    assertEquals("{\"A\":\"a\",\"Z\":1}", GoJson.marshal(struct.jsonSorted(), true));
    assertEquals("{}", GoJson.marshal(new GoObject("E"), true));
  }

  @Test
  void indented_output_nests_four_spaces_per_level_and_empty_values_stay_on_one_line() {
    GoObject inner = new GoObject("I").field("K", List.of("v")).field("E", Map.of());
    assertEquals(
        "[\n    {\n        \"K\": [\n            \"v\"\n        ],\n        \"E\": {}\n    }\n]\n",
        GoJson.marshalIndentLine(List.of(inner)));
  }
}
