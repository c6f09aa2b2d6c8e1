import Foundation

/// Timings of the live build on standard error, with TUTORAT_TRACE=1.
public enum Trace {
    public static let enabled = ProcessInfo.processInfo.environment["TUTORAT_TRACE"] == "1"
    package static let start = ContinuousClock.now

    public static func log(_ message: @autoclosure () -> String) {
        guard enabled else { return }
        let elapsed = ContinuousClock.now - start
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        FileHandle.standardError.write(Data("[trace \(micros / 1000).\(String(format: "%03d", micros % 1000)) ms] \(message())\n".utf8))
    }
}

extension Duration {
    package var milliseconds: Int { Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000) }
    package var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
