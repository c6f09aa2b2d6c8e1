import Dispatch

/// Maps over a collection on every core, keeping the order of the input. Each
/// slot of the result is written by exactly one iteration, so no lock is needed.
package func parallelMap<T, R>(_ items: [T], chunkSize: Int = 16, _ transform: (T) -> R) -> [R] {
    if items.isEmpty { return [] }
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    let slots = SendableBuffer(results)
    let chunks = (items.count + chunkSize - 1) / chunkSize
    withoutActuallyEscaping(transform) { transform in
        let work = UncheckedBox(transform)
        let input = UncheckedBox(items)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * chunkSize
            for index in start..<min(start + chunkSize, input.value.count) {
                slots.buffer[index] = work.value(input.value[index])
            }
        }
    }
    return results.map { $0! }
}

private struct SendableBuffer<R>: @unchecked Sendable {
    package let buffer: UnsafeMutableBufferPointer<R?>
    package init(_ buffer: UnsafeMutableBufferPointer<R?>) { self.buffer = buffer }
}

private struct UncheckedBox<V>: @unchecked Sendable {
    package let value: V
    package init(_ value: V) { self.value = value }
}
