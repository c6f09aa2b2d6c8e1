/// A value as a template sees it. View models hand these out through switches
/// the `@TemplateFields` macro writes, so a lookup is a jump on a hash computed
/// when the template was compiled instead of the dynamic casts that made
/// swift-mustache most of a build.
public enum TemplateValue {
    /// Nothing here: the lookup goes on up the context stack, as a nil
    /// optional does in Mustache.
    case null
    case text(String)
    case number(Int)
    case bool(Bool)
    case list(TemplateListBox)
    case object(TemplateObjectBox)
}

/// Objects and lists travel in a class box: copying a value is then one
/// retain, where an existential payload made every copy (every level of the
/// context stack, at every lookup) go through generic value witnesses.
public final class TemplateObjectBox {
    @usableFromInline let object: any TemplateObject
    @inlinable public init(_ object: any TemplateObject) { self.object = object }
}

public final class TemplateListBox {
    @usableFromInline let list: any TemplateList
    /// Read once: the renderer asks for it at every element.
    @usableFromInline let count: Int
    @inlinable public init(_ list: any TemplateList) {
        self.list = list
        count = list.count
    }
}

/// A view model whose fields templates read by name. Written by `@TemplateFields`
/// (Macros.swift) from the type's stored properties, by hand only for the odd
/// object whose names are data (`TemplateTable`, a dictionary, a locked page).
public protocol TemplateObject: TemplateConvertible {
    func templateValue(_ name: TemplateName) -> TemplateValue
}

public protocol TemplateList {
    var count: Int { get }
    func templateElement(_ index: Int) -> TemplateValue
}

public protocol TemplateConvertible {
    var templateValue: TemplateValue { get }
}

/// A name written in a template, resolved once when the template is compiled:
/// its text and the FNV-1a hash of its UTF-8 bytes. A view model's lookup
/// (written by `@TemplateFields`, which computes the same hash of each field's
/// name when it expands) switches on `hash`, then compares `text`, so a
/// collision can never return another field.
public struct TemplateName: Sendable, Hashable {
    public let hash: UInt64
    public let text: String

    public init(_ text: String) {
        self.text = text
        self.hash = Self.hash(text)
    }

    /// 64-bit FNV-1a. The macro (TutoratMustacheMacros) has its own copy, and a
    /// test checks that both give the same numbers.
    public static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}

// Inlinable: view models are in another module, and the copy of a struct into
// its box is much cheaper specialized for its type than through an existential.
extension TemplateObject {
    @inlinable public var templateValue: TemplateValue { .object(TemplateObjectBox(self)) }
}

extension String: TemplateConvertible {
    @inlinable public var templateValue: TemplateValue { .text(self) }
}

extension Int: TemplateConvertible {
    @inlinable public var templateValue: TemplateValue { .number(self) }
}

extension Bool: TemplateConvertible {
    @inlinable public var templateValue: TemplateValue { .bool(self) }
}

extension Optional: TemplateConvertible where Wrapped: TemplateConvertible {
    @inlinable public var templateValue: TemplateValue { self?.templateValue ?? .null }
}

extension Array: TemplateList, TemplateConvertible where Element: TemplateConvertible {
    @inlinable public func templateElement(_ index: Int) -> TemplateValue { self[index].templateValue }
    @inlinable public var templateValue: TemplateValue { .list(TemplateListBox(self)) }
}

/// A table of texts read by any name where speed does not matter (the edit
/// forms' words); pages read theirs through `TemplateTable`.
extension Dictionary: TemplateObject, TemplateConvertible where Key == String, Value: TemplateConvertible {
    public func templateValue(_ name: TemplateName) -> TemplateValue { self[name.text]?.templateValue ?? .null }
}

/// A list read backwards, for the `reversed` transform.
struct ReversedTemplateList: TemplateList {
    let base: any TemplateList
    var count: Int { base.count }
    func templateElement(_ index: Int) -> TemplateValue { base.templateElement(base.count - 1 - index) }
}
