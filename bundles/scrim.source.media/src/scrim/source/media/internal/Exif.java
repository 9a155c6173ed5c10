package scrim.source.media.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The one EXIF fact a picture input needs: whether the photo is shown turned a quarter (portrait from a sideways sensor). */
final class Exif {

    private static final int ORIENTATION = 0x0112;

    private Exif() {
    }

    /**
     * True when the APP1 segment is EXIF with an orientation of 5 to 8 (a quarter turn, mirrored
     * or not), which decoders apply, so width and height trade places. Malformed EXIF counts as no turn.
     */
    static boolean turnsAQuarter(byte[] app1) {
        if (app1.length < 14 || app1[0] != 'E' || app1[1] != 'x' || app1[2] != 'i' || app1[3] != 'f' || app1[4] != 0 || app1[5] != 0) {
            return false;
        }
        ByteBuffer tiff = ByteBuffer.wrap(app1, 6, app1.length - 6).slice();
        tiff.order(app1[6] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long ifd = tiff.getInt(4) & 0xFFFFFFFFL;
        if (ifd + 2 > tiff.limit()) {
            return false;
        }
        int entries = tiff.getShort((int) ifd) & 0xFFFF;
        for (int i = 0; i < entries; i++) {
            int at = (int) ifd + 2 + 12 * i;
            if (at + 12 > tiff.limit()) {
                return false;
            }
            if ((tiff.getShort(at) & 0xFFFF) == ORIENTATION) {
                int orientation = tiff.getShort(at + 8) & 0xFFFF;
                return orientation >= 5 && orientation <= 8;
            }
        }
        return false;
    }
}
