#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses
import FleetDashboard

extension TerminalSession {
    /// Writes the cells of `canvas` that differ from the last frame drawn, then refreshes once
    /// (`wnoutrefresh` + `doupdate`). Returns the number of cells written; 0 means nothing was sent
    /// to the terminal at all. A size change or `invalidate()` forces a full redraw (the screen is
    /// cleared and every cell written). Cells outside the terminal are clipped.
    @discardableResult
    public func draw(_ canvas: Canvas) -> Int {
        guard active else { return 0 }
        let size = (width: width, height: height)
        var full = needsFullRedraw || size != drawnSize
            || previous.map { $0.width != canvas.width || $0.height != canvas.height } ?? true
        let window = fw_stdscr()
        var written = 0
        while true {
            let generation = colors.generation
            if full {
                werase(window)
                clearok(window, true)
            }
            written = writeCells(canvas, against: full ? nil : previous, into: window, size: size)
            if colors.generation == generation { break }
            full = true                           // the colour pairs were recycled mid-frame
        }
        previous = canvas
        needsFullRedraw = false
        drawnSize = size
        guard written > 0 || full else { return 0 }
        wnoutrefresh(window)
        if synchronizedOutput { Self.writeRaw(SynchronizedOutput.begin) }
        doupdate()                                   // flushes ncurses' output before returning
        if synchronizedOutput { Self.writeRaw(SynchronizedOutput.end) }
        return written
    }

    /// Bytes straight to the terminal, outside curses (which has flushed by then).
    static func writeRaw(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
            }
        }
    }

    /// Writes the cells that differ from `old` (all of them when `old` is nil), a run at a time:
    /// one `wmove` per run of changed cells on a row.
    private func writeCells(_ canvas: Canvas, against old: Canvas?, into window: UnsafeMutablePointer<WINDOW>?,
                            size: (width: Int, height: Int)) -> Int {
        CanvasDiff.forEachChangedRun(from: old, to: canvas, columns: size.width, rows: size.height) { y, x, count in
            wmove(window, Int32(y), Int32(x))
            let row = y * canvas.width
            for i in x..<x + count { put(canvas.cells[row + i], into: window) }
        }
    }

    /// Adds one cell at the cursor. Control characters never reach the terminal.
    @inline(__always)
    private func put(_ cell: Cell, into window: UnsafeMutablePointer<WINDOW>?) {
        let v = cell.char.value
        let char = v < 0x20 || (v >= 0x7F && v < 0xA0) ? 0x20 : v
        let resolved = colors.resolve(cell.style)
        // The bottom-right cell answers ERR (the cursor cannot move past it) but is drawn.
        _ = fw_put_cell(window, wchar_t(bitPattern: char), resolved.attributes, resolved.pair)
    }
}
