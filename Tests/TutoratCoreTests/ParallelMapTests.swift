import Synchronization
import Testing
@testable import TutoratCore

@Suite struct ParallelMapTests {
    /// Counts the instances alive, so a test sees what a map keeps.
    final class Tracked: Sendable {
        static let alive = Atomic<Int>(0)
        let value: Int
        init(_ value: Int) {
            self.value = value
            Tracked.alive.add(1, ordering: .relaxed)
        }
        deinit { Tracked.alive.subtract(1, ordering: .relaxed) }
    }

    @Test func keepsTheOrderOfTheInput() {
        let squares = parallelMap(Array(0..<1_000), chunkSize: 7) { $0 * $0 }
        #expect(squares == (0..<1_000).map { $0 * $0 })
        #expect(parallelMap([Int]()) { $0 }.isEmpty)
    }

    @Test func releasesEveryResultWithTheArray() {
        let before = Tracked.alive.load(ordering: .relaxed)
        do {
            let results = parallelMap(Array(0..<500), chunkSize: 3) { [Tracked($0)] }
            #expect(results.count == 500)
            #expect(results.map { $0[0].value } == Array(0..<500))
            #expect(Tracked.alive.load(ordering: .relaxed) == before + 500)
        }
        // A result buffer freed without deinitializing its slots kept all 500.
        #expect(Tracked.alive.load(ordering: .relaxed) == before)
    }
}
