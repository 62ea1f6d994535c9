package org.webims.server.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webims.server.data.PrivateDataFiles;

/**
 * Creates a PKCS12 keystore holding a self-signed RSA certificate, once, with the JDK's
 * {@code keytool}: TLS is on by default, and a first start on a fresh machine must have a
 * certificate without any set-up. A real certificate replaces it by configuration.
 */
public final class SelfSignedKeystore {

  private static final Logger log = LoggerFactory.getLogger(SelfSignedKeystore.class);
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;
  /** Browsers refuse leaf certificates valid for more than 825 days. */
  private static final int VALIDITY_DAYS = 825;

  private SelfSignedKeystore() {
  }

  /**
   * Returns {@code keystore}, first generating it when the file does not exist.
   *
   * @param names DNS names and IP addresses for the subjectAltName; the first is the CN
   */
  public static synchronized Path ensure(Path keystore, String password, String alias, List<String> names)
      throws IOException {
    if (Files.isRegularFile(keystore)) {
      return keystore;
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a certificate needs at least one name");
    }
    Path parent = keystore.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    // keytool writes into a temporary file that is moved in place, so a crash leaves no half keystore.
    Path temp = Files.createTempFile(parent, ".webims-tls", ".p12");
    Files.delete(temp);
    List<String> command = new ArrayList<>();
    command.add(keytool());
    command.add("-genkeypair");
    command.add("-alias");
    command.add(alias);
    command.add("-keyalg");
    command.add("RSA");
    command.add("-keysize");
    command.add("2048");
    command.add("-validity");
    command.add(Integer.toString(VALIDITY_DAYS));
    command.add("-dname");
    command.add("CN=" + names.get(0) + ", O=WebIMS self-signed");
    command.add("-ext");
    command.add("SAN=" + subjectAltNames(names));
    command.add("-storetype");
    command.add("PKCS12");
    command.add("-keystore");
    command.add(temp.toString());
    command.add("-storepass:env");
    command.add("WEBIMS_KEYSTORE_PASSWORD");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("WEBIMS_KEYSTORE_PASSWORD", password);
    Process process = pb.start();
    String output;
    try {
      if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
      }
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating a certificate", e);
    }
    if (process.exitValue() != 0 || !Files.isRegularFile(temp)) {
      throw new IOException("keytool failed to generate a self-signed certificate: " + output.trim());
    }
    PrivateDataFiles.ownerOnly(temp); // the private key: never readable by others, not even for a moment in place
    Files.move(temp, keystore);
    log.info("Generated a self-signed TLS certificate for {} in {}; browsers will warn until you trust it "
        + "or configure a real certificate", names, keystore.toAbsolutePath());
    return keystore;
  }

  private static String subjectAltNames(List<String> names) {
    StringBuilder san = new StringBuilder();
    for (String name : names) {
      if (san.length() > 0) {
        san.append(',');
      }
      boolean ip = !name.isEmpty() && (Character.isDigit(name.charAt(0)) || name.indexOf(':') >= 0);
      san.append(ip ? "ip:" : "dns:").append(name);
    }
    return san.toString();
  }

  private static String keytool() {
    Path inJavaHome = Path.of(System.getProperty("java.home"), "bin", "keytool");
    return Files.isExecutable(inJavaHome) ? inJavaHome.toString() : "keytool";
  }
}
