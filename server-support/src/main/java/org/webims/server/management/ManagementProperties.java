package org.webims.server.management;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.webims.server.abuse.FailureLockout;

/**
 * Who may read a server's management port ({@code webims.management.*}, issue 16): one user with HTTP Basic.
 * Where the port and address are is Spring Boot's {@code management.server.*}.
 *
 * @param username the management user
 * @param password its password; empty means the one in {@code passwordFile}, generated there on first start
 * @param passwordFile where a generated password lives (readable by its owner only); empty means
 *     {@code <spring.application.name>-management-password} beside the TLS keystore (the data directory)
 * @param lockout failed sign-ins that lock a source or user out, as for every secret check (issue 12)
 * @param refusalLogInterval at most one log line of refused requests per source per interval
 */
@ConfigurationProperties("webims.management")
public record ManagementProperties(
    @DefaultValue("metrics") String username,
    @DefaultValue("") String password,
    @DefaultValue("") String passwordFile,
    @DefaultValue FailureLockout.Limits lockout,
    @DefaultValue("1m") Duration refusalLogInterval) {

  @Override
  public String toString() {
    return "ManagementProperties[username=" + username + ", passwordFile=" + passwordFile + "]";
  }
}
