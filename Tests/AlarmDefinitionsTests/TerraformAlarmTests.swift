import FleetCore
@testable import AlarmDefinitions
import Testing

@Suite struct TerraformAlarmTests {
    static func load(_ name: String) throws -> LoadedAlarms {
        try AlarmDefinitionLoader.load(path: AlarmDefinitionFixtures.path(name))
    }

    /// The error a load of `text` throws, as its one-line description.
    static func failure(_ text: String, file: String = "alarms.tf") -> String? {
        do {
            _ = try TerraformAlarms.load(files: [(file, text)])
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func eratoFixtureLoadsEverySingleMetricAlarm() throws {
        let loaded = try Self.load("erato.tf")
        #expect(loaded.definitions.map(\.name) == ["erato-health-check-failures", "erato-prod-cpu-high", "erato-p99-latency"])
        #expect(loaded.states.isEmpty)
    }

    @Test func eratoUnhealthyHostsAlarm() throws {
        let loaded = try Self.load("erato.tf")
        let alarm = try #require(loaded.definitions.first)
        #expect(alarm == AlarmDefinition(
            name: "erato-health-check-failures", namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount",
            dimensions: [Dimension("LoadBalancer", "aws_lb.erato.arn_suffix"),
                         Dimension("TargetGroup", "aws_lb_target_group.erato.arn_suffix")],
            statistic: "Maximum", period: 300, evaluationPeriods: 2, datapointsToAlarm: 2, threshold: 1,
            comparison: .greaterThanThreshold, treatMissingData: .notBreaching))
        #expect(loaded.unresolvedDimensions["erato-health-check-failures"] == ["LoadBalancer", "TargetGroup"])
    }

    @Test func quotedNumbersBlockDimensionsAndVariableDefaults() throws {
        let alarm = try #require(try Self.load("erato.tf").definitions.dropFirst().first)
        // "${local.name_prefix}-cpu-high" with name_prefix = "erato-${var.environment}", environment = "prod".
        #expect(alarm.name == "erato-prod-cpu-high")
        #expect(alarm.namespace == "AWS/EC2")
        #expect(alarm.dimensions == [Dimension("AutoScalingGroupName", "erato-web-asg")])
        #expect(alarm.statistic == "Average")
        #expect(alarm.period == 60)
        #expect(alarm.evaluationPeriods == 3)
        #expect(alarm.datapointsToAlarm == 2)
        #expect(alarm.threshold == 80)  // var.cpu_threshold's default
        #expect(alarm.comparison == .greaterThanOrEqualToThreshold)
        #expect(alarm.treatMissingData == .missing)
    }

    @Test func percentileAlarmWithLowSampleCountSetting() throws {
        let loaded = try Self.load("erato.tf")
        let alarm = try #require(loaded.definitions.last)
        #expect(alarm.name == "erato-p99-latency")
        #expect(alarm.statistic == "p99")
        #expect(alarm.threshold == 1.5)
        #expect(alarm.evaluationPeriods == 5)
        #expect(alarm.datapointsToAlarm == 3)
        #expect(alarm.treatMissingData == .ignore)
        #expect(alarm.evaluateLowSampleCountPercentile == .ignore)
        #expect(alarm.dimensions == [Dimension("LoadBalancer", "aws_lb.erato.arn_suffix")])
        #expect(loaded.unresolvedDimensions["erato-p99-latency"] == ["LoadBalancer"])
    }

