package scrim.v4l2;

import java.io.IOException;

/** A failed device call, with the C error number so callers can explain it. */
public final class V4l2Exception extends IOException {

    private static final long serialVersionUID = 1L;
    private final int errno;

    public V4l2Exception(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The C error number (EACCES 13, EBUSY 16, ENODEV 19, EINVAL 22, ENOENT 2, ...), 0 if none. */
    public int errno() {
        return errno;
    }

    public boolean permissionDenied() {
        return errno == Libc.EACCES;
    }

    public boolean busy() {
        return errno == Libc.EBUSY;
    }

    public boolean invalid() {
        return errno == Libc.EINVAL;
    }
}
