import Foundation
import Testing
@testable import FleetCloudWatch
#if canImport(Glibc)
import Glibc
#endif

/// By hand (`FLEETWATCH_BENCH=1`): the CPU the shared round costs on top of the requests for 200
/// fleets of one region and account: planning the requests (dedupe, ids, 500-query chunks) and
/// handing each fleet its results (ids mapped back, points cut to its window).
@Suite("Shared GetMetricData round: cost for 200 fleets", .integration)
struct MetricDataBatchBenchTests {
    @Test func planAndSplitFor200Fleets() {
        guard ProcessInfo.processInfo.environment["FLEETWATCH_BENCH"] == "1" else { return }  // opt-in
        let end = Date(timeIntervalSince1970: 1_767_618_060)
        let times = (0..<3).map { AWSTimestamp(end.addingTimeInterval(Double(-180 + $0 * 60))) }
        // 200 fleets × 30 series (cpu, 3 zones × 5 ALB metrics, 3 zones × 4 error metrics, 2 instances), a steady refresh.
        let asks = (0..<200).map { f in
            MetricDataAsk(queries: (0..<30).map { q in
                CWMetricDataQuery(Id: "q\(q)", MetricStat: CWMetricStat(
                    Metric: CWMetric(Namespace: "AWS/ApplicationELB", MetricName: "M\(q)",
                                     Dimensions: [CWDimension(Name: "LoadBalancer", Value: "app/fleet-\(f)/0123456789abcdef")]),
                    Period: 60, Stat: "Sum"), ReturnData: true)
            }, start: end.addingTimeInterval(-180), end: end)
        }
        func cpu() -> Double {
            var u = rusage()
            getrusage(RUSAGE_SELF.rawValue, &u)
            return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
        }
        var samples: [Double] = []
        for _ in 0..<20 {
            let t0 = cpu()
            let batch = MetricDataBatch(asks)
            let pages = batch.requests.map { r in
                CloudWatchClient.MetricData(results: Dictionary(uniqueKeysWithValues: r.queries.map {
                    ($0.Id, CWMetricDataResult(Id: $0.Id, Timestamps: times, Values: [1, 2, 3], StatusCode: "Complete"))
                }), partial: [], messages: [], calls: 1)
            }
            let split = batch.split(pages, asks: asks)
            samples.append(cpu() - t0)
            #expect(batch.requests.count == 12 && split.count == 200)  // 6000 queries: 12 requests of 500
        }
        let median = samples.sorted()[samples.count / 2]
        print(String(format: "bench: shared round for 200 fleets x 30 series (12 requests): plan + split median CPU %.2f ms", median * 1000))
    }
}
