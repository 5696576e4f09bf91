import FleetCore

extension AWSOutputShape {
    public static let describeScalingActivities = AWSOutputShape(command: "aws autoscaling describe-scaling-activities",
                                                                 key: "Activities")
    public static let describeAlarmHistory = AWSOutputShape(command: "aws cloudwatch describe-alarm-history",
                                                            key: "AlarmHistoryItems")
    public static let describeInstanceRefreshes = AWSOutputShape(command: "aws autoscaling describe-instance-refreshes",
                                                                 key: "InstanceRefreshes")
}

extension JSONReader {
    /// Reads `shape`'s output: its one top-level array, each element handed to `element` (other
    /// top-level keys such as `NextToken` are skipped). Refuses a document without that key.
    mutating func readOutputArray(_ shape: AWSOutputShape,
                                  _ element: (inout JSONReader) throws(InputError) -> Void) throws(InputError) {
        try beginOutput(shape)
        var seen = false
        while let k = try nextKey() {
            guard k == shape.key else { try skipValue(); continue }
            seen = true
            if try skipNull() { continue }
            try beginArray()
            while try nextElement() { try element(&self) }
        }
        guard seen else { throw shape.refusal(file: file) }
        guard atEnd() else { throw syntaxError("unexpected data after the JSON document") }
    }
}
