
/// Something that happened at the terminal while a ``TerminalBackend`` waited for input.
public enum TerminalInput: Sendable, Equatable {
    /// A decoded key press.
    case key(Key)
    /// A mouse button or wheel event (only with mouse reporting on).
    case mouse(MouseEvent)
    /// The terminal changed size; the next `draw` repaints everything.
    case resize(width: Int, height: Int)
    /// SIGINT, SIGTERM or SIGHUP arrived (or the terminal hung up, reported as SIGHUP). The app
    /// should restore the terminal and exit.
    case signal(Int32)
    /// `wake()` was called (from any thread).
    case wake
}
