package dev.ddlab.sim.network.driverapi;

/**
 * libnetwork's {@code driverapi.InterfaceInfo}: the interface an endpoint brings into its sandbox.
 * The controller fills in the address from IPAM; the driver sets the MAC address.
 */
public final class InterfaceInfo {
  private final int address;
  private final int prefix;
  private String mac = "";

  public InterfaceInfo(int address, int prefix) {
    this.address = address;
    this.prefix = prefix;
  }

  public int address() {
    return address;
  }

  public int prefix() {
    return prefix;
  }

  public String macAddress() {
    return mac;
  }

  public void setMacAddress(String mac) {
    this.mac = mac;
  }
}
