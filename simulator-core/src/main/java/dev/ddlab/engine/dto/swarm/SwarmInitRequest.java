package dev.ddlab.engine.dto.swarm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** POST /swarm/init. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SwarmInitRequest(
    @JsonProperty("ListenAddr") String listenAddr,
    @JsonProperty("AdvertiseAddr") String advertiseAddr,
    @JsonProperty("DataPathAddr") String dataPathAddr,
    @JsonProperty("DataPathPort") int dataPathPort,
    @JsonProperty("ForceNewCluster") boolean forceNewCluster,
    @JsonProperty("Spec") SwarmSpec spec,
    @JsonProperty("AutoLockManagers") boolean autoLockManagers,
    @JsonProperty("Availability") String availability,
    @JsonProperty("DefaultAddrPool") List<String> defaultAddrPool,
    @JsonProperty("SubnetSize") int subnetSize) {}
