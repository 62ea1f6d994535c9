package org.webims.waf.pool;

/**
 * One IMPU of a pool and the IMPI it registers under.
 *
 * @param impu the public user identity, a SIP or TEL URI
 * @param impi the private user identity, {@code user@realm}
 * @param leaseId the live lease that holds it, or null when it is free
 */
public record PoolImpu(String impu, String impi, String leaseId) {
}
