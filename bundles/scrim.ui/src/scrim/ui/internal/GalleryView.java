package scrim.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.ColorDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.TabFolder;

import scrim.api.FrameTap;
import scrim.api.PipelineStatus;
import scrim.api.Rgb;

/**
 * The Background view, first in the window: one tile per choice (None, Slight blur, Blur, Dim,
 * Pixelate, a colour, then the catalogue's pictures and videos), each with a live thumbnail; one
 * click applies it. "Add picture..." and files dropped onto the window copy pictures into the
 * user's backgrounds folder; a tile's menu removes the user's own. The Effects view stays the
 * advanced way; the frame follows the chain whoever changes it.
 */
final class GalleryView implements View {

    private final Services services;
    private final Display display;
    private final Composite root;
    private final ScrolledComposite scroller;
    private final Composite tiles;
    private final Label problem;
    private final ThumbnailRenderer renderer;
    private final BackgroundCatalogue catalogue;
    private final Map<String, Tile> shown = new LinkedHashMap<>();
    /** The tile marked as the current choice, or null. */
    private String marked;

    GalleryView(TabFolder parent, Services services) {
        this.services = services;
        display = parent.getDisplay();
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(3, false));
        Button add = Ids.tag(new Button(root, SWT.PUSH), "gallery.add");
        add.setText("Add picture...");
        add.addListener(SWT.Selection, e -> choose());
        Button colour = Ids.tag(new Button(root, SWT.PUSH), "gallery.colour");
        colour.setText("Colour...");
        colour.addListener(SWT.Selection, e -> chooseColour());
        Label hint = new Label(root, SWT.WRAP);
        hint.setText("or drop a picture onto the window");
        hint.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        scroller = Ids.tag(new ScrolledComposite(root, SWT.V_SCROLL), "gallery");
        scroller.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        tiles = new Composite(scroller, SWT.NONE);
        RowLayout rows = new RowLayout(SWT.HORIZONTAL);
        rows.wrap = true;
        rows.spacing = 6;
        tiles.setLayout(rows);
        scroller.setContent(tiles);
        scroller.addListener(SWT.Resize, e -> fit());
        problem = Ids.tag(new Label(root, SWT.WRAP), "gallery.problem");
        problem.setLayoutData(new GridData(SWT.FILL, SWT.END, true, false, 3, 1));
        problem.setForeground(display.getSystemColor(SWT.COLOR_DARK_RED));
        renderer = new ThumbnailRenderer(this::thumbnailReady);
        BackgroundCatalogue c = null;
        try {
            c = new BackgroundCatalogue(services.context(), BackgroundFolder.standard(), this::catalogueChanged);
        } catch (IOException e) {
            problem.setText("Your backgrounds folder " + BackgroundFolder.standard() + " cannot be used (" + e.getMessage()
                    + "): check its permissions. The built-in choices still work.");
        }
        catalogue = c;
        rebuild();
    }

    @Override
    public String id() {
        return "gallery";
    }

    @Override
    public String title() {
        return "Background";
    }

    @Override
    public Control control() {
        return root;
    }

    /** Takes the frames for the thumbnails: fed through the window's tap. */
    FrameTap thumbnails() {
        return renderer;
    }

    @Override
    public void refresh(PipelineStatus status) {
        renderer.visible(root.isVisible());
        try {
            renderer.colour(Rgb.parse(services.setup(BackgroundChoice.COLOUR_PID).text("color", BackgroundChoice.DEFAULT_COLOUR)));
        } catch (IllegalArgumentException e) {
            // a colour set elsewhere that does not parse: the thumbnail keeps the last one
        }
        BackgroundChoice.Setup now = BackgroundChoice.Setup.read(services);
        String current = null;
        for (Map.Entry<String, Tile> e : shown.entrySet()) {
            boolean is = ((BackgroundChoice) e.getValue().control().getData()).isCurrent(now);
            e.getValue().selected(is);
            current = is && current == null ? e.getKey() : current;
        }
        if (current == null || current.equals(marked)) {
            marked = current;
        } else if (scroller.getClientArea().height >= ThumbnailRenderer.HEIGHT) { // laid out: else again at the next refresh
            scroller.showControl(shown.get(current).control()); // once per change: the user's own scrolling stays
            marked = current;
        }
    }

    /** Copies pictures or videos into the backgrounds folder and applies the last one: what a drop and "Add picture..." do. */
    void add(List<Path> files) {
        if (catalogue == null) {
            return; // the problem line already says why
        }
        StringBuilder refused = new StringBuilder();
        Path last = null;
        for (Path f : files) {
            try {
                last = catalogue.add(f);
            } catch (IOException e) {
                refused.append(refused.isEmpty() ? "" : "\n").append(e.getMessage());
            }
        }
        problem.setText(refused.toString());
        if (last != null) {
            BackgroundChoice.of(new Background("own:" + last.getFileName(), Background.labelOf(last), last, Background.isVideo(last), true))
                    .apply(services);
        }
        root.layout(true, true);
    }

    private void choose() {
        FileDialog dialog = new FileDialog(root.getShell(), SWT.OPEN | SWT.MULTI);
        dialog.setText("Add a background picture or video");
        dialog.setFilterNames(new String[] {"Pictures and videos (PNG, JPEG, Motion-JPEG AVI)", "All files"});
        dialog.setFilterExtensions(new String[] {"*.png;*.jpg;*.jpeg;*.PNG;*.JPG;*.JPEG;*.avi;*.AVI", "*"});
        if (dialog.open() != null) {
            add(List.of(dialog.getFileNames()).stream().map(n -> Path.of(dialog.getFilterPath(), n)).toList());
        }
    }

    private void catalogueChanged() {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!root.isDisposed()) {
                    rebuild();
                }
            });
        }
    }

    private void thumbnailReady(String id, ImageData pixels) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                Tile t = shown.get(id);
                if (t != null && !t.control().isDisposed()) {
                    t.thumbnail(pixels);
                }
            });
        }
    }

    /** New tiles when the catalogue's list changed; the tiles that stay keep their thumbnails. */
    private void rebuild() {
        List<BackgroundChoice> choices = BackgroundChoice.all(catalogue == null ? List.of() : catalogue.list());
        if (choices.stream().map(BackgroundChoice::id).toList().equals(List.copyOf(shown.keySet()))) {
            return;
        }
        Map<String, Tile> before = new LinkedHashMap<>(shown);
        shown.clear();
        for (BackgroundChoice c : choices) {
            Tile t = before.remove(c.id());
            if (t == null) {
                t = tile(c);
            }
            t.control().moveBelow(null); // in the order of the list
            shown.put(c.id(), t);
        }
        before.values().forEach(t -> t.control().dispose());
        renderer.choices(choices);
        fit();
        refresh(null);
    }

    private Tile tile(BackgroundChoice c) {
        Tile t = new Tile(tiles, c);
        if (c.kind() == BackgroundChoice.Kind.BLUR) {
            t.control().setToolTipText("Blur (Ctrl+B turns it on and off)");
        }
        t.control().setData(c);
        t.control().addListener(SWT.Selection, e -> {
            problem.setText("");
            c.apply(services);
            refresh(null);
        });
        Menu menu = new Menu(t.control());
        if (c.kind() == BackgroundChoice.Kind.COLOUR) {
            item(menu, "Choose colour...", this::chooseColour);
        }
        if (c.background() != null && c.background().own()) {
            item(menu, "Remove", () -> remove(c));
        }
        item(menu, "Use", () -> {
            c.apply(services);
            refresh(null);
        });
        t.control().setMenu(menu);
        return t;
    }

    private static void item(Menu menu, String text, Runnable action) {
        MenuItem i = new MenuItem(menu, SWT.PUSH);
        i.setText(text);
        i.addListener(SWT.Selection, e -> action.run());
    }

    /** The colour picker: the chosen colour goes behind the person at once (the Colour tile). */
    private void chooseColour() {
        ColorDialog dialog = new ColorDialog(root.getShell());
        dialog.setText("Background colour");
        try {
            Rgb now = Rgb.parse(services.setup(BackgroundChoice.COLOUR_PID).text("color", BackgroundChoice.DEFAULT_COLOUR));
            dialog.setRGB(new RGB(now.red(), now.green(), now.blue()));
        } catch (IllegalArgumentException e) {
            // a colour that does not parse: the dialog starts from its own
        }
        RGB picked = dialog.open();
        if (picked != null) {
            services.setup(BackgroundChoice.COLOUR_PID).set("color", new Rgb(picked.red, picked.green, picked.blue).toString());
            shown.values().stream().map(t -> (BackgroundChoice) t.control().getData())
                    .filter(c -> c.kind() == BackgroundChoice.Kind.COLOUR).findFirst().ifPresent(c -> c.apply(services));
            refresh(null);
        }
    }

    /** Deletes the user's copy; the current background falls back to None first, so no saved setup names a missing file. */
    private void remove(BackgroundChoice c) {
        Background b = c.background();
        try {
            if (c.isCurrent(BackgroundChoice.Setup.read(services))) {
                BackgroundChoice.all(List.of()).get(0).apply(services);
            }
            catalogue.remove(b); // the folder's watcher then takes the tile away
        } catch (IOException e) {
            problem.setText("'" + b.label() + "' cannot be removed: " + e.getMessage());
        }
    }

    /** Lets the tiles wrap to the view's width and scroll down. */
    private void fit() {
        int width = scroller.getClientArea().width;
        tiles.layout(true);
        scroller.setMinSize(tiles.computeSize(Math.max(width, ThumbnailRenderer.WIDTH + 16), SWT.DEFAULT));
    }

    @Override
    public void dispose() {
        if (catalogue != null) {
            catalogue.close();
        }
        renderer.close();
    }
}
