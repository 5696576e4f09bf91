/// A position in a source file, 1-based.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// The value of an HCL attribute, as far as it can be known without running Terraform.
///
/// Literals, lists and objects are structured; anything Terraform would compute (references like
/// `aws_lb.erato.arn_suffix`, `var.threshold`, function calls, operators, conditionals, `for`
/// expressions) is kept as its source text in ``expression(_:)``. Strings with `${…}` or `%{…}` are
/// ``template(_:)``s, also kept as text (escapes decoded, interpolations verbatim).
public indirect enum HCLValue: Sendable, Hashable {
    case string(String)
    case template(String)
    case number(Double)
    case bool(Bool)
    case null
    case list([HCLValue])
    /// Keys in source order; a key written as an expression (`(var.k) = 1`) is kept as text.
    case object([HCLObjectItem])
    case expression(String)

    /// The text of a literal string, a number written as text (`"2"` or `2`), or nil.
    public var literalText: String? {
        switch self {
        case .string(let s): s
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    /// How the value reads in a message: literals quoted, expressions as written.
    public var sourceText: String {
        switch self {
        case .string(let s), .template(let s): "\"\(s)\""
        case .number, .bool: literalText ?? ""
        case .null: "null"
        case .list(let items): "[" + items.map(\.sourceText).joined(separator: ", ") + "]"
        case .object(let items): "{ " + items.map { "\($0.key) = \($0.value.sourceText)" }.joined(separator: ", ") + " }"
        case .expression(let e): e
        }
    }
}

/// One `key = value` of an HCL object.
public struct HCLObjectItem: Sendable, Hashable {
    public var key: String
    public var value: HCLValue
    public var location: SourceLocation

    public init(key: String, value: HCLValue, location: SourceLocation) {
        self.key = key
        self.value = value
        self.location = location
    }
}

/// `name = value` in a body.
public struct HCLAttribute: Sendable, Hashable {
    public var name: String
    public var value: HCLValue
    public var location: SourceLocation
}

/// `type "label" … { body }`.
public struct HCLBlock: Sendable, Hashable {
    public var type: String
    public var labels: [String]
    public var body: HCLBody
    public var location: SourceLocation
}

/// The attributes and blocks of a file or a block, in source order.
public struct HCLBody: Sendable, Hashable {
    public var attributes: [HCLAttribute] = []
    public var blocks: [HCLBlock] = []

    public init(attributes: [HCLAttribute] = [], blocks: [HCLBlock] = []) {
        self.attributes = attributes
        self.blocks = blocks
    }

    public func attribute(_ name: String) -> HCLAttribute? {
        attributes.first { $0.name == name }
    }

    public func blocks(_ type: String) -> [HCLBlock] {
        blocks.filter { $0.type == type }
    }
}
