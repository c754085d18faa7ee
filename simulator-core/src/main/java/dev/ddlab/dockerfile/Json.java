package dev.ddlab.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddlab.go.GoStrconv;
import java.util.ArrayList;
import java.util.List;

/** The JSON-array form of instructions (exec form), read as Go's encoding/json would. */
final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /**
   * A JSON array of strings; null when the text is not valid JSON (then it is the shell form);
   * BuildKit's error when it is an array with something else than strings in it.
   */
  static List<String> stringArray(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isTextual()) {
        throw new DockerfileException(
            "when using JSON array syntax, arrays must be comprised of strings only");
      }
      out.add(n.textValue());
    }
    return out;
  }

  static String goQuote(String s) {
    return GoStrconv.quote(s);
  }
}
