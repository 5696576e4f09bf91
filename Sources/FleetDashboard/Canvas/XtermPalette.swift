/// The RGB values xterm gives its 256 palette entries: what an `indexed` theme colour looks like
/// when the terminal maps it (FleetTerminal's `ColorMapper`) and when a picture draws it (Export).
public enum XtermPalette {
    /// The six levels of the xterm 6×6×6 colour cube.
    public static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's default RGB for the 16 ANSI colours.
    public static let ansi: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB value xterm gives palette entry `n`.
    public static func rgb(_ n: UInt8) -> (UInt8, UInt8, UInt8) {
        switch n {
        case 0..<16:
            return ansi[Int(n)]
        case 16..<232:
            let i = Int(n) - 16
            return (UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[i / 6 % 6]), UInt8(cubeLevels[i % 6]))
        default:
            let v = UInt8(8 + 10 * (Int(n) - 232))
            return (v, v, v)
        }
    }
}
