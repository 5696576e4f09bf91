import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import AWSFormats

@Suite("CloudWatchFiles get-metric-data")
struct CloudWatchFilesMetricDataTests {
    @Test("queries file: ids, keys exactly as queried, labels, periods")
    func queriesFile() throws {
        let qs = try CWFixture.queries()
        #expect(qs.map(\.id) == ["cpu", "cpu_i0", "req_a", "unhealthy_a", "healthy_a", "req_b", "unhealthy_b",
                                 "healthy_b", "req_c", "unhealthy_c", "healthy_c"])
        #expect(qs[0].key == CWFixture.fleetCPU)
        #expect(qs[0].label == "fleet CPU")
        #expect(qs[1].label == nil)
        #expect(qs[5].key == CWFixture.albKey("RequestCount", "Sum", zone: "us-east-1b"))
        #expect(qs.allSatisfy { $0.period == 60 && $0.returnData })
    }

    @Test("default epoch-number timestamps, descending in the file, ascending out; per-zone keys")
    func defaultOutput() throws {
        let data = try CloudWatchFiles.decodeMetricData(CWFixture.bytes("get-metric-data.json"),
                                                        file: "get-metric-data.json", queries: CWFixture.queries())
        #expect(data.batches.count == 11)
        #expect(data.warnings.isEmpty)
        let cpu = try #require(data.batch(CWFixture.fleetCPU))
        #expect(cpu.points.count == 10)
        #expect(cpu.points.first == Datapoint(time: CWFixture.minute(0), value: 20))
        #expect(cpu.points.last == Datapoint(time: CWFixture.minute(9), value: 47))
        #expect(cpu.period == 60)
        #expect(cpu.unit == "Percent")
        let reqB = try #require(data.batch(CWFixture.albKey("RequestCount", "Sum", zone: "us-east-1b")))
        #expect(reqB.points.map(\.value) == (0..<10).map { Double(1100 + $0) })
        #expect(reqB.key.zone == "us-east-1b")
        #expect(PanelMetric(key: reqB.key) == .requests)
        let unhealthyB = try #require(data.batch(CWFixture.albKey("UnHealthyHostCount", "Maximum", zone: "us-east-1b")))
        #expect(unhealthyB.points.map(\.value) == [0, 0, 0, 0, 0, 0, 2, 2, 2, 2])
        // The per-instance CPU series keeps its InstanceId dimension.
        #expect(data.batches.contains { PanelMetric(key: $0.key) == .cpu && $0.key.dimension("InstanceId") != nil })
    }

    @Test("iso8601, none and ascending captures decode to the same batches",
          arguments: ["get-metric-data.iso8601.json", "get-metric-data.none.json", "get-metric-data.ascending.json"])
    func timestampFormsAgree(file: String) throws {
        let qs = try CWFixture.queries()
        let reference = try CloudWatchFiles.decodeMetricData(CWFixture.bytes("get-metric-data.json"),
                                                             file: "get-metric-data.json", queries: qs)
        let other = try CloudWatchFiles.decodeMetricData(CWFixture.bytes(file), file: file, queries: qs)
        #expect(other.batches == reference.batches)
    }

    @Test("multi-page: JSON array of responses and concatenated documents equal the pages decoded one by one",
          arguments: ["get-metric-data.pages-array.json", "get-metric-data.pages-concatenated.json"])
    func multiPage(file: String) throws {
        let qs = try CWFixture.queries()
        var pages = try CloudWatchFiles.decodeMetricData(CWFixture.bytes("get-metric-data.page1.json"), file: "p1", queries: qs)
        pages.merge(try CloudWatchFiles.decodeMetricData(CWFixture.bytes("get-metric-data.page2.json"), file: "p2", queries: qs))
        #expect(pages.batches.count == 10)
        let joined = try CloudWatchFiles.decodeMetricData(CWFixture.bytes(file), file: file, queries: qs)
        #expect(joined.batches == pages.batches)
        let single = try CloudWatchFiles.decodeMetricData(CWFixture.bytes("get-metric-data.json"), file: "one", queries: qs)
        #expect(joined.batches == Array(single.batches.prefix(10)))
    }

    @Test("a result split across pages (same Id) is joined into one series")
    func sameIdAcrossPages() throws {
        let text = """
        {"MetricDataResults":[{"Id":"cpu","Label":"CPUUtilization Average","Timestamps":[180,120],"Values":[3,2],
          "StatusCode":"PartialData"}],"NextToken":"abc","Messages":[]}
        {"MetricDataResults":[{"Id":"cpu","Label":"CPUUtilization Average","Timestamps":[60],"Values":[1],
          "StatusCode":"Complete"}],"Messages":[]}
        """
        let data = try cwMetricData(text)
        #expect(data.batches.count == 1)
        #expect(data.batches[0].points.map(\.value) == [1, 2, 3])
        #expect(data.batches[0].period == 60)
        #expect(data.warnings == ["data/get-metric-data.json: MetricDataResults[0] (Id cpu): PartialData"])
    }

    @Test("label fallback: the CLI's default labels name metric, statistic and namespace; Id keeps series apart")
    func labelFallback() throws {
        let data = try CloudWatchFiles.decodeMetricData(CWFixture.bytes("get-metric-data.default-labels.json"),
                                                        file: "default-labels.json")
        #expect(data.batches.count == 11)
        let req = data.batches.filter { $0.key.name == "RequestCount" }
        #expect(req.count == 3)
        #expect(req.allSatisfy { $0.key.namespace == "AWS/ApplicationELB" && $0.key.statistic == "Sum" })
        #expect(Set(req.compactMap { $0.key.dimension("Id") }) == ["req_a", "req_b", "req_c"])
        let cpu = try #require(data.batches.first { $0.key.dimension("Id") == "cpu" })
        #expect(cpu.key == MetricKey(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average",
                                     dimensions: [FleetCore.Dimension("Id", "cpu")]))
        #expect(PanelMetric(key: cpu.key) == .cpu)
        // A custom label with no queries file: kept, named by the label.
        let custom = try CloudWatchFiles.decodeMetricData(CWFixture.bytes("get-metric-data.json"), file: "x")
        let fleet = try #require(custom.batches.first { $0.key.dimension("Id") == "cpu" })
        #expect(fleet.key.name == "fleet CPU")
        #expect(fleet.key.namespace == "")
        #expect(fleet.points.count == 10)
    }

    @Test("an Id missing from the queries file falls back to its label, with a warning")
    func idNotInQueries() throws {
        let data = try cwMetricData("""
            {"MetricDataResults":[{"Id":"m9","Label":"RequestCountPerTarget Sum","Timestamps":[60],"Values":[5],
              "StatusCode":"Complete"}]}
            """, queries: try CWFixture.queries())
        #expect(data.batches.first?.key.namespace == "AWS/ApplicationELB")
        #expect(data.batches.first?.key.name == "RequestCountPerTarget")
        #expect(data.warnings == ["data/get-metric-data.json: result Id m9 is not in the queries file; named from its label"])
    }

    @Test("non-Complete status codes and top-level messages become warnings, data kept")
    func partialDataWarnings() throws {
        let data = try cwMetricData("""
            {"MetricDataResults":[
              {"Id":"a","Label":"CPUUtilization Average","Timestamps":["2025-06-01T12:01:00Z","2025-06-01T12:00:00Z"],
               "Values":[2.5,1.5],"StatusCode":"PartialData"},
              {"Id":"b","Label":"RequestCount Sum","Timestamps":[],"Values":[],"StatusCode":"Forbidden",
               "Messages":[{"Code":"Forbidden","Value":"not authorized for AWS/ApplicationELB"}]},
              {"Id":"c","Label":"HealthyHostCount Maximum","Timestamps":[],"Values":[],"StatusCode":"InternalError"}],
             "Messages":[{"Code":"MaxQueryTimeRangeExceed","Value":"The query time range exceeds the limit."}]}
            """)
        #expect(data.warnings == [
            "data/get-metric-data.json: MetricDataResults[0] (Id a): PartialData",
            "data/get-metric-data.json: MetricDataResults[1] (Id b): Forbidden: Forbidden: not authorized for AWS/ApplicationELB",
            "data/get-metric-data.json: MetricDataResults[2] (Id c): InternalError",
            "data/get-metric-data.json: Messages: MaxQueryTimeRangeExceed: The query time range exceeds the limit.",
        ])
        #expect(data.batches.count == 3)
        #expect(data.batches[0].points == [Datapoint(time: CWFixture.t0, value: 1.5),
                                           Datapoint(time: CWFixture.minute(1), value: 2.5)])
    }

    @Test("every timestamp form the CLI prints", arguments: [
        "1748779200", "1748779200.0", "\"2025-06-01T12:00:00Z\"", "\"2025-06-01T12:00:00+00:00\"",
        "\"2025-06-01T12:00:00.000000+00:00\"", "\"2025-06-01T14:00:00+02:00\"", "\"2025-06-01T07:30:00-04:30\"",
        "\"2025-06-01T12:00:00.000Z\"", "\"2025-06-01 12:00:00+0000\"",
    ])
    func timestampForms(form: String) throws {
        let data = try cwMetricData("""
            {"MetricDataResults":[{"Id":"a","Label":"CPUUtilization Average","Timestamps":[\(form)],"Values":[1]}]}
            """)
        #expect(data.batches.first?.points.first?.time == CWFixture.t0)
    }

    @Test("fractional seconds are kept")
    func fractionalSeconds() throws {
        let data = try cwMetricData("""
            {"MetricDataResults":[{"Id":"a","Label":"x","Timestamps":["2025-06-01T12:00:00.25Z", 1748779200.5],"Values":[1,2]}]}
            """)
        #expect(data.batches[0].points.map(\.time) == [CWFixture.t0.addingTimeInterval(0.25), CWFixture.t0.addingTimeInterval(0.5)])
    }

    @Test("unordered points are sorted; the same timestamp twice keeps the later value")
    func unorderedAndDuplicates() throws {
        let data = try cwMetricData("""
            {"MetricDataResults":[{"Id":"a","Label":"x","Timestamps":[120, 60, 180, 60],"Values":[2, 1, 3, 9]}]}
            """)
        #expect(data.batches[0].points.map(\.value) == [9, 2, 3])
    }

    @Test("numbers: exponents, negatives, long mantissas decode exactly as Double(String) does", arguments: [
        "0", "-0.5", "1e3", "1E-3", "12.345678901234567", "0.1", "123456789012345678901234", "4.9e-324",
        "1.7976931348623157e308", "99.99999999999999", "2.2250738585072014e-308", "0.000001", "-12345.678e-2",
    ])
    func numbers(text: String) throws {
        let data = try cwMetricData("{\"MetricDataResults\":[{\"Id\":\"a\",\"Label\":\"x\",\"Timestamps\":[1],\"Values\":[\(text)]}]}")
        #expect(data.batches[0].points[0].value == Double(text))
    }

    @Test("strings with escapes")
    func escapes() throws {
        let data = try cwMetricData(#"{"MetricDataResults":[{"Id":"a","Label":"Req\u0075est\"s\" \u00e9\ud83d\ude00","Timestamps":[],"Values":[]}]}"#)
        #expect(data.batches[0].key.name == "Request\"s\" é😀")
    }

    @Test("fleetUpdate carries batches, instance CPU and the newest time")
    func fleetUpdate() throws {
        let data = try CloudWatchFiles.decodeMetricData(CWFixture.bytes("get-metric-data.json"),
                                                        file: "get-metric-data.json", queries: CWFixture.queries())
        let instanceID = try #require(data.batches.compactMap { $0.key.dimension("InstanceId") }.first)
        var withInstances = data
        withInstances.instances = [Instance(id: instanceID, zone: "us-east-1a", lifecycle: .inService, health: .healthy)]
        let update = withInstances.fleetUpdate()
        #expect(update.metrics.count == 11)
        #expect(update.time == CWFixture.minute(9))
        #expect(update.instances?.first?.cpu == 39.5)
        var state = FleetState(time: CWFixture.t0, fleet: .erato)
        state.apply(update)
        #expect(state.panelSeries(.requests)?.latest?.value == Double(1009 + 1109 + 1209))
        #expect(state.panelSeries(.unhealthyHosts, zone: "us-east-1b")?.latest?.value == 2)
        #expect(state.zonesWithSeries(.requests) == ["us-east-1a", "us-east-1b", "us-east-1c"])
    }
}
