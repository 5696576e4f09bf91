/// What a terminal too small for the dashboard shows: the size needed and the size now.
struct TooSmallScreen: Widget {
    var need: (width: Int, height: Int)
    var have: (width: Int, height: Int)
    var quitKey: String
    var theme: Theme

    func render(_ area: Rect, into canvas: inout Canvas) {
        let lines = ["enlarge to \(need.width)×\(need.height)", "now \(have.width)×\(have.height) · \(quitKey) quits"]
        let style = theme.style(.warning).adding(.bold)
        for (i, text) in lines.enumerated() {
            let y = area.y + area.height / 2 - 1 + i
            let x = area.x + max(0, (area.width - text.count) / 2)
            canvas.write(text, x: x, y: y, style: i == 0 ? style : theme.style(.label))
        }
    }
}
