/// A terminal as the dashboard loop sees it: a size, a way to show a frame, and input. The
/// ncurses `TerminalSession` is one; tests drive the loop through a fake with a fake clock.
///
/// Every method except ``wakeUp`` is called from the one thread that runs the loop.
public protocol TerminalBackend: AnyObject {
    var width: Int { get }
    var height: Int { get }
    /// The terminal shows colour (else the loop picks the monochrome theme, unless one was chosen).
    var hasColor: Bool { get }
    /// The terminal can show box drawing, blocks and braille (else the loop draws ASCII).
    var isUTF8: Bool { get }
    /// Shows `canvas`, writing only what changed since the last frame; returns the cells written.
    @discardableResult
    func draw(_ canvas: Canvas) -> Int
    /// Waits up to `timeout` for input, a resize, a signal or a wake-up; returns what happened
    /// (empty on timeout).
    func nextInput(timeout: Duration) -> [TerminalInput]
    /// Rings the terminal's bell (`on_alarm: {bell: true}`).
    func bell()
    /// Makes a waiting ``nextInput(timeout:)`` return `.wake`; safe from any thread.
    var wakeUp: @Sendable () -> Void { get }
}
