import FleetCore
import Foundation

/// The committed aws CLI outputs in `Tests/Fixtures/cloudwatch` (see its README.md) and what they hold.
public enum CWFixture {
    public static let directory = FixtureFiles.url("cloudwatch")

    public static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The load balancer the fixtures' ALB metrics name.
    public static let lb = "app/erato-backend-alb/50dc6c495c0c9188"

    public static func albKey(_ name: String, _ stat: String, zone: String) -> MetricKey {
        MetricKey(namespace: "AWS/ApplicationELB", name: name, statistic: stat,
                  dimensions: [FleetCore.Dimension("LoadBalancer", lb), FleetCore.Dimension("AvailabilityZone", zone)])
    }

    public static let fleetCPU = MetricKey(namespace: "AWS/EC2", name: "CPUUtilization", statistic: "Average",
                                           dimensions: [FleetCore.Dimension("AutoScalingGroupName", "erato-backend-asg")])

    /// 2025-06-01T12:00:00Z, the first datapoint of the metric fixtures.
    public static let t0 = Date(timeIntervalSince1970: 1_748_779_200)

    public static func minute(_ m: Int) -> Date { t0.addingTimeInterval(Double(m) * 60) }
}
