"""Counts how often a device node is opened: python3 count_opens.py NODE SECONDS

Prints the number of opens of NODE (by any program, through inotify's IN_OPEN) during SECONDS.
"""
import ctypes
import os
import select
import struct
import sys
import time

IN_OPEN = 0x20


def main(node, seconds):
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    fd = libc.inotify_init()
    if fd < 0 or libc.inotify_add_watch(fd, node.encode(), IN_OPEN) < 0:
        sys.exit("count_opens: cannot watch %s: %s" % (node, os.strerror(ctypes.get_errno())))
    print("watching", flush=True)  # the caller may open the node from now on
    opens, end = 0, time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        if select.select([fd], [], [], left)[0]:
            data, at = os.read(fd, 4096), 0
            while at < len(data):
                _, mask, _, length = struct.unpack_from("iIII", data, at)
                opens += 1 if mask & IN_OPEN else 0
                at += 16 + length
    print(opens)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
