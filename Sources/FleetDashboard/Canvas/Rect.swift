/// A rectangle of cells: column `x`, row `y`, `width` × `height`.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Whether the cell at column `x`, row `y` is inside.
    public func contains(x: Int, y: Int) -> Bool {
        x >= self.x && x < maxX && y >= self.y && y < maxY
    }
    public var description: String { "(\(x),\(y) \(width)×\(height))" }

    /// The rectangle shrunk by `n` cells on every side.
    public func inset(_ n: Int) -> Rect {
        Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
    }

    /// Splits into the first `n` rows and the rest.
    public func splitTop(_ n: Int) -> (Rect, Rect) {
        let n = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: n), Rect(x: x, y: y + n, width: width, height: height - n))
    }

    /// Splits into the rest and the last `n` rows.
    public func splitBottom(_ n: Int) -> (Rect, Rect) {
        let n = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: height - n), Rect(x: x, y: maxY - n, width: width, height: n))
    }

    /// Splits into the first `n` columns and the rest.
    public func splitLeft(_ n: Int) -> (Rect, Rect) {
        let n = min(max(0, n), width)
        return (Rect(x: x, y: y, width: n, height: height), Rect(x: x + n, y: y, width: width - n, height: height))
    }

    /// `count` columns of (nearly) equal width, left to right.
    public func columns(_ count: Int) -> [Rect] {
        guard count > 0 else { return [] }
        return (0..<count).map { i in
            let x0 = x + width * i / count, x1 = x + width * (i + 1) / count
            return Rect(x: x0, y: y, width: x1 - x0, height: height)
        }
    }

    /// `count` rows of (nearly) equal height, top to bottom.
    public func rows(_ count: Int) -> [Rect] {
        guard count > 0 else { return [] }
        return (0..<count).map { i in
            let y0 = y + height * i / count, y1 = y + height * (i + 1) / count
            return Rect(x: x, y: y0, width: width, height: y1 - y0)
        }
    }

    /// A rectangle of `w` × `h` centred in this one (clipped to it).
    public func centered(width w: Int, height h: Int) -> Rect {
        let w = min(w, width), h = min(h, height)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }
}
