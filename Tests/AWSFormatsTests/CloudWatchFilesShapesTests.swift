import FleetCore
import FleetTestSupport
import Foundation
import Testing
@testable import AWSFormats

@Suite("CloudWatchFiles statistics, alarms, instances")
struct CloudWatchFilesShapesTests {
    @Test("get-metric-statistics: one series per statistic, metric from the caller")
    func statistics() throws {
        let data = try CloudWatchFiles.decodeMetricStatistics(
            CWFixture.bytes("get-metric-statistics.json"), file: "stats.json", metric: CWFixture.fleetCPU)
        #expect(data.batches.map(\.key.statistic) == ["SampleCount", "Average", "Sum", "Minimum", "Maximum"])
        #expect(data.batches.allSatisfy { $0.key.dimensions == CWFixture.fleetCPU.dimensions && $0.unit == "Percent" })
        let avg = try #require(data.batch(CWFixture.fleetCPU))
        #expect(avg.points.count == 10)
        #expect(avg.points.first == Datapoint(time: CWFixture.t0, value: 20))
        #expect(avg.period == 60)
    }

    @Test("get-metric-statistics in each timestamp form agrees; label names the metric without a caller key",
          arguments: ["get-metric-statistics.iso8601.json", "get-metric-statistics.none.json"])
    func statisticsForms(file: String) throws {
        let data = try CloudWatchFiles.decodeMetricStatistics(CWFixture.bytes(file), file: file)
        #expect(data.batches.map(\.key.statistic) == ["Average", "Maximum"])
        let key = MetricKey(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Maximum")
        #expect(data.batch(key)?.points.last == Datapoint(time: CWFixture.minute(9), value: 47))
    }

    @Test("get-metric-statistics: extended statistics, any order, any subset")
    func extendedStatistics() throws {
        let text = """
            {"Label": "RequestCount", "Datapoints": [
              {"Timestamp": "2025-06-01T12:05:00Z", "ExtendedStatistics": {"p99": 7.5, "p50": 2.0}, "Unit": "Count"},
              {"Timestamp": "2025-06-01T12:00:00Z", "ExtendedStatistics": {"p99": 1.2, "p50": 1.0}, "Unit": "Count"},
              {"Timestamp": "2025-06-01T12:10:00Z", "Sum": 4, "Unit": "Count"}]}
            """
        let data = try CloudWatchFiles.decodeMetricStatistics(Array(text.utf8), file: "p.json")
        #expect(data.batches.map(\.key.statistic) == ["p99", "p50", "Sum"])
        let p99 = try #require(data.batches.first)
        #expect(p99.key.namespace == "AWS/ApplicationELB")
        #expect(p99.points.map(\.value) == [1.2, 7.5])
        #expect(p99.period == 300)
        // moto's capture: datapoints without values give no series, and say so.
        let empty = try CloudWatchFiles.decodeMetricStatistics(CWFixture.bytes("get-metric-statistics.extended.json"), file: "e.json")
        #expect(empty.batches.isEmpty)
        #expect(empty.warnings == ["e.json: Datapoints: 10 datapoints without any statistic value"])
    }

    @Test("describe-alarms in both timestamp forms", arguments: ["describe-alarms.json", "describe-alarms.iso8601.json"])
    func alarms(file: String) throws {
        var warnings: [String] = []
        let alarms = try CloudWatchFiles.decodeAlarms(CWFixture.bytes(file), file: file, warnings: &warnings)
        #expect(warnings.isEmpty)
        #expect(alarms.map(\.name) == ["erato-health-check-failures", "erato-cpu-p99-high"])
        let health = alarms[0]
        var expected = AlarmDefinition.eratoHealthCheck(fleet: .erato)
        expected.treatMissingData = .notBreaching
        #expect(health.definition == expected)
        #expect(health.state == .alarm)
        #expect(health.reason.hasPrefix("Threshold Crossed: 2 out of the last 2 datapoints"))
        let since = try #require(health.since)
        #expect(since > Date(timeIntervalSince1970: 1_700_000_000))
        let cpu = alarms[1].definition
        #expect(cpu.statistic == "p99")
        #expect(cpu.datapointsToAlarm == 3 && cpu.evaluationPeriods == 5 && cpu.period == 60)
        #expect(cpu.comparison == .greaterThanOrEqualToThreshold && cpu.threshold == 90)
        #expect(cpu.evaluateLowSampleCountPercentile == .ignore)
        #expect(cpu.treatMissingData == .missing)
        #expect(alarms[1].state == .ok)
    }

    @Test("describe-alarms: the two timestamp forms give the same times")
    func alarmTimesAgree() throws {
        var w: [String] = []
        let a = try CloudWatchFiles.decodeAlarms(CWFixture.bytes("describe-alarms.json"), file: "a", warnings: &w)
        let b = try CloudWatchFiles.decodeAlarms(CWFixture.bytes("describe-alarms.iso8601.json"), file: "b", warnings: &w)
        // Same server state captured twice; only the alarm's own timestamps differ by capture.
        #expect(a.map(\.definition) == b.map(\.definition))
    }

    @Test("describe-alarms: metric-math alarms and composite alarms are skipped with a warning")
    func alarmsSkipped() throws {
        let text = """
            {"MetricAlarms": [{"AlarmName": "math", "StateValue": "OK", "EvaluationPeriods": 1, "Threshold": 1,
              "ComparisonOperator": "GreaterThanThreshold", "Metrics": [{"Id": "e1", "Expression": "m1*2"}]}],
             "CompositeAlarms": [{"AlarmName": "c"}]}
            """
        var warnings: [String] = []
        let alarms = try CloudWatchFiles.decodeAlarms(Array(text.utf8), file: "alarms.json", warnings: &warnings)
        #expect(alarms.isEmpty)
        #expect(warnings == ["alarms.json: MetricAlarms[0]: alarm math is not a single-metric threshold alarm; not shown",
                             "alarms.json: CompositeAlarms: 1 composite alarm(s) not shown"])
    }

    @Test("describe-target-health + describe-auto-scaling-groups → instances with target health")
    func instancesFromGroup() throws {
        var w: [String] = []
        let targets = try CloudWatchFiles.decodeTargetHealth(CWFixture.bytes("describe-target-health.json"), file: "t", warnings: &w)
        let records = try CloudWatchFiles.decodeAutoScalingGroups(CWFixture.bytes("describe-auto-scaling-groups.json"), file: "g", warnings: &w)
        #expect(w.isEmpty)
        #expect(targets.count == 5)
        #expect(targets.filter { $0.health == .unused }.map(\.reason) == ["Target.InvalidState"])
        #expect(targets.allSatisfy { $0.port == 8080 })
        #expect(records.count == 3 && records.allSatisfy { $0.lifecycle == .inService && $0.zone == "us-east-1a" })
        let instances = CloudWatchFiles.instances(records, targets: targets)
        // The group's three, then the two other registered targets (zone unknown without describe-instances).
        #expect(instances.count == 5)
        #expect(instances.prefix(3).allSatisfy { $0.health == .healthy && $0.zone == "us-east-1a" })
        #expect(instances.suffix(2).allSatisfy { $0.zone == "unknown" })
    }

    @Test("describe-target-health + describe-instances → instances per zone with EC2 states mapped")
    func instancesFromEC2() throws {
        var w: [String] = []
        let targets = try CloudWatchFiles.decodeTargetHealth(CWFixture.bytes("describe-target-health.json"), file: "t", warnings: &w)
        let records = try CloudWatchFiles.decodeEC2Instances(CWFixture.bytes("describe-instances.json"), file: "i", warnings: &w)
        #expect(w.isEmpty)
        #expect(records.map(\.rawState) == ["running", "running", "running", "running", "stopped", "terminated"])
        let instances = CloudWatchFiles.instances(records, targets: targets)
        #expect(instances.count == 6)
        #expect(Set(instances.map(\.zone)) == ["us-east-1a", "us-east-1b", "us-east-1c"])
        let stopped = try #require(instances.first { $0.zone == "us-east-1b" })
        #expect(stopped.lifecycle == .standby && stopped.health == .unused && stopped.reason == "Target.InvalidState")
        let gone = try #require(instances.first { $0.zone == "us-east-1c" })
        #expect(gone.lifecycle == .terminated && gone.health == .unused && gone.reason == "Target.NotRegistered")
        var state = FleetState(time: CWFixture.t0, fleet: .erato)
        state.apply(CloudWatchFileData(instances: instances).fleetUpdate())
        #expect(state.instances(inZone: "us-east-1a").count == 4)
    }

    @Test("every target health state and reason", arguments: TargetHealth.allCases)
    func targetStates(state: TargetHealth) throws {
        let text = """
            {"TargetHealthDescriptions": [{"Target": {"Id": "10.0.1.5", "Port": 80, "AvailabilityZone": "us-east-1c"},
              "TargetHealth": {"State": "\(state.rawValue)", "Reason": "Target.Timeout", "Description": "Request timed out"}}]}
            """
        var w: [String] = []
        let t = try CloudWatchFiles.decodeTargetHealth(Array(text.utf8), file: "t", warnings: &w)
        #expect(t == [TargetHealthRecord(id: "10.0.1.5", port: 80, zone: "us-east-1c", health: state,
                                         reason: "Target.Timeout", description: "Request timed out")])
        let i = CloudWatchFiles.instances(nil, targets: t)
        #expect(i == [Instance(id: "10.0.1.5", zone: "us-east-1c", lifecycle: .inService, health: state, reason: "Target.Timeout")])
    }

    @Test("lifecycle mappings", arguments: [
        ("Pending", LifecycleState.pending), ("Pending:Wait", .pending), ("Pending:Proceed", .pending),
        ("InService", .inService), ("Terminating", .terminating), ("Terminating:Wait", .terminating),
        ("Terminating:Proceed", .terminating), ("Terminated", .terminated), ("Standby", .standby),
        ("EnteringStandby", .standby), ("Detaching", .terminating), ("Detached", .terminated),
        ("Warmed:Pending:Wait", .pending), ("Warmed:Running", .standby),
    ])
    func asgLifecycle(raw: String, expected: LifecycleState) {
        #expect(CloudWatchFiles.lifecycle(autoScaling: raw) == expected)
    }

    @Test("EC2 state mappings", arguments: [
        ("pending", LifecycleState.pending), ("running", .inService), ("shutting-down", .terminating),
        ("stopping", .terminating), ("stopped", .standby), ("terminated", .terminated),
    ])
    func ec2Lifecycle(raw: String, expected: LifecycleState) {
        #expect(CloudWatchFiles.lifecycle(ec2: raw) == expected)
    }

    @Test("unknown states are warned about, not dropped")
    func unknownStates() throws {
        let text = """
            {"AutoScalingGroups": [{"Instances": [{"InstanceId": "i-1", "AvailabilityZone": "us-east-1a",
              "LifecycleState": "Hibernating", "HealthStatus": "Unhealthy"}]}]}
            """
        var w: [String] = []
        let r = try CloudWatchFiles.decodeAutoScalingGroups(Array(text.utf8), file: "g.json", warnings: &w)
        #expect(w == ["g.json: AutoScalingGroups[0].Instances[0].LifecycleState: unknown state \"Hibernating\" of i-1; shown as Pending"])
        #expect(CloudWatchFiles.instances(r, targets: nil) == [
            Instance(id: "i-1", zone: "us-east-1a", lifecycle: .pending, health: .unhealthy, reason: "ASG.Unhealthy")])
    }
}
