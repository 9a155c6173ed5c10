"""Checks raw YUYV frames: python3 yuyv_check.py FILE W H FRAMES [--magenta MIN_FRACTION] [--skip N]

Fails unless FILE holds exactly FRAMES frames of W x H YUYV. With --magenta, also fails unless in
every frame after the first N (default 1: a new consumer's first buffer can be an old one) at
least MIN_FRACTION of the pixels are the test effect's magenta: limited-range Y 107, U 202, V 222,
each within +-2. Written with bytes.translate and big-integer AND so it is fast in the guest.
"""
import sys

Y, U, V, TOL = 107, 202, 222, 2


def table(centre):
    return bytes(1 if abs(b - centre) <= TOL else 0 for b in range(256))


def magenta_pixels(frame):
    ty, tu, tv = table(Y), table(U), table(V)
    # YUYV: Y0 U Y1 V per pixel pair; a pixel counts when its Y and the pair's U and V match
    u = int.from_bytes(frame[1::4].translate(tu), 'little')
    v = int.from_bytes(frame[3::4].translate(tv), 'little')
    uv = u & v
    y0 = int.from_bytes(frame[0::4].translate(ty), 'little')
    y1 = int.from_bytes(frame[2::4].translate(ty), 'little')
    return bin(y0 & uv).count('1') + bin(y1 & uv).count('1')


def main(argv):
    path, w, h, frames = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    opts = dict(zip(argv[4::2], argv[5::2]))
    size = w * h * 2
    data = open(path, 'rb').read()
    if len(data) != frames * size:
        sys.exit(f"{path}: {len(data)} bytes, expected {frames} frames of {w}x{h} YUYV = {frames * size}")
    if '--magenta' in opts:
        need, skip = float(opts['--magenta']), int(opts.get('--skip', 1))
        fractions = [magenta_pixels(data[k * size:(k + 1) * size]) / (w * h) for k in range(skip, frames)]
        worst = min(fractions)
        summary = f"magenta in frames {skip + 1}..{frames}: worst {worst:.4f}, mean {sum(fractions) / len(fractions):.4f}"
        if worst < need:
            first = data[skip * size:skip * size + 8].hex(' ')
            sys.exit(f"{path}: {summary} < {need} (first bytes of frame {skip + 1}: {first})")
        print(f"  {path}: {frames} frames; {summary}")
    else:
        print(f"  {path}: {frames} frames of {w}x{h} YUYV")


if __name__ == '__main__':
    main(sys.argv[1:])
