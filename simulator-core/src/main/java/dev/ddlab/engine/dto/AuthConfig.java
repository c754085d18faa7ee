package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The API's AuthConfig: the body of {@code POST /auth}, and (base64url-encoded JSON) the {@code
 * X-Registry-Auth} header of a push or pull.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthConfig(
    @JsonProperty("username") String username,
    @JsonProperty("password") String password,
    @JsonProperty("serveraddress") String serverAddress) {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The X-Registry-Auth header's value for this config, as the CLI encodes it. */
  public String header() {
    try {
      return Base64.getUrlEncoder().encodeToString(JSON.writeValueAsBytes(this));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The config an X-Registry-Auth header carries; an empty one when it is missing or unreadable.
   */
  public static AuthConfig fromHeader(String header) {
    if (header == null || header.isBlank()) {
      return new AuthConfig(null, null, null);
    }
    try {
      byte[] json = Base64.getUrlDecoder().decode(header.trim());
      return JSON.readValue(new String(json, StandardCharsets.UTF_8), AuthConfig.class);
    } catch (IllegalArgumentException | java.io.IOException e) {
      return new AuthConfig(null, null, null);
    }
  }
}
