#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses
import FleetDashboard

/// The terminal, owned by one thread: every method except `wake()` (and `waker`) must be called
/// from the thread that created the session.
///
/// Sets the screen up (alternate screen, no echo, no cursor, keys decoded), draws canvases by
/// diffing them against the last frame, waits for input without spinning, and restores the
/// terminal on every way out: `restore()`, `deinit`, `exit()` (an `atexit` hook) and crashes
/// (signal handlers that write the terminfo strings prepared at start-up).
public final class TerminalSession {
    /// The self-pipe; hand it to other threads to wake a waiting `waitForInput`.
    public let waker: TerminalWaker
    public let colorProfile: ColorProfile
    public var colorDepth: ColorDepth { colorProfile.depth }
    /// The locale's character set is UTF-8: box drawing, blocks and braille can be shown. When it is
    /// not (LANG unset, `C` locale), ncurses cannot write them and the app should draw ASCII.
    public let isUTF8: Bool

    let screen: OpaquePointer
    let escapeDelayMs: Int
    var active = true
    /// The terminal knows DEC mode 2026: each frame is wrapped in it.
    public let synchronizedOutput: Bool
    var decoder = KeyDecoder()
    /// SGR mouse mode was turned on here (and is turned off on restore).
    var sgrMouse = false
    var mouseClicks = MouseClicks()
    let started = ContinuousClock.now
    var colors: ColorPairs
    /// The last frame drawn, and whether the next one must be drawn in full.
    var previous: Canvas?
    var needsFullRedraw = true
    var drawnSize = (width: 0, height: 0)

    nonisolated(unsafe) private static var atexitRegistered = false

    public init(options: TerminalOptions) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
        isUTF8 = codeset == "UTF-8" || codeset == "UTF8"
        var modes = termios()
        tcgetattr(STDIN_FILENO, &modes)

        // Before curses: the terminal's answer must not reach the key decoder.
        synchronizedOutput = SynchronizedOutput.enabled(setting: getenv("FLEETWATCH_SYNC").map { String(cString: $0) })
        let waker = try TerminalWaker()
        // Ours before newterm, so ncurses does not install its own (which would _exit).
        SignalHandlers.installTermination(wakeFD: waker.writeFD)
        guard let screen = newterm(nil, fw_stdout(), fw_stdin()) else {
            SignalHandlers.uninstall()
            throw TerminalError.cannotInitialise(term: Self.environment("TERM") ?? "")
        }
        set_term(screen)
        self.screen = screen
        self.waker = waker
        self.escapeDelayMs = max(0, options.escapeDelayMs)

        // Everything that an emergency restore needs, from terminfo, before anything can crash.
        TerminalRestore.prepare(
            sequence: TerminalRestore.restoreSequence(
                sgr0: Self.capability("sgr0"), rmkx: Self.capability("rmkx"),
                cnorm: Self.capability("cnorm"), rmcup: Self.capability("rmcup"), mouse: options.mouse),
            modes: modes)
        if !Self.atexitRegistered {
            Self.atexitRegistered = true
            atexit { TerminalRestore.emergencyRestore() }
        }
        SignalHandlers.installCrash()
        SignalHandlers.installWindowChange()

        cbreak()                        // Ctrl-C stays a signal (SIGINT), reported as .signal
        noecho()
        nonl()
        intrflush(fw_stdscr(), false)
        keypad(fw_stdscr(), true)
        nodelay(fw_stdscr(), true)      // waitForInput polls; wget_wch only drains what is there
        leaveok(fw_stdscr(), true)
        curs_set(0)
        set_escdelay(Int32(escapeDelayMs))
        if options.mouse {
            // Presses and releases as they come (no click resolution by timing in ncurses):
            // `MouseClicks` makes clicks and double clicks of them.
            mouseinterval(0)
            mousemask(fw_mouse_mask(), nil)
            // Where terminfo knows only the X10 form (`kmous=\E[M`, e.g. tmux-256color), its one-byte
            // coordinates stop at column 223 and break UTF-8 input past 95: ask for SGR reports
            // (mode 1006) too, which `KeyDecoder` reads.
            if Self.capability("kmous") == "\u{1B}[M" {
                sgrMouse = true
                Self.writeRaw(Array("\u{1B}[?1006h".utf8))
            }
        }

        var profile = ColorProfile.detect(
            noColorOption: options.noColor, noColorEnv: Self.environment("NO_COLOR"),
            colorTerm: Self.environment("COLORTERM"),
            hasColors: has_colors(), colors: Int(tigetnum("colors")))
        var defaultColors = false
        if profile.palette != .none {
            if start_color() == fw_ok() {
                defaultColors = use_default_colors() == fw_ok()
            } else {
                profile = .monochrome
            }
        }
        colorProfile = profile
        colors = ColorPairs(palette: profile.palette, defaultColors: defaultColors,
                            pairLimit: profile.palette == .none ? 1 : Int(fw_color_pairs()))
        drawnSize = (width, height)
    }

    deinit { restore() }

    public var width: Int { Int(fw_cols()) }
    public var height: Int { Int(fw_lines()) }

    /// Forces the next `draw` to repaint the whole screen (after something else wrote to it).
    public func invalidate() { needsFullRedraw = true }

    /// Makes a waiting `waitForInput` return `.wake`. Safe from any thread.
    public func wake() { waker.wake() }

    /// Restores the terminal exactly as it was: `endwin` (attributes off, cursor visible, keypad
    /// mode off, alternate screen left, terminal modes back) and the signal handlers put back.
    /// Idempotent.
    public func restore() {
        guard active else { return }
        active = false
        TerminalRestore.disarm()
        SignalHandlers.uninstall()
        curs_set(1)
        endwin()
        fflush(fw_stdout())
        if sgrMouse { Self.writeRaw(Array("\u{1B}[?1006l".utf8)) }
    }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// A terminfo string capability, nil when the terminal has none.
    static func capability(_ name: String) -> String? {
        fw_tigetstr(name).map { String(cString: $0) }
    }
}
