/// Renders compiled templates into bytes. One renderer per page: it owns the
/// output buffer and the context stack, pushed and popped in place.
struct TemplateRenderer {
    let library: [String: CompiledTemplate]
    private(set) var output: [UInt8] = []
    private var stack: [TemplateValue] = []

    /// Where a template is being rendered: the position in the list being
    /// iterated, the indentation of an enclosing standalone partial, and the
    /// blocks a parent template was given.
    struct Scope {
        var position: (first: Bool, last: Bool, index: Int)?
        var indentation: [UInt8] = []
        var overrides: [String: CompiledTemplate]?
    }

    init(library: [String: CompiledTemplate], capacity: Int) {
        self.library = library
        output.reserveCapacity(capacity)
    }

    mutating func render(_ template: CompiledTemplate, object: TemplateValue) {
        stack = [object]
        render(template, Scope())
    }

    private mutating func render(_ template: CompiledTemplate, _ scope: Scope) {
        guard !scope.indentation.isEmpty else {
            for node in template.nodes { render(node, scope) }
            return
        }
        // Inside an indented partial, output that starts a new line gets the
        // indentation, decided node by node as swift-mustache does.
        let start = output.count
        for node in template.nodes {
            let before = output.count
            render(node, scope)
            if output.count > before, before > start, output[before - 1] == 0x0A, !(before - 2 >= start && output[before - 2] == 0x0D) {
                output.insert(contentsOf: scope.indentation, at: before)
            }
        }
    }

    private mutating func render(_ node: TemplateNode, _ scope: Scope) {
        switch node {
        case .text(let bytes):
            output.append(contentsOf: bytes)
        case .variable(let path, let escaped):
            write(value(path, scope), escaped: escaped)
        case .section(let path, let inverted, let body):
            let value = value(path, scope)
            if inverted { renderInverted(value, body, scope) } else { renderSection(value, body, scope) }
        case .partial(let name, let indentation, let overrides):
            guard let template = library[name] else { return }
            var inner = Scope(position: nil, indentation: scope.indentation, overrides: scope.overrides)
            if let indentation { inner.indentation += indentation }
            if let overrides {
                // The outer template's blocks win over the parent's own overrides.
                inner.overrides = scope.overrides?.merging(overrides) { outer, _ in outer } ?? overrides
            }
            render(template, inner)
        case .block(let name, let fallback, let indentation):
            let inner = Scope(position: nil, indentation: scope.indentation + indentation, overrides: scope.overrides)
            render(scope.overrides?[name] ?? fallback, inner)
        case .blockDefinition:
            break
        }
    }

    private mutating func renderSection(_ value: TemplateValue, _ body: CompiledTemplate, _ scope: Scope) {
        switch value {
        case .null:
            return
        case .bool(let flag):
            if flag { render(body, scope) }
        case .list(let list):
            let count = list.count
            var inner = scope
            for index in 0..<count {
                inner.position = (index == 0, index == count - 1, index)
                stack.append(list.templateElement(index))
                render(body, inner)
                stack.removeLast()
            }
        default:
            var inner = scope
            inner.position = nil
            stack.append(value)
            render(body, inner)
            stack.removeLast()
        }
    }

    private mutating func renderInverted(_ value: TemplateValue, _ body: CompiledTemplate, _ scope: Scope) {
        switch value {
        case .null:
            render(body, scope)
        case .bool(let flag):
            if !flag { render(body, scope) }
        case .list(let list):
            guard list.count == 0 else { return }
            var inner = scope
            inner.position = nil
            stack.append(value)
            render(body, inner)
            stack.removeLast()
        default:
            return
        }
    }

    // MARK: Lookup

    private func value(_ path: TemplatePath, _ scope: Scope) -> TemplateValue {
        var value: TemplateValue
        var transforms = path.transforms[...]
        switch path.start {
        case .current:
            value = stack[stack.count - 1]
        case .currentOnly:
            value = descend(stack[stack.count - 1], path.names[...])
        case .position:
            guard let position = scope.position, let first = transforms.popFirst() else { return .null }
            switch first {
            case "first": value = .bool(position.first)
            case "last": value = .bool(position.last)
            case "index": value = .number(position.index)
            case "even": value = .bool(position.index & 1 == 0)
            case "odd": value = .bool(position.index & 1 == 1)
            default: return .null
            }
        case .stack:
            value = .null
            let first = path.names[0]
            for object in stack.reversed() {
                let child = Self.child(object, first)
                if case .null = child { continue }
                value = descend(child, path.names.dropFirst())
                break
            }
        }
        for transform in transforms {
            if case .null = value { return .null }
            value = Self.apply(transform, to: value)
        }
        return value
    }

    private func descend(_ object: TemplateValue, _ names: ArraySlice<TemplateName>) -> TemplateValue {
        var value = object
        for name in names {
            value = Self.child(value, name)
            if case .null = value { return .null }
        }
        return value
    }

    private static func child(_ object: TemplateValue, _ name: TemplateName) -> TemplateValue {
        if case .object(let object) = object { return object.templateValue(name) }
        return .null
    }

    /// swift-mustache's transforms, by the type they apply to.
    private static func apply(_ transform: String, to value: TemplateValue) -> TemplateValue {
        switch value {
        case .list(let list):
            switch transform {
            case "first": return list.count > 0 ? list.templateElement(0) : .null
            case "last": return list.count > 0 ? list.templateElement(list.count - 1) : .null
            case "count": return .number(list.count)
            case "empty": return .bool(list.count == 0)
            case "reversed": return .list(ReversedTemplateList(base: list))
            default: return .null
            }
        case .text(let text):
            switch transform {
            case "empty": return .bool(text.isEmpty)
            case "lowercased": return .text(text.lowercased())
            case "uppercased": return .text(text.uppercased())
            case "reversed": return .text(String(text.reversed()))
            default: return .null
            }
        case .number(let number):
            switch transform {
            case "equalzero": return .bool(number == 0)
            case "plusone": return .number(number + 1)
            case "minusone": return .number(number - 1)
            case "even": return .bool(number & 1 == 0)
            case "odd": return .bool(number & 1 == 1)
            default: return .null
            }
        default:
            return .null
        }
    }

    // MARK: Output

    private mutating func write(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let text):
            if escaped { appendEscaped(text) } else { output.append(contentsOf: text.utf8) }
        case .number(let number):
            output.append(contentsOf: String(number).utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null, .list, .object:
            // swift-mustache prints a Swift debug description here; no theme wants that.
            return
        }
    }

    private mutating func appendEscaped(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                replacement.withUTF8Buffer { output.append(contentsOf: $0) }
                runStart = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
    }
}
