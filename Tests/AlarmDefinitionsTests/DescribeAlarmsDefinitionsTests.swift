import FleetCore
@testable import AlarmDefinitions
import Testing

@Suite struct DescribeAlarmsDefinitionsTests {
    static func failure(_ text: String) -> String? {
        do {
            _ = try DescribeAlarmsDefinitions.load(text: text, file: "alarms.json")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func motoOutputGivesDefinitionsAndStates() throws {
        let path = AlarmDefinitionFixtures.path("describe-alarms.json")
        let loaded = try AlarmDefinitionLoader.load(path: path)
        #expect(loaded.definitions == [
            AlarmDefinition(
                name: "erato-health-check-failures", namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount",
                dimensions: [Dimension("LoadBalancer", "app/erato-alb/50dc6c495c0c9188"),
                             Dimension("TargetGroup", "targetgroup/erato-web/943f017f100becff")],
                statistic: "Maximum", period: 300, evaluationPeriods: 2, threshold: 1,
                comparison: .greaterThanThreshold, treatMissingData: .notBreaching),
            AlarmDefinition(
                name: "erato-prod-cpu-high", namespace: "AWS/EC2", metricName: "CPUUtilization",
                dimensions: [Dimension("AutoScalingGroupName", "erato-web-asg")],
                statistic: "Average", period: 60, evaluationPeriods: 3, datapointsToAlarm: 2, threshold: 80,
                comparison: .greaterThanOrEqualToThreshold),
            AlarmDefinition(
                name: "erato-p99-latency", namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime",
                dimensions: [Dimension("LoadBalancer", "app/erato-alb/50dc6c495c0c9188")],
                statistic: "p99", period: 60, evaluationPeriods: 5, datapointsToAlarm: 3, threshold: 1.5,
                comparison: .greaterThanThreshold, treatMissingData: .ignore, evaluateLowSampleCountPercentile: .ignore),
        ])
        #expect(loaded.states == ["erato-health-check-failures": .alarm, "erato-prod-cpu-high": .ok, "erato-p99-latency": .ok])
        #expect(loaded.notes == [
            "\(path):94: MetricAlarms[3] \"erato-5xx-rate\" skipped: uses Metrics (metric math); the preview evaluates "
                + "single-metric alarms only",
        ])
        #expect(loaded.unresolvedDimensions.isEmpty)
        #expect(loaded.targets.isEmpty)
    }

    static let one = """
    {
      "MetricAlarms": [
        {
          "AlarmName": "cpu",
          "StateValue": "INSUFFICIENT_DATA",
          "Namespace": "AWS/EC2",
          "MetricName": "CPUUtilization",
          "Statistic": "Average",
          "Period": 60,
          "EvaluationPeriods": 3,
          "Threshold": 80.0,
          "ComparisonOperator": "GreaterThanThreshold"
        }
      ],
      "CompositeAlarms": [{"AlarmName": "erato-degraded", "AlarmRule": "ALARM(cpu)"}]
    }
    """

    @Test func compositeAlarmsAreNoted() throws {
        let loaded = try DescribeAlarmsDefinitions.load(text: Self.one, file: "alarms.json")
        #expect(loaded.definitions.map(\.name) == ["cpu"])
        #expect(loaded.states == ["cpu": .insufficientData])
        #expect(loaded.notes == ["alarms.json: 1 composite alarm skipped: the preview evaluates metric alarms only"])
    }

    @Test func errorsNameTheLineOfTheKey() {
        #expect(Self.failure(Self.one.replacingOccurrences(of: "\"Period\": 60", with: "\"Period\": \"60s\""))
            == "alarms.json: MetricAlarms[0].Period: expected a number, found a string at byte 209")
        #expect(Self.failure(Self.one.replacingOccurrences(of: "\"Period\": 60", with: "\"Period\": 45"))
            == "alarms.json:9: MetricAlarms[0].Period: Period 45 must be 10, 30 or a multiple of 60 seconds")
        #expect(Self.failure(Self.one.replacingOccurrences(of: "\"Statistic\": \"Average\",\n", with: ""))
            == "alarms.json:3: MetricAlarms[0].Statistic: missing Statistic or ExtendedStatistic")
        #expect(Self.failure(Self.one.replacingOccurrences(of: "INSUFFICIENT_DATA", with: "PANIC"))
            == "alarms.json:5: MetricAlarms[0].StateValue: \"PANIC\" is not one of OK, ALARM, INSUFFICIENT_DATA")
        #expect(Self.failure(Self.one.replacingOccurrences(of: "\"Threshold\": 80.0,\n", with: ""))
            == "alarms.json:3: MetricAlarms[0].Threshold: missing Threshold")
    }

    @Test func notDescribeAlarmsOutput() {
        // The one describe-alarms decoder (AWSFormats) refuses another shape, as for the files source.
        #expect(Self.failure("[]") == "alarms.json: not the output of `aws cloudwatch describe-alarms` (no MetricAlarms)")
        #expect(Self.failure("{\"Alarms\": []}") == "alarms.json: not the output of `aws cloudwatch describe-alarms` (no MetricAlarms)")
        #expect(Self.failure("{\n  \"MetricAlarms\": [\n    {\"AlarmName\": \"x\" \"Namespace\": \"y\"}\n  ]\n}")
            == "alarms.json:3:23: unexpected '\"' (expected ',' or '}')")
    }
}
