package org.webims.waf.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.webims.waf.testing.TestSeedFile;
import org.webims.waf.testing.WafTestServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document and the REST API's controllers name the same operations (issue 6: "described by an OpenAPI document"). */
class OpenApiDocumentTest {

  private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");

  @TempDir
  Path dataDir;

  @Test
  void documentAndControllersNameTheSameOperations() throws Exception {
    Set<String> documented = new TreeSet<>();
    JsonNode document;
    try (InputStream in = OpenApiController.class.getResourceAsStream(OpenApiController.RESOURCE)) {
      document = JsonMapper.shared().readTree(in);
    }
    String base = document.get("servers").get(0).get("url").asString();
    for (String path : document.get("paths").propertyNames()) {
      for (String method : document.get("paths").get(path).propertyNames()) {
        if (HTTP_METHODS.contains(method)) {
          documented.add(method.toUpperCase(Locale.ROOT) + " " + base + path);
        }
      }
    }

    Set<String> served = new TreeSet<>();
    try (WafTestServer waf = WafTestServer.start(dataDir, TestSeedFile.standard())) {
      waf.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
          .forEach((RequestMappingInfo info, HandlerMethod method) -> {
            if (method.getBeanType().getPackageName().equals(OpenApiController.class.getPackageName())) {
              info.getPatternValues().forEach(pattern -> info.getMethodsCondition().getMethods()
                  .forEach(verb -> served.add(verb.name() + " " + pattern)));
            }
          });
    }

    assertThat(served).isNotEmpty().isEqualTo(documented);
  }

  @Test
  void everyOperationHasAnIdAndEverySchemaReferenceResolves() throws Exception {
    JsonNode document;
    try (InputStream in = OpenApiController.class.getResourceAsStream(OpenApiController.RESOURCE)) {
      document = JsonMapper.shared().readTree(in);
    }
    Set<String> schemas = new TreeSet<>(document.get("components").get("schemas").propertyNames());
    Set<String> ids = new TreeSet<>();
    int operations = 0;
    for (JsonNode path : document.get("paths").values()) {
      for (String method : path.propertyNames()) {
        if (HTTP_METHODS.contains(method)) {
          operations++;
          ids.add(path.get(method).get("operationId").asString());
        }
      }
    }
    assertThat(ids).hasSize(operations);
    assertThat(document.findValues("$ref")).allSatisfy(ref -> assertThat(schemas)
        .contains(ref.asString().substring("#/components/schemas/".length())));
  }
}
