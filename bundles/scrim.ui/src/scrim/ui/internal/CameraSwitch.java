package scrim.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

/**
 * The virtual camera switch: a toggle button saying "Virtual camera on" or "off" beside a green
 * or grey light. Its width is fixed from the wider of the two texts, so neither is ever cut and
 * the row does not jump when the state changes.
 */
final class CameraSwitch {

    static final String ON = "Virtual camera on";
    static final String OFF = "Virtual camera off";
    private static final int LIGHT = 12;

    private final Button button;
    private final Image on;
    private final Image off;

    /** Adds the switch to {@code parent}, a grid, as its last cell in the row. */
    CameraSwitch(Composite parent, Services services) {
        button = Ids.tag(new Button(parent, SWT.TOGGLE), "camera.toggle");
        on = new Image(parent.getDisplay(), light(0x2ecc40));
        off = new Image(parent.getDisplay(), light(0x9e9e9e));
        button.setImage(on);
        int width = 0;
        for (String text : new String[] {ON, OFF}) {
            button.setText(text);
            width = Math.max(width, button.computeSize(SWT.DEFAULT, SWT.DEFAULT).x);
        }
        button.setText(OFF);
        button.setImage(off);
        GridData d = new GridData(SWT.END, SWT.CENTER, true, false);
        d.widthHint = width;
        d.minimumWidth = width;
        button.setLayoutData(d);
        button.setToolTipText("Turns the virtual camera on or off: while it is on, apps that open it see the Output picture");
        button.addListener(SWT.Selection, e -> {
            show(button.getSelection());
            VirtualCamera.switchTo(services, button.getSelection());
        });
        button.addListener(SWT.Dispose, e -> {
            on.dispose();
            off.dispose();
        });
    }

    /** Shows the state (on the UI thread); changes the widget only when the state changed. */
    void show(boolean isOn) {
        String text = isOn ? ON : OFF;
        if (!text.equals(button.getText())) {
            button.setSelection(isOn);
            button.setText(text);
            button.setImage(isOn ? on : off);
        } else if (button.getSelection() != isOn) {
            button.setSelection(isOn);
        }
    }

    /** A round light, transparent around it. */
    private static ImageData light(int colour) {
        ImageData data = new ImageData(LIGHT, LIGHT, 24, new PaletteData(0xff0000, 0xff00, 0xff));
        byte[] alpha = new byte[LIGHT * LIGHT];
        double mid = (LIGHT - 1) / 2.0;
        for (int y = 0; y < LIGHT; y++) {
            for (int x = 0; x < LIGHT; x++) {
                data.setPixel(x, y, colour);
                alpha[y * LIGHT + x] = (byte) Math.round(255 * Math.max(0, Math.min(1, LIGHT / 2.0 - Math.hypot(x - mid, y - mid))));
            }
        }
        data.alphaData = alpha;
        return data;
    }
}
