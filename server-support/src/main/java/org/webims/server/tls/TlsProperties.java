package org.webims.server.tls;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS of a WebIMS server's HTTPS/WSS listener ({@code webims.tls.*}).
 *
 * @param enabled TLS on the web server; {@code false} is a development switch for plain HTTP/WS
 * @param keyStore PKCS12 keystore; empty means {@code ./data/<spring.application.name>-tls.p12}
 * @param keyStorePassword password of the keystore and its key
 * @param keyAlias alias of the key in the keystore
 * @param selfSigned generate a self-signed certificate when the keystore file is missing
 * @param names subjectAltNames of a generated certificate (DNS names and IP addresses)
 */
@ConfigurationProperties("webims.tls")
public record TlsProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("") String keyStore,
    @DefaultValue("webims-dev-only") String keyStorePassword,
    @DefaultValue("webims") String keyAlias,
    @DefaultValue("true") boolean selfSigned,
    @DefaultValue({"localhost", "127.0.0.1"}) List<String> names) {
}
