import FleetCore

/// What `DashboardState.update` asks of the loop that runs it. The state never queues work for
/// the loop: every effect comes back from the `update` call that caused it.
public enum DashboardEffect: Sendable, Hashable {
    /// Leave the dashboard (exit status 0).
    case quit
    /// Apply this command to the replay clock, then hand back the new ``ReplayStatus`` and fleet.
    case replay(ReplayCommand)
    /// The user asked to take this alarm definition away (`w` in the alarm preview): the loop
    /// writes it as Terraform and as a put-metric-alarm command when the dashboard exits.
    case export(AlarmDefinition)
    /// With ``export(_:)`` (`w` in the alarm preview): the preview as an SVG chart (the alarm as
    /// defined above the edited one), for the loop to write as `fileName` beside the exported text.
    case writeChart(fileName: String, svg: String)
    /// `w` in the scaling view: the loop writes this policy, as edited, as a Terraform
    /// `aws_autoscaling_policy` block of `group` (printed when the dashboard exits), after `notes` as comments
    /// (the what-ifs that are not the policy's: the group's limits, an assumption).
    case exportScaling(ScalingPolicy, group: String, notes: [String])
    /// An alarm of a fleet went to ALARM (``AlarmStatus/raised(from:to:)``): the loop performs the
    /// configuration's `on_alarm:` (the bell, a command) for live data; a replay's are dropped.
    case alarmRaised(fleet: String, alarm: String)
}
