package org.webims.wwsf.operations;

import java.util.OptionalDouble;
import org.webims.server.metrics.PrometheusText;
import org.webims.wwsf.config.WwsfProperties;

/**
 * One row of the console's Nodes page (issue 16 point 4), as the page and its JSON show it: the node, its status
 * in words, and its figures as text. A figure is {@value #NOT_APPLICABLE} when the role has no such figure and
 * {@value #UNKNOWN} when the node did not give it (down, or no such meter exposed).
 *
 * @param name the configured name
 * @param role the role's label ("eP-CSCF", "IMS core", "WWSF + WAF")
 * @param status {@code up}, {@code not ready} or {@code down}
 * @param reason why not up, or why the figures are missing, in words; empty when there is nothing to say
 */
public record NodeView(String name, String role, String status, String reason, String flows, String registrations,
    String calls, String leases) {

  public static final String UP = "up";
  public static final String NOT_READY = "not ready";
  public static final String DOWN = "down";
  public static final String NOT_APPLICABLE = "";
  public static final String UNKNOWN = "—";

  /** A node whose figures were read from {@code metrics} (null: not read) with status and reason. */
  static NodeView of(WwsfProperties.Node node, String status, String reason, PrometheusText metrics) {
    NodeRole role = node.role();
    return new NodeView(node.name(), role.label(), status, reason, figure(role.flowsMeter(), metrics),
        figure(role.registrationsMeter(), metrics), figure(role.callsMeter(), metrics),
        figure(role.leasesMeter(), metrics));
  }

  /** The same name for CSS and element ids: {@code not-ready} for {@code not ready}. */
  public String statusId() {
    return status.replace(' ', '-');
  }

  private static String figure(String meter, PrometheusText metrics) {
    if (meter == null) {
      return NOT_APPLICABLE;
    }
    if (metrics == null) {
      return UNKNOWN;
    }
    OptionalDouble value = metrics.value(meter);
    if (value.isEmpty() || Double.isNaN(value.getAsDouble()) || Double.isInfinite(value.getAsDouble())) {
      return UNKNOWN;
    }
    return Long.toString(Math.round(value.getAsDouble()));
  }
}
