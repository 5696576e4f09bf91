import Foundation

/// The outcome of one evaluation of an alarm, at a period boundary.
public struct AlarmEvaluation: Sendable, Hashable {
    public var time: Date
    public var state: AlarmState
    /// Why, in CloudWatch's words ("Threshold Crossed: 2 out of the last 2 datapoints [...] were greater
    /// than the threshold (1.0)."). Evaluations made by ``AlarmEvaluator`` build this text when it is
    /// read, not when they are made, so a year of evaluations costs no string formatting.
    public var reason: String {
        get {
            switch storage {
            case .text(let text): text
            case .deferred(let context, let detail): context.reason(detail, state: state)
            }
        }
        set { storage = .text(newValue) }
    }

    var storage: ReasonStorage

    public init(time: Date, state: AlarmState, reason: String) {
        self.time = time
        self.state = state
        self.storage = .text(reason)
    }

    init(time: Date, state: AlarmState, context: EvaluationContext, detail: ReasonDetail) {
        self.time = time
        self.state = state
        self.storage = .deferred(context, detail)
    }

    public static func == (a: AlarmEvaluation, b: AlarmEvaluation) -> Bool {
        guard a.time == b.time, a.state == b.state else { return false }
        if case .deferred(let ca, let da) = a.storage, case .deferred(let cb, let db) = b.storage,
           ca === cb, da == db {
            return true
        }
        return a.reason == b.reason
    }

    /// Time and state only: equal evaluations always agree on both, and hashing stays free of formatting.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(time)
        hasher.combine(state)
    }
}

/// What an evaluation's reason is made from.
enum ReasonStorage: Sendable {
    case text(String)
    case deferred(EvaluationContext, ReasonDetail)
}

/// A change of state, at the evaluation that made it.
public struct AlarmTransition: Sendable, Hashable {
    public var time: Date
    public var from: AlarmState
    public var to: AlarmState

    public init(time: Date, from: AlarmState, to: AlarmState) {
        self.time = time
        self.from = from
        self.to = to
    }
}

/// An alarm replayed over a stretch of time: every evaluation, every change of state, and a summary.
public struct AlarmTimeline: Sendable, Hashable {
    public var evaluations: [AlarmEvaluation]
    public var transitions: [AlarmTransition]
    /// INSUFFICIENT_DATA when no evaluation.
    public var finalState: AlarmState
    /// Transitions into ALARM.
    public var timesFired: Int
    /// Total time spent in ALARM between the first evaluation and `end`.
    public var secondsInAlarm: Int
    public var firstFired: Date?
    public var lastFired: Date?
    /// When the final state was entered (time of the last transition), nil if never changed from INSUFFICIENT_DATA.
    public var finalStateSince: Date?

    public init(evaluations: [AlarmEvaluation] = [], transitions: [AlarmTransition] = [],
                finalState: AlarmState = .insufficientData, timesFired: Int = 0, secondsInAlarm: Int = 0,
                firstFired: Date? = nil, lastFired: Date? = nil, finalStateSince: Date? = nil) {
        self.evaluations = evaluations
        self.transitions = transitions
        self.finalState = finalState
        self.timesFired = timesFired
        self.secondsInAlarm = secondsInAlarm
        self.firstFired = firstFired
        self.lastFired = lastFired
        self.finalStateSince = finalStateSince
    }

    /// The reason given when the final state was entered (CloudWatch keeps the reason of the last
    /// change), or the last evaluation's reason when the state never changed.
    public var finalReason: String {
        if let since = finalStateSince,
           let i = evaluations.lastIndex(where: { $0.time == since }) {
            return evaluations[i].reason
        }
        return evaluations.last?.reason ?? ""
    }

    /// Where `definition` stands at the end of this timeline.
    public func status(of definition: AlarmDefinition) -> AlarmStatus {
        AlarmStatus(definition: definition, state: finalState, since: finalStateSince, reason: finalReason)
    }
}
