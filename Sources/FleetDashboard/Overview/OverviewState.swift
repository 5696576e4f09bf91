import FleetCore
import Foundation

/// Several fleets on one screen: a row per fleet, worst first (``FleetSummary/worstFirst(_:_:)``),
/// and one keypress into any of them. The opened fleet's screen IS the single-fleet dashboard:
/// ``dashboard`` (a ``DashboardState``) on that fleet's ``FleetState``, which also carries what both
/// screens share (size, clock, theme, glyphs, key map, notices).
public struct OverviewState: Sendable {
    /// What the prompt at the bottom is being typed for.
    public enum Prompt: Sendable, Hashable {
        /// `/`: the filter as typed (applied while typing); `previous` comes back on Esc.
        case filter(previous: String)
        /// `:`: a fleet's name; `candidates` are the names Tab found when it could not decide.
        case jump(candidates: [String])
    }

    /// Every fleet's newest state, in configuration order.
    public internal(set) var fleets: [FleetState]
    /// Each fleet's row, made when its state arrives.
    public internal(set) var summaries: [FleetSummary]
    /// Each fleet's `account:` (the overview's account column).
    public var accounts: [String?]
    /// Each fleet's stable id (its feed's index; see ``FleetSetChange``): the configuration's fleets
    /// are 0, 1, …, and stay so while fleets come and go.
    public internal(set) var ids: [Int]
    /// The opened fleet's dashboard while one is open; otherwise its look and clock serve the overview.
    public var dashboard: DashboardState
    /// The fleet whose dashboard is open, by index into ``fleets``.
    public internal(set) var opened: Int?
    /// The selected fleet, by index into ``fleets`` (it stays selected as the order changes); nil
    /// selects the first row.
    public var selected: Int?
    /// The first row the table showed when the selection last moved: the table scrolls only as far as
    /// the selected row needs to stay on screen (``tableTop(selectedRow:count:)``), as in htop or k9s.
    public internal(set) var scrollTop = 0
    /// The filter in force: a substring of name, region or account (any case), or `/regex/`.
    public var filter = ""
    /// The prompt being typed, if any, and its text.
    public var prompt: Prompt?
    public var promptText = ""
    /// The scaling policies of fleets that name their own (`scaling:` in an item of `fleets:`), by fleet
    /// name; opening any other fleet gives its dashboard ``defaultScaling``.
    public var fleetScaling: [String: ScalingSettings] = [:]
    /// The scaling policies of every fleet without its own: the top-level `scaling:` or `--scaling`.
    public var defaultScaling: ScalingSettings?

    public init(fleets: [FleetState], accounts: [String?] = [], dashboard: DashboardState) {
        precondition(!fleets.isEmpty, "an overview needs a fleet")
        self.fleets = fleets
        self.accounts = fleets.indices.map { $0 < accounts.count ? accounts[$0] : nil }
        self.ids = Array(fleets.indices)
        self.summaries = fleets.indices.map { FleetSummary(fleets[$0], account: $0 < accounts.count ? accounts[$0] : nil) }
        self.dashboard = dashboard
        self.defaultScaling = dashboard.scaling
    }

    public var width: Int { dashboard.width }
    public var height: Int { dashboard.height }
    public var now: Date { dashboard.now }

    /// The mode keys are looked up in: the opened dashboard's, the prompt, help or the overview.
    public var keyMode: KeyMode {
        if opened != nil { return dashboard.keyMode }
        if dashboard.showHelp { return .help }
        return prompt != nil ? .prompt : .overview
    }

    /// The fleets shown, worst first, as indices into ``fleets``: those the filter matches.
    public var rows: [Int] { rows(keys: summaryValues { $0.troubleKey }) }

    /// `value` of each row, in order, each read where it lies (an array's subscript would copy the
    /// whole row, for every row, every frame).
    @inline(__always)
    func summaryValues<T>(_ value: (FleetSummary) -> T) -> [T] {
        summaries.withUnsafeBufferPointer { rows in
            var out: [T] = []
            out.reserveCapacity(rows.count)
            for i in rows.indices { out.append(value(rows[i])) }
            return out
        }
    }

    /// ``rows``, given each fleet's ``FleetSummary/troubleKey``.
    func rows(keys: [Int]) -> [Int] {
        let matcher = FleetFilter(filter)
        // FleetSummary.worstFirst, without copying rows
        return fleets.indices.filter { matcher.matches(summaries[$0]) }
            .sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : summaries[$0].name < summaries[$1].name }
    }

    /// The selected fleet's row, or the first row when the filter hides it; nil when no row is shown.
    public func selectedRow(in rows: [Int]) -> Int? {
        selected.flatMap { rows.firstIndex(of: $0) } ?? (rows.isEmpty ? nil : 0)
    }

    /// Rows of fleets the table has room for on this screen.
    public var visibleRows: Int { max(1, height - OverviewLayout.chromeHeight) }

    /// What a clock tick can change on screen: the opened dashboard's source ages in seconds, or each
    /// fleet's oldest data age in whole minutes (as the overview shows them).
    public var sourceAges: [Int] {
        let now = now
        return opened != nil ? dashboard.sourceAges : summaryValues { ($0.dataAge(at: now) ?? 0) / 60 }
    }
}

/// The overview filter: a case-insensitive substring of a fleet's name, region or account, or,
/// written between slashes (`/^erato-.*-eu$/`), a regular expression matched against each of them.
/// A filter that is not a valid expression matches nothing (the prompt says why).
public struct FleetFilter {
    public let text: String
    let regex: Regex<AnyRegexOutput>?
    /// Why `text` is not a valid expression, when it is written as one.
    public let problem: String?

    public init(_ text: String) {
        self.text = text
        if text.count >= 2, text.hasPrefix("/"), text.hasSuffix("/") {
            do {
                regex = try Regex(String(text.dropFirst().dropLast()))
                problem = nil
            } catch {
                regex = nil
                problem = "not a regular expression"
            }
        } else {
            regex = nil
            problem = nil
        }
    }

    public var isRegex: Bool { text.count >= 2 && text.hasPrefix("/") && text.hasSuffix("/") }

    public func matches(_ summary: FleetSummary) -> Bool {
        if text.isEmpty { return true }
        let fields = [summary.name, summary.region, summary.account ?? ""]
        if isRegex {
            guard let regex else { return false }
            return fields.contains { (try? regex.firstMatch(in: $0)) != nil }
        }
        return fields.contains { $0.localizedCaseInsensitiveContains(text) }
    }
}

/// Where the overview's parts go: a header line, the column titles, the rows, the status line.
enum OverviewLayout {
    /// Lines that are not fleet rows: header, column titles, status line.
    static let chromeHeight = 3
}
