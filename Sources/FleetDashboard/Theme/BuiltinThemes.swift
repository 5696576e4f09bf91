/// The themes in `Themes/`, compiled into the binary.
public enum BuiltinThemes {
    /// Names in the order `t` cycles through them.
    public static var names: [String] { files.map(\.name) }

    /// The default theme: every key set, the base every other theme falls back to.
    public static let fallback: Theme = {
        let text = files.first { $0.name == "default" }!.text
        return ThemeParser.parse(text, name: "default", file: "Themes/default.theme", base: nil).0
    }()

    /// The text of a built-in theme file.
    public static func text(named name: String) -> String? {
        files.first { $0.name == name }?.text
    }

    /// A built-in theme, parsed over the default.
    public static func theme(named name: String) -> Theme? {
        guard let text = text(named: name) else { return nil }
        return ThemeParser.parse(text, name: name, file: "Themes/\(name).theme", base: fallback).0
    }

    /// Every built-in theme, in cycling order.
    public static var all: [Theme] { names.compactMap(theme(named:)) }
}
