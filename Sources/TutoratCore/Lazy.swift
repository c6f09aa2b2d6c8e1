import Foundation

/// A value computed on first use, once, whichever thread asks first; the
/// others wait for it. For what a build may need or not (the automaton of
/// people's names): a live rebuild that never asks pays nothing.
package final class Lazy<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var make: (@Sendable () -> Value)?
    private var stored: Value?

    package init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    package var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let value = make!()
        stored = value
        make = nil
        return value
    }
}
