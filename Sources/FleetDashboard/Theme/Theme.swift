/// A colour scheme: a style for every `ThemeRole`.
public struct Theme: Sendable, Hashable {
    public var name: String
    var entries: [ThemeRole: Style]

    public init(name: String, entries: [ThemeRole: Style]) {
        self.name = name
        self.entries = entries
    }

    /// The foreground style of a role on the main background.
    public func style(_ role: ThemeRole) -> Style {
        var s = entries[role] ?? .plain
        s.bg = background(.mainBg)
        return s
    }

    /// The style of a role on another background role (e.g. header text on `header_bg`).
    public func style(_ role: ThemeRole, on bg: ThemeRole) -> Style {
        var s = entries[role] ?? .plain
        s.bg = background(bg)
        return s
    }

    /// The colour of a background role.
    public func background(_ role: ThemeRole) -> Color {
        entries[role]?.fg ?? .default
    }

    /// Attributes a background role asks for (e.g. `reverse` on a monochrome status bar).
    public func backgroundAttributes(_ role: ThemeRole) -> TextAttributes {
        entries[role]?.attributes ?? []
    }

    /// The colour role of the i-th zone of the fleet.
    public static func zoneRole(_ index: Int) -> ThemeRole {
        [ThemeRole.zone1, .zone2, .zone3][index % 3]
    }
}
