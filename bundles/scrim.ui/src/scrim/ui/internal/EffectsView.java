package scrim.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;

import scrim.api.Part;
import scrim.api.Pipeline;
import scrim.api.PipelineStatus;

/**
 * The installed effects, from their services, and the chain the pipeline applies in order: add,
 * remove, move up and down. The selected effect's settings form is built from its Metatype
 * definition; a form that cannot be built says so and the rest of the view works on.
 */
final class EffectsView implements View {

    private final Services services;
    private final Composite root;
    private final org.eclipse.swt.widgets.List installed;
    private final org.eclipse.swt.widgets.List chain;
    private final Group settings;
    private final Label problem;
    private List<Part> shownInstalled = List.of();
    private List<String> shownChain = List.of();
    private String formFor;

    EffectsView(TabFolder parent, Services services) {
        this.services = services;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(3, false));
        label("Installed effects");
        new Label(root, SWT.NONE);
        label("Applied, in this order");
        installed = AccessibleNames.name(Ids.tag(new org.eclipse.swt.widgets.List(root, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL), "effects.installed"),
                "Installed effects");
        installed.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false, 1, 1));
        ((GridData) installed.getLayoutData()).heightHint = 140;
        Composite buttons = new Composite(root, SWT.NONE);
        buttons.setLayout(new GridLayout(1, true));
        button(buttons, "effects.add", "Add >", this::add);
        button(buttons, "effects.remove", "< Remove", this::remove);
        button(buttons, "effects.up", "Up", () -> move(-1));
        button(buttons, "effects.down", "Down", () -> move(1));
        chain = AccessibleNames.name(Ids.tag(new org.eclipse.swt.widgets.List(root, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL), "effects.chain"),
                "Applied effects, in this order");
        chain.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));
        ((GridData) chain.getLayoutData()).heightHint = 140;
        chain.addListener(SWT.Selection, e -> showSettings());
        settings = Ids.tag(new Group(root, SWT.NONE), "effects.settings");
        settings.setText("Settings");
        settings.setLayout(new GridLayout(2, false));
        settings.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        problem = Ids.tag(new Label(root, SWT.WRAP), "effects.problem");
        problem.setLayoutData(new GridData(SWT.FILL, SWT.END, true, false, 3, 1));
        problem.setForeground(root.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        refresh(null);
    }

    private void label(String text) {
        Label l = new Label(root, SWT.NONE);
        l.setText(text);
    }

    private static void button(Composite parent, String id, String text, Runnable action) {
        Button b = Ids.tag(new Button(parent, SWT.PUSH), id);
        b.setText(text);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        b.addListener(SWT.Selection, e -> action.run());
    }

    @Override
    public String id() {
        return "effects";
    }

    @Override
    public String title() {
        return "Effects";
    }

    @Override
    public Control control() {
        return root;
    }

    @Override
    public void refresh(PipelineStatus status) {
        List<Part> now = services.pipeline().effects();
        if (!now.equals(shownInstalled)) {
            shownInstalled = now;
            installed.setItems(now.stream().map(p -> p.id() + "  (" + p.label() + ")").toArray(String[]::new));
        }
        List<String> configured = services.engine().list(Pipeline.CONFIG_EFFECTS);
        if (!configured.equals(shownChain)) {
            int selected = chain.getSelectionIndex();
            shownChain = configured;
            chain.setItems(configured.toArray(String[]::new));
            if (selected >= 0 && selected < configured.size()) {
                chain.select(selected);
            }
            showSettings();
        }
    }

    private void add() {
        int i = installed.getSelectionIndex();
        if (i < 0 || i >= shownInstalled.size()) {
            problem.setText("Choose an installed effect to add.");
            return;
        }
        List<String> next = new ArrayList<>(shownChain);
        next.add(shownInstalled.get(i).id());
        services.engine().setList(Pipeline.CONFIG_EFFECTS, next);
        refresh(null);
        chain.select(next.size() - 1);
        showSettings();
    }

    private void remove() {
        int i = chain.getSelectionIndex();
        if (i < 0) {
            return;
        }
        List<String> next = new ArrayList<>(shownChain);
        next.remove(i);
        services.engine().setList(Pipeline.CONFIG_EFFECTS, next);
        refresh(null);
    }

    private void move(int by) {
        int i = chain.getSelectionIndex();
        int j = i + by;
        if (i < 0 || j < 0 || j >= shownChain.size()) {
            return;
        }
        List<String> next = new ArrayList<>(shownChain);
        next.add(j, next.remove(i));
        services.engine().setList(Pipeline.CONFIG_EFFECTS, next);
        refresh(null);
        chain.select(j);
    }

    /** Rebuilds the form for the selected effect of the chain. */
    private void showSettings() {
        int i = chain.getSelectionIndex();
        String name = i >= 0 && i < shownChain.size() ? shownChain.get(i) : null;
        if (name != null && name.equals(formFor)) {
            return;
        }
        formFor = name;
        for (Control c : settings.getChildren()) {
            c.dispose();
        }
        problem.setText("");
        Part effect = shownInstalled.stream().filter(p -> p.id().equals(name)).findFirst().orElse(null);
        if (name == null) {
            settings.setText("Settings");
        } else if (effect == null) {
            settings.setText("Settings of " + name);
            new Label(settings, SWT.NONE).setText("'" + name + "' is not installed: frames pass through it until it is.");
        } else {
            settings.setText("Settings of " + effect.label());
            try {
                String pid = String.valueOf(effect.properties().get("component.name"));
                var described = services.settings().describe(pid);
                if (described.isEmpty()) {
                    new Label(settings, SWT.NONE).setText("This effect has no settings.");
                }
                SettingsForm.build(settings, services, pid, described, problem::setText);
            } catch (RuntimeException e) {
                new Label(settings, SWT.WRAP).setText("The settings of '" + name + "' cannot be shown: " + e.getMessage());
            }
        }
        root.layout(true, true);
    }
}
