/**
 * IPv4 values libnetwork takes from Go's {@code net} and its own {@code types} package: addresses
 * as ints, networks ({@link dev.ddlab.sim.network.types.Subnet}), Docker's MAC derived from an
 * address. Depends on nothing else of the simulator.
 */
package dev.ddlab.sim.network.types;
