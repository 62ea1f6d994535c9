package org.webims.wwsf.web;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.webims.wwsf.operations.ConsoleNodes;
import org.webims.wwsf.operations.NodesSnapshot;

/**
 * {@code GET /console/nodes}: the live figures of every configured node, read from their management ports
 * (issue 16 point 4, docs/operator-console.md "Nodes"); {@code GET /console/nodes/figures}: the same as JSON, which
 * the page's script asks for every refresh interval. Both for operators only, as all of {@code /console}.
 */
@Controller
public class ConsoleNodesController {

  public static final String PATH = ConsoleController.PATH + "/nodes";
  public static final String FIGURES_PATH = PATH + "/figures";

  private final ConsoleNodes nodes;

  public ConsoleNodesController(ConsoleNodes nodes) {
    this.nodes = nodes;
  }

  @GetMapping(PATH)
  public String page(Model model) {
    model.addAttribute("snapshot", nodes.current());
    model.addAttribute("figuresPath", FIGURES_PATH);
    return "nodes";
  }

  @GetMapping(path = FIGURES_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  public NodesSnapshot figures() {
    return nodes.current();
  }
}
