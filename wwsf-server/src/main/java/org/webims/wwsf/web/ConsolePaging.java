package org.webims.wwsf.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.webims.waf.provisioning.Page;
import org.webims.waf.provisioning.PageRequest;

/**
 * Where one page of a console list stands, for the {@code paging} fragment: the page shown (from 0), how many
 * there are, and the links to the neighbours, which keep the list's other query parameters (a search, a filter).
 *
 * @param page the page shown, from 0
 * @param pages the number of pages, at least 1
 * @param total the number of items in the whole list
 * @param previousHref the link to the page before; null on the first
 * @param nextHref the link to the page after; null on the last
 */
public record ConsolePaging(long page, long pages, long total, String previousHref, String nextHref) {

  /**
   * Reads the page that {@code pageParameter} asks for, {@code size} per page. A page number that is no number or
   * out of range gives the nearest page rather than an error: the list may have shrunk since the link was made.
   */
  public static <T> Page<T> read(String pageParameter, int size, Function<PageRequest, Page<T>> query) {
    Page<T> page = query.apply(new PageRequest(parse(pageParameter), size));
    if (page.items().isEmpty() && page.page() > 0 && page.total() > 0) {
      page = query.apply(new PageRequest(page.totalPages() - 1, size));
    }
    return page;
  }

  /**
   * The paging of {@code page} of the list at {@code path} (e.g. {@code /console/audit}), whose links carry
   * {@code parameter} as {@code pageParameter} and the list's other query parameters (empty ones left out).
   */
  public static ConsolePaging of(Page<?> page, String path, String pageParameter, Map<String, String> query) {
    int pages = page.totalPages();
    return new ConsolePaging(page.page(), pages, page.total(),
        page.page() > 0 ? href(path, query, pageParameter, Math.min(page.page(), pages) - 1) : null,
        page.hasNext() ? href(path, query, pageParameter, page.page() + 1) : null);
  }

  // URLEncoder rather than UriComponentsBuilder: a '+' (tel:+1555...) must arrive as '+', not as a space.
  private static String href(String path, Map<String, String> query, String pageParameter, int page) {
    StringBuilder link = new StringBuilder(path).append('?');
    query.forEach((name, value) -> {
      if (value != null && !value.isEmpty()) {
        link.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
      }
    });
    return link.append(pageParameter).append('=').append(page).toString();
  }

  private static int parse(String page) {
    try {
      return Math.max(0, Integer.parseInt(page.trim()));
    } catch (NumberFormatException | NullPointerException e) {
      return 0;
    }
  }
}
