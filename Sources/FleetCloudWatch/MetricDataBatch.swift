import Foundation

/// One member's part of a shared GetMetricData round: its queries (ids of its own choosing) and
/// the window it wants.
public struct MetricDataAsk: Sendable {
    public var queries: [CWMetricDataQuery]
    public var start: Date
    public var end: Date

    public init(queries: [CWMetricDataQuery], start: Date, end: Date) {
        self.queries = queries
        self.start = start
        self.end = end
    }
}

/// The combined GetMetricData request(s) of one round, and how to hand each member its results.
///
/// - Queries asking for the same metric, period and statistic are sent once (two fleets behind one
///   load balancer share its series).
/// - Ids are `q0`, `q1`, … per request, so unique within it (GetMetricData requires a unique `Id`
///   starting with a lowercase letter per call); each member's own ids are mapped back.
/// - A request holds at most 500 queries, GetMetricData's limit
///   (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html:
///   "A single GetMetricData call can include as many as 500 MetricDataQuery structures");
///   more queries make more requests, each following its `NextToken` pages.
/// - Windows are merged as their union (earliest start, latest end): one request has one
///   StartTime/EndTime. Each member then gets only the points inside its own `[start, end)`, so
///   what it receives is what its own request would have returned.
public struct MetricDataBatch: Sendable {
    public struct Request: Sendable {
        public var queries: [CWMetricDataQuery]
        public var start: Date
        public var end: Date
    }

    public var requests: [Request]
    /// Per ask: its own query id → (request index, the id in that request).
    public var routes: [[String: Route]]

    public struct Route: Sendable, Hashable {
        public var request: Int
        public var id: String
    }

    public init(_ asks: [MetricDataAsk], maxQueries: Int = CloudWatchClient.maxQueries) {
        let start = asks.map(\.start).min() ?? Date(timeIntervalSince1970: 0)
        let end = asks.map(\.end).max() ?? start
        var requests: [Request] = []
        var shared: [CWMetricStat: Route] = [:]
        routes = asks.map { ask in
            var route: [String: Route] = [:]
            for query in ask.queries {
                if let r = shared[query.MetricStat] {
                    route[query.Id] = r
                    continue
                }
                if requests.last.map({ $0.queries.count >= maxQueries }) ?? true {
                    requests.append(Request(queries: [], start: start, end: end))
                }
                let r = Route(request: requests.count - 1, id: "q\(requests[requests.count - 1].queries.count)")
                requests[r.request].queries.append(CWMetricDataQuery(Id: r.id, MetricStat: query.MetricStat, ReturnData: true))
                shared[query.MetricStat] = r
                route[query.Id] = r
            }
            return route
        }
        self.requests = requests
    }

    /// Each ask's results under its own ids, cut to its own window; `calls` is the whole round's.
    public func split(_ data: [CloudWatchClient.MetricData], asks: [MetricDataAsk]) -> [CloudWatchClient.MetricData] {
        let calls = data.reduce(0) { $0 + $1.calls }
        let overall = data.flatMap(\.messages)
        return zip(asks, routes).map { ask, route in
            var out = CloudWatchClient.MetricData(results: [:], partial: [], messages: overall, calls: calls)
            for query in ask.queries {
                guard let r = route[query.Id], r.request < data.count else { continue }
                let page = data[r.request]
                for m in page.queryMessages[r.id] ?? [] { out.messages.append("\(query.Id): \(m)") }
                if page.partial.contains(r.id) { out.partial.insert(query.Id) }
                guard var result = page.results[r.id] else { continue }
                let kept = zip(result.Timestamps ?? [], result.Values ?? [])
                    .filter { $0.0.date >= ask.start && $0.0.date < ask.end }
                result.Id = query.Id
                result.Timestamps = kept.map(\.0)
                result.Values = kept.map(\.1)
                out.results[query.Id] = result
            }
            return out
        }
    }
}
