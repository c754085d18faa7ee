package dev.ddlab.sim.network.dataplane;

/**
 * An entry of a namespace's ARP table ({@code ip neigh}): the address, the device, the MAC once
 * known, and the state (INCOMPLETE while asking, REACHABLE when answered, FAILED when nobody did).
 */
public record Neighbour(int ip, NetDevice device, long mac, String state) {}
