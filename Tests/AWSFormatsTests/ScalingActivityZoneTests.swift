import AWSFormats
import Foundation
import Testing

/// An activity's zone is read from `Details` once, when it is set, by the JSON reader.
struct ScalingActivityZoneTests {
    @Test("Details' Availability Zone, from the initialiser and when Details is set; text that is not JSON gives none")
    func zone() {
        var record = ScalingActivityRecord(activityId: "a", cause: "c", startTime: Date(timeIntervalSince1970: 0),
                                           statusCode: "Successful",
                                           details: #"{"Subnet ID":"subnet-1","Availability Zone":"us-west-2b"}"#)
        #expect(record.zone == "us-west-2b")
        record.details = #"{"Availability Zone":"eu-west-1a"}"#
        #expect(record.zone == "eu-west-1a")
        record.details = "not json"
        #expect(record.zone == nil)
        record.details = nil
        #expect(record.zone == nil)
    }
}
