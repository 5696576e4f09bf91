import CNcurses

/// The ncurses key codes `KeyDecoder` understands (what `wget_wch` gives with `KEY_CODE_YES`).
/// Mirrored here so tests can name them without importing ncurses.
enum CursesKeyCode {
    static let up = Int32(KEY_UP), down = Int32(KEY_DOWN), left = Int32(KEY_LEFT), right = Int32(KEY_RIGHT)
    static let shiftLeft = Int32(KEY_SLEFT), shiftRight = Int32(KEY_SRIGHT)
    static let scrollForward = Int32(KEY_SF), scrollReverse = Int32(KEY_SR)
    static let home = Int32(KEY_HOME), end = Int32(KEY_END), find = Int32(KEY_FIND), select = Int32(KEY_SELECT)
    static let pageUp = Int32(KEY_PPAGE), pageDown = Int32(KEY_NPAGE)
    static let keypadA1 = Int32(KEY_A1), keypadA3 = Int32(KEY_A3), keypadC1 = Int32(KEY_C1), keypadC3 = Int32(KEY_C3)
    static let backTab = Int32(KEY_BTAB), backspace = Int32(KEY_BACKSPACE), enter = Int32(KEY_ENTER)
    static let f0 = Int32(fw_key_f0())
    static let resize = Int32(fw_key_resize())
    static let mouse = Int32(fw_key_mouse())
    static func f(_ n: Int32) -> Int32 { f0 + n }
}
