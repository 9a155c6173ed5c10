package scrim.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

import scrim.api.PipelineStatus;

/**
 * Scrim's bundles with version and state. A plugin is installed by copying its jar into the
 * load folder (from the file chooser here, or by hand), where the framework picks it up, and
 * uninstalled by taking it out again; so what is installed survives a restart either way.
 */
final class PluginsView implements View {

    private final Services services;
    private final Composite root;
    private final Table table;
    private final Text path;
    private final Label problem;
    private final Path load;
    private List<String> shown = List.of();

    PluginsView(TabFolder parent, Services services) {
        this.services = services;
        String dir = services.context().getProperty("scrim.load.dir");
        load = dir == null ? null : Path.of(dir);
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(4, false));
        table = AccessibleNames.name(Ids.tag(new Table(root, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION), "plugins.table"), "Plugins");
        table.setHeaderVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        for (String column : new String[] {"Bundle", "Version", "State", "From"}) {
            new TableColumn(table, SWT.NONE).setText(column);
        }
        path = AccessibleNames.name(Ids.tag(new Text(root, SWT.BORDER), "plugins.path"), "Plugin jar to install");
        path.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        path.setMessage("a plugin jar");
        Button browse = Ids.tag(new Button(root, SWT.PUSH), "plugins.browse");
        browse.setText("Choose...");
        browse.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(root.getShell(), SWT.OPEN);
            dialog.setFilterExtensions(new String[] {"*.jar"});
            String file = dialog.open();
            if (file != null) {
                path.setText(file);
            }
        });
        Button install = Ids.tag(new Button(root, SWT.PUSH), "plugins.install");
        install.setText("Install");
        install.addListener(SWT.Selection, e -> install(Path.of(path.getText().trim())));
        Button uninstall = Ids.tag(new Button(root, SWT.PUSH), "plugins.uninstall");
        uninstall.setText("Uninstall");
        uninstall.addListener(SWT.Selection, e -> uninstall());
        problem = Ids.tag(new Label(root, SWT.WRAP), "plugins.problem");
        problem.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        Label where = new Label(root, SWT.WRAP);
        where.setText("Load folder: " + (load == null ? "none" : load) + " (jars dropped there are installed while Scrim runs)");
        where.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        refresh(null);
    }

    private void install(Path jar) {
        try {
            if (load == null) {
                throw new IOException("there is no load folder (scrim.load.dir is not set)");
            }
            if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
                throw new IOException("'" + jar + "' is not a jar file: choose a plugin's .jar");
            }
            Path staged = load.resolve("." + jar.getFileName() + ".tmp");
            Files.copy(jar, staged, StandardCopyOption.REPLACE_EXISTING);
            // whole or not at all: the framework must never see half a jar
            Files.move(staged, load.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            problem.setText("Installing " + jar.getFileName() + "...");
        } catch (IOException e) {
            problem.setText("Cannot install: " + e.getMessage());
        }
    }

    private void uninstall() {
        int i = table.getSelectionIndex();
        if (i < 0) {
            return;
        }
        Bundle b = (Bundle) table.getItem(i).getData();
        try {
            Path file = fromLoadFolder(b);
            if (file != null) {
                Files.deleteIfExists(file);
            } else {
                b.uninstall();
            }
            problem.setText("Uninstalling " + b.getSymbolicName() + "...");
        } catch (IOException | BundleException | IllegalStateException e) {
            problem.setText("Cannot uninstall: " + e.getMessage());
        }
    }

    /** The jar in the load folder a bundle came from, or null. */
    private Path fromLoadFolder(Bundle b) {
        String location = b.getLocation();
        if (load == null || location == null) {
            return null;
        }
        Path file = Path.of(location.replaceFirst("^file:(//)?", ""));
        return file.startsWith(load) ? file : null;
    }

    @Override
    public String id() {
        return "plugins";
    }

    @Override
    public String title() {
        return "Plugins";
    }

    @Override
    public Control control() {
        return root;
    }

    @Override
    public void refresh(PipelineStatus status) {
        List<Bundle> scrim = new ArrayList<>();
        for (Bundle b : services.context().getBundles()) {
            if (b.getSymbolicName() != null && (b.getSymbolicName().startsWith("scrim") || fromLoadFolder(b) != null)) {
                scrim.add(b);
            }
        }
        List<String> now = scrim.stream().map(b -> b.getSymbolicName() + b.getVersion() + b.getState()).toList();
        if (now.equals(shown)) {
            return;
        }
        shown = now;
        table.removeAll();
        for (Bundle b : scrim) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] {b.getSymbolicName(), b.getVersion().toString(), state(b.getState()),
                fromLoadFolder(b) != null ? "load folder" : "Scrim"});
            item.setData(b);
        }
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
        problem.setText("");
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed (cannot resolve)";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }
}
