package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** TLSInfo: the cluster's root CA certificate and the issuer of the node certificates. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TlsInfo(
    @JsonProperty("TrustRoot") @JsonInclude(JsonInclude.Include.NON_EMPTY) String trustRoot,
    @JsonProperty("CertIssuerSubject") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        String certIssuerSubject,
    @JsonProperty("CertIssuerPublicKey") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        String certIssuerPublicKey) {}
