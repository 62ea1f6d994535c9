package org.webims.ims.hss;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.webims.sip.SipParseException;
import org.webims.sip.digest.DigestAlgorithm;
import org.webims.sip.uri.Uri;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the subscriber seed file ({@code webims.ims.subscribers-file}): YAML, or JSON (which the
 * YAML reader also accepts). Format and example in {@code docs/ims-core.md}. Each entry gives either
 * {@code password} (hashed here, never stored) or {@code ha1} per algorithm.
 */
public final class SubscriberFile {

  private SubscriberFile() {
  }

  /** Parses the file; {@code realm} is the home domain the H(A1) values are computed in. */
  public static List<Subscriber> read(Path file, String realm) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return parse(root, realm);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IOException("Bad subscribers file " + file + ": " + e.getMessage(), e);
    }
  }

  static List<Subscriber> parse(Object root, String realm) {
    if (!(root instanceof Map<?, ?> top) || !(top.get("subscribers") instanceof List<?> entries)) {
      throw new IllegalArgumentException("expected a top-level 'subscribers' list");
    }
    List<Subscriber> subscribers = new ArrayList<>(entries.size());
    for (Object entry : entries) {
      subscribers.add(subscriber((Map<?, ?>) entry, realm));
    }
    return subscribers;
  }

  private static Subscriber subscriber(Map<?, ?> e, String realm) {
    String impi = string(e, "impi");
    if (impi == null) {
      throw new IllegalArgumentException("an entry has no impi");
    }
    List<String> impus = strings(e, "impus");
    for (String impu : impus) {
      try {
        Uri.parse(impu);
      } catch (SipParseException bad) {
        throw new IllegalArgumentException(impi + ": IMPU is not a URI: " + bad.reason());
      }
    }
    List<String> wafs = strings(e, "allowed-waf-identities");
    String password = string(e, "password");
    if (password != null) {
      return Subscriber.withPassword(impi, realm, impus, password, wafs);
    }
    Map<String, String> ha1 = new TreeMap<>();
    if (e.get("ha1") instanceof Map<?, ?> given) {
      for (Map.Entry<?, ?> h : given.entrySet()) {
        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(String.valueOf(h.getKey()));
        if (algorithm == null || algorithm.isSession()) {
          throw new IllegalArgumentException(impi + ": ha1 algorithm must be MD5, SHA-256 or SHA-512-256");
        }
        ha1.put(algorithm.token(), String.valueOf(h.getValue()).toLowerCase(java.util.Locale.ROOT));
      }
    }
    return new Subscriber(impi, realm, impus, ha1, wafs);
  }

  private static String string(Map<?, ?> e, String key) {
    Object v = e.get(key);
    return v == null ? null : String.valueOf(v);
  }

  private static List<String> strings(Map<?, ?> e, String key) {
    Object v = e.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException(key + " must be a list");
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object o : list) {
      out.add(String.valueOf(o));
    }
    return out;
  }
}
