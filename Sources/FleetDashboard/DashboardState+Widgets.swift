import FleetCore

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
                         paused: isPaused, look: look)
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

    var tooSmallScreen: TooSmallScreen {
        TooSmallScreen(need: Self.minimumSize, have: (width, height),
                       quitKey: keyMap.keys(for: .quit).first?.longName ?? "q", theme: theme)
    }

    func panelContext(_ panel: PanelID) -> PanelContext {
        PanelContext(start: windowStart, end: windowEnd, focused: panel == focus, look: look)
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
            return InstancesPanel(instances: fleet.instances, zones: zones, focused: panel == focus, look: look)
        }
    }
}
