import FleetCore

/// One screen cell: a single-width character and its style.
public struct Cell: Sendable, Hashable {
    public var char: Unicode.Scalar
    public var style: Style

    public init(_ char: Unicode.Scalar = " ", style: Style = .plain) {
        self.char = char
        self.style = style
    }

    public static let blank = Cell()
}

/// An in-memory screen: what a frame should look like. Widgets draw into it; the terminal layer
/// diffs it against the previous one and writes only the cells that changed.
public struct Canvas: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    @inline(__always)
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    @inline(__always)
    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Sets one cell, clipped to the canvas and to `clip` when given.
    @inline(__always)
    public mutating func put(_ char: Unicode.Scalar, x: Int, y: Int, style: Style, clip: Rect? = nil) {
        if let clip, x < clip.x || y < clip.y || x >= clip.maxX || y >= clip.maxY { return }
        guard contains(x: x, y: y) else { return }
        cells[y * width + x] = Cell(char, style: style)
    }

    /// Sets the style of one cell, keeping its character.
    public mutating func restyle(x: Int, y: Int, _ transform: (Style) -> Style) {
        guard contains(x: x, y: y) else { return }
        cells[y * width + x].style = transform(cells[y * width + x].style)
    }

    /// Writes `text` from (`x`, `y`) rightwards, clipped to `maxWidth` cells and to the canvas.
    /// The text is made safe first (no control characters, one cell per character). Returns the
    /// number of cells written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        let limit = min(maxWidth ?? Int.max, width - x)
        guard limit > 0, y >= 0, y < height else { return 0 }
        var n = 0
        for scalar in text.unicodeScalars {
            guard let safe = SafeText.displayable(scalar) else { continue }
            if n >= limit { break }
            put(safe, x: x + n, y: y, style: style)
            n += 1
        }
        return n
    }

    /// Fills a rectangle with one character and style.
    public mutating func fill(_ rect: Rect, char: Unicode.Scalar = " ", style: Style) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let cell = Cell(char, style: style)
        for y in y0..<y1 {
            let row = y * width
            for x in x0..<x1 { cells[row + x] = cell }
        }
    }

    /// The characters of each row, trailing blanks kept: what a text snapshot compares.
    public var lines: [String] {
        (0..<height).map { y in
            var s = String.UnicodeScalarView()
            for x in 0..<width { s.append(cells[y * width + x].char) }
            return String(s)
        }
    }

    /// The frame as plain text, one line per row, trailing spaces trimmed.
    public var text: String {
        lines.map { line in
            var l = Substring(line)
            while l.last == " " { l = l.dropLast() }
            return String(l)
        }.joined(separator: "\n")
    }
}
