package scrim.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;

import scrim.api.FrameSink;
import scrim.api.Part;

/**
 * The one-line banner above the preview while no app can see Scrim: no v4l2loopback device and
 * no PipeWire camera reachable. It offers the Devices view's loading button and a "What to do"
 * link to that view (the doctor's text). When a virtual camera appears (the module loaded, the
 * engine's device watcher registered the loopback output; or the PipeWire camera found its daemon) the
 * banner goes and the virtual camera is switched on there, without a restart.
 */
final class VirtualCameraBanner {

    static final String TEXT = "No virtual camera: apps cannot see Scrim yet";
    private static final Color BACKGROUND = new Color(255, 243, 196);
    private static final Color TEXT_COLOUR = new Color(60, 45, 0);

    private final Services services;
    private final Composite row;
    private final Label text;
    private TabFolder views;
    private boolean shown;

    VirtualCameraBanner(Composite parent, int columns, Services services) {
        this.services = services;
        row = Ids.tag(new Composite(parent, SWT.BORDER), "banner");
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false, columns, 1);
        data.exclude = true; // hidden until the first refresh finds no virtual camera
        row.setLayoutData(data);
        row.setVisible(false);
        row.setLayout(new GridLayout(3, false));
        row.setBackground(BACKGROUND); // a warning's pale yellow: themes' tooltip colours may be black
        text = Ids.tag(new Label(row, SWT.NONE), "banner.text");
        text.setText(TEXT);
        text.setBackground(BACKGROUND);
        text.setForeground(TEXT_COLOUR);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        ModuleLoader.button(row, "banner.load", () -> text.setText(ModuleLoader.LOADING), said -> text.setText(said.isEmpty() ? TEXT : said.strip()));
        Link help = Ids.tag(new Link(row, SWT.NONE), "banner.help");
        help.setText("<a>What to do</a>");
        help.setBackground(BACKGROUND);
        help.addListener(SWT.Selection, e -> showDevices());
    }

    /** Where "What to do" leads: the Devices view, with the doctor's findings and the same button. */
    void helpIn(TabFolder views) {
        this.views = views;
    }

    private void showDevices() {
        if (views == null) {
            return;
        }
        for (TabItem item : views.getItems()) {
            if ("tab.devices".equals(item.getData(Ids.KEY))) {
                views.setSelection(item);
            }
        }
    }

    /** With every status refresh: shows or hides the banner; when a virtual camera appeared, switches it on. */
    void refresh() {
        String reachable = reachable();
        boolean missing = reachable == null;
        if (shown && !missing) {
            VirtualCamera.choose(services, reachable);
            VirtualCamera.switchTo(services, true);
        }
        if (missing != shown) {
            shown = missing;
            ((GridData) row.getLayoutData()).exclude = !missing;
            row.setVisible(missing);
            text.setText(TEXT);
            row.getParent().layout(true, true);
        }
    }

    /** The output apps can see now: the first loopback device, else the PipeWire camera while its daemon answers; or null. */
    private String reachable() {
        String pipewire = null;
        for (Part p : services.pipeline().sinks()) {
            Object kind = p.properties().get(FrameSink.KIND);
            if ("loopback".equals(kind)) {
                return p.id();
            }
            if ("pipewire".equals(kind) && pipewire == null && VirtualCamera.visibleToApps(p)) {
                pipewire = p.id();
            }
        }
        return pipewire;
    }
}
