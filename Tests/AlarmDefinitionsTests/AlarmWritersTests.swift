import FleetCore
@testable import AlarmDefinitions
import Testing

@Suite("Alarm definition writers")
struct AlarmWritersTests {
    static let definition = AlarmDefinition(
        name: "erato-health-check-failures", namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount",
        dimensions: [Dimension("LoadBalancer", "app/erato-backend-alb/50dc6c495c0c9188")],
        statistic: "Maximum", period: 300, evaluationPeriods: 2, datapointsToAlarm: 2, threshold: 2,
        comparison: .greaterThanThreshold, treatMissingData: .missing)

    @Test("Terraform: an aws_cloudwatch_metric_alarm block")
    func terraform() {
        let text = Self.definition.terraform
        #expect(text.hasPrefix("resource \"aws_cloudwatch_metric_alarm\" \"erato_health_check_failures\" {\n"))
        #expect(text.contains("  threshold           = 2\n"))
        #expect(text.contains("    LoadBalancer = \"app/erato-backend-alb/50dc6c495c0c9188\"\n"))
    }

    @Test("put-metric-alarm: one command line, with the warning about actions")
    func putMetricAlarm() {
        #expect(Self.definition.putMetricAlarmCommand == "# put-metric-alarm replaces the alarm: add its --alarm-actions / --ok-actions back\naws cloudwatch put-metric-alarm --alarm-name erato-health-check-failures --namespace AWS/ApplicationELB --metric-name UnHealthyHostCount --statistic Maximum --period 300 --evaluation-periods 2 --datapoints-to-alarm 2 --threshold 2 --comparison-operator GreaterThanThreshold --treat-missing-data missing --dimensions Name=LoadBalancer,Value=app/erato-backend-alb/50dc6c495c0c9188")
    }

    @Test("shell quoting and HCL escaping of odd names")
    func quoting() {
        #expect(shellQuoted("it's") == "'it'\\''s'")
        #expect(shellQuoted("plain-name_1") == "plain-name_1")
        #expect(quoted("a\"b${c}") == "\"a\\\"b$${c}\"")
    }
}
