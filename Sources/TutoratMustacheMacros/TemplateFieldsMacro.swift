import SwiftCompilerPlugin
import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxBuilder
import SwiftSyntaxMacros

@main
struct TutoratMustacheMacrosPlugin: CompilerPlugin {
    let providingMacros: [Macro.Type] = [TemplateFieldsMacro.self, TemplateIgnoredMacro.self]
}

/// `@TemplateFields`: see its declaration in TutoratMustache (Macros.swift).
public struct TemplateFieldsMacro: ExtensionMacro {
    public static func expansion(
        of node: AttributeSyntax,
        attachedTo declaration: some DeclGroupSyntax,
        providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        let body: String
        if let enumDecl = declaration.as(EnumDeclSyntax.self) {
            if fallback(of: node) != nil {
                context.diagnose(Diagnostic(node: node, message: TemplateFieldsMessage.fallbackOnEnum))
                return []
            }
            guard let cases = enumCases(enumDecl, in: context) else { return [] }
            body = """
                switch self {
                \(cases.map { "case .\($0)(let value): return value.templateValue(name)" }.joined(separator: "\n"))
                }
                """
        } else if declaration.is(StructDeclSyntax.self) || declaration.is(ClassDeclSyntax.self) {
            guard var fields = storedFields(declaration, in: context) else { return [] }
            var otherwise = "return .null"
            if let fallback = fallback(of: node) {
                guard fields.contains(fallback.name) else {
                    context.diagnose(Diagnostic(node: fallback.node, message: TemplateFieldsMessage.noSuchFallback(fallback.name)))
                    return []
                }
                fields.removeAll { $0 == fallback.name }
                otherwise = "return self.\(fallback.name).templateValue(name)"
            }
            body = lookup(fields, otherwise: otherwise)
        } else {
            context.diagnose(Diagnostic(node: node, message: TemplateFieldsMessage.notAStructOrEnum))
            return []
        }
        // Only when the type does not conform already (SwiftPM passes the protocols still missing).
        let conformance = protocols.isEmpty ? "" : ": TutoratMustache.TemplateObject"
        let decl: DeclSyntax = """
            extension \(type.trimmed)\(raw: conformance) {
                public func templateValue(_ name: TutoratMustache.TemplateName) -> TutoratMustache.TemplateValue {
            \(raw: body.split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 }.joined(separator: "\n"))
                }
            }
            """
        guard let ext = decl.as(ExtensionDeclSyntax.self) else { return [] }
        return [ext]
    }

    /// One case per distinct hash (fields whose names collide share it and are told apart by text).
    static func lookup(_ fields: [String], otherwise: String) -> String {
        guard !fields.isEmpty else { return otherwise }
        var byHash: [(hash: UInt64, names: [String])] = []
        for field in fields {
            let hash = fnv1a(field)
            if let index = byHash.firstIndex(where: { $0.hash == hash }) { byHash[index].names.append(field) } else { byHash.append((hash, [field])) }
        }
        var lines = ["switch name.hash {"]
        for (hash, names) in byHash {
            lines.append("case \(hexLiteral(hash)):")
            for name in names {
                lines.append("    if name.text == \"\(name)\" { return self.\(name).templateValue }")
            }
        }
        lines.append("default: break")
        lines.append("}")
        lines.append(otherwise)
        return lines.joined(separator: "\n")
    }

