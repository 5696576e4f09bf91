import FleetDashboard

/// Maps theme colours onto the colour numbers a terminal has. Pure maths, no terminal needed.
public enum ColorMapper {
    /// The ncurses colour number for `color`: -1 for the terminal default (`use_default_colors`).
    public static func cursesColor(_ color: Color, palette: ColorPalette) -> Int32 {
        switch (color, palette) {
        case (.default, _), (_, .none):
            return -1
        case (.indexed(let n), .xterm256):
            return Int32(n)
        case (.indexed(let n), .ansi16):
            return Int32(n < 16 ? n : nearestANSI(rgb(ofIndex: n), count: 16))
        case (.indexed(let n), .ansi8):
            if n < 8 { return Int32(n) }
            if n < 16 { return Int32(n - 8) }
            return Int32(nearestANSI(rgb(ofIndex: n), count: 8))
        case (.indexed(let n), .direct):
            // Direct-colour terminfo sends numbers below 8 as the ANSI colours; keep those as they are.
            return n < 8 ? Int32(n) : packed(rgb(ofIndex: n))
        case (.rgb(let r, let g, let b), .xterm256):
            return Int32(nearestXterm256(r, g, b))
        case (.rgb(let r, let g, let b), .ansi16):
            return Int32(nearestANSI((r, g, b), count: 16))
        case (.rgb(let r, let g, let b), .ansi8):
            return Int32(nearestANSI((r, g, b), count: 8))
        case (.rgb(let r, let g, let b), .direct):
            return packed((r, g, b))
        }
    }

    /// 0xRRGGBB; values below 8 (black to the darkest blues) would be taken as ANSI colours 0–7,
    /// so they become 0x010101, which looks the same.
    static func packed(_ c: (UInt8, UInt8, UInt8)) -> Int32 {
        let v = Int32(c.0) << 16 | Int32(c.1) << 8 | Int32(c.2)
        return v < 8 ? 0x010101 : v
    }

    static var cubeLevels: [Int] { XtermPalette.cubeLevels }
    static var ansiRGB: [(UInt8, UInt8, UInt8)] { XtermPalette.ansi }

    /// The RGB value xterm gives palette entry `n` (``XtermPalette/rgb(_:)``).
    public static func rgb(ofIndex n: UInt8) -> (UInt8, UInt8, UInt8) { XtermPalette.rgb(n) }

    /// The nearest entry of the xterm 256-colour palette among the cube (16–231) and the grey
    /// ramp (232–255), the way tmux chooses it. Entries 0–15 are left out: terminals redefine them.
    public static func nearestXterm256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let (r, g, b) = (Int(r), Int(g), Int(b))
        func toCube(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
        let qr = toCube(r), qg = toCube(g), qb = toCube(b)
        let cr = cubeLevels[qr], cg = cubeLevels[qg], cb = cubeLevels[qb]
        let cubeIndex = 16 + 36 * qr + 6 * qg + qb
        if cr == r && cg == g && cb == b { return UInt8(cubeIndex) }

        let average = (r + g + b) / 3
        let greyIndex = average > 238 ? 23 : max(0, (average - 3) / 10)
        let grey = 8 + 10 * greyIndex
        let cubeDistance = distance(cr, cg, cb, r, g, b)
        let greyDistance = distance(grey, grey, grey, r, g, b)
        return UInt8(greyDistance < cubeDistance ? 232 + greyIndex : cubeIndex)
    }

    /// The nearest of the first `count` (8 or 16) ANSI colours, by xterm's default RGB values.
    public static func nearestANSI(_ c: (UInt8, UInt8, UInt8), count: Int = 16) -> UInt8 {
        var best = 0, bestDistance = Int.max
        for i in 0..<min(count, ansiRGB.count) {
            let a = ansiRGB[i]
            let d = distance(Int(a.0), Int(a.1), Int(a.2), Int(c.0), Int(c.1), Int(c.2))
            if d < bestDistance { best = i; bestDistance = d }
        }
        return UInt8(best)
    }

    @inline(__always)
    static func distance(_ r1: Int, _ g1: Int, _ b1: Int, _ r2: Int, _ g2: Int, _ b2: Int) -> Int {
        (r1 - r2) * (r1 - r2) + (g1 - g2) * (g1 - g2) + (b1 - b2) * (b1 - b2)
    }
}
