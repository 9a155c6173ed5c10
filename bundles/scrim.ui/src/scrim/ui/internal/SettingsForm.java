package scrim.ui.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.ColorDialog;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import scrim.api.Rgb;
import scrim.api.Setting;

/**
 * A form built from a component's Metatype definition alone: a slider for a number with a
 * range, a spinner for a whole number, a choice list for options, a check box, a colour
 * picker, a file chooser, or a text field. Every change goes through the Settings service, so
 * it is checked as on the command line, and applies live; a refusal is shown under the form.
 */
final class SettingsForm {

    /** Slider steps for a decimal range. */
    private static final int STEPS = 100;

    private final Services services;
    private final String pid;
    private final Consumer<String> report;

    private SettingsForm(Services services, String pid, Consumer<String> report) {
        this.services = services;
        this.pid = pid;
        this.report = report;
    }

    /** Fills {@code parent} (two columns) with these settings of {@code pid}; refusals go to {@code report}. */
    static void build(Composite parent, Services services, String pid, List<Setting> settings, Consumer<String> report) {
        SettingsForm form = new SettingsForm(services, pid, report);
        SavedSetup saved = services.setup(pid);
        for (Setting s : settings) {
            Label name = new Label(parent, SWT.NONE);
            name.setText(s.name());
            name.setToolTipText(s.description());
            String value = saved.text(s.id(), s.defaultValue());
            try {
                form.control(parent, s, value);
            } catch (RuntimeException e) {
                Label broken = new Label(parent, SWT.NONE);
                broken.setText("cannot show this setting: " + e.getMessage());
            }
        }
    }

    private void control(Composite parent, Setting s, String value) {
        String id = "setting." + s.id();
        switch (s.kind()) {
            case DECIMAL, INTEGER -> {
                if (s.min() != null && s.max() != null && s.kind() == Setting.Kind.DECIMAL) {
                    slider(parent, s, value, id);
                } else if (s.kind() == Setting.Kind.INTEGER) {
                    Spinner spin = AccessibleNames.name(Ids.tag(new Spinner(parent, SWT.BORDER), id), s.name());
                    spin.setMinimum(s.min() == null ? Integer.MIN_VALUE : s.min().intValue());
                    spin.setMaximum(s.max() == null ? Integer.MAX_VALUE : s.max().intValue());
                    spin.setSelection((int) Double.parseDouble(value));
                    spin.addListener(SWT.Selection, e -> apply(s, Integer.toString(spin.getSelection())));
                } else {
                    text(parent, s, value, id);
                }
            }
            case BOOLEAN -> {
                Button check = AccessibleNames.name(Ids.tag(new Button(parent, SWT.CHECK), id), s.name());
                check.setSelection(Boolean.parseBoolean(value));
                check.addListener(SWT.Selection, e -> apply(s, Boolean.toString(check.getSelection())));
            }
            case CHOICE -> {
                Combo choice = AccessibleNames.name(Ids.tag(new Combo(parent, SWT.READ_ONLY), id), s.name());
                List<String> labels = s.optionLabels().size() == s.options().size() ? s.optionLabels() : s.options();
                choice.setItems(labels.toArray(String[]::new));
                choice.select(Math.max(0, s.options().indexOf(value)));
                choice.addListener(SWT.Selection, e -> apply(s, s.options().get(choice.getSelectionIndex())));
            }
            case COLOR -> colour(parent, s, value, id);
            case FILE -> file(parent, s, value, id);
            default -> text(parent, s, value, id);
        }
    }

    private void slider(Composite parent, Setting s, String value, String id) {
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayout(flush());
        row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Scale scale = AccessibleNames.name(Ids.tag(new Scale(row, SWT.HORIZONTAL), id), s.name());
        scale.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        scale.setMinimum(0);
        scale.setMaximum(STEPS);
        double min = s.min();
        double max = s.max();
        scale.setSelection((int) Math.round((Double.parseDouble(value) - min) / (max - min) * STEPS));
        Label shown = new Label(row, SWT.NONE);
        shown.setText(format(Double.parseDouble(value)) + "    ");
        scale.addListener(SWT.Selection, e -> {
            String v = format(min + (max - min) * scale.getSelection() / STEPS);
            shown.setText(v);
            apply(s, v);
        });
    }

    /** A row's grid with no margins of its own: it lines up with the form's other rows, and a long form still fits a 640 px high window. */
    private static GridLayout flush() {
        GridLayout grid = new GridLayout(2, false);
        grid.marginWidth = 0;
        grid.marginHeight = 0;
        return grid;
    }

    private void text(Composite parent, Setting s, String value, String id) {
        Text text = AccessibleNames.name(Ids.tag(new Text(parent, SWT.BORDER), id), s.name());
        text.setText(value);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        text.addListener(SWT.DefaultSelection, e -> apply(s, text.getText()));
        text.addListener(SWT.FocusOut, e -> apply(s, text.getText()));
    }

    private void colour(Composite parent, Setting s, String value, String id) {
        Button pick = AccessibleNames.name(Ids.tag(new Button(parent, SWT.PUSH), id), s.name());
        Rgb[] current = {parse(value)};
        Color[] swatch = {null};
        Runnable show = () -> {
            if (swatch[0] != null) {
                swatch[0].dispose();
            }
            swatch[0] = new Color(current[0].red(), current[0].green(), current[0].blue());
            pick.setBackground(swatch[0]);
            pick.setText(current[0].toString());
        };
        show.run();
        pick.addListener(SWT.Selection, e -> {
            ColorDialog dialog = new ColorDialog(pick.getShell());
            dialog.setRGB(new RGB(current[0].red(), current[0].green(), current[0].blue()));
            RGB chosen = dialog.open();
            if (chosen != null) {
                current[0] = new Rgb(chosen.red, chosen.green, chosen.blue);
                show.run();
                apply(s, current[0].toString());
            }
        });
        pick.addListener(SWT.Dispose, e -> {
            if (swatch[0] != null) {
                swatch[0].dispose();
            }
        });
    }

    private void file(Composite parent, Setting s, String value, String id) {
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayout(flush());
        row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Text path = AccessibleNames.name(Ids.tag(new Text(row, SWT.BORDER), id), s.name());
        path.setText(value);
        path.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        path.addListener(SWT.DefaultSelection, e -> apply(s, path.getText()));
        Button browse = Ids.tag(new Button(row, SWT.PUSH), id + ".browse");
        browse.setText("Choose...");
        browse.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(browse.getShell(), SWT.OPEN);
            String chosen = dialog.open();
            if (chosen != null) {
                path.setText(chosen);
                apply(s, chosen);
            }
        });
    }

    private void apply(Setting s, String value) {
        try {
            services.settings().update(pid, Map.of(s.id(), value));
            report.accept("");
        } catch (IllegalArgumentException | IOException e) {
            report.accept(e.getMessage());
        }
    }

    private static Rgb parse(String value) {
        try {
            return Rgb.parse(value);
        } catch (IllegalArgumentException e) {
            return new Rgb(0, 0, 0);
        }
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
