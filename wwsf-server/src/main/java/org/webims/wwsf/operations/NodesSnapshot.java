package org.webims.wwsf.operations;

import java.util.List;

/**
 * What the console's Nodes page shows at one moment (issue 16 point 4), also its JSON
 * ({@code GET /console/nodes/figures}).
 *
 * @param at when the nodes were read, ISO-8601 UTC
 * @param refreshSeconds how often the page asks again
 * @param nodes one row per configured node, in the configured order
 */
public record NodesSnapshot(String at, long refreshSeconds, List<NodeView> nodes) {
}
