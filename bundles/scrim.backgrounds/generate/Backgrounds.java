import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

/**
 * Draws the backgrounds that scrim.backgrounds ships (Apache-2.0, made by the Scrim project):
 * {@code java -Djava.awt.headless=true generate/Backgrounds.java backgrounds}, run from the bundle's folder.
 * Each picture comes from a fixed seed, so running it again gives the same files.
 */
public final class Backgrounds {

    static final int W = 1280;
    static final int H = 720;

    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "backgrounds"));
        draw(out, "dawn", Backgrounds::dawn);
        draw(out, "bokeh", Backgrounds::bokeh);
        draw(out, "facets", Backgrounds::facets);
        draw(out, "hills", Backgrounds::hills);
        draw(out, "studio", Backgrounds::studio);
        draw(out, "night", Backgrounds::night);
    }

    private static void draw(Path out, String name, Consumer<Graphics2D> painter) throws IOException {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        painter.accept(g);
        g.dispose();
        ImageIO.write(image, "png", out.resolve(name + ".png").toFile());
    }

    /** A morning sky: warm horizon, low sun, a calm sea. */
    static void dawn(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 0, new Color(0x2b3a67), 0, H * 0.62f, new Color(0xf6a96b)));
        g.fillRect(0, 0, W, (int) (H * 0.62));
        g.setPaint(new RadialGradientPaint(new Point2D.Float(W * 0.68f, H * 0.6f), 260, new float[] {0f, 0.25f, 1f},
                new Color[] {new Color(0xfff4d6), new Color(0xffd08a), new Color(255, 190, 120, 0)}));
        g.fillRect(0, 0, W, (int) (H * 0.62));
        g.setPaint(new GradientPaint(0, H * 0.62f, new Color(0x5c6f94), 0, H, new Color(0x1d2744)));
        g.fillRect(0, (int) (H * 0.62), W, H);
        g.setColor(new Color(255, 220, 170, 90));
        for (int i = 0; i < 14; i++) {
            int y = (int) (H * 0.64) + i * 18;
            int w = 220 - i * 12;
            g.fillRoundRect((int) (W * 0.68) - w / 2, y, w, 4, 4, 4);
        }
    }

    /** Out-of-focus lights on a deep blue. */
    static void bokeh(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 0, new Color(0x0f1b3d), W, H, new Color(0x3b1f4a)));
        g.fillRect(0, 0, W, H);
        Random r = new Random(7);
        Color[] hues = {new Color(0xffc36b), new Color(0x8fd3ff), new Color(0xff8fb1), new Color(0xb6ff9e)};
        for (int i = 0; i < 70; i++) {
            float d = 40 + r.nextFloat() * 150;
            float x = r.nextFloat() * W;
            float y = r.nextFloat() * H;
            Color c = hues[r.nextInt(hues.length)];
            g.setPaint(new RadialGradientPaint(new Point2D.Float(x, y), d / 2, new float[] {0f, 0.8f, 1f},
                    new Color[] {alpha(c, 70 + r.nextInt(60)), alpha(c, 50), alpha(c, 0)}));
            g.fill(new Ellipse2D.Float(x - d / 2, y - d / 2, d, d));
        }
    }

    /** Low-poly facets in teal and slate. */
    static void facets(Graphics2D g) {
        Random r = new Random(11);
        int cols = 9;
        int rows = 6;
        float[][] px = new float[rows + 1][cols + 1];
        float[][] py = new float[rows + 1][cols + 1];
        for (int j = 0; j <= rows; j++) {
            for (int i = 0; i <= cols; i++) {
                boolean edge = i == 0 || j == 0 || i == cols || j == rows;
                px[j][i] = i * (float) W / cols + (edge ? 0 : (r.nextFloat() - 0.5f) * 90);
                py[j][i] = j * (float) H / rows + (edge ? 0 : (r.nextFloat() - 0.5f) * 70);
            }
        }
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                triangle(g, r, px[j][i], py[j][i], px[j][i + 1], py[j][i + 1], px[j + 1][i], py[j + 1][i], (float) (i + j) / (cols + rows));
                triangle(g, r, px[j][i + 1], py[j][i + 1], px[j + 1][i + 1], py[j + 1][i + 1], px[j + 1][i], py[j + 1][i],
                        (float) (i + j + 1) / (cols + rows));
            }
        }
    }

    private static void triangle(Graphics2D g, Random r, float x1, float y1, float x2, float y2, float x3, float y3, float t) {
        Color a = new Color(0x1f6f78);
        Color b = new Color(0x2e3a59);
        float k = Math.max(0, Math.min(1, t + (r.nextFloat() - 0.5f) * 0.2f));
        g.setColor(new Color((int) (a.getRed() * (1 - k) + b.getRed() * k), (int) (a.getGreen() * (1 - k) + b.getGreen() * k),
                (int) (a.getBlue() * (1 - k) + b.getBlue() * k)));
        Path2D p = new Path2D.Float();
        p.moveTo(x1, y1);
        p.lineTo(x2, y2);
        p.lineTo(x3, y3);
        p.closePath();
        g.fill(p);
        g.draw(p); // no hairline gaps between neighbours
    }

    /** Rolling green hills under a summer sky. */
    static void hills(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 0, new Color(0x6fb1e8), 0, H * 0.6f, new Color(0xd9eefc)));
        g.fillRect(0, 0, W, H);
        g.setColor(new Color(255, 255, 255, 200));
        cloud(g, 220, 140, 1.0f);
        cloud(g, 900, 100, 0.8f);
        cloud(g, 620, 220, 0.6f);
        Color[] greens = {new Color(0x9cc97a), new Color(0x6fae57), new Color(0x4a8a43)};
        for (int k = 0; k < greens.length; k++) {
            Path2D p = new Path2D.Float();
            float base = H * (0.55f + 0.14f * k);
            p.moveTo(0, H);
            for (int x = 0; x <= W; x += 8) {
                p.lineTo(x, base - 40 * Math.sin(x / (180.0 + 60 * k) + k * 1.7) - 20 * Math.sin(x / 70.0 + k));
            }
            p.lineTo(W, H);
            p.closePath();
            g.setColor(greens[k]);
            g.fill(p);
        }
    }

    private static void cloud(Graphics2D g, float x, float y, float s) {
        g.fill(new Ellipse2D.Float(x, y, 160 * s, 60 * s));
        g.fill(new Ellipse2D.Float(x + 40 * s, y - 30 * s, 110 * s, 80 * s));
        g.fill(new Ellipse2D.Float(x + 100 * s, y - 10 * s, 120 * s, 65 * s));
    }

    /** A quiet room: a warm wall, a shelf with books, a lamp's glow, a plant. */
    static void studio(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 0, new Color(0xe9dcc7), 0, H, new Color(0xc9b79c)));
        g.fillRect(0, 0, W, H);
        g.setPaint(new RadialGradientPaint(new Point2D.Float(W * 0.2f, H * 0.3f), 420, new float[] {0f, 1f},
                new Color[] {new Color(255, 240, 200, 120), new Color(255, 240, 200, 0)}));
        g.fillRect(0, 0, W, H);
        g.setColor(new Color(0x8a6a4a));
        g.fillRect(780, 250, 420, 18);
        g.fillRect(780, 430, 420, 18);
        Random r = new Random(3);
        Color[] spines = {new Color(0x7b3f3f), new Color(0x3f5b7b), new Color(0x5b7b3f), new Color(0xb08a3e), new Color(0x4a4a4a)};
        for (int shelf : new int[] {250, 430}) {
            int x = 800;
            while (x < 1170) {
                int w = 14 + r.nextInt(16);
                int h = 90 + r.nextInt(60);
                g.setColor(spines[r.nextInt(spines.length)]);
                g.fillRect(x, shelf - h, w, h);
                x += w + 2;
            }
        }
        g.setColor(new Color(0xa0704a));
        g.fillRoundRect(120, 520, 110, 130, 20, 20);
        g.setColor(new Color(0x4f7d4a));
        for (int i = 0; i < 9; i++) {
            double a = Math.PI * (0.15 + 0.7 * i / 8.0);
            g.setStroke(new BasicStroke(16, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.drawLine(175, 520, (int) (175 - 150 * Math.cos(a)), (int) (520 - 170 * Math.sin(a)));
        }
        g.setColor(new Color(0xb39d80));
        g.fillRect(0, 650, W, 70);
    }

    /** A clear night: stars over a dark ridge. */
    static void night(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 0, new Color(0x050814), 0, H, new Color(0x1c2b4f)));
        g.fillRect(0, 0, W, H);
        Random r = new Random(5);
        for (int i = 0; i < 420; i++) {
            float s = 1 + r.nextFloat() * (r.nextInt(12) == 0 ? 3 : 1.4f);
            g.setColor(new Color(255, 255, 240, 120 + r.nextInt(135)));
            g.fill(new Ellipse2D.Float(r.nextFloat() * W, r.nextFloat() * H * 0.8f, s, s));
        }
        g.setPaint(new RadialGradientPaint(new Point2D.Float(W * 0.8f, H * 0.2f), 60, new float[] {0f, 0.6f, 1f},
                new Color[] {new Color(0xfffbe8), new Color(0xf2eccf), new Color(242, 236, 207, 0)},
                MultipleGradientPaint.CycleMethod.NO_CYCLE));
        g.fill(new Ellipse2D.Float(W * 0.8f - 60, H * 0.2f - 60, 120, 120));
        Path2D ridge = new Path2D.Float();
        ridge.moveTo(0, H);
        for (int x = 0; x <= W; x += 10) {
            ridge.lineTo(x, H * 0.78 - 50 * Math.sin(x / 150.0) - 25 * Math.sin(x / 47.0));
        }
        ridge.lineTo(W, H);
        ridge.closePath();
        g.setColor(new Color(0x0a0f1c));
        g.fill(ridge);
    }

    private static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }
}
