package dev.ddlab.grader.submission;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A submission's signature: {@code algorithm} (Ed25519), the signer's {@code publicKey} (X.509,
 * base64) and the {@code value} (base64) over the submission's canonical JSON without this field.
 */
public record Signature(
    @JsonProperty("algorithm") String algorithm,
    @JsonProperty("publicKey") String publicKey,
    @JsonProperty("value") String value) {}
