import FleetDashboard
import Testing
@testable import FleetTerminal

@Suite("ColorMapper")
struct ColorMapperTests {
    @Test("cube colours map onto themselves")
    func cubeExact() {
        for n in UInt8(16)...231 {
            let (r, g, b) = ColorMapper.rgb(ofIndex: n)
            #expect(ColorMapper.nearestXterm256(r, g, b) == n)
        }
    }

    @Test("greys map onto the grey ramp or the cube's greys")
    func greys() {
        for n in UInt8(232)...255 {
            let (r, g, b) = ColorMapper.rgb(ofIndex: n)
            #expect(ColorMapper.nearestXterm256(r, g, b) == n)
        }
        #expect(ColorMapper.nearestXterm256(0, 0, 0) == 16)
        #expect(ColorMapper.nearestXterm256(255, 255, 255) == 231)
        #expect(ColorMapper.nearestXterm256(128, 128, 128) == 244)        // grey 128 (ramp 8 + 10·12)
    }

    @Test("near colours", arguments: [
        ((250, 2, 3), 196), ((0x26, 0x8b, 0xd2), 32), ((0xd7, 0x5f, 0x00), 166), ((100, 200, 100), 77),
        ((30, 30, 30), 234),
    ] as [((UInt8, UInt8, UInt8), UInt8)])
    func near(_ c: (UInt8, UInt8, UInt8), _ expected: UInt8) {
        #expect(ColorMapper.nearestXterm256(c.0, c.1, c.2) == expected)
    }

    @Test("the 16 ANSI colours")
    func ansi() {
        #expect(ColorMapper.nearestANSI((250, 10, 10)) == 9)
        #expect(ColorMapper.nearestANSI((180, 0, 0)) == 1)
        #expect(ColorMapper.nearestANSI((10, 10, 10)) == 0)
        #expect(ColorMapper.nearestANSI((250, 250, 250)) == 15)
        #expect(ColorMapper.nearestANSI((120, 120, 120)) == 8)
        #expect(ColorMapper.nearestANSI((0, 200, 200)) == 6)
        #expect(ColorMapper.nearestANSI((250, 10, 10), count: 8) == 1)
        for n in UInt8(0)..<16 { #expect(ColorMapper.nearestANSI(ColorMapper.rgb(ofIndex: n)) == n) }
    }

    @Test("palette entries have xterm's RGB")
    func paletteRGB() {
        #expect(ColorMapper.rgb(ofIndex: 16) == (0, 0, 0))
        #expect(ColorMapper.rgb(ofIndex: 196) == (255, 0, 0))
        #expect(ColorMapper.rgb(ofIndex: 67) == (95, 135, 175))
        #expect(ColorMapper.rgb(ofIndex: 232) == (8, 8, 8))
        #expect(ColorMapper.rgb(ofIndex: 255) == (238, 238, 238))
    }

    @Test("default is -1 in every palette")
    func defaults() {
        for p in [ColorPalette.none, .ansi8, .ansi16, .xterm256, .direct] {
            #expect(ColorMapper.cursesColor(.default, palette: p) == -1)
        }
        #expect(ColorMapper.cursesColor(.rgb(255, 0, 0), palette: .none) == -1)
    }

    @Test("indexed colours, directly or mapped down")
    func indexed() {
        #expect(ColorMapper.cursesColor(.indexed(208), palette: .xterm256) == 208)
        #expect(ColorMapper.cursesColor(.indexed(9), palette: .ansi16) == 9)
        #expect(ColorMapper.cursesColor(.indexed(196), palette: .ansi16) == 9)
        #expect(ColorMapper.cursesColor(.indexed(9), palette: .ansi8) == 1)
        #expect(ColorMapper.cursesColor(.indexed(244), palette: .ansi16) == 8)
        #expect(ColorMapper.cursesColor(.indexed(3), palette: .direct) == 3)
        #expect(ColorMapper.cursesColor(.indexed(196), palette: .direct) == 0xFF0000)
    }

    @Test("RGB colours per palette")
    func rgb() {
        #expect(ColorMapper.cursesColor(.rgb(0x12, 0x34, 0x56), palette: .direct) == 0x123456)
        #expect(ColorMapper.cursesColor(.rgb(0, 0, 5), palette: .direct) == 0x010101)   // not ANSI 5
        #expect(ColorMapper.cursesColor(.rgb(255, 0, 0), palette: .xterm256) == 196)
        #expect(ColorMapper.cursesColor(.rgb(255, 0, 0), palette: .ansi16) == 9)
        #expect(ColorMapper.cursesColor(.rgb(255, 0, 0), palette: .ansi8) == 1)
    }
}

@Suite("ColorProfile")
struct ColorProfileTests {
    func detect(noColor: Bool = false, env: String? = nil, colorTerm: String? = nil, has: Bool = true, colors: Int) -> ColorProfile {
        ColorProfile.detect(noColorOption: noColor, noColorEnv: env, colorTerm: colorTerm, hasColors: has, colors: colors)
    }

    @Test("no colour when asked or not possible")
    func none() {
        #expect(detect(noColor: true, colors: 256) == .monochrome)
        #expect(detect(env: "1", colors: 256) == .monochrome)
        #expect(detect(has: false, colors: 256) == .monochrome)
        #expect(detect(colors: 2) == .monochrome)
        #expect(detect(colors: -1) == .monochrome)
    }

    @Test("an empty NO_COLOR does not count")
    func emptyNoColor() {
        #expect(detect(env: "", colors: 256).depth == .c256)
    }

    @Test("true colour: direct when terminfo has 2^24 colours, else the 256 palette")
    func trueColor() {
        #expect(detect(colorTerm: "truecolor", colors: 256) == ColorProfile(depth: .trueColor, palette: .xterm256))
        #expect(detect(colorTerm: "24bit", colors: 256) == ColorProfile(depth: .trueColor, palette: .xterm256))
        #expect(detect(colorTerm: "truecolor", colors: 1 << 24) == ColorProfile(depth: .trueColor, palette: .direct))
        #expect(detect(colors: 1 << 24) == ColorProfile(depth: .trueColor, palette: .direct))
        #expect(detect(colorTerm: "truecolor", colors: 8) == ColorProfile(depth: .c16, palette: .ansi8))
    }

    @Test("256, 16 and 8 colours")
    func palettes() {
        #expect(detect(colors: 256) == ColorProfile(depth: .c256, palette: .xterm256))
        #expect(detect(colors: 88) == ColorProfile(depth: .c16, palette: .ansi16))
        #expect(detect(colors: 16) == ColorProfile(depth: .c16, palette: .ansi16))
        #expect(detect(colors: 8) == ColorProfile(depth: .c16, palette: .ansi8))
    }
}
