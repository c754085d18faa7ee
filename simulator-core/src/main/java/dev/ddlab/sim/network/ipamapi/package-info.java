/**
 * libnetwork's {@code ipamapi}: the contract of an IPAM driver (request and release pools and
 * addresses). The controller knows IPAM only through it.
 */
package dev.ddlab.sim.network.ipamapi;
