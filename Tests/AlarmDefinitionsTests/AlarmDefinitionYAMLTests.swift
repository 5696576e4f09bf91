import FleetCore
@testable import AlarmDefinitions
import Testing

@Suite struct AlarmDefinitionYAMLTests {
    static func failure(_ yaml: String) -> String? {
        do {
            _ = try YAMLAlarmDefinitions.load(yaml: yaml, file: "alarms.yaml")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func alarmsInTheMainConfigFile() throws {
        let loaded = try AlarmDefinitionLoader.load(path: AlarmDefinitionFixtures.path("fleetwatch.yaml"))
        #expect(loaded.definitions == [
            AlarmDefinition(
                name: "erato-health-check-failures", namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount",
                dimensions: [Dimension("LoadBalancer", "app/erato-alb/50dc6c495c0c9188"),
                             Dimension("TargetGroup", "targetgroup/erato-web/943f017f100becff")],
                statistic: "Maximum", period: 300, evaluationPeriods: 2, threshold: 1,
                comparison: .greaterThanThreshold, treatMissingData: .notBreaching),
            AlarmDefinition(
                name: "erato-cpu-high", namespace: "AWS/EC2", metricName: "CPUUtilization",
                dimensions: [Dimension("AutoScalingGroupName", "erato-web-asg")],
                statistic: "Average", period: 60, evaluationPeriods: 3, datapointsToAlarm: 2, threshold: 80,
                comparison: .greaterThanOrEqualToThreshold),
            AlarmDefinition(
                name: "erato-p99-latency", namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime",
                dimensions: [Dimension("LoadBalancer", "app/erato-alb/50dc6c495c0c9188")],
                statistic: "p99", period: 60, evaluationPeriods: 5, datapointsToAlarm: 3, threshold: 1.5,
                comparison: .greaterThanThreshold, treatMissingData: .ignore, evaluateLowSampleCountPercentile: .ignore),
        ])
        #expect(loaded.notes.isEmpty)
        #expect(loaded.states.isEmpty)
    }

    @Test func badFixturesNameFileLineAndKey() {
        for (name, expected) in [
            ("bad-period.yaml", "14: alarms[1].period: expected seconds or a duration like 5m, got \"soon\""),
            ("bad-unknown-key.yaml", "8: alarms[0]: unknown key \"threshhold\" (did you mean threshold?)"),
            ("bad-datapoints.yaml", "8: alarms[0]: datapoints_to_alarm 5 must be between 1 and evaluation_periods (3)"),
            ("bad-syntax.yaml", "4:4: not valid YAML: while parsing a block collection: did not find expected '-' indicator"),
        ] {
            let path = AlarmDefinitionFixtures.path(name)
            let error = #expect(throws: InputError.self) { try AlarmDefinitionLoader.load(path: path) }
            #expect(error?.description.hasPrefix("\(path):\(expected)") == true, "\(name): \(String(describing: error))")
        }
    }

    static let alarm = """
    alarms:
      - name: cpu
        namespace: AWS/EC2
        metric_name: CPUUtilization
        statistic: Average
        period: 60
        evaluation_periods: 3
        threshold: 80
        comparison_operator: GreaterThanThreshold
    """

    static func with(_ old: String, _ new: String) -> String {
        alarm.replacingOccurrences(of: old, with: new)
    }

    @Test func durationsAndSymbols() throws {
        for (text, seconds) in [("60", 60), ("300s", 300), ("5m", 300), ("1h", 3600), ("1h30m", 5400), ("30s", 30)] {
            let loaded = try YAMLAlarmDefinitions.load(yaml: Self.with("period: 60", "period: \(text)"), file: "a.yaml")
            #expect(loaded.definitions.first?.period == seconds, "\(text)")
        }
        for (symbol, op) in [(">", ComparisonOperator.greaterThanThreshold), (">=", .greaterThanOrEqualToThreshold),
                             ("<", .lessThanThreshold), ("<=", .lessThanOrEqualToThreshold)] {
            let yaml = Self.with("GreaterThanThreshold", "\"\(symbol)\"")
            #expect(try YAMLAlarmDefinitions.load(yaml: yaml, file: "a.yaml").definitions.first?.comparison == op)
        }
    }

