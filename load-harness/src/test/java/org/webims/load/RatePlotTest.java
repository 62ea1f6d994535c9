package org.webims.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatePlotTest {

  @TempDir
  Path dir;

  @Test
  void writesAPngWithBothSeries() throws Exception {
    List<PhaseResult> phases = List.of(
        new PhaseResult(500, 10, 5_000, Map.of(), 0, 2, 5, 9, 40),
        new PhaseResult(1000, 10, 9_000, Map.of("503", 3L), 0, 4, 30, 60, 90),
        new PhaseResult(0, 10, 12_000, Map.of(), 0, 20, 80, 120, 100));
    Path png = dir.resolve("rate.png");
    RatePlot.write("test", phases, png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(RatePlot.WIDTH);
    assertThat(image.getHeight()).isEqualTo(RatePlot.HEIGHT);
    boolean blue = false;
    boolean red = false;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        blue |= rgb == 0x1f77b4;
        red |= rgb == 0xd62728;
      }
    }
    assertThat(blue).isTrue();
    assertThat(red).isTrue();
  }

  @Test
  void axesEndOnOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(RatePlot.niceCeiling(3_100)).isEqualTo(5_000);
    assertThat(RatePlot.niceCeiling(1_000)).isEqualTo(1_000);
    assertThat(RatePlot.niceCeiling(0.7)).isEqualTo(1);
    assertThat(RatePlot.niceCeiling(12)).isEqualTo(20);
  }
}
