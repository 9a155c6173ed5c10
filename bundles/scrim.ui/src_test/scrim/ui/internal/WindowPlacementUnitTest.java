package scrim.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.junit.jupiter.api.Test;

/** Where the window reopens: as saved, within the monitors of today; a position on no monitor is ignored. */
class WindowPlacementUnitTest {

    private static final Point DEFAULT = new Point(1200, 720);
    private static final Rectangle LEFT = new Rectangle(0, 0, 1920, 1050); // a panel takes the bottom 30 px
    private static final Rectangle RIGHT = new Rectangle(1920, 0, 1280, 1024);
    private static final Rectangle[] TWO = {LEFT, RIGHT};

    @Test
    void theFirstTimeTheDefaultSizeIsCentredOnThePrimaryMonitor() {
        assertEquals(new Rectangle(360, 165, 1200, 720), WindowPlacement.place(null, DEFAULT, TWO, LEFT));
    }

    @Test
    void aSavedPlaceOnAMonitorIsKept() {
        Rectangle onRight = new Rectangle(2000, 100, 1100, 700);
        assertEquals(onRight, WindowPlacement.place(onRight, DEFAULT, TWO, LEFT));
    }

    @Test
    void aPositionOnNoMonitorIsIgnoredAndTheWindowCentred() {
        // the right monitor was unplugged since
        assertEquals(new Rectangle(410, 175, 1100, 700), WindowPlacement.place(new Rectangle(2000, 100, 1100, 700), DEFAULT, new Rectangle[] {LEFT}, LEFT));
        assertEquals(new Rectangle(410, 175, 1100, 700), WindowPlacement.place(new Rectangle(-5000, -3000, 1100, 700), DEFAULT, TWO, LEFT));
    }

    @Test
    void aWindowLargerThanItsMonitorShrinksAndMovesWithinIt() {
        assertEquals(new Rectangle(1920, 0, 1280, 1024), WindowPlacement.place(new Rectangle(2500, 10, 1900, 1200), DEFAULT, TWO, LEFT));
        // half off the right edge, its grip still on the monitor: moved in
        assertEquals(new Rectangle(720, 350, 1200, 700), WindowPlacement.place(new Rectangle(1880, 350, 1200, 700), DEFAULT, new Rectangle[] {LEFT}, LEFT));
    }

    @Test
    void aPreviewPictureFillsTheWidthOrTheHeightCentredWithItsShape() {
        assertEquals(new Rectangle(0, 82, 600, 338), Preview.fit(640, 360, 600, 502)); // 16:9 in a tall area: full width
        assertEquals(new Rectangle(150, 0, 800, 450), Preview.fit(640, 360, 1100, 450)); // in a wide area: full height
        assertEquals(new Rectangle(0, 0, 1280, 720), Preview.fit(640, 360, 1280, 720));
    }
}
