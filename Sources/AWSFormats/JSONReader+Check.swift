import FleetCore

extension CloudWatchFiles {
    /// Reads `bytes` as one JSON value and nothing after it, keeping nothing: the grammar every decoder
    /// shares (the JSON fuzz target; a quick "is this JSON" check).
    public static func checkJSON(_ bytes: [UInt8], file: String) throws(InputError) {
        try withJSONReader(bytes, file: file) { (r: inout JSONReader) throws(InputError) in
            try r.skipValue()
            guard r.atEnd() else { throw r.syntaxError("more after the JSON value") }
        }
    }
}
