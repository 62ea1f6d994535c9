package org.webims.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.webims.load.KamailioProcess;

/**
 * A real Kamailio (Debian package, 5.6, with kamailio-presence-modules) started as a child process
 * as a minimal S-CSCF on loopback UDP and TCP, configured by the project's {@code kamailio/scscf.cfg}
 * template: registrar with Path and Service-Route for REGISTERs from the trusted eP-CSCF, one barred
 * IMPU, reg-event notifier, Record-Route on SUBSCRIBE (docs/interop.md "Kamailio as the S-CSCF").
 * Its RPC (kamcmd on the ctl socket) removes registrations and reads counters.
 */
public final class KamailioScscf implements AutoCloseable {

  public static final String REALM = "ims.example.net";
  /** The IMPU this S-CSCF bars: its REGISTER gets 403. */
  public static final String BARRED_IMPU = "sip:mallory@ims.example.net";

  private static final Path DB_TEXT_SCHEMA = Path.of("/usr/share/kamailio/dbtext/kamailio");
  private static final List<String> TABLES = List.of("version", "presentity", "active_watchers", "watchers", "xcap",
      "pua");

  private final KamailioChild kamailio;
  private final Path control;
  private final int port;

  private KamailioScscf(KamailioChild kamailio, Path control, int port) {
    this.kamailio = kamailio;
    this.control = control;
    this.port = port;
  }

  /**
   * Starts Kamailio in a new directory under {@code parent}, trusting REGISTERs from 127.0.0.1 and
   * granting reg subscriptions for at most {@code subscriptionSeconds}; returns once its TCP port
   * accepts connections.
   */
  public static KamailioScscf start(Path parent, long subscriptionSeconds) throws Exception {
    Path dir = Files.createTempDirectory(parent, "kamailio-scscf-");
    Path run = Files.createDirectories(dir.resolve("run"));
    Path db = Files.createDirectories(dir.resolve("db"));
    for (String table : TABLES) {
      Files.copy(DB_TEXT_SCHEMA.resolve(table), db.resolve(table));
    }
    int port = KamailioRegistrar.freeLoopbackPorts(1)[0];
    Map<String, String> values = new HashMap<>();
    values.put("PORT", Integer.toString(port));
    values.put("REALM", REALM);
    values.put("TRUSTED", "127.0.0.1");
    values.put("BARRED_IMPU", BARRED_IMPU);
    values.put("SUB_EXPIRES", Long.toString(subscriptionSeconds));
    values.put("DB_DIR", db.toString());
    values.put("RUN_DIR", run.toString());
    Path cfg = dir.resolve("scscf.cfg");
    Files.writeString(cfg, KamailioProcess.template(KamailioScscf.class, "kamailio/scscf.cfg", values));

    return new KamailioScscf(KamailioChild.start(dir, cfg, run, port), run.resolve("kamailio_ctl"), port);
  }

  /** What the eP-CSCF's {@code webims.epcscf.core.uri} names. */
  public String uri() {
    return "sip:127.0.0.1:" + port + ";transport=tcp";
  }

  /** Network-initiated deregistration: removes every contact of {@code impu} from usrloc. */
  public void removeRegistration(String impu) throws Exception {
    rpc("ul.rm", "location", aor(impu));
  }

  /** The registered contacts of {@code impu}, as the RPC {@code ul.lookup} prints them (empty when none). */
  public String contacts(String impu) throws Exception {
    return rpc("ul.lookup", "location", aor(impu));
  }

  /** usrloc's key with {@code use_domain}: user@domain, without the scheme. */
  private static String aor(String impu) {
    return impu.startsWith("sip:") ? impu.substring(4) : impu;
  }

  /** In-dialog SUBSCRIBEs (refreshes and unsubscribes) the notifier accepted so far. */
  public long acceptedRefreshes() throws Exception {
    String out = rpc("htable.get", "counters", "refreshes");
    int at = out.indexOf("value:");
    return Long.parseLong(out.substring(at + 6, out.indexOf('\n', at)).trim());
  }

  /** Runs a Kamailio RPC command with kamcmd and returns what it printed; empty on an RPC error. */
  public String rpc(String... command) throws Exception {
    List<String> line = new ArrayList<>(List.of("kamcmd", "-s", "unix:" + control));
    line.addAll(List.of(command));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("kamcmd " + command[0] + " did not finish");
    }
    return p.exitValue() == 0 ? out : "";
  }

  /** Everything Kamailio logged so far. */
  public String log() {
    return kamailio.log();
  }

  /** Stops Kamailio. */
  @Override
  public void close() throws InterruptedException {
    kamailio.close();
  }
}
