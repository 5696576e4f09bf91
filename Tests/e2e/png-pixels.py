#!/usr/bin/env python3
"""Reads pixels of a PNG (8-bit RGB or RGBA, not interlaced: what rsvg-convert writes) with zlib only.

  png-pixels.py FILE.png at X Y                     prints the pixel's colour, #rrggbb
  png-pixels.py FILE.png count X0 Y0 X1 Y1 #rrggbb  prints how many pixels of the rectangle
                                                    [X0,X1) x [Y0,Y1) are that colour (each channel within 6)
"""
import struct, sys, zlib


def read(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0, f"{path}: unsupported PNG {header}"
    bpp = 4 if color == 6 else 3
    raw, stride = zlib.decompress(idat), width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1: line[x] = (line[x] + a) & 255
            elif kind == 2: line[x] = (line[x] + b) & 255
            elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def pixel(image, x, y):
    _, _, bpp, rows = image
    return tuple(rows[y][x * bpp:x * bpp + 3])


if __name__ == "__main__":
    image = read(sys.argv[1])
    if sys.argv[2] == "at":
        print("#%02x%02x%02x" % pixel(image, int(sys.argv[3]), int(sys.argv[4])))
    elif sys.argv[2] == "count":
        x0, y0, x1, y1 = map(int, sys.argv[3:7])
        want = bytes.fromhex(sys.argv[7].lstrip("#"))
        print(sum(1 for y in range(y0, y1) for x in range(x0, x1)
                  if all(abs(p - w) <= 6 for p, w in zip(pixel(image, x, y), want))))
