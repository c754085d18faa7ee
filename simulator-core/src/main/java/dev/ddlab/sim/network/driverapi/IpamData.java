package dev.ddlab.sim.network.driverapi;

import dev.ddlab.sim.network.types.Subnet;

/**
 * libnetwork's {@code driverapi.IPAMData}: one pool of a network as the driver receives it, with
 * its gateway. (libnetwork's also carries the auxiliary addresses; they come with the request's
 * {@code AuxiliaryAddresses}, which the engine's IPAM config cannot carry yet.)
 */
public record IpamData(String addressSpace, Subnet pool, int gateway) {}
