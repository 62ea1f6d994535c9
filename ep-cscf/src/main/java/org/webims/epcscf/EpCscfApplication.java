package org.webims.epcscf;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The eP-CSCF (TS 24.371 5.5): SIP over secure WebSocket toward WICs, Trusted Node toward the
 * S-CSCF. Runs alone ({@code java -jar ep-cscf-*-exec.jar}) or in-process in tests, see {@link EpCscf}.
 */
@SpringBootApplication
public class EpCscfApplication {

  public static void main(String[] args) {
    SpringApplication.run(EpCscfApplication.class, args);
  }
}