    @Test func validationErrors() {
        #expect(Self.failure(Self.with("period: 60", "period: 45"))
            == "alarms.yaml:6: alarms[0]: period 45 must be 10, 30 or a multiple of 60 seconds")
        #expect(Self.failure(Self.with("period: 60", "period: 90s"))
            == "alarms.yaml:6: alarms[0]: period 90 must be 10, 30 or a multiple of 60 seconds")
        #expect(Self.failure(Self.with("    threshold: 80\n", ""))
            == "alarms.yaml:2: alarms[0]: missing threshold")
        #expect(Self.failure(Self.with("threshold: 80", "threshold: .inf"))
            == "alarms.yaml:8: alarms[0].threshold: expected a number, got \".inf\"")
        #expect(Self.failure(Self.with("comparison_operator: GreaterThanThreshold", "comparison_operator: >"))
            == "alarms.yaml:9: alarms[0]: comparison_operator \"\" is not one of GreaterThanThreshold, "
            + "GreaterThanOrEqualToThreshold, LessThanThreshold, LessThanOrEqualToThreshold, >, >=, <, <= "
            + "(quote symbols in YAML: comparison_operator: \">=\")")
        #expect(Self.failure(Self.with("statistic: Average", "statistic: avg"))
            == "alarms.yaml:5: alarms[0]: statistic \"avg\" is not one of SampleCount, Average, Sum, Minimum, "
            + "Maximum or a percentile like p99")
        #expect(Self.failure(Self.with("statistic: Average", "extended_statistic: tm90"))
            == "alarms.yaml:5: alarms[0]: extended_statistic \"tm90\" is not supported (the preview evaluates "
            + "SampleCount, Average, Sum, Minimum, Maximum and percentiles pNN)")
        #expect(Self.failure(Self.with("name: cpu", "name: cpu\n    alarm_name: cpu2"))
            == "alarms.yaml:3: alarms[0]: give alarm_name or name, not both")
        #expect(Self.failure(Self.with("evaluation_periods: 3", "evaluation_periods: [3]"))
            == "alarms.yaml:7: alarms[0].evaluation_periods: expected a single value, not a list or mapping")
        #expect(Self.failure(Self.with("evaluation_periods: 3", "evaluation_periods: three"))
            == "alarms.yaml:7: alarms[0].evaluation_periods: expected a whole number, got \"three\"")
        #expect(Self.failure(Self.with("threshold: 80", "threshold: 80\n    treat_missing_data: notbreaching"))
            == "alarms.yaml:9: alarms[0]: treat_missing_data \"notbreaching\" is not one of missing, notBreaching, "
            + "breaching, ignore (did you mean notBreaching?)")
        #expect(Self.failure("alarms:\n  - just a string\n") == "alarms.yaml:2: alarms[0]: expected a mapping of alarm fields")
        #expect(Self.failure("alarms: {}\n") == "alarms.yaml:1: alarms: expected a list of alarms")
    }

    @Test func fileWithoutAlarmsOrABareList() throws {
        let noAlarms = try YAMLAlarmDefinitions.load(yaml: "fleet:\n  name: erato\n", file: "fleetwatch.yaml")
        #expect(noAlarms.definitions.isEmpty)
        #expect(noAlarms.notes == ["fleetwatch.yaml: no alarms: list"])
        let bare = try YAMLAlarmDefinitions.load(yaml: String(Self.alarm.dropFirst("alarms:\n".count)), file: "a.yaml")
        #expect(bare.definitions.map(\.name) == ["cpu"])
    }
}
