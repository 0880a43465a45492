package io.fleetsim.tune;

import java.util.List;

import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The {@code sweep} section of a tune file, checked, with the nodes values came from so the cells
 * built from them report problems at the right line.
 *
 * @param profiles       NAT profile names with their list items
 * @param candidates     keepalive candidates with the node that gave each
 * @param devicesPerCell devices in every cell
 * @param devicesNode    where devicesPerCell was written (the sweep node when it was not)
 * @param goal           the goal's node (a scalar), or a synthetic one with the default
 */
record SweepSettings(List<Sited<String>> profiles, List<Sited<Candidate>> candidates, int devicesPerCell,
        Node devicesNode, Node goal) {

    /** A value and the node it was read from. */
    record Sited<T>(T value, Node node) {
    }
}
