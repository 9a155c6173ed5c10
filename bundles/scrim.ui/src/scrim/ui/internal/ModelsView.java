package scrim.ui.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import scrim.api.ModelLoader;
import scrim.api.Part;
import scrim.api.Pipeline;
import scrim.api.PipelineStatus;
import scrim.api.Segmenter;
import scrim.api.StageTimes;

/**
 * The installed models with their input size and the milliseconds measured while each ran;
 * choosing one switches between two frames. A .tflite file can be added from disk (and is
 * loaded again at the next start); the mask refinement settings come from the engine's Metatype.
 */
final class ModelsView implements View {

    private final Services services;
    private final Composite root;
    private final Table table;
    private final Label problem;
    private final Map<String, Double> measured = new HashMap<>();
    private List<Part> shown = List.of();

    ModelsView(TabFolder parent, Services services) {
        this.services = services;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(2, false));
        table = AccessibleNames.name(Ids.tag(new Table(root, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION), "models.table"), "Models");
        table.setHeaderVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false, 2, 1));
        ((GridData) table.getLayoutData()).heightHint = 120;
        for (String column : new String[] {"Model", "Input", "ms per frame", "Description"}) {
            new TableColumn(table, SWT.NONE).setText(column);
        }
        table.addListener(SWT.Selection, e -> {
            int i = table.getSelectionIndex();
            if (i >= 0 && i < shown.size()) {
                services.engine().set(Pipeline.CONFIG_SEGMENTER, shown.get(i).id());
            }
        });
        Button add = Ids.tag(new Button(root, SWT.PUSH), "models.add");
        add.setText("Add a .tflite file...");
        add.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(root.getShell(), SWT.OPEN);
            dialog.setFilterExtensions(new String[] {"*.tflite", "*"});
            String file = dialog.open();
            if (file != null) {
                load(file);
            }
        });
        problem = Ids.tag(new Label(root, SWT.WRAP), "models.problem");
        problem.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        problem.setForeground(root.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));

        Group refine = Ids.tag(new Group(root, SWT.NONE), "models.refine");
        refine.setText("Mask refinement");
        refine.setLayout(new GridLayout(2, false));
        refine.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        try {
            SettingsForm.build(refine, services, Pipeline.PID, services.settings().describe(Pipeline.PID).stream()
                    .filter(s -> s.id().startsWith("refine.")).toList(), problem::setText);
        } catch (RuntimeException e) {
            new Label(refine, SWT.WRAP).setText("The refinement settings cannot be shown: " + e.getMessage());
        }
        // a model added from a file last time is loaded again, so the saved choice resumes
        String saved = services.engine().text(Pipeline.CONFIG_SEGMENTER, "");
        if (saved.endsWith(".tflite") && services.pipeline().segmenters().stream().noneMatch(p -> p.id().equals(saved))) {
            load(saved);
        }
        refresh(null);
    }

    /** Loads a model file as a segmenter and switches to it. */
    void load(String file) {
        ModelLoader loader = services.optional(ModelLoader.class);
        if (loader == null) {
            problem.setText("The TensorFlow Lite bundle (scrim.segment.tflite) is not running, so model files cannot be loaded.");
            return;
        }
        try {
            String name = loader.load(file, Map.of());
            services.engine().set(Pipeline.CONFIG_SEGMENTER, name);
            problem.setText("");
        } catch (IOException | RuntimeException e) {
            problem.setText(e.getMessage());
        }
    }

    @Override
    public String id() {
        return "models";
    }

    @Override
    public String title() {
        return "Models";
    }

    @Override
    public Control control() {
        return root;
    }

    @Override
    public void refresh(PipelineStatus status) {
        if (status != null) {
            status.segmenterTimes().forEach((name, t) -> measured.put(name, t.meanMillisSince(StageTimes.NONE)));
        }
        List<Part> now = services.pipeline().segmenters();
        if (!now.equals(shown) || status != null) {
            shown = now;
            table.setItemCount(now.size());
            String active = status == null ? null : status.segmenter();
            for (int i = 0; i < now.size(); i++) {
                Part p = now.get(i);
                TableItem item = table.getItem(i);
                Object w = p.properties().get(Segmenter.INPUT_WIDTH);
                Double ms = measured.get(p.id());
                item.setText(new String[] {p.id(), w == null ? "" : w + "x" + p.properties().get(Segmenter.INPUT_HEIGHT),
                    ms == null ? "not run yet" : String.format(Locale.ROOT, "%.1f", ms), p.label()});
                if (p.id().equals(active) && table.getSelectionIndex() != i) {
                    table.select(i);
                }
            }
            for (TableColumn c : table.getColumns()) {
                c.pack();
            }
        }
    }
}
