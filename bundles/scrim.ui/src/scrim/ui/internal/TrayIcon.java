package scrim.ui.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolTip;
import org.eclipse.swt.widgets.TrayItem;

import scrim.api.Part;
import scrim.api.PipelineStatus;

/**
 * The tray icon: a lens, green while live and grey while idle, with a tooltip saying which and
 * for how long, and a menu: the virtual camera switch, the effect presets, Open window, Quit.
 * A click opens the window. The menu is built each time it opens, so it shows what is set now.
 */
final class TrayIcon {

    /** Widget data key of the tray item holding its menu, for tests and accessibility tools. */
    static final String MENU = "scrim.menu";
    private static final int SIZE = 32;

    private final Display display;
    private final Services services;
    private final Runnable open;
    private final Runnable quit;
    /** Never shown: the parent SWT needs for the menu and the notice. */
    private final Shell owner;
    private final TrayItem item;
    private final Menu menu;
    private final Image live;
    private final Image idle;
    private ToolTip notice;

    TrayIcon(Display display, Services services, Runnable open, Runnable quit) {
        this.display = display;
        this.services = services;
        this.open = open;
        this.quit = quit;
        owner = new Shell(display);
        live = new Image(display, lens(0x2ecc40));
        idle = new Image(display, lens(0x9e9e9e));
        menu = Ids.tag(new Menu(owner, SWT.POP_UP), "tray.menu");
        item = Ids.tag(new TrayItem(display.getSystemTray(), SWT.NONE), "tray");
        item.setData(MENU, menu);
        item.setImage(live);
        item.setToolTipText("Scrim");
        item.addListener(SWT.Selection, e -> open.run());
        item.addListener(SWT.MenuDetect, e -> {
            fill();
            menu.setVisible(true);
        });
    }

    /** With each status tick: the tooltip and the icon follow idle and live. */
    void refresh(PipelineStatus s) {
        String effects = s.effects().isEmpty() ? "no effect" : s.effects().stream().map(this::effectName).collect(Collectors.joining(", "));
        String tip = "Scrim - " + Activity.state(s, System.currentTimeMillis()) + " - " + effects;
        if (!tip.equals(item.getToolTipText())) {
            item.setToolTipText(tip);
        }
        Image icon = s.idle() ? idle : live;
        if (item.getImage() != icon) {
            item.setImage(icon);
        }
    }

    private String effectName(String effect) {
        if (!effect.equals("image")) {
            return effect;
        }
        String file = services.setup(Presets.IMAGE_PID).text(Presets.IMAGE_FILE, "");
        return file.isEmpty() ? "picture" : "picture " + Path.of(file).getFileName();
    }

    /** Says once, near the icon, that closing the window left Scrim running. */
    void notice(String title, String message) {
        if (notice == null) {
            notice = new ToolTip(owner, SWT.BALLOON | SWT.ICON_INFORMATION);
            item.setToolTip(notice);
        }
        notice.setText(title);
        notice.setMessage(message);
        notice.setVisible(true);
    }

    private void fill() {
        for (MenuItem old : menu.getItems()) {
            old.dispose();
        }
        MenuItem camera = Ids.tag(new MenuItem(menu, SWT.CHECK), "tray.camera");
        camera.setText("Virtual camera");
        camera.setSelection(VirtualCamera.isOn(services));
        camera.setEnabled(!VirtualCamera.chosen(services).isEmpty());
        camera.addListener(SWT.Selection, e -> VirtualCamera.switchTo(services, camera.getSelection()));
        new MenuItem(menu, SWT.SEPARATOR);
        List<String> installed = services.pipeline().effects().stream().map(Part::id).toList();
        for (Presets.Preset p : Presets.list(services)) {
            MenuItem preset = Ids.tag(new MenuItem(menu, SWT.RADIO), "tray.preset." + p.id());
            preset.setText(p.label());
            preset.setSelection(Presets.isCurrent(services, p));
            preset.setEnabled(installed.containsAll(p.effects()));
            preset.addListener(SWT.Selection, e -> {
                if (preset.getSelection()) { // a radio item also reports being unselected
                    Presets.apply(services, p);
                }
            });
        }
        new MenuItem(menu, SWT.SEPARATOR);
        MenuItem window = Ids.tag(new MenuItem(menu, SWT.PUSH), "tray.open");
        window.setText("Open window");
        window.addListener(SWT.Selection, e -> open.run());
        MenuItem end = Ids.tag(new MenuItem(menu, SWT.PUSH), "tray.quit");
        end.setText("Quit Scrim");
        end.addListener(SWT.Selection, e -> quit.run());
    }

    /** A camera lens: a dark disc, a light ring, a coloured centre; transparent around it. */
    private static ImageData lens(int centre) {
        ImageData data = new ImageData(SIZE, SIZE, 24, new PaletteData(0xff0000, 0xff00, 0xff));
        byte[] alpha = new byte[SIZE * SIZE];
        double mid = (SIZE - 1) / 2.0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                double d = Math.hypot(x - mid, y - mid);
                data.setPixel(x, y, d < 6 ? centre : d < 10 ? 0xf0f0f0 : 0x34495e);
                alpha[y * SIZE + x] = (byte) Math.round(255 * Math.max(0, Math.min(1, SIZE / 2.0 - d)));
            }
        }
        data.alphaData = alpha;
        return data;
    }

    void dispose() {
        item.dispose();
        owner.dispose(); // with the menu and the notice
        live.dispose();
        idle.dispose();
    }
}
