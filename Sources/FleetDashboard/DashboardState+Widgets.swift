import FleetCore
import Foundation

/// The one place widgets are made from the state: each gets only what it shows.
extension DashboardState {
    var look: Look { Look(theme: theme, glyphs: glyphs) }

    var headerBar: HeaderBar {
        let sources = fleet.sources.map { source in
            HeaderBar.SourceLabel(text: (source.detail.isEmpty ? source.name : source.detail)
                                      + " \(Format.duration(source.age(at: now))) ago",
                                  health: source.health)
        }
        var dataAge: Int?
        if let newest = fleet.newestDatapoint, windowEnd < fleet.time {
            dataAge = Int(saturating: fleet.time.timeIntervalSince(newest))
        }
        return HeaderBar(fleetTitle: "\(fleet.fleet.name) · \(fleet.fleet.region)", modeLabel: modeLabel, sources: sources,
                         windowSeconds: windowSeconds, dataAge: dataAge, time: fleet.time, replay: replay,
                         paused: isPaused, look: look, fiveXXRate: fleet.fiveXXRate)
    }

    var alarmStrip: AlarmStrip {
        AlarmStrip(alarms: fleet.alarms, time: fleet.time, theme: theme)
    }

    var statusLine: StatusLine {
        var error: String?
        if let failing = fleet.sources.first(where: { $0.health == .error }), let message = failing.lastError {
            error = "\(failing.name): \(message)"
        }
        return StatusLine(error: error, notice: notice, hints: keyMap.statusHints(for: screenMode), theme: theme)
    }

    var helpOverlay: HelpOverlay {
        HelpOverlay(lines: keyMap.helpRows(for: screenMode), look: look)
    }

    var previewView: PreviewView? {
        preview.map { PreviewView(preview: $0, keyLine: keyMap.previewKeyLine, look: look) }
    }

    var scalingView: ScalingView? {
        scalingWhatIf.map { ScalingView(whatIf: $0, keyLine: keyMap.scalingKeyLine, look: look) }
    }

    var tooSmallScreen: TooSmallScreen {
        TooSmallScreen(need: Self.minimumSize, have: (width, height),
                       quitKey: keyMap.keys(for: .quit).first?.longName ?? "q", theme: theme)
    }

    func panelContext(_ panel: PanelID) -> PanelContext {
        PanelContext(start: windowStart, end: windowEnd, focused: panel == focus, look: look, eventMarks: eventMarks)
    }

    /// The times of the events in the window, for the charts' time axis.
    var eventMarks: [Date] {
        fleet.events.events(from: windowStart, to: windowEnd).map(\.time)
    }

    /// The `e` overlay: as many of the newest events as fit.
    func eventsOverlay(in body: Rect) -> (area: Rect, widget: EventsPanel) {
        let area = body.centered(width: max(20, body.width - 4), height: max(3, body.height - 2))
        let fill = theme.style(.helpFg, on: .helpBg).adding(theme.backgroundAttributes(.helpBg))
        return (area, EventsPanel(events: fleet.events.newestFirst(limit: area.height), total: fleet.events.count,
                                  focused: true, look: look, fill: fill))
    }

    /// The open instance's view, while it is in the fleet.
    var instanceView: InstanceView? {
        guard let instance = openedInstance else { return nil }
        let cpu = fleet.series.values.first {
            $0.key.namespace == "AWS/EC2" && $0.key.name == "CPUUtilization" && $0.key.dimension("InstanceId") == instance.id
        }
        let events = fleet.events.newestFirst(limit: 200, instance: instance.id)
        return InstanceView(instance: instance, cpu: cpu, probe: fleet.series[.probeLatency(instance: instance.id)],
                            p50: fleet.errorSeries(.responseTimeP50, zone: instance.zone),
                            p99: fleet.errorSeries(.responseTimeP99, zone: instance.zone),
                            healthSince: events.first { $0.kind == .health }?.time, events: events,
                            context: PanelContext(start: windowStart, end: windowEnd, focused: true, look: look,
                                                  eventMarks: fleet.events.events(from: windowStart, to: windowEnd)
                                                      .filter { $0.instance == instance.id }.map(\.time)),
                            backKey: keyMap.keys(for: .closeInstance).first?.longName ?? "Esc")
    }

    /// The widget for one of the four panels.
    func panel(_ panel: PanelID) -> any Widget {
        switch panel {
        case .cpu:
            return CPUPanel(series: fleet.panelSeries(.cpu), targets: fleet.targets.filter { $0.metric == .cpu },
                            context: panelContext(.cpu))
        case .requests:
            let zones = fleet.zonesWithSeries(.requests).compactMap { zone in
                fleet.panelSeries(.requests, zone: zone).map { (zone: zone, series: $0) }
            }
            return RequestsPanel(total: fleet.panelSeries(.requests), perTarget: fleet.panelSeries(.requestsPerTarget),
                                 target: fleet.targets.first { $0.metric == .requestsPerTarget }, zones: zones,
                                 stacked: requestsStacked, context: panelContext(.requests))
        case .unhealthy:
            let alarms = fleet.alarms.filter {
                $0.definition.namespace == PanelMetric.unhealthyHosts.namespace
                    && $0.definition.metricName == PanelMetric.unhealthyHosts.metricName
            }
            let zones = fleet.fleet.zones.map { zone in
                (zone: zone, unhealthy: fleet.panelSeries(.unhealthyHosts, zone: zone),
                 healthy: fleet.panelSeries(.healthyHosts, zone: zone))
            }
            return UnhealthyPanel(unhealthy: fleet.panelSeries(.unhealthyHosts), healthy: fleet.panelSeries(.healthyHosts),
                                  alarms: alarms, zones: zones, context: panelContext(.unhealthy))
        case .instances:
            var zones = fleet.fleet.zones
            for i in fleet.instances where !zones.contains(i.zone) { zones.append(i.zone) }
            return InstancesPanel(instances: fleet.instances, zones: zones, focused: panel == focus, look: look,
                                  selected: panel == focus ? cursorInstance?.id : nil)
        case .errors:
            let zones = fleet.fleet.zones.map { zone in
                (zone: zone, p50: fleet.errorSeries(.responseTimeP50, zone: zone), p99: fleet.errorSeries(.responseTimeP99, zone: zone))
            }
            return ErrorsPanel(target5xx: fleet.errorSeries(.target5xx), elb5xx: fleet.errorSeries(.elb5xx), zones: zones,
                               context: panelContext(.errors))
        case .events:
            return EventsPanel(events: fleet.events.newestFirst(limit: max(1, height)), total: fleet.events.count,
                               focused: panel == focus, look: look)
        }
    }
}
