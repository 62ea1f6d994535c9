package org.webims.wwsf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * Issue 16 point 3 (WAF-02): the WWSF's token requests reach the WAF through the cluster's load balancer. When the
 * node behind a kept-alive connection dies before the balancer marks it down, the connection is cut without an
 * answer; the refresh is then sent once more, on a new connection, instead of ending the user's sign-in. An HTTP
 * answer, even an error, is never sent again.
 */
class WafTokenRestClientTest {

  @Test
  void refreshSucceedsWhenTheKeptAliveConnectionIsCutWithoutAnAnswer() {
    try (TokenEndpoint endpoint = TokenEndpoint.start(TokenEndpoint.Behaviour.CUT_KEPT_ALIVE_CONNECTIONS)) {
      RestClientRefreshTokenTokenResponseClient refresh = refreshClient();

      assertThat(refresh.getTokenResponse(grant(endpoint)).getAccessToken().getTokenValue()).isEqualTo("access-1");
      // The second refresh goes out on the kept-alive connection, which is cut: it is sent again on a new one.
      assertThat(refresh.getTokenResponse(grant(endpoint)).getAccessToken().getTokenValue()).isEqualTo("access-3");
      assertThat(endpoint.connections()).isEqualTo(2);
    }
  }

  @Test
  void aTokenRequestIsSentAtMostTwice() {
    try (TokenEndpoint endpoint = TokenEndpoint.start(TokenEndpoint.Behaviour.CUT_EVERY_REQUEST)) {
      assertThatThrownBy(() -> refreshClient().getTokenResponse(grant(endpoint)))
          .isInstanceOf(OAuth2AuthorizationException.class).hasRootCauseInstanceOf(IOException.class);
      assertThat(endpoint.requests()).isEqualTo(2);
    }
  }

  @Test
  void anErrorAnswerIsNotSentAgain() {
    try (TokenEndpoint endpoint = TokenEndpoint.start(TokenEndpoint.Behaviour.REFUSE_GRANT)) {
      assertThatThrownBy(() -> refreshClient().getTokenResponse(grant(endpoint)))
          .isInstanceOf(OAuth2AuthorizationException.class);
      assertThat(endpoint.requests()).isEqualTo(1);
    }
  }

  private static RestClientRefreshTokenTokenResponseClient refreshClient() {
    RestClientRefreshTokenTokenResponseClient refresh = new RestClientRefreshTokenTokenResponseClient();
    try {
      refresh.setRestClient(WwsfSecurityConfiguration.tokenRestClient(SSLContext.getDefault()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return refresh;
  }

  private static OAuth2RefreshTokenGrantRequest grant(TokenEndpoint endpoint) {
    ClientRegistration registration = ClientRegistration.withRegistrationId("waf")
        .clientId("wwsf")
        .clientSecret("secret")
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .redirectUri("http://localhost/login/oauth2/code/waf")
        .authorizationUri("http://localhost/oauth2/authorize")
        .tokenUri("http://localhost:" + endpoint.port() + "/oauth2/token")
        .build();
    Instant now = Instant.now();
    return new OAuth2RefreshTokenGrantRequest(registration,
        new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "old-access", now.minusSeconds(60), now),
        new OAuth2RefreshToken("refresh", now.minusSeconds(60)));
  }

  /**
   * A token endpoint over plain HTTP/1.1 with keep-alive. Request {@code n} (counted over all connections) gets
   * {@code access-n}, or no answer at all when the behaviour cuts it.
   */
  private static final class TokenEndpoint implements AutoCloseable {

    enum Behaviour {
      /** Answers the first request of each connection and cuts any later one: the node behind it died. */
      CUT_KEPT_ALIVE_CONNECTIONS,
      /** Cuts every request without an answer. */
      CUT_EVERY_REQUEST,
      /** Answers every request 400 {@code invalid_grant}. */
      REFUSE_GRANT
    }

    private final ServerSocket listener;
    private final Behaviour behaviour;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    private TokenEndpoint(ServerSocket listener, Behaviour behaviour) {
      this.listener = listener;
      this.behaviour = behaviour;
    }

    static TokenEndpoint start(Behaviour behaviour) {
      try {
        TokenEndpoint endpoint =
            new TokenEndpoint(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), behaviour);
        endpoint.threads.execute(endpoint::accept);
        return endpoint;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    int port() {
      return listener.getLocalPort();
    }

    int connections() {
      return connections.get();
    }

    int requests() {
      return requests.get();
    }

    private void accept() {
      while (!listener.isClosed()) {
        try {
          Socket connection = listener.accept();
          open.add(connection);
          connections.incrementAndGet();
          threads.execute(() -> serve(connection));
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    private void serve(Socket connection) {
      try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
        for (int onConnection = 1; readRequest(in); onConnection++) {
          int n = requests.incrementAndGet();
          if (behaviour == Behaviour.CUT_EVERY_REQUEST
              || behaviour == Behaviour.CUT_KEPT_ALIVE_CONNECTIONS && onConnection > 1) {
            return; // closed without an answer
          }
          String status = behaviour == Behaviour.REFUSE_GRANT ? "400 Bad Request" : "200 OK";
          String body = behaviour == Behaviour.REFUSE_GRANT ? "{\"error\":\"invalid_grant\"}"
              : "{\"access_token\":\"access-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                  + "\"refresh_token\":\"refresh\"}";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
              + "\r\nCache-Control: no-store\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(bytes);
          out.flush();
        }
      } catch (IOException e) {
        // the client went away
      } finally {
        open.remove(connection);
      }
    }

    /** Reads one request (head and Content-Length body); false at the end of the connection. */
    private static boolean readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          return false;
        }
        head.write(b);
        matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
      }
      int length = 0;
      for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring("content-length:".length()).trim());
        }
      }
      return in.readNBytes(length).length == length;
    }

    @Override
    public void close() {
      try {
        listener.close();
      } catch (IOException e) {
        // already closed
      }
      open.forEach(socket -> {
        try {
          socket.close();
        } catch (IOException e) {
          // already closed
        }
      });
      threads.shutdownNow();
    }
  }
}
