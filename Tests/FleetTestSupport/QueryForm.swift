import Foundation

/// The fields of a Query-protocol request body (`Action=…&Version=…`), percent-decoded: what a
/// scripted AWS answer looks at.
public func queryForm(_ body: [UInt8]) -> [String: String] {
    var form: [String: String] = [:]
    for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
        let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
        form[kv[0]] = kv.count > 1 ? kv[1] : ""
    }
    return form
}
