package org.webims.waf.api;

import java.net.URI;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.webims.waf.config.WafProperties;
import org.webims.waf.identity.IdentityMappingService;
import org.webims.waf.provisioning.Page;

/** {@code /api/v1/mappings}: identity mappings for automation (issue 6), the console's operations over JSON. */
@RestController
@RequestMapping(ApiPaths.BASE)
public class MappingsApiController {

  private final IdentityMappingService mappings;
  private final WafProperties.Provisioning paging;

  public MappingsApiController(IdentityMappingService mappings, WafProperties properties) {
    this.mappings = mappings;
    this.paging = properties.provisioning();
  }

  @GetMapping(ApiPaths.MAPPINGS)
  Page<ApiJson.Mapping> search(@RequestParam(required = false) String q,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    return mappings.search(q, paging.page(page, size))
        .map(ApiJson.Mapping::of);
  }

  @PostMapping(ApiPaths.MAPPINGS)
  ResponseEntity<ApiJson.Mapping> create(@RequestBody IdentityMappingService.Input input, Principal client) {
    ApiJson.Mapping created = ApiJson.Mapping.of(mappings.create(input, client.getName()));
    URI location = UriComponentsBuilder.fromPath(ApiPaths.BASE + ApiPaths.MAPPING)
        .buildAndExpand(created.webIdentity()).toUri();
    return ResponseEntity.created(location).body(created);
  }

  @GetMapping(ApiPaths.MAPPING)
  ApiJson.Mapping get(@PathVariable String webIdentity) {
    return mappings.find(webIdentity).map(ApiJson.Mapping::of).orElseThrow(() -> notFound(webIdentity));
  }

  @PutMapping(ApiPaths.MAPPING)
  ApiJson.Mapping update(@PathVariable String webIdentity, @RequestBody IdentityMappingService.Input input,
      Principal client) {
    get(webIdentity);
    return ApiJson.Mapping.of(mappings.update(webIdentity, input, client.getName()));
  }

  @DeleteMapping(ApiPaths.MAPPING)
  ResponseEntity<Void> delete(@PathVariable String webIdentity, Principal client) {
    get(webIdentity);
    mappings.delete(webIdentity, client.getName());
    return ResponseEntity.noContent().build();
  }

  private static NotFoundException notFound(String webIdentity) {
    return new NotFoundException("No mapping for web identity " + webIdentity + ".");
  }
}
