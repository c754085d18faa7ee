package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code POST /auth}: {@code {"Status": "Login Succeeded", "IdentityToken": ""}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthResponse(
    @JsonProperty("Status") String status, @JsonProperty("IdentityToken") String identityToken) {}
