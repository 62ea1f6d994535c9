package org.webims.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A PNG of achieved REGISTER/s (blue, left axis) and p99 latency (red, right axis) against the offered rate, drawn
 * with java.awt in headless mode. Flat-out steps (offered 0) are left out: they have no offered rate.
 */
public final class RatePlot {

  static final int WIDTH = 720;
  static final int HEIGHT = 420;
  private static final int LEFT = 70;
  private static final int RIGHT = 70;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;
  private static final Color RATE = new Color(0x1f, 0x77, 0xb4);
  private static final Color P99 = new Color(0xd6, 0x27, 0x28);

  private RatePlot() {
  }

  public static void write(String title, List<PhaseResult> phases, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<PhaseResult> points = phases.stream().filter(p -> p.offeredPerSecond() > 0).toList();
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      double maxX = niceCeiling(points.stream().mapToDouble(PhaseResult::offeredPerSecond).max().orElse(1));
      double maxRate = niceCeiling(Math.max(maxX,
          points.stream().mapToDouble(PhaseResult::achievedPerSecond).max().orElse(1)));
      double maxP99 = niceCeiling(points.stream().mapToDouble(PhaseResult::p99Millis).max().orElse(1));
      int plotW = WIDTH - LEFT - RIGHT;
      int plotH = HEIGHT - TOP - BOTTOM;
      g.setColor(new Color(0xe0, 0xe0, 0xe0));
      for (int i = 0; i <= 5; i++) {
        int y = TOP + plotH - plotH * i / 5;
        g.drawLine(LEFT, y, LEFT + plotW, y);
      }
      g.setColor(Color.BLACK);
      g.drawRect(LEFT, TOP, plotW, plotH);
      for (int i = 0; i <= 5; i++) {
        int y = TOP + plotH - plotH * i / 5;
        int x = LEFT + plotW * i / 5;
        g.drawString(label(maxRate * i / 5), 8, y + 4);
        g.drawString(label(maxP99 * i / 5), LEFT + plotW + 8, y + 4);
        g.drawString(label(maxX * i / 5), x - 12, TOP + plotH + 18);
      }
      g.drawString(title, LEFT, 24);
      g.drawString("offered REGISTER/s", LEFT + plotW / 2 - 50, HEIGHT - 14);
      g.setColor(RATE);
      g.drawString("achieved REGISTER/s", 8, HEIGHT - 14);
      g.setColor(P99);
      g.drawString("p99 ms", WIDTH - RIGHT, HEIGHT - 14);
      series(g, points, maxX, maxRate, plotW, plotH, RATE, true);
      series(g, points, maxX, maxP99, plotW, plotH, P99, false);
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer");
    }
  }

  private static void series(Graphics2D g, List<PhaseResult> points, double maxX, double maxY, int plotW, int plotH,
      Color color, boolean rate) {
    g.setColor(color);
    g.setStroke(new BasicStroke(2f));
    int lastX = -1;
    int lastY = -1;
    for (PhaseResult p : points) {
      int x = LEFT + (int) Math.round(plotW * p.offeredPerSecond() / maxX);
      double value = rate ? p.achievedPerSecond() : p.p99Millis();
      int y = TOP + plotH - (int) Math.round(plotH * Math.min(value, maxY) / maxY);
      g.fillOval(x - 4, y - 4, 8, 8);
      if (lastX >= 0) {
        g.drawLine(lastX, lastY, x, y);
      }
      lastX = x;
      lastY = y;
    }
  }

  /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code value}. */
  static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  private static String label(double v) {
    return v >= 100 || v == Math.rint(v) ? Long.toString(Math.round(v)) : String.valueOf(Math.round(v * 10) / 10.0);
  }
}
