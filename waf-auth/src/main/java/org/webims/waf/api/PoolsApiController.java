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
import org.webims.waf.pool.ImpuLeaseService;
import org.webims.waf.pool.ImpuPoolService;
import org.webims.waf.pool.PoolImpu;
import org.webims.waf.provisioning.Page;

/** {@code /api/v1/pools}: IMPU pools, their IMPUs and leases for automation (issue 6, WAF-10). */
@RestController
@RequestMapping(ApiPaths.BASE)
public class PoolsApiController {

  private final ImpuPoolService pools;
  private final ImpuLeaseService leases;
  private final WafProperties.Provisioning paging;

  public PoolsApiController(ImpuPoolService pools, ImpuLeaseService leases, WafProperties properties) {
    this.pools = pools;
    this.leases = leases;
    this.paging = properties.provisioning();
  }

  @GetMapping(ApiPaths.POOLS)
  Page<ApiJson.Pool> list(@RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    return pools.list(paging.page(page, size)).map(ApiJson.Pool::of);
  }

  @PostMapping(ApiPaths.POOLS)
  ResponseEntity<ApiJson.Pool> create(@RequestBody ApiJson.PoolInput input, Principal client) {
    ApiJson.Pool created = ApiJson.Pool.of(pools.create(input.name(), input.realm(), client.getName()));
    URI location = UriComponentsBuilder.fromPath(ApiPaths.BASE + ApiPaths.POOL).buildAndExpand(created.name())
        .toUri();
    return ResponseEntity.created(location).body(created);
  }

  @GetMapping(ApiPaths.POOL)
  ApiJson.Pool get(@PathVariable String name) {
    return pools.find(name).map(ApiJson.Pool::of)
        .orElseThrow(() -> new NotFoundException("No pool named " + name + "."));
  }

  @PutMapping(ApiPaths.POOL)
  ApiJson.Pool update(@PathVariable String name, @RequestBody ApiJson.PoolInput input, Principal client) {
    get(name);
    return ApiJson.Pool.of(pools.update(name, input.realm(), client.getName()));
  }

  @DeleteMapping(ApiPaths.POOL)
  ResponseEntity<Void> delete(@PathVariable String name, Principal client) {
    get(name);
    pools.delete(name, client.getName());
    return ResponseEntity.noContent().build();
  }

  @GetMapping(ApiPaths.POOL_IMPUS)
  Page<PoolImpu> impus(@PathVariable String name, @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size) {
    get(name);
    return pools.impus(name, paging.page(page, size));
  }

  /** One IMPU ({@code impu}, {@code impi}) or a numbered range ({@code impuRange}, {@code impiPattern}). */
  @PostMapping(ApiPaths.POOL_IMPUS)
  ApiJson.Pool addImpus(@PathVariable String name, @RequestBody ApiJson.ImpusInput input, Principal client) {
    get(name);
    return ApiJson.Pool.of(input.isRange()
        ? pools.addRange(name, input.impuRange(), input.impiPattern(), client.getName())
        : pools.addImpu(name, input.impu(), input.impi(), client.getName()));
  }

  @GetMapping(ApiPaths.POOL_LEASES)
  Page<ApiJson.Lease> leases(@PathVariable String name, @RequestParam(required = false) String state,
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
    get(name);
    return leases.list(name, state, paging.page(page, size)).map(ApiJson.Lease::of);
  }
}
