package org.webims.ims.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.webims.ims.scscf.Binding;
import org.webims.ims.scscf.Registrar;
import org.webims.ims.scscf.ScscfSipService;
import org.webims.server.web.Rfc9457Problem;

/**
 * The admin API: an IMPU's bindings, and network-initiated deregistration of its implicit set
 * (TS 24.229 §5.4.1.5, SCS-12). Registrar work runs on the SIP event loop.
 */
@RestController
@ConditionalOnProperty(name = "webims.ims.admin.enabled", havingValue = "true")
@RequestMapping("/admin/registrations")
public class AdminController {

  private static final Logger log = LoggerFactory.getLogger(AdminController.class);
  private static final List<String> REASONS = List.of("deactivated", "rejected");
  private static final Duration LOOP_WAIT = Duration.ofSeconds(5);

  private final Registrar registrar;
  private final ScscfSipService sip;

  public AdminController(Registrar registrar, ScscfSipService sip) {
    this.registrar = registrar;
    this.sip = sip;
  }

  /** The bindings of {@code impu}'s implicit set; 404 when it has none. */
  @GetMapping("/{impu}")
  public ResponseEntity<?> registration(@PathVariable String impu) throws Exception {
    Map<String, Object> view = onLoop(() -> {
      List<String> set = registrar.implicitSet(impu);
      if (set.isEmpty()) {
        return null;
      }
      long now = registrar.nowMillis();
      return Map.of("impu", impu, "implicitSet", set,
          "bindings", registrar.bindings(impu).stream().map(b -> json(b, now)).toList());
    });
    return view == null ? notRegistered(impu) : ResponseEntity.ok(view);
  }

  /**
   * Deregisters {@code impu}'s implicit set with {@code reason} {@code deactivated} (the UE is
   * to re-register) or {@code rejected} (it is not); every reg subscriber gets the terminating NOTIFY.
   */
  @PostMapping("/{impu}/deregister")
  public ResponseEntity<?> deregister(@PathVariable String impu,
      @RequestParam(required = false) String reason) throws Exception {
    if (reason == null || !REASONS.contains(reason)) {
      ProblemDetail problem = Rfc9457Problem.of(HttpStatus.BAD_REQUEST,
          "reason must be deactivated or rejected");
      problem.setTitle("Bad reason");
      return ResponseEntity.of(problem).build();
    }
    List<String> set = onLoop(() -> registrar.implicitSet(impu));
    List<Binding> removed = onLoop(() -> registrar.deregister(impu, reason));
    if (removed.isEmpty()) {
      return notRegistered(impu);
    }
    log.debug("admin API: deregistered {} ({} bindings) with reason {}", impu, removed.size(), reason);
    return ResponseEntity.ok(Map.of("impu", impu, "reason", reason, "implicitSet", set,
        "removedBindings", removed.size()));
  }

  private static ResponseEntity<?> notRegistered(String impu) {
    ProblemDetail problem = Rfc9457Problem.of(HttpStatus.NOT_FOUND, impu + " has no registration");
    problem.setTitle("Not registered");
    return ResponseEntity.of(problem).build();
  }

  private static Map<String, Object> json(Binding b, long now) {
    return Map.of("impi", b.impi(), "contact", b.contact(), "uri", b.uri(),
        "instance", b.instance() == null ? "" : b.instance(), "regId", b.regId(), "path", b.path(),
        "expiresAt", b.expiresAt().toString(), "expiresIn", b.remainingSeconds(now));
  }

  private <T> T onLoop(java.util.function.Supplier<T> task) throws Exception {
    try {
      return sip.onLoop(task).get(LOOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new IllegalStateException("the SIP event loop did not answer", e);
    }
  }
}
