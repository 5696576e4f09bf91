import Foundation

/// Which cells of a frame differ from the previous one: what the terminal layer writes, and all
/// it writes. Pure, so it can be tested and measured without a terminal.
public enum CanvasDiff {
    /// Calls `run(y, x, count)` for every run of consecutive changed cells on a row, within the
    /// first `columns` × `rows` cells. With no `old` frame (or one of another size) every cell
    /// counts as changed. Returns the number of changed cells.
    @discardableResult
    @inline(__always)
    public static func forEachChangedRun(from old: Canvas?, to new: Canvas, columns: Int, rows: Int,
                                         _ run: (_ y: Int, _ x: Int, _ count: Int) -> Void) -> Int {
        let columns = min(columns, new.width), rows = min(rows, new.height)
        guard columns > 0, rows > 0 else { return 0 }
        let comparable = old.map { $0.width == new.width && $0.height == new.height } ?? false
        var changed = 0
        new.cells.withUnsafeBufferPointer { newCells in
            let oldArray = comparable ? old!.cells : []
            oldArray.withUnsafeBufferPointer { oldCells in
                let rowBytes = columns * MemoryLayout<Cell>.stride
                for y in 0..<rows {
                    let row = y * new.width
                    // A row whose bytes are the old row's is unchanged (equal bytes are equal cells; cells
                    // that differ only in padding fall through to the cell-by-cell comparison).
                    if comparable, memcmp(newCells.baseAddress! + row, oldCells.baseAddress! + row, rowBytes) == 0 { continue }
                    var x = 0
                    while x < columns {
                        if comparable && newCells[row + x] == oldCells[row + x] { x += 1; continue }
                        let start = x
                        repeat { x += 1 } while x < columns && (!comparable || newCells[row + x] != oldCells[row + x])
                        run(y, start, x - start)
                        changed += x - start
                    }
                }
            }
        }
        return changed
    }
}
