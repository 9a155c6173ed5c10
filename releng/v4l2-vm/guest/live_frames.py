"""Reads raw YUYV frames from stdin until the test effect's magenta arrives:
   ffmpeg -i NODE ... -f rawvideo - | python3 live_frames.py NODE W H NEED TIMEOUT OUT [READY STOP]

With Scrim idle, a new consumer first gets Scrim's still card (about 1 a second), then, once Scrim
has woken, processed frames. Prints when the first frame and the first magenta frame (at least
99% of the pixels, as yuyv_check.py counts them) arrived, counted from this script's start and
from the first open of NODE (inotify: ffmpeg starts slower than this script), and
writes NEED consecutive magenta frames to OUT. Then it creates READY and keeps reading (so the
consumer stays) until STOP exists. Exits 1 when no NEED magenta frames arrive within TIMEOUT s.
"""
import ctypes
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from yuyv_check import magenta_pixels  # noqa: E402


def frames(w, h):
    size = w * h * 2
    while True:
        data = sys.stdin.buffer.read(size)
        if len(data) < size:
            return
        yield data


def first_open(node):
    """Starts noting the time of the node's next open (IN_OPEN); returns a dict that gets 'at'."""
    seen = {}
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    fd = libc.inotify_init()
    if fd < 0 or libc.inotify_add_watch(fd, node.encode(), 0x20) < 0:
        sys.exit("live_frames: cannot watch %s: %s" % (node, os.strerror(ctypes.get_errno())))

    def wait():
        os.read(fd, 4096)
        seen['at'] = time.monotonic()
    threading.Thread(target=wait, daemon=True).start()
    return seen


def main(argv):
    opened = first_open(argv[0])
    start = time.monotonic()
    argv = argv[1:]
    w, h, need, timeout, out = int(argv[0]), int(argv[1]), int(argv[2]), float(argv[3]), argv[4]
    ready, stop = (argv[5], argv[6]) if len(argv) > 6 else (None, None)
    first = first_magenta = None
    run, count, fraction = [], 0, 0.0
    for frame in frames(w, h):
        now = time.monotonic() - start
        count += 1
        first = now if first is None else first
        fraction = magenta_pixels(frame) / (w * h)
        if fraction >= 0.99 and count > 1:  # a new consumer's first buffer can be an old one
            first_magenta = now if first_magenta is None else first_magenta
            run.append(frame)
        else:
            run = []
        if len(run) >= need:
            break
        if now > timeout:
            sys.exit(f"live_frames: no {need} magenta frames in a row within {timeout} s: {count} frames read, the last {fraction:.3f} magenta")
    else:
        sys.exit(f"live_frames: the stream ended after {count} frames, before {need} magenta frames in a row")
    with open(out, 'wb') as f:
        f.write(b''.join(run))
    since_open = f"{first_magenta + start - opened['at']:.1f} s after ffmpeg opened the loopback" if 'at' in opened else "(open not seen)"
    print(f"  first frame {first:.1f} s after the consumer started, first magenta {first_magenta:.1f} s: "
          f"{since_open}, {first_magenta - first:.1f} s after its first frame; {count} frames read", flush=True)
    if ready:
        open(ready, 'w').close()
        for _ in frames(w, h):
            if os.path.exists(stop):
                break


if __name__ == '__main__':
    main(sys.argv[1:])