    @Test func metricMathAlarmIsSkippedWithANote() throws {
        let loaded = try Self.load("erato.tf")
        let path = AlarmDefinitionFixtures.path("erato.tf")
        #expect(loaded.notes == [
            "\(path):133: aws_cloudwatch_metric_alarm.erato_5xx_rate (\"erato-5xx-rate\") skipped: uses metric_query "
                + "(metric math); the preview evaluates single-metric alarms only",
        ])
    }

    @Test func targetTrackingPoliciesBecomeTargetLines() throws {
        let loaded = try Self.load("erato.tf")
        #expect(loaded.targets == [
            TargetLine(metric: .cpu, value: 70, label: "erato-cpu-target-tracking"),
            TargetLine(metric: .requestsPerTarget, value: 1000, label: "erato-requests-per-target"),
        ])
    }

    @Test func unresolvedDimensionsMatchAnyValue() throws {
        let loaded = try Self.load("erato.tf")
        let alarm = try #require(loaded.definitions.first)
        let key = MetricKey(namespace: "AWS/ApplicationELB", name: "UnHealthyHostCount", statistic: "Maximum",
                            dimensions: [Dimension("LoadBalancer", "app/erato-alb/50dc6c495c0c9188"),
                                         Dimension("TargetGroup", "targetgroup/erato-web/943f017f100becff")])
        #expect(loaded.matches(alarm, key))
        let perZone = MetricKey(namespace: key.namespace, name: key.name, statistic: "Maximum",
                                dimensions: key.dimensions + [Dimension("AvailabilityZone", "us-east-1a")])
        #expect(!loaded.matches(alarm, perZone))
        let cpu = try #require(loaded.definitions.dropFirst().first)
        let otherGroup = MetricKey(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average",
                                   dimensions: [Dimension("AutoScalingGroupName", "other-asg")])
        #expect(!loaded.matches(cpu, otherGroup))
        #expect(loaded.matches(cpu, MetricKey(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average",
                                              dimensions: [Dimension("AutoScalingGroupName", "erato-web-asg")])))
    }

    @Test func moduleDirectorySharesVariablesAndNotesUnknownOnes() throws {
        let loaded = try Self.load("module")
        let unhealthy = try #require(loaded.definitions.first)
        #expect(loaded.definitions.count == 1)
        #expect(unhealthy.threshold == 1)
        #expect(unhealthy.dimensions == [Dimension("LoadBalancer", "var.alb_arn_suffix")])
        #expect(loaded.unresolvedDimensions["erato-unhealthy"] == ["LoadBalancer"])
        let main = AlarmDefinitionFixtures.path("module/main.tf")
        #expect(loaded.notes == [
            "\(main):15: aws_cloudwatch_metric_alarm.latency (\"erato-latency\") skipped: threshold = "
                + "var.latency_threshold is not known without running Terraform",
        ])
    }

    // MARK: Syntax errors, with file:line:column

    @Test func unterminatedString() {
        let path = AlarmDefinitionFixtures.path("bad-unterminated-string.tf")
        #expect(throws: InputError(file: path, line: 2, column: 25,
                                             message: "unterminated string: no closing '\"' before the end of the line")) {
            try AlarmDefinitionLoader.load(path: path)
        }
    }

    @Test func missingBrace() {
        let path = AlarmDefinitionFixtures.path("bad-missing-brace.tf")
        #expect(throws: InputError(
            file: path, line: 14, column: 1,
            message: "'resource' block inside resource \"aws_cloudwatch_metric_alarm\" \"unhealthy\" block opened at 1:52: "
                + "is a '}' missing above?")) {
            try AlarmDefinitionLoader.load(path: path)
        }
    }

    @Test func strayToken() {
        let path = AlarmDefinitionFixtures.path("bad-stray-token.tf")
        #expect(throws: InputError(file: path, line: 7, column: 28,
                                             message: "expected a new line after the value of 'period', found number 60")) {
            try AlarmDefinitionLoader.load(path: path)
        }
    }

    @Test func missingEquals() {
        let path = AlarmDefinitionFixtures.path("bad-missing-equals.tf")
        let error = #expect(throws: InputError.self) { try AlarmDefinitionLoader.load(path: path) }
        #expect(error?.description == "\(path):12:14: expected '=' or '{' after 'threshold', found number 80")
    }

    @Test func unclosedBlockAtEndOfFile() {
        #expect(Self.failure("resource \"aws_cloudwatch_metric_alarm\" \"a\" {\n  period = 60\n")
            == "alarms.tf:1:44: missing '}': resource \"aws_cloudwatch_metric_alarm\" \"a\" block opened here is not "
            + "closed by the end of the file")
    }

    @Test func otherSyntaxErrors() {
        #expect(Self.failure("}\n") == "alarms.tf:1:1: unexpected '}': no block is open")
        #expect(Self.failure("locals {\n  a = \"x\\q\"\n}\n") == "alarms.tf:2:9: invalid escape \"\\\\q\" in string")
        #expect(Self.failure("locals {\n  a = <<EOF\nnever ends\n}\n")
            == "alarms.tf:2:7: unterminated heredoc: no line with only EOF ends it")
        #expect(Self.failure("/* open\ncomment\n") == "alarms.tf:1:1: unterminated /* comment")
        #expect(Self.failure("locals {\n  a = [1, 2\n}\n") == "alarms.tf:3:1: expected ',' or ']', found '}'")
        #expect(Self.failure("locals {\n  a = @\n}\n") == "alarms.tf:2:7: unexpected character \"@\"")
        #expect(Self.failure("locals {\n  a =\n}\n") == "alarms.tf:2:6: expected a value, found end of line")
        #expect(Self.failure("locals {\n  a = \"${var.x\"\n}\n")
            == "alarms.tf:2:8: unterminated interpolation: no closing '}' for '${'")
    }

    // MARK: Values

    @Test func expressionsAreKeptAsText() throws {
        let text = """
        locals {
          a = length(var.azs) > 2 ? "multi" : "single"
        }
        resource "aws_cloudwatch_metric_alarm" "x" {
          alarm_name          = "x"
          namespace           = "Custom/Erato"
          metric_name         = "QueueDepth"
          statistic           = "Sum"
          period              = 60
          evaluation_periods  = 1
          threshold           = -5
          comparison_operator = "LessThanThreshold"
          count               = var.enabled ? 1 : 0
          dimensions = {
            Queue   = aws_sqs_queue.jobs[0].name
            Shard   = "shard-${count.index}"
            Mode    = local.a
            Weight  = 3
            "Quoted Key" = upper("x")
          }
          tags = { for k, v in var.tags : k => v if v != "" }
        }
        """
        let loaded = try TerraformAlarms.load(files: [("x.tf", text)])
        let alarm = try #require(loaded.definitions.first)
        #expect(alarm.threshold == -5)
        #expect(alarm.dimensions == [
            Dimension("Mode", "local.a"),  // a local that is an expression stays the reference
            Dimension("Queue", "aws_sqs_queue.jobs[0].name"),
            Dimension("Quoted Key", "upper(\"x\")"),
            Dimension("Shard", "shard-${count.index}"),
            Dimension("Weight", "3"),
        ])
        #expect(loaded.unresolvedDimensions["x"] == ["Mode", "Queue", "Quoted Key", "Shard"])
        #expect(loaded.notes == ["x.tf:4: aws_cloudwatch_metric_alarm.x (\"x\") uses count/for_each: loaded once, as written"])
    }

    @Test func heredocsAndEscapes() throws {
        let text = """
        variable "name" {
          default = "tab\\there \\"quoted\\" \\u00e9 $${literal}"
        }
        resource "aws_cloudwatch_metric_alarm" "x" {
          alarm_name = var.name
          alarm_description = <<EOT
          kept as is ${var.name}
        EOT
          namespace = "AWS/EC2"  # trailing comment
          metric_name = "CPUUtilization" // another
          statistic = "Maximum" /* inline */
          period = 1e2 * 3
          evaluation_periods = 1
          threshold = 1
          comparison_operator = "GreaterThanThreshold"
        }
        """
        let loaded = try TerraformAlarms.load(files: [("x.tf", text)])
        // period = 1e2 * 3 is an expression: not evaluated.
        #expect(loaded.definitions.isEmpty)
        #expect(loaded.notes == [
            "x.tf:4: aws_cloudwatch_metric_alarm.x (\"tab\\there \\\"quoted\\\" é ${literal}\") skipped: period = 1e2 * 3 "
                + "is not known without running Terraform",
        ])
    }

    // MARK: Validation

    static let valid = """
    resource "aws_cloudwatch_metric_alarm" "cpu" {
      alarm_name          = "cpu"
      namespace           = "AWS/EC2"
      metric_name         = "CPUUtilization"
      statistic           = "Average"
      period              = 60
      evaluation_periods  = 3
      threshold           = 80
      comparison_operator = "GreaterThanThreshold"
    }
    """

    static func replacing(_ line: String, with replacement: String) -> String {
        valid.replacingOccurrences(of: line, with: replacement)
    }

    @Test func validationErrorsNameTheAttribute() {
        #expect(Self.failure(Self.replacing("period              = 60", with: "period = 45"))
            == "alarms.tf:6:3: aws_cloudwatch_metric_alarm.cpu: period 45 must be 10, 30 or a multiple of 60 seconds")
        #expect(Self.failure(Self.replacing("evaluation_periods  = 3", with: "evaluation_periods = 3\n  datapoints_to_alarm = 4"))
            == "alarms.tf:8:3: aws_cloudwatch_metric_alarm.cpu: datapoints_to_alarm 4 must be between 1 and "
            + "evaluation_periods (3)")
        #expect(Self.failure(Self.replacing("statistic           = \"Average\"", with: "statistic = \"average\""))
            == "alarms.tf:5:3: aws_cloudwatch_metric_alarm.cpu: statistic \"average\" is not one of SampleCount, "
            + "Average, Sum, Minimum, Maximum or a percentile like p99 (did you mean Average?)")
        #expect(Self.failure(Self.replacing("threshold           = 80", with: "threshold = \"high\""))
            == "alarms.tf:8:3: aws_cloudwatch_metric_alarm.cpu: threshold: expected a number, got \"high\"")
        #expect(Self.failure(Self.replacing("threshold           = 80\n", with: ""))
            == "alarms.tf:1:1: aws_cloudwatch_metric_alarm.cpu: missing threshold")
        #expect(Self.failure(Self.replacing("period              = 60", with: "period = [60]"))
            == "alarms.tf:6:3: aws_cloudwatch_metric_alarm.cpu: period: expected a number, got [60]")
        #expect(Self.failure(Self.replacing("statistic           = \"Average\"",
                                            with: "statistic = \"Average\"\n  extended_statistic = \"p90\""))
            == "alarms.tf:6:3: aws_cloudwatch_metric_alarm.cpu: set statistic or extended_statistic, not both")
        #expect(Self.failure(Self.replacing("evaluation_periods  = 3", with: "evaluation_periods = 2.5"))
            == "alarms.tf:7:3: aws_cloudwatch_metric_alarm.cpu: evaluation_periods: expected a whole number, got 2.5")
    }

    @Test func highResolutionPeriodsAndSymbols() throws {
        let loaded = try TerraformAlarms.load(files: [("a.tf", Self.replacing("period              = 60", with: "period = 10"))])
        #expect(loaded.definitions.first?.period == 10)
    }

    @Test func unsupportedAlarmsAreNoted() throws {
        let anomaly = Self.replacing("comparison_operator = \"GreaterThanThreshold\"",
                                     with: "comparison_operator = \"GreaterThanUpperThreshold\"")
        let trimmed = Self.replacing("statistic           = \"Average\"", with: "extended_statistic = \"tm99\"")
        let loaded = try TerraformAlarms.load(files: [("a.tf", anomaly), ("b.tf", trimmed)])
        #expect(loaded.definitions.isEmpty)
        #expect(loaded.notes == [
            "a.tf:1: aws_cloudwatch_metric_alarm.cpu (\"cpu\") skipped: comparison_operator GreaterThanUpperThreshold "
                + "is an anomaly-detection band, which the preview cannot evaluate",
            "b.tf:1: aws_cloudwatch_metric_alarm.cpu (\"cpu\") skipped: extended_statistic \"tm99\" is not supported "
                + "(the preview evaluates SampleCount, Average, Sum, Minimum, Maximum and percentiles pNN)",
        ])
    }
}
