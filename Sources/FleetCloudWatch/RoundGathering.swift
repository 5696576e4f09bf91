import Foundation

/// When a round of a ``RequestBatcher`` is sent: the pure rule, with times handed in (no clock).
///
/// Members register with the interval they ask at (their source's poll interval). The first ask
/// opens a round; the round is sent as soon as every member **expected** in it has asked, or when
/// `gather` seconds have passed since it opened, whichever comes first. A member is expected when it
/// has not asked yet since it registered, or when its next ask is due by the deadline
/// (`lastAsk + interval ≤ opened + gather`); a member that missed `idleAfter` rounds in a row in
/// which it was expected (its poller stopped, or it runs on another schedule) is not waited for
/// until it asks again. So fleets polled on one schedule share one request per refresh, a straggler
/// costs the others at most `gather` seconds, and an ask that comes after its round left goes in
/// the next round.
public struct RoundGathering<Member: Hashable & Sendable>: Sendable {
    struct State: Sendable {
        var interval: TimeInterval
        var lastAsk: Date?
        var missed = 0
    }

    /// What to do after an ask.
    public enum Step: Sendable, Equatable {
        /// The round stays open until this time (the deadline), unless the others ask first.
        case wait(until: Date)
        /// Send the round: these members' asks, in the order they came.
        case send([Member])
    }

    /// Seconds a round stays open after its first ask.
    public var gather: TimeInterval
    /// Rounds a member may miss before it is no longer waited for.
    public var idleAfter: Int
    private var members: [Member: State] = [:]
    /// The open round: when it opened, its number, who asked (in order).
    public private(set) var open: (opened: Date, number: Int, asked: [Member])?
    private var rounds = 0

    public init(gather: TimeInterval, idleAfter: Int = 2) {
        self.gather = gather
        self.idleAfter = idleAfter
    }

    public mutating func register(_ member: Member, interval: TimeInterval) {
        members[member] = State(interval: interval)
    }

    public mutating func unregister(_ member: Member) {
        members[member] = nil
    }

    public var registered: Int { members.count }

    /// The members the round opened at `opened` waits for.
    public func expected(opened: Date) -> Set<Member> {
        Set(members.compactMap { member, s in
            guard s.missed < idleAfter else { return nil }
            guard let last = s.lastAsk else { return member }
            return last.addingTimeInterval(s.interval) <= opened.addingTimeInterval(gather) ? member : nil
        })
    }

    /// `member` asks at `now`: opens a round if none is open; sends it when everyone expected has asked.
    public mutating func ask(_ member: Member, at now: Date) -> Step {
        if members[member] == nil { members[member] = State(interval: 0) }
        members[member]!.missed = 0
        if open == nil {
            rounds += 1
            open = (now, rounds, [])
        }
        if !open!.asked.contains(member) { open!.asked.append(member) }
        let waitingFor = expected(opened: open!.opened).subtracting(open!.asked)
        if waitingFor.isEmpty { return .send(close()) }
        return .wait(until: open!.opened.addingTimeInterval(gather))
    }

    /// The deadline of round `number` came at `now`: the members to send, or nil when that round
    /// was already sent.
    public mutating func deadline(round number: Int, at now: Date) -> [Member]? {
        guard let open, open.number == number else { return nil }
        return close()
    }

    /// Closes the open round: its askers' last ask is the round's opening; the expected who did not
    /// ask missed one.
    private mutating func close() -> [Member] {
        guard let round = open else { return [] }
        let missing = expected(opened: round.opened).subtracting(round.asked)
        for m in missing { members[m]?.missed += 1 }
        for m in round.asked { members[m]?.lastAsk = round.opened }
        open = nil
        return round.asked
    }
}