    /// 64-bit FNV-1a of the UTF-8 bytes, as `TemplateName.hash` computes it when a template compiles.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func hexLiteral(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func fallback(of node: AttributeSyntax) -> (name: String, node: Syntax)? {
        guard let arguments = node.arguments?.as(LabeledExprListSyntax.self) else { return nil }
        for argument in arguments where argument.label?.text == "fallback" {
            if let literal = argument.expression.as(StringLiteralExprSyntax.self),
               let segment = literal.segments.first?.as(StringSegmentSyntax.self), literal.segments.count == 1 {
                return (segment.content.text, Syntax(argument.expression))
            }
        }
        return nil
    }

    /// The names of the stored instance properties, in order; nil after a diagnostic.
    private static func storedFields(_ declaration: some DeclGroupSyntax, in context: some MacroExpansionContext) -> [String]? {
        var fields: [String] = []
        var failed = false
        for member in declaration.memberBlock.members {
            guard let variable = member.decl.as(VariableDeclSyntax.self) else { continue }
            if variable.modifiers.contains(where: { ["static", "class"].contains($0.name.text) }) { continue }
            if variable.attributes.contains(where: { $0.as(AttributeSyntax.self)?.attributeName.trimmedDescription == "TemplateIgnored" }) { continue }
            for binding in variable.bindings {
                guard let identifier = binding.pattern.as(IdentifierPatternSyntax.self) else {
                    context.diagnose(Diagnostic(node: binding.pattern, message: TemplateFieldsMessage.notANamedProperty))
                    failed = true
                    continue
                }
                if let accessors = binding.accessorBlock, isComputed(accessors) {
                    context.diagnose(Diagnostic(node: identifier, message: TemplateFieldsMessage.computed(identifier.identifier.text)))
                    failed = true
                    continue
                }
                fields.append(String(identifier.identifier.text.filter { $0 != "`" }))
            }
        }
        return failed ? nil : fields
    }

    /// A getter, or accessors other than observers (`willSet`, `didSet`).
    private static func isComputed(_ block: AccessorBlockSyntax) -> Bool {
        switch block.accessors {
        case .getter: return true
        case .accessors(let list): return list.contains { !["willSet", "didSet"].contains($0.accessorSpecifier.text) }
        }
    }

    /// The names of the cases, each carrying exactly one value; nil after a diagnostic.
    private static func enumCases(_ declaration: EnumDeclSyntax, in context: some MacroExpansionContext) -> [String]? {
        var cases: [String] = []
        var failed = false
        for member in declaration.memberBlock.members {
            guard let caseDecl = member.decl.as(EnumCaseDeclSyntax.self) else { continue }
            for element in caseDecl.elements {
                guard element.parameterClause?.parameters.count == 1 else {
                    context.diagnose(Diagnostic(node: element, message: TemplateFieldsMessage.caseWithoutOneValue(element.name.text)))
                    failed = true
                    continue
                }
                cases.append(element.name.text)
            }
        }
        return failed ? nil : cases
    }
}

/// `@TemplateIgnored`: a marker read by `@TemplateFields`; adds nothing.
public struct TemplateIgnoredMacro: PeerMacro {
    public static func expansion(
        of node: AttributeSyntax,
        providingPeersOf declaration: some DeclSyntaxProtocol,
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        []
    }
}

enum TemplateFieldsMessage: DiagnosticMessage {
    case notAStructOrEnum
    case fallbackOnEnum
    case noSuchFallback(String)
    case notANamedProperty
    case computed(String)
    case caseWithoutOneValue(String)

    var message: String {
        switch self {
        case .notAStructOrEnum:
            return "@TemplateFields applies to a struct, a class or an enum"
        case .fallbackOnEnum:
            return "an enum's lookup is its cases' values: it takes no fallback"
        case .noSuchFallback(let name):
            return "the fallback '\(name)' is not a stored property of this type"
        case .notANamedProperty:
            return "@TemplateFields cannot name the fields of a tuple pattern; declare one property per name"
        case .computed(let name):
            return "computed property '\(name)' is not a template field (the reference renderer reads stored properties only): make it stored, or mark it @TemplateIgnored"
        case .caseWithoutOneValue(let name):
            return "case '\(name)' must carry exactly one value, whose fields templates read"
        }
    }

    var diagnosticID: MessageID {
        let id: String
        switch self {
        case .notAStructOrEnum: id = "notAStructOrEnum"
        case .fallbackOnEnum: id = "fallbackOnEnum"
        case .noSuchFallback: id = "noSuchFallback"
        case .notANamedProperty: id = "notANamedProperty"
        case .computed: id = "computed"
        case .caseWithoutOneValue: id = "caseWithoutOneValue"
        }
        return MessageID(domain: "TutoratMustacheMacros", id: id)
    }

    var severity: DiagnosticSeverity { .error }
}
