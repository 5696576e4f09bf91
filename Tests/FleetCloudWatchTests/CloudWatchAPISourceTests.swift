import FleetCore
import FleetSources
import Foundation
import Testing
@testable import FleetCloudWatch

/// The source against a scripted AWS (no network): what reaches the FleetUpdate, how many requests.
@Suite("CloudWatch API source with a scripted AWS")
struct CloudWatchAPISourceTests {
    static let lbArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/erato-backend-alb/50dc6c495c0c9188"
    static let tgArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/erato-backend-tg/6d0ecf831eec9f09"
    static let now = Date(timeIntervalSince1970: 1_767_618_030)  // 2026-01-05T13:00:30Z

    /// Answers each operation; GetMetricData in two pages, the second marking one series partial.
    final class ScriptedAWS: @unchecked Sendable {
        let lock = NSLock()
        var operations: [String] = []
        var metricBodies: [[String: Any]] = []

        func operation(_ r: AWSHTTPRequest) -> String {
            if let target = r.header("X-Amz-Target") { return String(target.split(separator: ".").last!) }
            let form = String(decoding: r.body, as: UTF8.self)
            return form.split(separator: "&").first { $0.hasPrefix("Action=") }.map { String($0.dropFirst(7)) } ?? "?"
        }

        func answer(_ r: AWSHTTPRequest) throws -> AWSHTTPResponse {
            let op = operation(r)
            lock.withLock { operations.append(op) }
            #expect(r.header("Authorization")?.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDTEST/") == true)
            func xml(_ s: String) -> AWSHTTPResponse { AWSHTTPResponse(status: 200, body: Array(s.utf8)) }
            func json(_ s: String) -> AWSHTTPResponse { AWSHTTPResponse(status: 200, body: Array(s.utf8)) }
            switch op {
            case "DescribeLoadBalancers":
                return xml("""
                    <DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
                    <DescribeLoadBalancersResult><LoadBalancers><member>
                      <LoadBalancerArn>\(CloudWatchAPISourceTests.lbArn)</LoadBalancerArn><LoadBalancerName>erato-backend-alb</LoadBalancerName>
                      <AvailabilityZones><member><ZoneName>us-east-1a</ZoneName></member><member><ZoneName>us-east-1b</ZoneName></member></AvailabilityZones>
                    </member></LoadBalancers></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>
                    """)
            case "DescribeTargetGroups":
                return xml("""
                    <DescribeTargetGroupsResponse><DescribeTargetGroupsResult><TargetGroups><member>
                    <TargetGroupArn>\(CloudWatchAPISourceTests.tgArn)</TargetGroupArn><TargetGroupName>erato-backend-tg</TargetGroupName>
                    </member></TargetGroups></DescribeTargetGroupsResult></DescribeTargetGroupsResponse>
                    """)
            case "DescribeTargetHealth":
                return xml("""
                    <DescribeTargetHealthResponse><DescribeTargetHealthResult><TargetHealthDescriptions>
                    <member><Target><Id>i-aaa</Id><Port>80</Port></Target><TargetHealth><State>healthy</State></TargetHealth></member>
                    <member><Target><Id>i-bbb</Id><Port>80</Port></Target><TargetHealth><State>unhealthy</State><Reason>Target.Timeout</Reason></TargetHealth></member>
                    </TargetHealthDescriptions></DescribeTargetHealthResult></DescribeTargetHealthResponse>
                    """)
            case "DescribeAutoScalingGroups":
                return xml("""
                    <DescribeAutoScalingGroupsResponse><DescribeAutoScalingGroupsResult><AutoScalingGroups><member>
                    <AutoScalingGroupName>erato-backend-asg</AutoScalingGroupName>
                    <AvailabilityZones><member>us-east-1b</member><member>us-east-1a</member></AvailabilityZones>
                    <Instances>
                    <member><InstanceId>i-aaa</InstanceId><AvailabilityZone>us-east-1a</AvailabilityZone><LifecycleState>InService</LifecycleState><HealthStatus>Healthy</HealthStatus></member>
                    <member><InstanceId>i-bbb</InstanceId><AvailabilityZone>us-east-1b</AvailabilityZone><LifecycleState>InService</LifecycleState><HealthStatus>Healthy</HealthStatus></member>
                    <member><InstanceId>i-ccc</InstanceId><AvailabilityZone>us-east-1b</AvailabilityZone><LifecycleState>Pending:Wait</LifecycleState></member>
                    </Instances><DesiredCapacity>3</DesiredCapacity></member></AutoScalingGroups></DescribeAutoScalingGroupsResult></DescribeAutoScalingGroupsResponse>
                    """)
            case "DescribeAlarms":
                return json("""
                    {"MetricAlarms":[{"AlarmName":"erato-health-check-failures","Namespace":"AWS/ApplicationELB",
                    "MetricName":"UnHealthyHostCount","Dimensions":[{"Name":"LoadBalancer","Value":"app/erato-backend-alb/50dc6c495c0c9188"}],
                    "Statistic":"Maximum","Period":300,"EvaluationPeriods":2,"Threshold":1.0,"ComparisonOperator":"GreaterThanThreshold",
                    "StateValue":"ALARM","StateReason":"Threshold Crossed","StateUpdatedTimestamp":1767617700.0}]}
                    """)
            case "DescribeScalingActivities":
                return xml("<DescribeScalingActivitiesResponse><DescribeScalingActivitiesResult><Activities/></DescribeScalingActivitiesResult></DescribeScalingActivitiesResponse>")
            case "DescribeInstanceRefreshes":
                return xml("<DescribeInstanceRefreshesResponse><DescribeInstanceRefreshesResult><InstanceRefreshes/></DescribeInstanceRefreshesResult></DescribeInstanceRefreshesResponse>")
            case "DescribeAlarmHistory":
                return json(#"{"AlarmHistoryItems":[]}"#)
            case "GetMetricData":
                let body = try JSONSerialization.jsonObject(with: Data(r.body)) as! [String: Any]
                lock.withLock { metricBodies.append(body) }
                let queries = body["MetricDataQueries"] as! [[String: Any]]
                let ids = queries.map { $0["Id"] as! String }
                if body["NextToken"] == nil {
                    // Page 1: every series, one point at 12:58.
                    let results = ids.map { #"{"Id":"\#($0)","Timestamps":[1767617880],"Values":[10],"StatusCode":"Complete"}"# }
                    return json(#"{"MetricDataResults":[\#(results.joined(separator: ","))],"NextToken":"page2"}"#)
                }
                // Page 2: a second point for the first series (cpu), and the second series partial.
                return json(#"""
                    {"MetricDataResults":[{"Id":"q0","Timestamps":[1767617940],"Values":[42.5],"StatusCode":"Complete"},
                    {"Id":"q1","Timestamps":[],"Values":[],"StatusCode":"PartialData"}],"Messages":[]}
                    """#)
            default:
                return AWSHTTPResponse(status: 400, body: Array(#"{"__type":"UnknownOperationException"}"#.utf8))
            }
        }
    }

    static func source(_ aws: ScriptedAWS, settings: CloudWatchAPISource.Settings? = nil) -> CloudWatchAPISource {
        let transport = FakeTransport { try aws.answer($0) }
        return CloudWatchAPISource(
            settings: settings ?? .init(region: "us-east-1", autoScalingGroup: "erato-backend-asg", loadBalancer: "erato-backend-alb"),
            clients: .init(region: "us-east-1", endpoints: ["monitoring": AWSEndpoint(url: "http://127.0.0.1:9")!,
                                                            "elasticloadbalancing": AWSEndpoint(url: "http://127.0.0.1:9")!,
                                                            "autoscaling": AWSEndpoint(url: "http://127.0.0.1:9")!],
                           transport: transport),
            credentials: { AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "secret") })
    }

    @Test func firstPollDescribesAndFetchesEveryPanelInOneRequest() async throws {
        let aws = ScriptedAWS()
        let source = Self.source(aws)
        let update = try await source.poll(now: Self.now)

        // One GetMetricData request (two pages of it) for every series.
        #expect(aws.operations.filter { $0 == "GetMetricData" }.count == 2)
        let queries = try #require(aws.metricBodies.first?["MetricDataQueries"] as? [[String: Any]])
        // cpu + requests×2 zones + unhealthy×2 + healthy×2 + per-target×2 + target/ELB 5XX and
        // response time p50/p99 ×2 zones + 3 instances' CPU.
        #expect(queries.count == 20)
        #expect(aws.metricBodies.count == 2)
        #expect(aws.metricBodies[1]["NextToken"] as? String == "page2")
        // First window: the last 3 h, on period boundaries.
        let start = try #require(aws.metricBodies[0]["StartTime"] as? Double)
        let end = try #require(aws.metricBodies[0]["EndTime"] as? Double)
        #expect(end == 1_767_618_060)
        #expect(start == 1_767_618_000 - 3 * 3600)

        let cpu = try #require(update.metrics.first { $0.key.name == "CPUUtilization" && $0.key.dimension("AutoScalingGroupName") != nil })
        #expect(cpu.points.map(\.value) == [10, 42.5])
        #expect(cpu.key.statistic == "Average")
        let unhealthy = update.metrics.filter { $0.key.name == "UnHealthyHostCount" }
        #expect(unhealthy.count == 2)
        #expect(unhealthy.allSatisfy { $0.key.dimension("TargetGroup") == "targetgroup/erato-backend-tg/6d0ecf831eec9f09" })
        #expect(unhealthy.allSatisfy { $0.key.dimension("LoadBalancer") == "app/erato-backend-alb/50dc6c495c0c9188" })
        #expect(Set(unhealthy.compactMap(\.key.zone)) == ["us-east-1a", "us-east-1b"])

        let instances = try #require(update.instances)
        #expect(instances.count == 3)
        let bbb = try #require(instances.first { $0.id == "i-bbb" })
        #expect(bbb.health == .unhealthy)
        #expect(bbb.reason == "Target.Timeout")
        #expect(bbb.cpu == 10)
        #expect(instances.first { $0.id == "i-ccc" }?.lifecycle == .pending)
        #expect(instances.first { $0.id == "i-ccc" }?.health == .initial)

        let alarm = try #require(update.alarms?.first)
        #expect(alarm.name == "erato-health-check-failures")
        #expect(alarm.state == .alarm)
        #expect(alarm.definition.threshold == 1)
        #expect(alarm.since == Date(timeIntervalSince1970: 1_767_617_700))

        // The partial series is a warning, not an error.
        #expect(update.status?.detail.contains("warning: partial data for 1 series") == true)
        #expect(update.status?.newestData == Date(timeIntervalSince1970: 1_767_617_940))
    }

    @Test func laterPollsSkipDescribesAndAskOnlyFromTheNewestPointLessTwoPeriods() async throws {
        let aws = ScriptedAWS()
        let source = Self.source(aws)
        _ = try await source.poll(now: Self.now)
        let before = aws.operations.count
        _ = try await source.poll(now: Self.now.addingTimeInterval(30))
        let second = Array(aws.operations[before...])
        #expect(second == ["GetMetricData", "GetMetricData"])
        let start = try #require(aws.metricBodies[2]["StartTime"] as? Double)
        #expect(start == 1_767_617_940 - 120)

        // Once describeEvery (60 s) has passed, the describes run again (not the name lookups).
        let before3 = aws.operations.count
        _ = try await source.poll(now: Self.now.addingTimeInterval(60))
        let third = Set(aws.operations[before3...])
        #expect(third == ["DescribeAutoScalingGroups", "DescribeTargetHealth", "DescribeAlarms", "GetMetricData",
                          "DescribeScalingActivities", "DescribeAlarmHistory", "DescribeInstanceRefreshes"])
    }

    @Test func throttledPollBacksOffBeforeCallingAgain() async throws {
        let calls = Counter()
        let transport = FakeTransport.throttlingGetMetricData(counting: calls)
        let endpoint = AWSEndpoint(url: "http://127.0.0.1:9")!
        let source = CloudWatchAPISource(
            settings: .init(region: "us-east-1", autoScalingGroup: "g", loadBalancer: "lb", instanceCPU: false),
            clients: .init(region: "us-east-1", endpoints: ["monitoring": endpoint, "elasticloadbalancing": endpoint, "autoscaling": endpoint],
                           transport: transport, retry: AWSRetryPolicy(maxAttempts: 2, jitter: { 0 }, sleep: { _ in })),
            credentials: { AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "s") },
            backoff: AWSRetryPolicy(maxAttempts: 1, baseDelay: 60, maxDelay: 900, jitter: { 0.99 }))
        await #expect(throws: AWSAPIError.self) { try await source.poll(now: Self.now) }
        #expect(calls.value == 2)
        // Within the backoff the source does not call at all.
        await #expect(throws: AWSAPIError.self) { try await source.poll(now: Self.now.addingTimeInterval(59)) }
        #expect(calls.value == 2)
        await #expect(throws: AWSAPIError.self) { try await source.poll(now: Self.now.addingTimeInterval(61)) }
        #expect(calls.value == 4)
    }

    @Test func configBuildsTheSourceAndGuardsTheRefreshInterval() throws {
        func make(_ yaml: String) throws -> ScheduledSource {
            let config = try FleetConfig.parse(yaml, file: "cw.yaml", baseDirectory: URL(fileURLWithPath: "/tmp"))
            return try CloudWatchAPISource.scheduled(
                config: config.sources[0],
                context: .init(fleet: config.fleet, now: Self.now, refresh: config.refresh, mockPrefill: 0),
                environment: ["AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "s"])
        }
        let s = try make("sources:\n  - kind: cloudwatch\n    endpoint: http://127.0.0.1:5000\n")
        #expect(s.interval == 60)
        let cw = try #require(s.source as? CloudWatchAPISource)
        #expect(cw.settings.region == "us-east-1")
        #expect(cw.settings.autoScalingGroup == "erato-backend-asg")
        #expect(cw.settings.metrics == CloudWatchAPISource.MetricSpec.panels)

        #expect(throws: InputError.self) { try make("sources:\n  - kind: cloudwatch\n    every: 10s\n") }
        do {
            _ = try make("sources:\n  - kind: cloudwatch\n    every: 10s\n")
        } catch let e as InputError {
            #expect(e.description.hasPrefix("cw.yaml:3: sources[0].every: 10s is shorter than the metric period"))
        }
        let fast = try make("sources:\n  - kind: cloudwatch\n    every: 10s\n    allow_fast_refresh: true\n")
        #expect(fast.interval == 10)
        #expect(throws: InputError.self) { try make("sources:\n  - kind: cloudwatch\n    region: us-east\n") }
        #expect(throws: InputError.self) { try make("sources:\n  - kind: cloudwatch\n    endpoint: ftp://x\n") }
        #expect(throws: InputError.self) { try make("sources:\n  - kind: cloudwatch\n    metrics: [cpu, bogus]\n") }
        let custom = try make("""
            sources:
              - kind: cloudwatch
                auto_scaling_group: arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/web
                metrics:
                  - cpu
                  - {namespace: AWS/ApplicationELB, name: TargetResponseTime, statistic: p99, dimensions: {LoadBalancer: app/x/1}}
            """)
        let c2 = try #require(custom.source as? CloudWatchAPISource)
        #expect(c2.settings.autoScalingGroup == "web")
        #expect(c2.settings.metrics.count == 2)
    }
}
