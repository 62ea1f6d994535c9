package org.webims.waf.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/openapi.json}: the hand-written OpenAPI 3 document of the REST API (public). */
@RestController
@RequestMapping(ApiPaths.BASE)
public class OpenApiController {

  /** The document on the class path; {@code OpenApiDocumentTest} checks it names the controllers' operations. */
  public static final String RESOURCE = "/org/webims/waf/api/openapi.json";

  private final byte[] document;

  public OpenApiController() {
    try (InputStream in = OpenApiController.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + RESOURCE);
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GetMapping(value = ApiPaths.OPENAPI, produces = MediaType.APPLICATION_JSON_VALUE)
  byte[] openApi() {
    return document;
  }
}
