/// How a `TerminalSession` sets the terminal up.
public struct TerminalOptions: Sendable {
    /// Draw attributes only, no colour (as `NO_COLOR` does).
    public var noColor: Bool
    /// How long a lone ESC waits for the rest of an escape sequence before it counts as the Esc key.
    public var escapeDelayMs: Int = 25
    /// Report clicks and the wheel (off by default, so the terminal's own selection keeps working).
    public var mouse: Bool

    public init(noColor: Bool = false, mouse: Bool = false) {
        self.noColor = noColor
        self.mouse = mouse
    }
}

/// Why a `TerminalSession` could not start.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal.
    case notATerminal
    /// ncurses could not set up the terminal named by `TERM`.
    case cannotInitialise(term: String)
    /// The self-pipe could not be created.
    case pipeFailed(errno: Int32)

    public var description: String {
        switch self {
        case .notATerminal: "standard input and output must be a terminal"
        case .cannotInitialise(let term): "cannot initialise the terminal (TERM=\(term))"
        case .pipeFailed(let e): "cannot create the wake-up pipe (errno \(e))"
        }
    }
}
