package dev.ddlab.engine.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A network's IPAM (moby's network.IPAM): the driver, its options and one config per subnet. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ipam(
    @JsonProperty("Driver") String driver,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("Config") List<Config> config) {

  /**
   * One subnet (moby's network.IPAMConfig, every field omitempty, in this order): its range,
   * gateway and the auxiliary addresses the driver keeps for itself ({@code --aux-address
   * name=ip}).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Config(
      @JsonProperty("Subnet") @JsonInclude(JsonInclude.Include.NON_EMPTY) String subnet,
      @JsonProperty("IPRange") @JsonInclude(JsonInclude.Include.NON_EMPTY) String ipRange,
      @JsonProperty("Gateway") @JsonInclude(JsonInclude.Include.NON_EMPTY) String gateway,
      @JsonProperty("AuxiliaryAddresses") @JsonInclude(JsonInclude.Include.NON_EMPTY)
          Map<String, String> auxiliaryAddresses) {

    /** A subnet with nothing else configured. */
    public static Config subnet(String subnet) {
      return new Config(subnet, null, null, null);
    }
  }
}
