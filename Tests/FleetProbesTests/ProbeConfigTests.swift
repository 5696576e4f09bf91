import FleetCore
import FleetSources
import FleetTestSupport
import Foundation
@testable import FleetProbes
import ProbeTargets
import Testing

@Suite("Probe targets: file format, AWS CLI output, config")
struct ProbeConfigTests {
    static let fixtures = FixtureFiles.url("probe")

    func parse(_ text: String) throws -> [ProbeTarget] {
        try ProbeTargetsFile.parse(text, file: "targets.yaml")
    }

    func error(_ text: String) -> String? {
        errorLine(InputError.self) { try parse(text) }
    }

    @Test("defaults, host and url targets, per-target overrides")
    func complete() throws {
        let targets = try parse("""
            defaults:
              port: 8080
              interval: 10s
              timeout: 2s
              matcher: "200-299"
            targets:
              - {id: i-01, zone: us-east-1a, host: 10.0.1.15}
              - {id: i-02, zone: us-east-1b, host: 10.0.2.27, path: /ready, healthy_threshold: 5}
              - id: canary
                zone: us-east-1c
                url: "https://10.0.3.9:8443/healthz?deep=1"
                insecure: true
              - {id: v6, zone: us-east-1c, host: "::1", protocol: https}
            """)
        #expect(targets.map(\.url) == ["http://10.0.1.15:8080/health", "http://10.0.2.27:8080/ready",
                                       "https://10.0.3.9:8443/healthz?deep=1", "https://[::1]:8080/health"])
        #expect(targets[0].settings.interval == 10 && targets[0].settings.timeout == 2)
        #expect(targets[0].settings.matcher.matches(204) && !targets[0].settings.matcher.matches(302))
        #expect(targets[0].settings.healthyThreshold == 3 && targets[1].settings.healthyThreshold == 5)
        #expect(targets[2].settings.insecure && !targets[0].settings.insecure)
        #expect(targets[2].settings.protocol == .https && targets[2].settings.port == 8443)
        #expect(targets.map(\.zone) == ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1c"])
    }

    @Test("with no defaults, the ALB's: GET /health on 80 over HTTP, 30 s, 5 s, 3/3, 200")
    func albDefaults() throws {
        let t = try parse("targets: [{id: a, zone: z, host: 10.0.0.1}]")[0]
        #expect(t.url == "http://10.0.0.1:80/health")
        #expect(t.settings == .alb)
        #expect(t.settings.interval == 30 && t.settings.timeout == 5)
        #expect(t.settings.healthyThreshold == 3 && t.settings.unhealthyThreshold == 3)
        #expect(t.settings.matcher.description == "200" && !t.settings.insecure)
    }

    @Test("errors name file, line and key", arguments: [
        ("targets:\n  - {id: a, zone: z}\n", "targets.yaml:2: targets[0]: a target needs a `host` or a `url`"),
        ("targets:\n  - {id: a, zone: z, host: h, url: 'http://h/'}\n",
         "targets.yaml:2: targets[0].url: give a `host` or a `url`, not both"),
        ("targets:\n  - {zone: z, host: h}\n", "targets.yaml:2: targets[0].id: required key is missing"),
        ("defaults:\n  port: 99999\ntargets: [{id: a, zone: z, host: h}]\n",
         "targets.yaml:2: defaults.port: expected a number from 1 to 65535, got 99999"),
        ("defaults:\n  matcher: 2xx\ntargets: [{id: a, zone: z, host: h}]\n",
         "targets.yaml:2: defaults.matcher: matcher '2xx' is not a code or a range like 200-299"),
        ("defaults:\n  protocol: TCP\ntargets: [{id: a, zone: z, host: h}]\n",
         "targets.yaml:2: defaults.protocol: expected HTTP or HTTPS, got \"TCP\""),
        ("defaults:\n  timeout: 30s\ntargets: [{id: a, zone: z, host: h}]\n",
         "targets.yaml:2: defaults.timeout: the timeout (30s) must be shorter than the interval (30s)"),
        ("defaults:\n  insecure: maybe\ntargets: [{id: a, zone: z, host: h}]\n",
         "targets.yaml:2: defaults.insecure: expected true or false, got \"maybe\""),
        ("targets:\n  - {id: a, zone: z, host: h}\n  - {id: a, zone: z, host: h2}\n",
         "targets.yaml:3: targets[1].id: two targets have the id 'a'"),
        ("targets:\n  - {id: a, zone: z, url: 'ftp://h/x'}\n",
         "targets.yaml:2: targets[0].url: expected an http:// or https:// url with a host, got \"ftp://h/x\""),
        ("targets:\n  - {id: a, zone: z, url: 'http://h/x', port: 81}\n",
         "targets.yaml:2: targets[0].port: not allowed here: it comes from the url"),
        ("targets:\n  - {id: a, zone: z, host: h, colour: red}\n",
         "targets.yaml:2: targets[0].colour: unknown key (known here: healthy_threshold, host, id, insecure, interval, matcher, path, port, protocol, timeout, unhealthy_threshold, url, zone)"),
        ("targets: []\n", "targets.yaml:1: targets: at least one target is needed"),
        ("defaults: {}\n", "targets.yaml:1: targets: required key is missing"),
        ("targets: [\n", "targets.yaml:2:1: not valid YAML: while parsing a flow node: did not find expected node content"),
    ])
    func errors(text: String, message: String) {
        #expect(error(text) == message)
    }

    @Test("settings from describe-target-groups, targets from describe-target-health and describe-instances (moto)")
    func awsOutput() throws {
        let files = ProbeTargetSources(
            targetGroup: Self.fixtures.appendingPathComponent("describe-target-groups.json").path,
            targetHealth: Self.fixtures.appendingPathComponent("describe-target-health.json").path,
            instances: Self.fixtures.appendingPathComponent("describe-instances.json").path)
        let targets = try files.load()
        #expect(targets.count == 6)
        #expect(Dictionary(grouping: targets, by: \.zone).mapValues(\.count) == ["us-east-1a": 2, "us-east-1b": 2, "us-east-1c": 2])
        for t in targets {
            #expect(t.id.hasPrefix("i-"))
            // The group checks the traffic port (8080) at /health on each instance's private address.
            #expect(t.url.hasPrefix("http://10.0.") && t.url.hasSuffix(":8080/health"), "\(t.url)")
            #expect(t.settings.interval == 30 && t.settings.timeout == 5)
            #expect(t.settings.healthyThreshold == 3 && t.settings.unhealthyThreshold == 3)
            #expect(t.settings.matcher.description == "200")
        }
        // Without describe-target-health: every running instance.
        let all = try ProbeTargetSources(
            targetGroup: files.targetGroup, instances: files.instances).load()
        #expect(Set(all.map(\.id)) == Set(targets.map(\.id)))
    }

    @Test("target health and instances are read by the AWSFormats decoders: another command's output is refused")
    func awsOutputOfTheWrongKind() throws {
        let instances = Self.fixtures.appendingPathComponent("describe-instances.json").path
        #expect(throws: InputError(file: instances, message: "not the output of `aws elbv2 describe-target-health` (no TargetHealthDescriptions)")) {
            _ = try ProbeTargetSources(targetHealth: instances, instances: instances).load()
        }
        let health = Self.fixtures.appendingPathComponent("describe-target-health.json").path
        #expect(throws: InputError(file: health, message: "not the output of `aws ec2 describe-instances` (no Reservations)")) {
            _ = try ProbeTargetSources(targetHealth: health, instances: health).load()
        }
    }

    @Test("a target file's defaults go over the target group's settings")
    func targetGroupUnderFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probe-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let tg = """
            {"TargetGroups": [{"HealthCheckProtocol": "HTTPS", "HealthCheckPort": "8443", "HealthCheckPath": "/ping",
              "HealthCheckIntervalSeconds": 10, "HealthCheckTimeoutSeconds": 6, "HealthyThresholdCount": 2,
              "UnhealthyThresholdCount": 4, "Matcher": {"HttpCode": "200-399"}, "Port": 80}]}
            """
        try tg.write(to: dir.appendingPathComponent("tg.json"), atomically: true, encoding: .utf8)
        try "defaults: {timeout: 3s}\ntargets: [{id: a, zone: z, host: 10.0.0.1}]\n"
            .write(to: dir.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        let t = try ProbeTargetSources(targets: dir.appendingPathComponent("t.yaml").path,
                                       targetGroup: dir.appendingPathComponent("tg.json").path).load()[0]
        #expect(t.url == "https://10.0.0.1:8443/ping")
        #expect(t.settings.interval == 10 && t.settings.timeout == 3)
        #expect(t.settings.healthyThreshold == 2 && t.settings.unhealthyThreshold == 4)
        #expect(t.settings.matcher.matches(302))

        try #"{"TargetGroups": [{"HealthCheckProtocol": "TCP"}]}"#.write(to: dir.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let bad = dir.appendingPathComponent("bad.json").path
        #expect(throws: InputError(file: bad, path: "TargetGroups[0].HealthCheckProtocol",
                                    message: "fleetwatch checks HTTP and HTTPS target groups, not \"TCP\"")) {
            _ = try AWSTargetImport.settings(targetGroupFile: bad)
        }
    }

    @Test("kind: probe in a configuration file builds a probe source")
    func configKind() throws {
        let registry = SourceRegistry([ProbeSourceKind()])
        let config = try FleetConfig.parse("""
            sources:
              - kind: probe
                target_group: describe-target-groups.json
                target_health: describe-target-health.json
                instances: describe-instances.json
                concurrency: 32
            """, file: "fleetwatch.yaml", baseDirectory: Self.fixtures)
        let context = SourceContext(fleet: .erato, now: Date(), refresh: 1, mockPrefill: 0)
        let scheduled = try registry.make(config.sources[0], context: context)
        let source = try #require(scheduled.source as? ProbeSource)
        #expect(source.targets.count == 6)
        #expect(scheduled.interval == 1)
        #expect(scheduled.staleAfter == 180)

        let bad = try FleetConfig.parse("sources:\n  - kind: probe\n    every: 1s\n",
                                        file: "fleetwatch.yaml", baseDirectory: Self.fixtures)
        #expect(throws: InputError.self) { _ = try registry.make(bad.sources[0], context: context) }
    }
}
