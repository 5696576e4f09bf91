import Benchmark
import FleetCore
import FleetDashboard
import Foundation

func pictureBenchmarks() {
    // Budget: a 200×60 frame to SVG under 20 ms, the file under 300 KB.
    Benchmark("Frame to SVG 200x60 (all panels full)") { benchmark in
        let frame = busyDashboard().view()
        let picture = CanvasPicture(canvas: frame, colors: PictureColors(theme: BuiltinThemes.all[0]))
        let bytes = picture.svg().utf8.count
        precondition(bytes < 300_000, "a 200×60 SVG frame must stay under 300 KB, got \(bytes) bytes")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(picture.svg())
        }
    }

    Benchmark("Frame to HTML 200x60 (all panels full)") { benchmark in
        let frame = busyDashboard().view()
        let picture = CanvasPicture(canvas: frame, colors: PictureColors(theme: BuiltinThemes.all[0]))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(picture.html())
        }
    }
}
