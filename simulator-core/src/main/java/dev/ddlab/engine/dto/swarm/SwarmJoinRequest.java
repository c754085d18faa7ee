package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** POST /swarm/join. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SwarmJoinRequest(
    @JsonProperty("ListenAddr") String listenAddr,
    @JsonProperty("AdvertiseAddr") String advertiseAddr,
    @JsonProperty("DataPathAddr") String dataPathAddr,
    @JsonProperty("RemoteAddrs") List<String> remoteAddrs,
    @JsonProperty("JoinToken") String joinToken,
    @JsonProperty("Availability") String availability) {}
