package org.webims.waf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.webims.waf.WafApplication;

/**
 * Starts a real WAF in-process on loopback for tests of this and other modules: its H2 file database and seed
 * file under a directory of the test, a free port, the contract's dev client secret.
 *
 * <pre>{@code
 * try (WafTestServer waf = WafTestServer.start(tempDir, TestSeedFile.standard())) {
 *     String token = waf.tokenClient().accessToken(TestSeedFile.ALICE, TestSeedFile.ALICE_PASSWORD);
 * }
 * }</pre>
 */
public final class WafTestServer implements AutoCloseable {

    public static final String CLIENT_SECRET = "wwsf-secret";

    private final ConfigurableApplicationContext context;
    private final URI baseUrl;

    private WafTestServer(ConfigurableApplicationContext context, URI baseUrl) {
        this.context = context;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts a WAF whose state lives in {@code dataDir} (start again on the same directory to restart it).
     * {@code extraArguments} are Spring Boot command-line arguments, e.g. {@code --webims.waf.keys.rotate=true}.
     */
    public static WafTestServer start(Path dataDir, TestSeedFile seed, String... extraArguments) {
        int port = freePort();
        URI baseUrl = URI.create("http://localhost:" + port);
        Path seedFile = seed.writeTo(dataDir.resolve("waf-seed.yml"));
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("waf"),
                "--webims.waf.issuer=" + baseUrl,
                "--webims.waf.seed-file=" + seedFile.toAbsolutePath(),
                "--webims.waf.clients.wwsf.secret=" + CLIENT_SECRET,
                "--webims.tls.enabled=false",
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(extraArguments));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WafApplication.class)
                .run(args.toArray(String[]::new));
        return new WafTestServer(context, baseUrl);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The issuer ({@code iss}) of this WAF's tokens. */
    public String issuer() {
        return baseUrl.toString();
    }

    public URI jwksUri() {
        return baseUrl.resolve("/oauth2/jwks");
    }

    public WafTokenClient tokenClient() {
        return WafTokenClient.builder(baseUrl).clientSecret(CLIENT_SECRET).build();
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
